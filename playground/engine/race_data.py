"""The arrays a race trains, validates and tests on, and the fast evaluation over them.

Split out of ``playground.engine.race`` (which re-exports ``RaceData`` and ``prepare_data``): the race
is the loop, this is what it loops over. Keras/TensorFlow are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks


@dataclass(frozen=True)
class RaceData:
    """The arrays every copy trains and validates on, already shaped and encoded for the model.

    Attributes:
        x_train: Training samples (every copy sees the same batches of them).
        y_train: Training labels.
        x_val: Validation samples, evaluated after every epoch (``val_loss``, ``val_accuracy``).
        y_val: Validation labels.
        task: "binary", "multiclass" or "regression".
        name: The dataset's name, for the run records.
        x_test: Test samples evaluated once at the end (the overfitting lab's "test accuracy"), or None.
        y_test: Test labels, or None.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    task: str
    name: str = "data"
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None


def prepare_data(dataset: Any, spec: dict[str, Any], train_samples: int | None = None, seed: int = 0,
                 validation_samples: int | None = None) -> RaceData:
    """Shapes a ``playground.data.registry.Dataset`` for the spec's input (and takes a subset when asked).

    Without ``validation_samples`` the race validates on the dataset's test split (the optimizer race:
    one held-out set is enough to compare optimizers). With it, the validation samples are held out of
    the training split, disjoint from the training subset, and the test split is kept apart for one
    evaluation at the end — what the overfitting lab needs, since ModelCheckpoint picks its epoch by
    validation accuracy and a test score measured on the same samples would flatter it.

    Args:
        dataset: A loaded dataset.
        spec: The model spec whose ``input_shape`` the samples must take.
        train_samples: Training samples to keep (stratified), or None for all.
        seed: Seed of the subset.
        validation_samples: Samples held out of the training split for validation, or None (see above).

    Raises:
        ValueError: The samples cannot take the model's input shape (check with ``tasks.check`` first).
    """
    from playground.data.registry import subsample

    input_shape = spec.get("input_shape") or spec["layers"][0].get("shape")

    def shaped(x: np.ndarray) -> np.ndarray:
        return np.asarray(tasks.fit_inputs(np.asarray(x, dtype="float32"), input_shape))

    if validation_samples is not None:
        order = np.random.default_rng(seed).permutation(len(dataset.y_train))
        kept = len(order) if train_samples is None else min(int(train_samples), len(order))
        validation = order[kept:kept + int(validation_samples)]
        if len(validation) == 0:  # Everything is for training: validate on a slice of it rather than on nothing.
            validation = order[:int(validation_samples)]
        train = order[:kept]
        return RaceData(
            x_train=shaped(dataset.x_train[train]), y_train=np.asarray(dataset.y_train[train]),
            x_val=shaped(dataset.x_train[validation]), y_val=np.asarray(dataset.y_train[validation]),
            task=dataset.task, name=getattr(dataset, "name", "data"),
            x_test=shaped(dataset.x_test), y_test=np.asarray(dataset.y_test),
        )
    if train_samples is not None and train_samples < len(dataset.y_train):
        dataset = subsample(dataset, train_samples, seed=seed)
    return RaceData(
        x_train=shaped(dataset.x_train), y_train=np.asarray(dataset.y_train),
        x_val=shaped(dataset.x_test), y_val=np.asarray(dataset.y_test),
        task=dataset.task, name=getattr(dataset, "name", "data"),
    )


def tensor_batches(x: np.ndarray, y: np.ndarray, batch_size: int) -> list[tuple[Any, Any]]:
    """Splits arrays into tensors once, so every epoch's evaluation reuses them."""
    import tensorflow as tf

    return [(tf.convert_to_tensor(x[start:start + batch_size]), tf.convert_to_tensor(y[start:start + batch_size]))
            for start in range(0, len(x), batch_size)]


def evaluate(model: Any, batches: Sequence[tuple[Any, Any]]) -> dict[str, float]:
    """Loss and metrics on the batches, like ``model.evaluate`` but without its per-call set-up.

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
