"""The Train page's state: one dataclass under ``st.session_state["train"]``."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from playground.engine.runs import FINAL_STATUSES, Run
from playground_app.state import page_state
from playground_app.workspace import open_workspace, workspace_id

if TYPE_CHECKING:  # The engine imports Dask: only when something trains.
    from playground.engine.runner import Handle
    from playground.engine.workspace import Workspace

STATE_KEY = "train"
_log = logging.getLogger(__name__)
# The trainings of every session of this server, by workspace id, until they are kept on disk: a reload
# (a new session) during training finds its runs here, live, with their Stop.
_live_lock = threading.Lock()
_live: dict[str, list[tuple[Handle, dict[int, RunData]]]] = {}


class TrainKeys:
    """The Train page's widget keys, declared once beside its state (all start with "train_")."""

    BATCH_SIZE = "train_batch_size"
    CHECKPOINT = "train_checkpoint"
    CLEAR = "train_clear"
    DATASET = "train_dataset"
    EARLY_STOPPING = "train_early_stopping"
    EPOCHS = "train_epochs"
    EXPERIMENT = "train_experiment"
    HIDDEN_ACTIVATION = "train_hidden_activation"
    LOG_SCALE = "train_log_scale"
    LOSS = "train_loss"
    MODEL_SOURCE = "train_model_source"
    MONITOR = "train_monitor"
    ONE_HOT = "train_one_hot"
    OPTIMIZER = "train_optimizer"
    OVERLAY = "train_overlay"
    PATIENCE = "train_patience"
    PREDICT_INDEX = "train_predict_index"
    PREDICT_SOURCE = "train_predict_source"
    PRESET = "train_preset"
    RESTORE_BEST = "train_restore_best"
    RESULT_RUN = "train_result_run"
    SAMPLES = "train_samples"
    SHOW_BATCHES = "train_show_batches"
    START = "train_start"
    STOP = "train_stop"
    UPLOAD = "train_upload"
    VALIDATION_SPLIT = "train_validation_split"


@dataclass
class RunData:
    """What the results section needs besides the run: the test data it was evaluated on.

    ``feature_names``, ``feature_mean`` and ``feature_scale`` let "predict one example" take values typed in
    each feature's own units (empty for images).
    """

    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    kind: str
    feature_names: tuple[str, ...] = ()
    feature_mean: tuple[float, ...] = ()
    feature_scale: tuple[float, ...] = ()


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
        published: Run id → the pages that can use its model (empty: none), for runs handed to the other pages.
        workspace: Where ended runs are kept on disk (a reload or restart brings them back), or None
            when the disk cannot be used.
        saved: Run ids already kept in the workspace (restored runs included).
        charted_runs: The runs the live chart has drawn points of (until then the live redraws wait for them).
        result_choice: The run whose results the learner picked, or None: show the newest ended run.
        defaults_origin: The dataset whose proposed epochs, learning rate and batch size are in the widgets.
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
    published: dict[int, tuple[str, ...]] = field(default_factory=dict)
    workspace: Workspace | None = None
    saved: set[int] = field(default_factory=set)
    charted_runs: set[int] = field(default_factory=set)
    defaults_origin: str = ""
    result_choice: int | None = None

    def active_runs(self) -> list[Run]:
        """Runs queued or training."""
        return [run for run in self.runs if run.active]


def train_state() -> TrainState:
    """Returns this session's Train page state, creating it (with the workspace's kept runs) on first use."""
    return page_state(STATE_KEY, restored_state)


def restored_state() -> TrainState:
    """A fresh Train state holding the runs kept in this browser's workspace (none when it cannot be read)."""
    workspace = open_workspace(workspace_id())
    runs = []
    if workspace is not None:
        try:
            runs = workspace.runs()
        except Exception:  # A damaged workspace must not stop the page: start empty, keep training.
            _log.exception("The runs of %s could not be read", workspace.folder)
    state = TrainState(runs=runs, workspace=workspace, saved={run.run_id for run in runs})
    kept = {run.uid for run in runs}
    with _live_lock:
        live = list(_live.get(workspace_id(), ()))
    for handle, run_data in live:  # Trainings started before a reload: still running, or ending just now.
        fresh = [run for run in handle.runs if run.uid not in kept]
        if fresh:
            state.runs.extend(fresh)
            state.handles.append(handle)
            state.run_data.update({run.run_id: run_data[run.run_id] for run in fresh if run.run_id in run_data})
    return state


def keeping_runs(state: TrainState) -> Callable[[Handle], None]:
    """What ``runner.submit`` calls when a training of this session ends: keep its runs on disk.

    Until then the training is listed for this workspace, so a reload finds it (``restored_state``).
    Runs on disk even when no page is open any more.
    """
    key = workspace_id()
    workspace = state.workspace

    def keep(handle: Handle) -> None:
        try:
            for run in handle.runs:
                if workspace is not None and run.status in FINAL_STATUSES:
                    workspace.save(run)
        finally:
            with _live_lock:
                _live[key] = [entry for entry in _live.get(key, ()) if entry[0] is not handle]

    return keep


def listed(handle: Handle, run_data: dict[int, RunData]) -> None:
    """Lists a training just started in this session's workspace (see ``keeping_runs``)."""
    with _live_lock:
        if not handle.done.is_set():
            _live.setdefault(workspace_id(), []).append((handle, run_data))


def keep_ended(state: TrainState) -> list[Run]:
    """Saves each run that ended since the last call to the workspace, once.

    Returns:
        The runs that could not be saved (the disk is full or read-only); they stay in the session only.
    """
    failed = []
    for run in state.runs:
        if run.run_id in state.saved or run.status not in FINAL_STATUSES:
            continue
        state.saved.add(run.run_id)  # Once, even when it fails: no warning on every rerun.
        if state.workspace is None:
            continue
        try:
            state.workspace.save(run)
        except (OSError, sqlite3.Error):
            _log.exception("Run %s could not be saved in %s", run.config.label, state.workspace.folder)
            failed.append(run)
    return failed


def forget_run(state: TrainState, run: Run) -> None:
    """Removes one run from the session and from the workspace."""
    state.runs.remove(run)
    state.run_data.pop(run.run_id, None)
    state.saved.discard(run.run_id)
    _in_workspace(state, lambda workspace: workspace.delete(run))


def forget_all(state: TrainState) -> None:
    """Removes every run from the session and from the workspace ("Clear runs")."""
    state.runs.clear()
    state.run_data.clear()
    state.saved.clear()
    _in_workspace(state, lambda workspace: workspace.clear())


def _in_workspace(state: TrainState, change: Callable[[Workspace], None]) -> None:
    """Applies a change to the workspace; a disk that fails is logged, the session goes on."""
    if state.workspace is None:
        return
    try:
        change(state.workspace)
    except (OSError, sqlite3.Error):
        _log.exception("The workspace %s could not be changed", state.workspace.folder)
