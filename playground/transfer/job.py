"""The three ways as one engine race: same pictures, same batches, one worker, curves together.

``three_ways(...)`` builds the starting models on the server (the pretrained base loaded once), notes
their trainable and non-trainable parameters, and describes a ``playground.engine.jobs.RaceJob`` whose
entries are the three ways: scratch and feature extraction train at ``HEAD_RATE`` throughout; the
fine-tuning entry starts as feature extraction (the same weights and batches; only dropout differs) and at
``unfreeze_epoch`` unfreezes the base's top block and goes on at ``FINE_TUNE_RATE``. The page submits
it with ``playground.engine.runner.submit`` together with the pictures (sent to the cluster once).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from playground.transfer.bases import BASES
from playground.transfer.models import WAYS, build_three, fine_tune_switch, parameter_counts, scratch_spec, unfreeze_epoch

MAX_EPOCHS = 30


@dataclass(frozen=True)
class WayParameters:
    """One row of the parameters table.

    Attributes:
        way: A key of ``WAYS``.
        trainable: Trainable parameters at the start.
        non_trainable: Non-trainable (frozen) parameters at the start.
        trainable_after: Trainable parameters once the top block is unfrozen (fine-tuning), else None.
    """

    way: str
    trainable: int
    non_trainable: int
    trainable_after: int | None = None


@dataclass(frozen=True)
class ThreeWays:
    """A race of the three ways, ready to submit.

    Attributes:
        job: The race job (entries in ``WAYS`` order).
        parameters: One ``WayParameters`` per way.
        unfreeze_epoch: The epoch (0-based) fine-tuning unfreezes at.
        base: The base's key.
    """

    job: Any
    parameters: tuple[WayParameters, ...]
    unfreeze_epoch: int
    base: str


def three_ways(base: str, dataset: Any, epochs: int, batch_size: int, labels: dict[str, str],
               weights: Path | None = None, seed: int = 0) -> ThreeWays:
    """Describes the race of the three ways on ``dataset`` (pictures at the base's input shape).

    Args:
        base: A key of ``BASES``.
        dataset: The learner's pictures (``playground.transfer.images.to_dataset``).
        epochs: Epochs for every way (fine-tuning's include its frozen ones), 2 to ``MAX_EPOCHS``.
        batch_size: Pictures per batch.
        labels: Way → legend label (translated by the page).
        weights: The base's weights file, or None to find it (offline: shipped; online: the Keras cache).
        seed: Seed of the batch order.

    Raises:
        playground.transfer.bases.BaseError: The base's weights are not there.
        ValueError: Epochs out of range.
    """
    from playground.engine.jobs import RaceJob
    from playground.engine.model_files import model_to_bytes
    from playground.engine.race import RaceEntry, check_settings

    if not 2 <= int(epochs) <= MAX_EPOCHS:
        raise ValueError(f"Epochs must be between 2 and {MAX_EPOCHS}.")
    count = len(dataset.class_names)
    models = build_three(base, dataset.task, count, weights)
    switch_at = unfreeze_epoch(int(epochs))
    entries = tuple(
        RaceEntry("Adam", WAYS[way].learning_rate, name=labels.get(way, way),
                  switch=fine_tune_switch(base) if WAYS[way].fine_tune_rate else None,
                  switch_epoch=switch_at, switch_rate=WAYS[way].fine_tune_rate)
        for way in WAYS)
    check_settings(entries, epochs, batch_size)
    saved = tuple(None if way == "scratch" else model_to_bytes(models[way]) for way in WAYS)
    rows = []
    for way in WAYS:
        trainable, frozen = parameter_counts(models[way])
        after = None
        if WAYS[way].fine_tune_rate:
            fine_tune_switch(base)(models[way])
            after = parameter_counts(models[way])[0]
        rows.append(WayParameters(way, trainable, frozen, after))
    spec = scratch_spec(BASES[base].input_shape, dataset.task, count)
    job = RaceJob(spec=spec, entries=entries, epochs=int(epochs), batch_size=int(batch_size), seed=seed,
                  dataset_name=dataset.name, models=saved, target_accuracy=0.9)
    return ThreeWays(job, tuple(rows), switch_at, base)


# Pictures per class the "accuracy against pictures" measurement trains with (capped by what the learner has).
PICTURE_COUNTS = (5, 10, 20)


def fewer_pictures(dataset: Any, per_class: int, seed: int = 0) -> Any:
    """The same pictures with at most ``per_class`` training pictures of each class (validation unchanged).

    Raises:
        ValueError: ``per_class`` is below 1.
    """
    import dataclasses

    import numpy as np

    if per_class < 1:
        raise ValueError("Keep at least one picture per class.")
    rng = np.random.default_rng(seed)
    kept = np.sort(np.concatenate([
        rng.permutation(np.flatnonzero(dataset.y_train == label))[:per_class]
        for label in range(len(dataset.class_names))]))
    return dataclasses.replace(dataset, name=f"{dataset.name}_{per_class}", x_train=dataset.x_train[kept],
                               y_train=dataset.y_train[kept])


def picture_counts(dataset: Any) -> tuple[int, ...]:
    """The counts of ``PICTURE_COUNTS`` the learner's smallest class allows, plus all of it when that is more."""
    smallest = int(min(np.count_nonzero(dataset.y_train == label) for label in range(len(dataset.class_names))))
    counts = [count for count in PICTURE_COUNTS if count < smallest]
    return tuple(counts + [smallest])


def final_accuracy(handle: Any) -> dict[str, float | None]:
    """Each way's validation accuracy after its last epoch (None while it has none), by way."""
    return {way: (run.table_row.val_accuracy if run.table_row is not None else None)
            for way, run in zip(WAYS, handle.runs)}
