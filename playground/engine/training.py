"""Live training: a Keras callback that publishes to a ``Run``, and a background runner.

The page never waits for ``fit``. ``start(jobs)`` trains in a daemon thread of the server process (one
thread per press of Train; queued runs of an experiment train one after another in it). The thread
writes everything into the job's ``Run`` (see ``playground.engine.runs``); the page reads snapshots.

Why a thread and not a process: the model must stay in the learner's session (Stop keeps the partly
trained model; the Draw page uses it), and Streamlit's global ``keras.backend.clear_session()`` after
every script run is neutralised by ``ui/keras_hook.py``, so nothing resets Keras under a running fit.

Keras is imported inside functions so that ``import playground.engine.training`` stays cheap.
"""

from __future__ import annotations

import math
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks
from playground.engine.optimizers import make_optimizer
from playground.engine.runs import DIVERGED, FAILED, FINISHED, STOPPED, Run, RunEvent, RunResults

# Seconds between two published batch points. Reading a log value can force a device sync, and each
# point is one more thing to draw: five points a second is smooth enough for a chart redrawn every second.
PUBLISH_INTERVAL = 0.2
MISCLASSIFIED_SHOWN = 24


class LivePublisher:
    """The framework-free heart of the live callback: throttling, Stop and divergence checks.

    The Keras callback made by ``live_callback`` only forwards its hooks here, so this logic is
    tested without Keras and costs one clock read per batch.
    """

    def __init__(
        self,
        run: Run,
        interval: float = PUBLISH_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        checkpoint: Any = None,
    ) -> None:
        """Creates a publisher writing into ``run``.

        Args:
            run: The run record to publish into.
            interval: Smallest time between two published batch points, in seconds.
            clock: Monotonic clock (replaced in tests).
            checkpoint: A ``keras.callbacks.ModelCheckpoint`` whose saves become chart markers, or None.
        """
        self.run = run
        self.interval = interval
        self.clock = clock
        self.checkpoint = checkpoint
        self.diverged = False
        self._epoch = 0
        self._last_published = -math.inf
        self._checkpoint_best: float | None = None

    def should_stop(self) -> bool:
        """Tells whether the learner pressed Stop (checked before every batch)."""
        return self.run.stop_requested.is_set()

    def epoch_begin(self, epoch: int) -> None:
        """Remembers the epoch for the batch positions."""
        self._epoch = epoch

    def batch_end(self, batch: int, logs: dict[str, Any] | None) -> bool:
        """Publishes a batch point when the interval has passed; returns True to stop training.

        The loss is checked on every batch, like ``keras.callbacks.TerminateOnNaN``: with the
        TensorFlow backend Keras has already turned the logs into Python floats, so this costs nothing.
        """
        logs = logs or {}
        if not _is_finite(logs.get("loss")):
            self.diverged = True
            return True
        now = self.clock()
        if now - self._last_published >= self.interval:
            self._last_published = now
            self.run.add_batch(self._epoch, batch, _floats(logs))
        return self.should_stop()

    def epoch_end(self, epoch: int, logs: dict[str, Any] | None) -> bool:
        """Publishes the epoch's logs and checkpoint marker; returns True to stop training."""
        logs = _floats(logs or {})
        if not _is_finite(logs.get("loss")):
            self.diverged = True
            return True
        self.run.add_epoch(epoch, logs)
        self._mark_checkpoint(epoch)
        return self.should_stop()

    def _mark_checkpoint(self, epoch: int) -> None:
        """Adds a marker when ModelCheckpoint improved its best value (it saved the model)."""
        if self.checkpoint is None:
            return
        best = getattr(self.checkpoint, "best", None)
        if best is not None and _is_finite(best) and best != self._checkpoint_best:
            self._checkpoint_best = float(best)
            self.run.add_event(RunEvent("checkpoint", epoch, float(best), getattr(self.checkpoint, "monitor", None)))


def _is_finite(value: Any) -> bool:
    """True for a finite number or a missing value (nothing to judge)."""
    if value is None:
        return True
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def _floats(logs: dict[str, Any]) -> dict[str, float]:
    """Keeps the numeric log values as floats (Keras may add non-numeric entries)."""
    result: dict[str, float] = {}
    for name, value in logs.items():
        try:
            result[name] = float(value)
        except (TypeError, ValueError):
            continue
    return result


def live_callback(publisher: LivePublisher) -> Any:
    """Returns a ``keras.callbacks.Callback`` whose hooks hand off to ``publisher``."""
    import keras

    class LiveCallback(keras.callbacks.Callback):
        """Publishes to a run record; Stop and NaN end training after the current batch."""

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            publisher.epoch_begin(epoch)

        def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
            # Keras checks ``stop_training`` after every batch, so this ends fit within one batch.
            if publisher.should_stop():
                self.model.stop_training = True

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            if publisher.batch_end(batch, logs):
                self.model.stop_training = True

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            if publisher.epoch_end(epoch, logs):
                self.model.stop_training = True

    return LiveCallback()


@dataclass
class TrainingJob:
    """One training to run: the run record, a built model and the data.

    Attributes:
        run: Where the training publishes; its config says how to compile and fit.
        model: A built Keras model (compiled here with the run's optimizer and loss).
        x_train: Training inputs, already shaped for the model.
        y_train: Training labels, already encoded for the loss.
        x_test: Test inputs, shaped for the model.
        y_test: Test labels as integers (classification) or values (regression).
        task: ``"binary"``, ``"multiclass"`` or ``"regression"``.
        on_finish: Called with the run when it ended (e.g. to publish the model), or None.
    """

    run: Run
    model: Any
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    task: str
    on_finish: Callable[[Run], None] | None = None


def start(jobs: Sequence[TrainingJob]) -> threading.Thread:
    """Trains ``jobs`` one after another in a background daemon thread and returns the thread."""
    thread = threading.Thread(target=execute_all, args=(list(jobs),), name="playground-training", daemon=True)
    thread.start()
    return thread


def execute_all(jobs: Sequence[TrainingJob]) -> None:
    """Trains ``jobs`` in order in the calling thread; a queued run whose Stop was pressed is skipped."""
    for job in jobs:
        if job.run.stop_requested.is_set():
            job.run.finish(STOPPED)
            continue
        execute(job)


def execute(job: TrainingJob) -> None:
    """Compiles, fits and evaluates one job in the calling thread. Never raises: errors end the run."""
    run = job.run
    run.model = job.model
    try:
        publisher = _fit(job)
        if publisher.diverged:
            run.finish(DIVERGED, "train.diverged", learning_rate=run.config.learning_rate)
        else:
            run.set_results(evaluate(job.model, job.x_test, job.y_test, job.task, run.config.one_hot))
            run.finish(STOPPED if run.stop_requested.is_set() else FINISHED)
    except Exception as error:  # noqa: BLE001 - the learner sees the reason; the page never sees a traceback.
        run.finish(FAILED, "train.error_failed", detail=_short(error))
    if job.on_finish is not None:
        job.on_finish(run)


def _fit(job: TrainingJob) -> LivePublisher:
    """Compiles the model and runs ``fit`` with the live callback (plus EarlyStopping/ModelCheckpoint)."""
    import keras

    config = job.run.config
    job.model.compile(
        optimizer=make_optimizer(config.optimizer, config.learning_rate, **config.optimizer_parameters),
        loss=config.loss,
        metrics=tasks.metrics_for(job.task),
    )
    callbacks: list[Any] = []
    monitor = config.early_stopping.monitor if config.early_stopping else _default_monitor(config.validation_split)
    checkpoint = None
    if config.checkpoint:
        path = os.path.join(tempfile.mkdtemp(prefix="playground-checkpoint-"), f"run-{job.run.run_id}.keras")
        checkpoint = keras.callbacks.ModelCheckpoint(path, monitor=monitor, save_best_only=True, verbose=0)
        job.run.checkpoint_path = path
        callbacks.append(checkpoint)
    early_stopping = None
    if config.early_stopping is not None:
        early_stopping = keras.callbacks.EarlyStopping(
            monitor=config.early_stopping.monitor,
            patience=config.early_stopping.patience,
            restore_best_weights=config.early_stopping.restore_best_weights,
            verbose=0,
        )
        callbacks.append(early_stopping)
    publisher = LivePublisher(job.run, checkpoint=checkpoint)
    callbacks.append(live_callback(publisher))
    training_samples = len(job.x_train) - int(len(job.x_train) * config.validation_split)
    job.run.mark_started(max(math.ceil(training_samples / config.batch_size), 1))
    job.model.fit(
        job.x_train,
        job.y_train,
        batch_size=config.batch_size,
        epochs=config.epochs,
        validation_split=config.validation_split,
        callbacks=callbacks,
        verbose=0,
    )
    if early_stopping is not None and early_stopping.stopped_epoch > 0:
        job.run.add_event(RunEvent("early_stopping", int(early_stopping.stopped_epoch),
                                   monitor=config.early_stopping.monitor))
    if job.run.stop_requested.is_set():
        job.run.add_event(RunEvent("stopped", job.run.snapshot().epoch))
    return publisher


def _default_monitor(validation_split: float) -> str:
    """Watches validation loss when there is validation data, else training loss."""
    return "val_loss" if validation_split > 0 else "loss"


def evaluate(model: Any, x_test: np.ndarray, y_test: np.ndarray, task: str, one_hot: bool = False) -> RunResults:
    """Evaluates on the test set: metrics, predictions, confusion matrix and misclassified samples.

    Args:
        model: A compiled, trained model.
        x_test: Test inputs shaped for the model.
        y_test: Integer class labels (classification) or target values (regression).
        task: ``"binary"``, ``"multiclass"`` or ``"regression"``.
        one_hot: Whether the model was compiled for one-hot labels (categorical_crossentropy).
    """
    if len(x_test) == 0:
        return RunResults()
    from sklearn.metrics import confusion_matrix

    encoded = tasks.one_hot(y_test, model.output_shape[-1]) if one_hot else y_test
    metrics = model.evaluate(x_test, encoded, verbose=0, return_dict=True, batch_size=256)
    outputs = np.asarray(model.predict(x_test, verbose=0, batch_size=256))
    if task == "regression":
        return RunResults(_floats(metrics), None, [], outputs.reshape(len(x_test), -1)[:, 0].tolist())
    predicted = tasks.predicted_classes(outputs)
    labels = np.asarray(y_test).reshape(-1).astype(int)
    classes = max(int(outputs.shape[-1]), 2, int(labels.max()) + 1, int(predicted.max()) + 1)
    matrix = confusion_matrix(labels, predicted, labels=list(range(classes)))
    wrong = np.flatnonzero(predicted != labels)[:MISCLASSIFIED_SHOWN]
    return RunResults(_floats(metrics), matrix.tolist(), wrong.tolist(), predicted.tolist())


def _short(error: BaseException) -> str:
    """The first line of an error message, short enough for a banner."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 300 else text[:297] + "…"


def make_job(
    config: Any,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
    task: str,
    class_count: int,
    model: Any = None,
    on_finish: Callable[[Run], None] | None = None,
) -> TrainingJob:
    """Builds the model (unless given), fits the data to its input shape and encodes the labels.

    Args:
        config: The ``RunConfig``; its ``spec`` is built when ``model`` is None.
        x_train: Training inputs as the dataset has them.
        y_train: Integer labels or values.
        x_test: Test inputs.
        y_test: Test labels or values.
        task: ``"binary"``, ``"multiclass"`` or ``"regression"``.
        class_count: Number of classes (for one-hot labels).
        model: An existing model to train further (an upload, or the previous run's), or None.
        on_finish: Passed on to the job.

    Raises:
        playground.spec.SpecError: When the spec cannot be built.
        ValueError: When the data cannot be reshaped to the model's input.
    """
    if model is None:
        from playground.spec import build_model

        model = build_model(config.spec, name=f"run_{config.label.split()[0].strip('#') or 'model'}")
    input_shape = tuple(model.input_shape[1:])
    return TrainingJob(
        run=Run(config),
        model=model,
        x_train=tasks.fit_inputs(np.asarray(x_train), input_shape),
        y_train=tasks.encode_labels(y_train, config.one_hot, class_count),
        x_test=tasks.fit_inputs(np.asarray(x_test), input_shape),
        y_test=np.asarray(y_test),
        task=task,
        on_finish=on_finish,
    )


# The notes' experiment: hidden activation and optimizer decide how fast (and whether) a DNN learns.
EXPERIMENT_PRESET = "mnist_dnn"
EXPERIMENT_DATASET = "mnist"
EXPERIMENT_SAMPLES = 2000
EXPERIMENT_EPOCHS = 5
EXPERIMENT_RUNS: tuple[tuple[str, str, float], ...] = (
    ("sigmoid", "SGD", 0.01),
    ("relu", "SGD", 0.01),
    ("relu", "Adam", 0.001),
)
