"""What a training is, completely and serialisably: the descriptions the server sends to a worker.

A job holds no Keras object and no open resource, only plain data (the spec, the ``RunConfig``, an
uploaded model's ``.keras`` bytes), so it travels to any worker process or machine. The data it trains
on travels beside it, once (see ``playground.engine.runner``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground.engine.runs import RunConfig


@dataclass(frozen=True)
class FitJob:
    """One ``model.fit``: the Train page's runs and the notes' one-click experiment.

    Attributes:
        config: How to compile and fit (its ``spec`` is built when ``model_bytes`` is None).
        model_bytes: A ``.keras`` model to train further (an upload, or the previous epochs of a lab), or None.
        seed: Seeds the built model's initializers and dropouts explicitly (``build_model(spec, seed=...)``)
            and Keras's global seeds (``keras.utils.set_random_seed``, for fit's shuffling) before it trains,
            so the same seed gives the same initial weights and batch order whatever else the worker
            process does; None leaves the randomness alone.
        frames: ``frames(model) -> array``, a picklable picture of the model published on the run
            (``Run.set_frame``) after each epoch, at most every ``live.FRAME_INTERVAL`` seconds, and
            always at the end; None for none.
        validate_on_test: Validates on the dataset's test split every epoch (``val_loss`` is the test
            loss) instead of holding out ``config.validation_split`` of the training data.
        tensorboard_dir: The folder ``keras.callbacks.TensorBoard`` writes this run's logs to, or None
            for none (the runner fills it in when TensorBoard logs are on: ``playground.engine.tensorboard``).
    """

    config: RunConfig
    model_bytes: bytes | None = None
    seed: int | None = None
    frames: Callable[[Any], Any] | None = None
    validate_on_test: bool = False
    tensorboard_dir: str | None = None

    @property
    def configs(self) -> list[RunConfig]:
        """The run records this job writes: one."""
        return [self.config]


@dataclass(frozen=True)
class RaceJob:
    """A race: copies of one model trained interleaved (``playground.engine.race``) — the Compare page's
    optimizers, or the overfitting lab's model variants (``playground.labs.variants.VariantEntry``).

    Attributes:
        spec: The model spec.
        entries: The contestants (``RaceEntry``).
        epochs: Epochs to train.
        batch_size: Samples per batch.
        target_accuracy: Accuracy whose first reaching is timed.
        train_samples: Training samples to keep (stratified), or None for all.
        seed: Seed of the batch order.
        dataset_name: The dataset's name, for the run records.
        validation_samples: Samples held out of the training split for validation (the test split is then
            evaluated once at the end), or None to validate on the test split.
        watch: The EarlyStopping / ModelCheckpoint to imitate (``playground.engine.race.Watch``), or None.
        models: Per entry, the ``.keras`` file of its own starting model (None: built from ``spec``);
            empty when every entry is built from ``spec`` (the transfer page gives pretrained ones).
        spread: Whether the entries may train on several workers at once (the overfitting lab's
            variants): the runner splits the race into one share per free worker
            (``playground.engine.spread``), all starting from one base model and the same batches.
            False: one worker trains every entry, interleaved (the Compare page's optimizer race).
    """

    spec: dict[str, Any]
    entries: tuple[Any, ...]
    epochs: int = 5
    batch_size: int = 32
    target_accuracy: float = 0.9
    train_samples: int | None = None
    seed: int = 0
    dataset_name: str = "data"
    validation_samples: int | None = None
    watch: Any = None
    models: tuple[bytes | None, ...] = ()
    spread: bool = False

    @property
    def configs(self) -> list[RunConfig]:
        """The run records this job writes: one per entry, as ``Race`` labels them."""
        from playground.engine.race import race_config

        own = self.models or (None,) * len(self.entries)
        return [race_config(self.spec if model is None else None, self.dataset_name, entry, self.epochs,
                            self.batch_size, watch=self.watch) for entry, model in zip(self.entries, own)]


@dataclass
class Outcome:
    """What a worker sends back when a job ends (its curves went ahead through the event queue).

    Attributes:
        models: One ``.keras`` file per run (None where there is no model to keep: diverged, failed).
        checkpoints: One best-checkpoint ``.keras`` file per run, or None.
        worker_memory: The worker process's resident memory in bytes after the job (to recycle it).
    """

    models: list[bytes | None]
    checkpoints: list[bytes | None]
    worker_memory: int = 0
