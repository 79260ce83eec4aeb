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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks
from playground.errors import first_line
from playground.engine.optimizers import OptimizerChoice, make_optimizer, optimizer_arguments
from playground.engine.runs import DIVERGED, FAILED, FINISHED, STOPPED, Run, RunConfig
from playground.labs.surfaces import CompareError
from playground.engine.training import LivePublisher
from playground.engine.race_steps import (  # noqa: F401 - RaceData and prepare_data are re-exported.
    RaceData,
    evaluate_batches,
    prepare_data,
    starting_models,
    tensor_batches,
    train_step,
)

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
        name: The legend label instead of the optimizer's (the transfer page's "Fine-tuning"), or None.
        switch: ``switch(model)`` changes the model at the start of epoch ``switch_epoch`` (fine-tuning
            unfreezes the top block), which is then compiled again with ``switch_rate``; picklable. None: never.
        switch_epoch: See ``switch`` (0-based).
        switch_rate: The learning rate after the switch (the same optimizer, e.g. a lower Adam).
    """

    activation: str | None = None
    name: str | None = None
    switch: Callable[[Any], None] | None = None
    switch_epoch: int = 0
    switch_rate: float | None = None

    @property
    def label(self) -> str:
        """A legend label such as ``relu+Adam lr=0.001`` (or the entry's own ``name``)."""
        if self.name:
            return self.name
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
        seconds: This entry's own training time (its steps and evaluations, not the others').
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
        models: Sequence[Any] | None = None,
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
            models: Per entry, its own built Keras model to train, or None to build it from ``spec``.

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
        self.models = starting_models(spec, self.entries, models)
        for model, entry in zip(self.models, self.entries):
            self._compile(model, entry, entry.learning_rate)
        own = list(models) if models else [None] * len(self.entries)
        self.runs = [Run(race_config(spec if model is None else None, data.name, entry, self.epochs,
                                     self.batch_size, self.loss))
                     for entry, model in zip(self.entries, own)]
        self.results = [EntryResult(entry.label, "queued") for entry in self.entries]
        self._validation_batches: list[tuple[Any, Any]] = []

    def _compile(self, model: Any, entry: RaceEntry, learning_rate: float | None) -> None:
        model.compile(optimizer=make_optimizer(entry.optimizer, learning_rate, **entry.parameters),
                      loss=self.loss, metrics=tasks.metrics_for(self.data.task))

    def _maybe_switch(self, index: int, epoch: int) -> bool:
        """Carries out an entry's switch at its epoch (fine-tuning's unfreezing); True when it happened."""
        entry = self.entries[index]
        if entry.switch is None or epoch != entry.switch_epoch:
            return False
        entry.switch(self.models[index])
        self._compile(self.models[index], entry, entry.switch_rate)
        return True

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
        self._validation_batches = tensor_batches(self.data.x_val, self.data.y_val, VALIDATION_BATCH)
        for epoch in range(self.epochs):
            order = order_generator.permutation(count)
            # A switched model is compiled anew: its first step builds the new train function.
            fresh = {index for index in racing if epoch == 0 or self._maybe_switch(index, epoch)}
            for index in racing:
                publishers[index].epoch_begin(epoch)
                # Metrics accumulate over the epoch (see race_steps.train_step), as in fit's logs.
                self.models[index].reset_metrics()
            for batch in range(steps):
                chosen = order[batch * self.batch_size:(batch + 1) * self.batch_size]
                # One conversion per batch, shared by every copy: the same tensors, the same order.
                x_batch = tf.convert_to_tensor(self.data.x_train[chosen])
                y_batch = tf.convert_to_tensor(self.data.y_train[chosen])
                for index in list(racing):
                    started = time.perf_counter()
                    logs = train_step(self.models[index], x_batch, y_batch, first=batch == 0 and index in fresh)
                    seconds[index] += time.perf_counter() - started
                    if publishers[index].batch_end(batch, logs):
                        racing.remove(index)
                        self._drop_out(index, publishers[index], seconds[index])
                if not racing:
                    return
            for index in list(racing):
                started = time.perf_counter()
                logs = self._epoch_logs(index)
                seconds[index] += time.perf_counter() - started
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
            logs.update({f"val_{name}": value for name, value in evaluate_batches(model, self._validation_batches).items()})
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


def race_config(spec: dict[str, Any] | None, dataset_name: str, entry: RaceEntry, epochs: int, batch_size: int,
                loss: str = "") -> RunConfig:
    """The run record's configuration of one entry (what the legend and the runs table show)."""
    return RunConfig(
        label=entry.label, spec=spec, dataset=dataset_name, loss=loss, optimizer=entry.optimizer,
        learning_rate=entry.rate, optimizer_parameters=dict(entry.parameters), hidden_activation=entry.activation,
        batch_size=int(batch_size), epochs=int(epochs), validation_split=0.0,
    )


