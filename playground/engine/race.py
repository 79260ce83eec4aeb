"""The optimizer race: identical copies of one model train interleaved, batch by batch.

Fair by construction: every copy starts from the same initial weights (the model is built once
and its weights copied into the others) and sees the same shuffled batches in the same order (one
permutation per epoch, shared). The copies advance in step — round-robin, one ``train_on_batch``
each per batch — so their curves grow together on the page instead of one after another.

Each entry publishes into its own ``playground.engine.runs.Run`` through the Train page's
``LivePublisher`` (throttling, Stop and the NaN check are written once, there). A diverging entry
(NaN or infinite loss) is marked "diverged" and drops out; the others continue.

Keras is imported lazily (inside functions) so that ``import playground.engine.race`` stays cheap.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks
from playground.errors import first_line
from playground.engine.optimizers import OptimizerChoice, make_optimizer, optimizer_arguments
from playground.engine.runs import DIVERGED, FAILED, FINISHED, STOPPED, Run, RunConfig
from playground.labs.surfaces import CompareError
from playground.engine.training import LivePublisher

MIN_ENTRIES = 2
MAX_ENTRIES = 6
# Seconds between two published batch points of one entry: small epochs take well under a second.
PUBLISH_INTERVAL = 0.05
# Validation samples per evaluation step: large, so a typical validation set is one or two steps.
VALIDATION_BATCH = 1024


@dataclass(frozen=True)
class RaceEntry(OptimizerChoice):
    """One contestant: an optimizer with its settings, and optionally its own hidden activation.

    Attributes:
        activation: Activation for every hidden layer of this copy, or None to keep the model's.
    """

    activation: str | None = None

    @property
    def label(self) -> str:
        """A legend label such as ``relu+Adam lr=0.001``."""
        name = f"{self.activation}+{self.optimizer}" if self.activation else self.optimizer
        return f"{name} lr={self.rate:g}"


@dataclass(frozen=True)
class RacePreset:
    """A one-click experiment: which preset model, which dataset, which entries, how long.

    The Compare page races the entries; the Train page's experiment button trains them as separate
    runs. Both read the same entry, so the notes' table is written once.

    Attributes:
        model: A key of ``playground.spec.presets.PRESETS``.
        dataset: A key of ``playground.data.registry.DATASETS``.
        entries: The contestants.
        samples: Training samples (the bundled 4,000 MNIST digits: long enough for the curves to
            separate, a few seconds per contestant on a laptop).
        epochs: Epochs to train.
    """

    model: str
    dataset: str
    entries: tuple[RaceEntry, ...]
    samples: int = 4000
    epochs: int = 5


RACE_PRESETS: dict[str, RacePreset] = {
    # The course notes' table: the same network with sigmoid+SGD, relu+SGD and relu+Adam.
    "notes_table": RacePreset("mnist_dnn", "mnist", (
        RaceEntry("SGD", 0.01, activation="sigmoid"),
        RaceEntry("SGD", 0.01, activation="relu"),
        RaceEntry("Adam", 0.001, activation="relu"),
    )),
    # One optimizer, three learning rates: too high (blows up), too low (crawls), about right.
    "learning_rate": RacePreset("mnist_dnn", "mnist", (
        RaceEntry("SGD", 5.0),
        RaceEntry("SGD", 0.0005),
        RaceEntry("SGD", 0.1),
    )),
}


@dataclass(frozen=True)
class RaceData:
    """The arrays every copy trains and validates on, already shaped and encoded for the model."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    task: str
    name: str = "data"


@dataclass
class EntryResult:
    """A row of the table shown after the race.

    Attributes:
        label: The entry's label.
        status: "finished", "stopped", "diverged" or "failed" (or "running" while it trains).
        train_loss: Training loss of the last full epoch, or None.
        train_accuracy: Training accuracy of the last epoch, or None (regression).
        val_loss: Validation loss after the last epoch, or None.
        val_accuracy: Validation accuracy after the last epoch, or None.
        epochs_to_target: First epoch (1-based) whose accuracy reached the target, or None.
        seconds_to_target: This entry's own training time until then, or None.
        seconds: This entry's own training time: its optimizer steps, not the others'. Not counted: its
            first step, which builds and compiles the step function, and the validation passes (the same
            work for every entry; the first compiles the test function). Counting them gave 3.1 s vs 0.7 s
            for two identical entries.
        epochs: Epochs completed.
    """

    label: str
    status: str
    train_loss: float | None = None
    train_accuracy: float | None = None
    val_loss: float | None = None
    val_accuracy: float | None = None
    epochs_to_target: int | None = None
    seconds_to_target: float | None = None
    seconds: float = 0.0
    epochs: int = 0


class Race:
    """Trains identical copies of a model with different optimizers, interleaved batch by batch.

    Attributes:
        entries: The contestants, in order.
        runs: One run record per entry (what the page draws).
        models: One compiled Keras model per entry (kept after the race, partly trained after Stop).
        results: One ``EntryResult`` per entry, filled in as epochs end.
    """

    def __init__(
        self,
        spec: dict[str, Any],
        data: RaceData,
        entries: Sequence[RaceEntry],
        epochs: int = 5,
        batch_size: int = 32,
        target_accuracy: float = 0.9,
        seed: int = 0,
    ) -> None:
        """Builds the copies (same initial weights) and compiles each with its optimizer.

        Args:
            spec: The model spec (see ``playground.spec``); each entry may override hidden activations.
            data: Training and validation arrays, shaped for the spec's input.
            entries: ``MIN_ENTRIES`` to ``MAX_ENTRIES`` contestants.
            epochs: Epochs to train, 1 to 100.
            batch_size: Samples per batch, 1 to 4096.
            target_accuracy: Accuracy (validation, else training) whose first reaching is timed.
            seed: Seed of the batch order.

        Raises:
            CompareError: Too few or too many entries, or epochs / batch size out of range.
            ValueError: An optimizer setting out of range (from ``playground.engine.optimizers``).
            playground.spec.SpecError: The spec cannot be built.
        """
        check_settings(entries, epochs, batch_size)
        self.entries = list(entries)
        self.data = data
        self.epochs = int(epochs)
        self.batch_size = int(batch_size)
        self.target_accuracy = float(target_accuracy)
        self.seed = int(seed)
        self.loss = tasks.HEADS[data.task].loss
        self.models = _identical_models(spec, self.entries)
        for model, entry in zip(self.models, self.entries):
            model.compile(optimizer=make_optimizer(entry.optimizer, entry.learning_rate, **entry.parameters),
                          loss=self.loss, metrics=tasks.metrics_for(data.task))
        self.runs = [Run(race_config(spec, data.name, entry, self.epochs, self.batch_size, self.loss))
                     for entry in self.entries]
        self.results = [EntryResult(entry.label, "queued") for entry in self.entries]
        self._validation_batches: list[tuple[Any, Any]] = []

    def stop(self) -> None:
        """Asks every entry to stop after its current batch (the models keep what they learned)."""
        for run in self.runs:
            run.stop_requested.set()

    @property
    def active(self) -> bool:
        """Whether the race is still running (or about to)."""
        return any(run.active for run in self.runs)

    # The race itself (a worker process, or the caller in tests and the benchmark).

    def execute(self) -> None:
        """Trains all entries interleaved to the end, a Stop, or until every entry diverged. Never raises."""
        try:
            self._train()
        except Exception as error:  # noqa: BLE001 - the learner sees the reason, never a traceback.
            for run, result in zip(self.runs, self.results):
                if run.active:
                    result.status = FAILED
                    run.set_table_row(result)
                    run.finish(FAILED, "compare.error.race_failed", detail=first_line(error, 300))

    def _train(self) -> None:
        import tensorflow as tf

        count = len(self.data.x_train)
        steps = max(math.ceil(count / self.batch_size), 1)
        publishers = [LivePublisher(run, interval=PUBLISH_INTERVAL) for run in self.runs]
        seconds = [0.0] * len(self.entries)
        racing = list(range(len(self.entries)))
        for run, result in zip(self.runs, self.results):
            run.mark_started(steps)
            result.status = "running"
            run.set_table_row(result)
        order_generator = np.random.default_rng(self.seed)
        self._validation_batches = _tensor_batches(self.data.x_val, self.data.y_val, VALIDATION_BATCH)
        for epoch in range(self.epochs):
            order = order_generator.permutation(count)
            for index in racing:
                publishers[index].epoch_begin(epoch)
                # Metrics accumulate over the epoch (see _train_step), as in fit's logs.
                self.models[index].reset_metrics()
            for batch in range(steps):
                chosen = order[batch * self.batch_size:(batch + 1) * self.batch_size]
                # One conversion per batch, shared by every copy: the same tensors, the same order.
                x_batch = tf.convert_to_tensor(self.data.x_train[chosen])
                y_batch = tf.convert_to_tensor(self.data.y_train[chosen])
                first = epoch == 0 and batch == 0
                for index in list(racing):
                    started = time.perf_counter()
                    logs = _train_step(self.models[index], x_batch, y_batch, first=first)
                    if not first:  # The first step builds and compiles the step: set-up, not training.
                        seconds[index] += time.perf_counter() - started
                    if publishers[index].batch_end(batch, logs):
                        racing.remove(index)
                        self._drop_out(index, publishers[index], seconds[index])
                if not racing:
                    return
            for index in list(racing):
                # Not counted: the validation pass is the same work for every entry, and its first call
                # compiles the test function (a second or more on a busy machine).
                logs = self._epoch_logs(index)
                self._record_epoch(index, epoch, logs, seconds[index])
                if publishers[index].epoch_end(epoch, logs):
                    racing.remove(index)
                    self._drop_out(index, publishers[index], seconds[index])
        for index in racing:
            self.results[index].status = FINISHED
            self.results[index].seconds = seconds[index]
            self.runs[index].set_table_row(self.results[index])
            self.runs[index].finish(FINISHED)

    def _epoch_logs(self, index: int) -> dict[str, float]:
        """Training metrics of the epoch plus validation metrics, named as fit names them."""
        model = self.models[index]
        logs = {name: float(value) for name, value in model.get_metrics_result().items()}
        if self._validation_batches:
            logs.update({f"val_{name}": value for name, value in _evaluate(model, self._validation_batches).items()})
        return logs

    def _record_epoch(self, index: int, epoch: int, logs: dict[str, float], seconds: float) -> None:
        result = self.results[index]
        result.epochs = epoch + 1
        result.seconds = seconds
        result.train_loss = logs.get("loss")
        result.train_accuracy = logs.get("accuracy")
        result.val_loss = logs.get("val_loss")
        result.val_accuracy = logs.get("val_accuracy")
        accuracy = result.val_accuracy if result.val_accuracy is not None else result.train_accuracy
        if result.epochs_to_target is None and accuracy is not None and accuracy >= self.target_accuracy:
            result.epochs_to_target = epoch + 1
            result.seconds_to_target = seconds
        self.runs[index].set_table_row(result)

    def _drop_out(self, index: int, publisher: LivePublisher, seconds: float) -> None:
        """An entry leaves the race: it diverged (NaN/inf loss) or Stop was pressed."""
        result = self.results[index]
        result.seconds = seconds
        result.status = DIVERGED if publisher.diverged else STOPPED
        self.runs[index].set_table_row(result)
        if publisher.diverged:
            self.runs[index].finish(DIVERGED, "compare.race.diverged_note")
        else:
            self.runs[index].finish(STOPPED)


def check_settings(entries: Sequence[RaceEntry], epochs: int, batch_size: int) -> None:
    """Refuses a race that cannot run, before anything is built or sent to a worker.

    Raises:
        CompareError: Too few or too many entries, or epochs / batch size out of range.
        ValueError: An optimizer setting out of range (from ``playground.engine.optimizers``).
    """
    if not MIN_ENTRIES <= len(entries) <= MAX_ENTRIES:
        raise CompareError("compare.error.optimizer_count", minimum=MIN_ENTRIES, maximum=MAX_ENTRIES)
    if not 1 <= int(epochs) <= 100 or not 1 <= int(batch_size) <= 4096:
        raise CompareError("compare.error.race_sizes")
    for entry in entries:
        optimizer_arguments(entry.optimizer, entry.learning_rate, **entry.parameters)


def race_config(spec: dict[str, Any], dataset_name: str, entry: RaceEntry, epochs: int, batch_size: int,
                loss: str = "") -> RunConfig:
    """The run record's configuration of one entry (what the legend and the runs table show)."""
    return RunConfig(
        label=entry.label, spec=spec, dataset=dataset_name, loss=loss, optimizer=entry.optimizer,
        learning_rate=entry.rate, optimizer_parameters=dict(entry.parameters), hidden_activation=entry.activation,
        batch_size=int(batch_size), epochs=int(epochs), validation_split=0.0,
    )


def _train_step(model: Any, x_batch: Any, y_batch: Any, first: bool) -> dict[str, Any]:
    """One optimizer step on one batch; returns the epoch's running logs (loss and metrics so far).

    The very first step goes through ``train_on_batch``, which builds the optimizer and metric
    variables and compiles the model's train function. Later steps call that same compiled
    function directly, as ``fit`` does: ``train_on_batch`` would reset the metrics on every call
    (so no epoch averages) and repeat its build checks each time.
    """
    if first:
        return model.train_on_batch(x_batch, y_batch, return_dict=True)
    return model.train_function(iter([(x_batch, y_batch, None)]))


def _tensor_batches(x: np.ndarray, y: np.ndarray, batch_size: int) -> list[tuple[Any, Any]]:
    """Splits arrays into tensors once, so every epoch's evaluation reuses them."""
    import tensorflow as tf

    return [(tf.convert_to_tensor(x[start:start + batch_size]), tf.convert_to_tensor(y[start:start + batch_size]))
            for start in range(0, len(x), batch_size)]


def _evaluate(model: Any, batches: Sequence[tuple[Any, Any]]) -> dict[str, float]:
    """Loss and metrics on the validation batches, like ``model.evaluate`` but without its per-call set-up.

    ``evaluate`` builds a new data adapter and iterator every time it is called (once per epoch and
    entry here); calling the model's compiled test function on tensors made once avoids that. The
    metrics are shared with training, so they are reset first; the next epoch resets them again.
    """
    model.reset_metrics()
    model.make_test_function()
    logs: dict[str, Any] = {}
    for x_batch, y_batch in batches:
        logs = model.test_function(iter([(x_batch, y_batch, None)]))
    return {name: float(value) for name, value in logs.items()}


def _identical_models(spec: dict[str, Any], entries: Sequence[RaceEntry]) -> list[Any]:
    """Builds one copy per entry, all holding the first copy's initial weights.

    Only hidden activations differ between copies, and an activation owns no weights, so the
    weights of one copy fit every other.
    """
    from playground.spec import build_model

    # No keras.utils.set_random_seed here: it would reset the global seeds under other sessions'
    # trainings. Identical starts come from copying the weights, whatever they were drawn as.
    models = [build_model(tasks.with_hidden_activation(spec, entry.activation), name=f"race_{index}")
              for index, entry in enumerate(entries)]
    initial = models[0].get_weights()
    for model in models[1:]:
        model.set_weights(initial)
    return models


def prepare_data(dataset: Any, spec: dict[str, Any], train_samples: int | None = None, seed: int = 0) -> RaceData:
    """Shapes a ``playground.data.registry.Dataset`` for the spec's input (and takes a subset when asked).

    Args:
        dataset: A loaded dataset.
        spec: The model spec whose ``input_shape`` the samples must take.
        train_samples: Training samples to keep (stratified), or None for all.
        seed: Seed of the subset.

    Raises:
        ValueError: The samples cannot take the model's input shape (check with ``tasks.check`` first).
    """
    from playground.data.registry import subsample

    if train_samples is not None and train_samples < len(dataset.y_train):
        dataset = subsample(dataset, train_samples, seed=seed)
    input_shape = spec.get("input_shape") or spec["layers"][0].get("shape")
    return RaceData(
        x_train=np.asarray(tasks.fit_inputs(np.asarray(dataset.x_train, dtype="float32"), input_shape)),
        y_train=np.asarray(dataset.y_train),
        x_val=np.asarray(tasks.fit_inputs(np.asarray(dataset.x_test, dtype="float32"), input_shape)),
        y_val=np.asarray(dataset.y_test),
        task=dataset.task,
        name=getattr(dataset, "name", "data"),
    )
