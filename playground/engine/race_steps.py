"""The steps of a race, shared by its loop (``playground.engine.race``): data, models, one batch, evaluation.

Keras and TensorFlow are imported inside functions so that importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks


@dataclass(frozen=True)
class RaceData:
    """The arrays every copy trains and validates on, already shaped and encoded for the model."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    task: str
    name: str = "data"



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


def tensor_batches(x: np.ndarray, y: np.ndarray, batch_size: int) -> list[tuple[Any, Any]]:
    """Splits arrays into tensors once, so every epoch's evaluation reuses them."""
    import tensorflow as tf

    return [(tf.convert_to_tensor(x[start:start + batch_size]), tf.convert_to_tensor(y[start:start + batch_size]))
            for start in range(0, len(x), batch_size)]


def evaluate_batches(model: Any, batches: Sequence[tuple[Any, Any]]) -> dict[str, float]:
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


def starting_models(spec: dict[str, Any], entries: Sequence[Any], given: Sequence[Any] | None = None) -> list[Any]:
    """One model per entry: the entry's own given model, else a copy built from ``spec``.

    The copies built from the spec all hold the first one's initial weights: only hidden activations
    differ between them, and an activation owns no weights, so the weights of one copy fit every other.
    Given models (the transfer page's pretrained ones) arrive with their weights already chosen.
    """
    from playground.spec import build_model

    given = list(given) if given else [None] * len(entries)
    # No keras.utils.set_random_seed here: it would reset the global seeds under other sessions'
    # trainings. Identical starts come from copying the weights, whatever they were drawn as.
    models = [model if model is not None else
              build_model(tasks.with_hidden_activation(spec, entry.activation), name=f"race_{index}")
              for index, (entry, model) in enumerate(zip(entries, given))]
    built = [model for model, own in zip(models, given) if own is None]
    if built:
        initial = built[0].get_weights()
        for model in built[1:]:
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
