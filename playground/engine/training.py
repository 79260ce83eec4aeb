"""One training in this process: compile, ``fit`` with the live callback, evaluate on the test set.

The engine (``playground.engine.worker``) calls ``execute`` inside a Dask worker process; the job's
``Run`` is mirrored to the server as it grows. Tests call it directly. Keras is imported inside
functions so that ``import playground.engine.training`` stays cheap.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks
from playground.engine.optimizers import make_optimizer
from playground.errors import first_line
from playground.engine.live import LivePublisher, floats, live_callback
from playground.labs.prediction import model_outputs
from playground.engine.runs import DIVERGED, EVALUATING, FAILED, FINISHED, STOPPED, Run, RunEvent, RunResults

MISCLASSIFIED_SHOWN = 24


@dataclass
class TrainingJob:
    """One training to run in this process: the run record, a built model and the data.

    Attributes:
        run: Where the training publishes; its config says how to compile and fit.
        model: A built Keras model (compiled here with the run's optimizer and loss).
        x_train: Training inputs, already shaped for the model.
        y_train: Training labels, already encoded for the loss.
        x_test: Test inputs, shaped for the model.
        y_test: Test labels as integers (classification) or values (regression).
        task: ``"binary"``, ``"multiclass"`` or ``"regression"``.
        checkpoint: The best model ModelCheckpoint saved (``.keras`` bytes), filled in by ``execute``.
        frames: ``frames(model) -> array`` published on the run as it trains (``FitJob.frames``), or None.
        validate_on_test: Validate on the test split every epoch instead of a held-out share.
        tensorboard_dir: Where ``keras.callbacks.TensorBoard`` writes the run's logs, or None for none.
    """

    run: Run
    model: Any
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    task: str
    checkpoint: bytes | None = None
    frames: Any = None
    validate_on_test: bool = False
    tensorboard_dir: str | None = None


def execute(job: TrainingJob) -> None:
    """Compiles, fits and evaluates one job in the calling thread. Never raises: errors end the run.

    Runs in a worker process (``playground.engine.worker``) or, in tests, in the test's own process.
    """
    run = job.run
    run.model = job.model
    try:
        publisher = _fit(job)
        if publisher.diverged:
            run.finish(DIVERGED, "train.diverged", learning_rate=run.config.learning_rate)
            return
        if run.stop_requested.is_set():
            run.add_event(RunEvent("stopped", run.snapshot().epoch, float(run.batches_trained)))
        run.add_event(RunEvent(EVALUATING, run.snapshot().epoch))  # The page says "evaluating…", not "batch 0".
        run.set_results(evaluate(job.model, job.x_test, job.y_test, job.task, run.config.one_hot))
        run.finish(STOPPED if run.stop_requested.is_set() else FINISHED)
    except Exception as error:  # noqa: BLE001 - the learner sees the reason; the page never sees a traceback.
        run.finish(FAILED, "train.error_failed", detail=first_line(error, 300))


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
    monitor = tasks.checkpoint_monitor(config.validation_split,
                                      config.early_stopping.monitor if config.early_stopping else None)
    with contextlib.ExitStack() as stack:
        checkpoint = None
        if config.checkpoint:
            # Keras's ModelCheckpoint writes a file; the folder goes when the fit ends (the bytes are kept).
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="playground-checkpoint-"))
            checkpoint = keras.callbacks.ModelCheckpoint(os.path.join(folder, "best.keras"), monitor=monitor,
                                                         save_best_only=True, verbose=0)
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
        if job.tensorboard_dir:
            from playground.engine.tensorboard import tensorboard_callback

            callbacks += [callback for callback in (tensorboard_callback(job.tensorboard_dir),) if callback is not None]
        publisher = LivePublisher(job.run, checkpoint=checkpoint, frames=job.frames)
        callbacks.append(live_callback(publisher))
        validation_data = None
        if job.validate_on_test and len(job.x_test):
            validation_data = (job.x_test, tasks.encode_labels(job.y_test, config.one_hot, job.model.output_shape[-1]))
        job.model.fit(
            job.x_train,
            job.y_train,
            batch_size=config.batch_size,
            epochs=config.epochs,
            validation_split=0.0 if validation_data is not None else config.validation_split,
            validation_data=validation_data,
            callbacks=callbacks,
            verbose=0,
        )
        if checkpoint is not None and os.path.exists(checkpoint.filepath):
            with open(checkpoint.filepath, "rb") as handle:
                job.checkpoint = handle.read()
    if early_stopping is not None and early_stopping.stopped_epoch > 0:
        job.run.add_event(RunEvent("early_stopping", int(early_stopping.stopped_epoch),
                                   monitor=config.early_stopping.monitor))
    return publisher


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
    outputs = model_outputs(model, x_test)
    metrics = metrics_from_outputs(model, encoded, outputs)
    if task == "regression":
        return RunResults(floats(metrics), None, [], outputs.reshape(len(x_test), -1)[:, 0].tolist())
    predicted = tasks.predicted_classes(outputs)
    labels = np.asarray(y_test).reshape(-1).astype(int)
    classes = max(int(outputs.shape[-1]), 2, int(labels.max()) + 1, int(predicted.max()) + 1)
    matrix = confusion_matrix(labels, predicted, labels=list(range(classes)))
    wrong = np.flatnonzero(predicted != labels)[:MISCLASSIFIED_SHOWN]
    return RunResults(floats(metrics), matrix.tolist(), wrong.tolist(), predicted.tolist())


def metrics_from_outputs(model: Any, y: np.ndarray, outputs: np.ndarray) -> dict[str, float]:
    """What ``model.evaluate(x, y)`` returns, from the model's ``outputs`` for ``x``: no second pass over the data.

    Keras's own test step on the whole set at once (``compute_loss``, regularization included, and the
    compiled metrics' ``compute_metrics``). ``evaluate`` would run the model over the test set again and
    trace a graph of its own: about 0.1 s of every run that the learner waits for.
    """
    model.reset_metrics()
    metrics = dict(model.compute_metrics(None, y, outputs))
    metrics["loss"] = model.compute_loss(y=y, y_pred=outputs, training=False)
    return floats(metrics)


def make_job(
    config: Any,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
    task: str,
    class_count: int,
    model: Any = None,
    seed: int | None = None,
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
        seed: Seeds the built model's initializers and dropouts explicitly (``build_model``), or None.

    Raises:
        playground.spec.SpecError: When the spec cannot be built.
        ValueError: When the data cannot be reshaped to the model's input.
    """
    if model is None:
        from playground.spec import build_model

        model = build_model(config.spec, name=f"run_{config.label.split()[0].strip('#') or 'model'}", seed=seed)
    input_shape = tuple(model.input_shape[1:])
    return TrainingJob(
        run=Run(config),
        model=model,
        x_train=tasks.fit_inputs(np.asarray(x_train), input_shape),
        y_train=tasks.encode_labels(y_train, config.one_hot, class_count),
        x_test=tasks.fit_inputs(np.asarray(x_test), input_shape),
        y_test=np.asarray(y_test),
        task=task,
    )
