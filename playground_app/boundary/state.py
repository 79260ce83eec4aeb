"""The Decision boundary page's state: the trained weights so far, the running job and the curves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground.labs.boundary_setup import BoundarySetup
from playground_app.link_memory import LinkMemory
from playground_app.state import page_state


class BoundaryKeys:
    """Widget keys of the Decision boundary page."""

    SOURCE = "boundary_source"
    SET = "boundary_set"
    TABLE = "boundary_table"
    COLUMN_X1 = "boundary_column_x1"
    COLUMN_X2 = "boundary_column_x2"
    CSV_UPLOAD = "boundary_csv_upload"
    CSV_LABEL = "boundary_csv_label"
    CLASSES = "boundary_classes"
    NOISE = "boundary_noise"
    POINTS = "boundary_points"
    TEST_RATIO = "boundary_test_ratio"
    LAYERS = "boundary_layers"
    UNITS = "boundary_units_{index}"
    ACTIVATION = "boundary_activation_{index}"
    FEATURES = "boundary_features"
    REGULARIZER = "boundary_regularizer"
    REGULARIZATION = "boundary_regularization"
    OPTIMIZER = "boundary_optimizer"
    LEARNING_RATE = "boundary_learning_rate"
    BATCH_SIZE = "boundary_batch_size"
    EPOCHS = "boundary_epochs"
    LESSON = "boundary_lesson_{key}"
    OPEN_IN_BUILD = "boundary_open_in_build"


@dataclass
class BoundaryState:
    """What the page keeps between reruns.

    Attributes:
        setup: The setup the current weights belong to (a changed control starts again from epoch 0).
        weight_seed: Seed of the initial weights: Reset keeps it, New weights draws another.
        model_bytes: The model after ``history`` epochs (``.keras``), or None at epoch 0.
        history: Epoch logs of every epoch trained so far (across Train / One epoch presses).
        frame: The latest decision grid, or None at epoch 0.
        handle: The job training now, or None.
        lesson: The key of the lesson last chosen, or None.
        error: The reason the last job failed, or None.
        link: The ``?lab=`` values read from and written to the link (``LinkMemory``).
        notice: A message to show once (a link read or refused): (kind, text).
        csv: The last uploaded CSV read: ((file name, size, label column), points or the ``CsvError``).
    """

    setup: BoundarySetup | None = None
    weight_seed: int = 0
    model_bytes: bytes | None = None
    history: list[dict[str, float]] = field(default_factory=list)
    frame: Any = None
    handle: Any = None
    lesson: str | None = None
    error: str | None = None
    link: LinkMemory = field(default_factory=LinkMemory)
    notice: tuple[str, str] | None = None
    csv: tuple[tuple[str, int, str], Any] | None = None

    def restart(self) -> None:
        """Back to epoch 0 with the same weight seed (the same initial weights).

        A job still training (a lesson or a link chosen meanwhile) is stopped and forgotten: it trains the network
        from before, whose frames and epochs do not belong to the one the page now shows.
        """
        if self.handle is not None:
            self.handle.stop()
        self.handle = None
        self.model_bytes, self.history, self.frame, self.error = None, [], None, None


def boundary_state() -> BoundaryState:
    """This session's Decision boundary state."""
    return page_state("boundary", BoundaryState)
