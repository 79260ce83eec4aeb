"""The Train page's state: one dataclass under ``st.session_state["train"]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.engine.runs import Run
from playground_app.state import page_state

if TYPE_CHECKING:  # The engine imports Dask: only when something trains.
    from playground.engine.runner import Handle

STATE_KEY = "train"


@dataclass
class RunData:
    """What the results section needs besides the run: the test data it was evaluated on."""

    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    kind: str


@dataclass
class TrainState:
    """Everything the Train page keeps between reruns.

    Attributes:
        runs: Every training of this session, oldest first (config, curves, model).
        handles: The engine's handles of this session's trainings (Stop, the viewer's heartbeat).
        run_data: Test data per run id, for the confusion matrix and the misclassified gallery.
        working_spec: The spec being trained, after one-click fixes; None until a model is chosen.
        spec_origin: Identity of the spec ``working_spec`` was copied from (reset when it changes).
        data_origin: Identity of the dataset the loss was proposed for (re-proposed when it changes).
        uploaded_model: A model loaded from a ``.keras`` upload, or None.
        uploaded_bytes: The uploaded ``.keras`` file, sent to the worker that trains it further.
        uploaded_name: The uploaded file's name.
        published: Run ids whose model was handed to the other pages.
    """

    runs: list[Run] = field(default_factory=list)
    handles: list[Handle] = field(default_factory=list)
    run_data: dict[int, RunData] = field(default_factory=dict)
    working_spec: dict[str, Any] | None = None
    spec_origin: str = ""
    data_origin: str = ""
    uploaded_model: Any = None
    uploaded_bytes: bytes | None = None
    uploaded_name: str = ""
    published: set[int] = field(default_factory=set)

    def active_runs(self) -> list[Run]:
        """Runs queued or training."""
        return [run for run in self.runs if run.active]


def train_state() -> TrainState:
    """Returns this session's Train page state, creating it on first use."""
    return page_state(STATE_KEY, TrainState)
