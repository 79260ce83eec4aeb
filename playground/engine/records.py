"""What a run is made of: its statuses, configuration, points, markers and results, as plain records.

They are plain frozen dataclasses so they travel between processes (a worker's run is mirrored into
the server's, see ``Run.delta``) and into the workspace on disk. ``playground.engine.runs`` holds the
live record that is built from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Statuses a run moves through. "queued" → "running" → one of the final four.
QUEUED = "queued"
RUNNING = "running"
STOPPED = "stopped"
FINISHED = "finished"
DIVERGED = "diverged"
FAILED = "failed"
ACTIVE_STATUSES = (QUEUED, RUNNING)
FINAL_STATUSES = (STOPPED, FINISHED, DIVERGED, FAILED)
EVALUATING = "evaluating"
"""The ``RunEvent`` kind a training adds when ``fit`` ended and the test-set evaluation begins."""

@dataclass(frozen=True)
class EarlyStoppingConfig:
    """The EarlyStopping options a learner picks.

    Attributes:
        monitor: The logged quantity to watch, e.g. ``"val_loss"``.
        patience: Epochs without improvement before stopping.
        restore_best_weights: Whether to roll the model back to its best epoch.
    """

    monitor: str = "val_loss"
    patience: int = 3
    restore_best_weights: bool = True


@dataclass(frozen=True)
class RunConfig:
    """Everything that defines one training, as shown in the runs table and the overlay legend.

    Attributes:
        label: Short name of the run, e.g. ``"#2 relu+Adam"``.
        spec: The model spec that was trained (a plain dict), or None for an uploaded model.
        dataset: Name of the dataset.
        loss: Keras loss name.
        optimizer: Key of ``playground.engine.optimizers.OPTIMIZERS``.
        learning_rate: The learning rate.
        optimizer_parameters: The optimizer's other parameters.
        hidden_activation: The activation applied to every hidden layer, or None when kept per layer.
        batch_size: Samples per batch.
        epochs: Epochs asked for.
        validation_split: Share of the training data held out for validation (0 for none).
        one_hot: Whether labels were one-hot encoded (for categorical_crossentropy).
        early_stopping: EarlyStopping options, or None when off.
        checkpoint: Whether ModelCheckpoint (best only) was on.
    """

    label: str
    spec: dict[str, Any] | None
    dataset: str
    loss: str
    optimizer: str
    learning_rate: float
    optimizer_parameters: dict[str, float] = field(default_factory=dict)
    hidden_activation: str | None = None
    batch_size: int = 32
    epochs: int = 5
    validation_split: float = 0.2
    one_hot: bool = False
    early_stopping: EarlyStoppingConfig | None = None
    checkpoint: bool = False


@dataclass(frozen=True)
class BatchPoint:
    """One published batch: where it fell (in epochs, e.g. 1.25) and its logs."""

    position: float
    logs: dict[str, float]


@dataclass(frozen=True)
class RunEvent:
    """A marker on the chart.

    Attributes:
        kind: ``"early_stopping"``, ``"checkpoint"`` or ``"stopped"`` (drawn on the chart), or
            ``"stop_seen"`` (the worker received Stop; not drawn) or ``"evaluating"`` (the test-set
            evaluation began; not drawn).
        epoch: The 0-based epoch it happened at.
        value: The monitored value (the checkpoint's best); for ``"stop_seen"`` and ``"stopped"`` the
            batches trained so far, so the batches trained after Stop can be counted.
        monitor: The logged quantity the callback watched (e.g. ``"val_loss"``), or None: the marker then
            belongs on every chart.
    """

    kind: str
    epoch: int
    value: float | None = None
    monitor: str | None = None


@dataclass
class RunResults:
    """What the page shows after training.

    Attributes:
        test_metrics: ``model.evaluate`` on the test set, by metric name.
        confusion: Confusion matrix (rows: true class, columns: predicted), or None for regression.
        misclassified: Indices into the test set of wrongly predicted samples (first few).
        predictions: Predicted class (or value) for every test sample.
    """

    test_metrics: dict[str, float] = field(default_factory=dict)
    confusion: list[list[int]] | None = None
    misclassified: list[int] = field(default_factory=list)
    predictions: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class RunCursor:
    """How much of a run has already been sent to the server (see ``Run.delta``)."""

    status: str = QUEUED
    steps: int = 0
    batches: int = 0
    epochs: int = 0
    events: int = 0
    position: tuple[int, int] = (0, 0)
    results: bool = False
    table_version: int = 0
    frame_version: int = 0
