"""The race: copies of one model train interleaved, batch by batch — optimizers, or model variants.

Fair by construction: every copy starts from the same initial weights (the base model is built once
and its weights copied into every copy wherever their layers coincide) and sees the same shuffled
batches in the same order (one permutation per epoch, shared). An entry decides its own model
(``RaceEntry.model_spec``: the optimizer race changes only hidden activations; the overfitting lab's
variants in ``playground.labs.variants`` add Dropout, BatchNormalization, L2 or global pooling) and
may augment its batches (``RaceEntry.augmenter``). The copies advance in step — round-robin, one ``train_on_batch``
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
from typing import Any

import numpy as np

from playground.spec import tasks
from playground.errors import first_line
from playground.engine.optimizers import make_optimizer, optimizer_arguments
from playground.engine.race_data import RaceData, evaluate, prepare_data, tensor_batches
from playground.engine.race_entries import (  # noqa: F401 - RacePreset and RACE_PRESETS are re-exported.
    RACE_PRESETS, EntryResult, RaceEntry, RacePreset, initial_models, parameter_count,
)
from playground.engine.race_watch import EpochWatch, Watch
from playground.engine.runs import DIVERGED, FAILED, FINISHED, STOPPED, EarlyStoppingConfig, Run, RunConfig, RunEvent
from playground.labs.surfaces import CompareError
from playground.engine.training import LivePublisher

__all__ = ["RACE_PRESETS", "EntryResult", "Race", "RaceData", "RaceEntry", "RacePreset", "Watch", "check_settings",
           "prepare_data", "race_config"]

MIN_ENTRIES = 2
MAX_ENTRIES = 6
# Seconds between two published batch points of one entry: small epochs take well under a second.
PUBLISH_INTERVAL = 0.05
# Validation samples per evaluation step: large, so a typical validation set is one or two steps.
VALIDATION_BATCH = 1024


class Race:
    """Trains copies of a model (different optimizers, or variants), interleaved batch by batch.

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
        watch: Watch | None = None,
        models: Sequence[Any] | None = None,
        base: Any = None,
        minimum_entries: int = MIN_ENTRIES,
    ) -> None:
        """Builds the copies (same initial weights where layers coincide) and compiles each with its optimizer.

        Args:
            spec: The model spec (see ``playground.spec``); each entry may override hidden activations.
            data: Training and validation arrays, shaped for the spec's input.
            entries: ``MIN_ENTRIES`` to ``MAX_ENTRIES`` contestants.
            epochs: Epochs to train, 1 to 100.
            batch_size: Samples per batch, 1 to 4096.
            target_accuracy: Accuracy (validation, else training) whose first reaching is timed.
            seed: Seed of the batch order.
            watch: EarlyStopping / ModelCheckpoint to imitate (markers, kept epoch, its test accuracy), or None.
            models: Per entry, its own built Keras model to train (the transfer page's pretrained ones), or
                None to build it from ``spec``.
            base: The base model whose initial weights the copies take where their layers coincide, or
                None to build it from ``spec`` here (see ``initial_models``).
            minimum_entries: Fewest entries accepted: 1 for one share of a race spread over workers
                (``RaceJob.spread``), whose whole was checked against ``MIN_ENTRIES`` when it was made.

        Raises:
            CompareError: Too few or too many entries, or epochs / batch size out of range.
            ValueError: An optimizer setting out of range (from ``playground.engine.optimizers``).
            playground.spec.SpecError: The spec cannot be built.
        """
        check_settings(entries, epochs, batch_size, minimum_entries)
        self.entries = list(entries)
        self.data = data
        self.epochs = int(epochs)
        self.batch_size = int(batch_size)
        self.target_accuracy = float(target_accuracy)
        self.seed = int(seed)
        self.watch = watch
        self.loss = tasks.HEADS[data.task].loss
        self.models = initial_models(spec, self.entries, models, base)
        self.augmenters = [entry.augmenter() for entry in self.entries]
        for model, entry in zip(self.models, self.entries):
            self._compile(model, entry, entry.learning_rate)
        own = list(models) if models else [None] * len(self.entries)
        self.runs = [Run(race_config(spec if model is None else None, data.name, entry, self.epochs,
                                     self.batch_size, self.loss, watch))
                     for entry, model in zip(self.entries, own)]
        self.results = [EntryResult(entry.label, "queued", trainable_params=parameter_count(model.trainable_weights),
                                    non_trainable_params=parameter_count(model.non_trainable_weights))
                        for entry, model in zip(self.entries, self.models)]
        self._validation_batches: list[tuple[Any, Any]] = []
        self._watches = [EpochWatch(watch) if watch else None for _ in self.entries]
        self._best_weights: list[Any] = [None] * len(self.entries)

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
                # Metrics accumulate over the epoch (see train_step), as in fit's logs.
                self.models[index].reset_metrics()
            for batch in range(steps):
                chosen = order[batch * self.batch_size:(batch + 1) * self.batch_size]
                # One conversion per batch, shared by every copy: the same tensors, the same order.
                x_batch = tf.convert_to_tensor(self.data.x_train[chosen])
                y_batch = tf.convert_to_tensor(self.data.y_train[chosen])
                for index in list(racing):
                    started = time.perf_counter()
                    augment = self.augmenters[index]
                    # Each augmented copy draws its own random transforms of the shared batch, as a
                    # preprocessing layer in front of its model would.
                    x_input = x_batch if augment is None else augment(x_batch, training=True)
                    first = batch == 0 and index in fresh
                    logs = train_step(self.models[index], x_input, y_batch, first=first)
                    if not first:  # The first step builds and compiles the step: set-up, not training.
                        seconds[index] += time.perf_counter() - started
                    if publishers[index].batch_end(batch, logs):
                        racing.remove(index)
                        self._drop_out(index, publishers[index], seconds[index])
                if not racing:
                    self._test_all()
                    return
            for index in list(racing):
                # Not counted: the validation pass is the same work for every entry, and its first call
                # compiles the test function (a second or more on a busy machine).
                logs = self._epoch_logs(index)
                self._record_epoch(index, epoch, logs, seconds[index])
                if publishers[index].epoch_end(epoch, logs):
                    racing.remove(index)
                    self._drop_out(index, publishers[index], seconds[index])
        self._test_all()
        for index in racing:
            self.results[index].status = FINISHED
            self.results[index].seconds = seconds[index]
            self.runs[index].set_table_row(self.results[index])
            self.runs[index].finish(FINISHED)

    def _test_all(self) -> None:
        """Evaluates every copy that trained on the test data (last weights, and the kept checkpoint's)."""
        if self.data.x_test is None or self.data.y_test is None:
            return
        batches = tensor_batches(self.data.x_test, self.data.y_test, VALIDATION_BATCH)
        for index, (model, result) in enumerate(zip(self.models, self.results)):
            if result.status == DIVERGED or result.epochs == 0:
                continue
            result.test_accuracy_last = evaluate(model, batches).get("accuracy")
            result.test_accuracy = result.test_accuracy_last
            best = self._best_weights[index]
            if best is not None:
                last = model.get_weights()
                model.set_weights(best)
                result.test_accuracy = evaluate(model, batches).get("accuracy")
                model.set_weights(last)  # The copy that goes home is the last epoch's, as fit leaves it.
            self.runs[index].set_table_row(result)

    def _epoch_logs(self, index: int) -> dict[str, float]:
        """Training metrics of the epoch plus validation metrics, named as fit names them."""
        model = self.models[index]
        logs = {name: float(value) for name, value in model.get_metrics_result().items()}
        if self._validation_batches:
            logs.update({f"val_{name}": value for name, value in evaluate(model, self._validation_batches).items()})
        return logs

    def _record_epoch(self, index: int, epoch: int, logs: dict[str, float], seconds: float) -> None:
        result = self.results[index]
        result.epochs = epoch + 1
        result.seconds = seconds
        result.train_loss = logs.get("loss")
        result.train_accuracy = logs.get("accuracy")
        result.val_loss = logs.get("val_loss")
        result.val_accuracy = logs.get("val_accuracy")
        if result.val_accuracy is not None and (result.best_val_accuracy is None
                                                or result.val_accuracy > result.best_val_accuracy):
            result.best_val_accuracy = result.val_accuracy
        self._watch_epoch(index, epoch, logs)
        accuracy = result.val_accuracy if result.val_accuracy is not None else result.train_accuracy
        if result.epochs_to_target is None and accuracy is not None and accuracy >= self.target_accuracy:
            result.epochs_to_target = epoch + 1
            result.seconds_to_target = seconds
        self.runs[index].set_table_row(result)

    def _watch_epoch(self, index: int, epoch: int, logs: dict[str, float]) -> None:
        """Marks where ModelCheckpoint would save and EarlyStopping stop, and keeps the checkpoint's weights."""
        watch = self._watches[index]
        if watch is None:
            return
        saved, stopped = watch.update(epoch, logs)
        result, run = self.results[index], self.runs[index]
        if saved:
            self._best_weights[index] = self.models[index].get_weights()
            result.checkpoint_epoch = epoch + 1
            run.add_event(RunEvent("checkpoint", epoch, watch.best, watch.watch.monitor))
        if stopped:
            result.early_stopping_epoch = epoch + 1
            run.add_event(RunEvent("early_stopping", epoch, watch.best, watch.watch.monitor))

    def _drop_out(self, index: int, publisher: LivePublisher, seconds: float) -> None:
        """An entry leaves the race: it diverged (NaN/inf loss) or Stop was pressed."""
        result = self.results[index]
        result.seconds = seconds
        result.status = DIVERGED if publisher.diverged else STOPPED
        self.runs[index].set_table_row(result)
        if publisher.diverged:
            self.runs[index].finish(DIVERGED, "compare.race.diverged_note")
        else:
            run = self.runs[index]
            # Where Stop took effect (batches trained): the chart marks it, as on the Train page.
            run.add_event(RunEvent("stopped", run.snapshot().epoch, float(run.batches_trained)))
            run.finish(STOPPED)


def check_settings(entries: Sequence[RaceEntry], epochs: int, batch_size: int,
                   minimum_entries: int = MIN_ENTRIES) -> None:
    """Refuses a race that cannot run, before anything is built or sent to a worker.

    Raises:
        CompareError: Too few or too many entries, or epochs / batch size out of range.
        ValueError: An optimizer setting out of range (from ``playground.engine.optimizers``).
    """
    if not minimum_entries <= len(entries) <= MAX_ENTRIES:
        raise CompareError("compare.error.optimizer_count", minimum=MIN_ENTRIES, maximum=MAX_ENTRIES)
    if not 1 <= int(epochs) <= 100 or not 1 <= int(batch_size) <= 4096:
        raise CompareError("compare.error.race_sizes")
    for entry in entries:
        optimizer_arguments(entry.optimizer, entry.learning_rate, **entry.parameters)


def race_config(spec: dict[str, Any] | None, dataset_name: str, entry: RaceEntry, epochs: int, batch_size: int,
                loss: str = "", watch: Watch | None = None) -> RunConfig:
    """The run record's configuration of one entry (what the legend and the runs table show)."""
    early_stopping = EarlyStoppingConfig(watch.monitor, watch.patience, False) if watch else None
    return RunConfig(
        label=entry.label, spec=None if spec is None else entry.model_spec(spec)[0], dataset=dataset_name, loss=loss, optimizer=entry.optimizer,
        learning_rate=entry.rate, optimizer_parameters=dict(entry.parameters), hidden_activation=entry.activation,
        batch_size=int(batch_size), epochs=int(epochs), validation_split=0.0, early_stopping=early_stopping,
        checkpoint=watch is not None,
    )


def train_step(model: Any, x_batch: Any, y_batch: Any, first: bool) -> dict[str, Any]:
    """One optimizer step on one batch; returns the epoch's running logs (loss and metrics so far).

    The very first step goes through ``train_on_batch``, which builds the optimizer and metric
    variables and compiles the model's train function. Later steps call that same compiled
    function directly, as ``fit`` does: ``train_on_batch`` would reset the metrics on every call
    (so no epoch averages) and repeat its build checks each time.
    """
    if first:
        return model.train_on_batch(x_batch, y_batch, return_dict=True)
    return model.train_function(iter([(x_batch, y_batch, None)]))
