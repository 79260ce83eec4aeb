"""Predict one example, as the notes do with ``model.predict``: the model's probability for each class.

After training, a learner picks a test example or types feature values (an iris's lengths in
centimetres) and reads what the model thinks. Typed values are in the feature's own units, while the
model learned standardised features, so ``scaled_features`` applies the training data's mean and
deviation first. Nothing here imports Streamlit; Keras is only used through the given model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec import tasks


@dataclass(frozen=True)
class Prediction:
    """What the model said about one example.

    Attributes:
        class_names: One name per class (numbers when the data has none); empty for regression.
        probabilities: The model's probability for each class, in the same order; empty for regression.
        value: The predicted value for regression, else None.
    """

    class_names: tuple[str, ...]
    probabilities: tuple[float, ...]
    value: float | None = None

    @property
    def best(self) -> str:
        """The most probable class's name ("" for regression)."""
        if not self.probabilities:
            return ""
        return self.class_names[int(np.argmax(self.probabilities))]


def model_outputs(model: Any, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """The model's outputs for ``x``, as ``model.predict`` gives them, batch by batch.

    Called eagerly (``model(x, training=False)``, what ``predict`` runs per batch): ``predict`` first traces a
    graph of the model, which a model used for a few predictions, as every run's is, pays for every time
    (0.1-0.3 s measured on 2 cores).
    """
    import keras

    if len(x) == 0:
        return np.zeros((0, *model.output_shape[1:]), "float32")
    return np.concatenate([keras.ops.convert_to_numpy(model(x[start:start + batch_size], training=False))
                           for start in range(0, len(x), batch_size)])


def predict_one(model: Any, sample: np.ndarray, class_names: Sequence[str], task: str) -> Prediction:
    """What ``model.predict`` says about one example (``model_outputs``), with its outputs named.

    Args:
        model: A trained Keras model.
        sample: One example as the dataset stores it (reshaped to the model's input when only the layout differs).
        class_names: The dataset's class names.
        task: "binary", "multiclass" or "regression".

    Returns:
        The probabilities per class; one sigmoid unit becomes two (1 − p, p), so both classes show.
    """
    batch = tasks.fit_inputs(np.asarray(sample, dtype="float32")[None, ...], tuple(model.input_shape[1:]))
    outputs = model_outputs(model, batch).reshape(-1).astype(float)
    if task == "regression":
        return Prediction((), (), float(outputs[0]))
    if len(outputs) == 1:
        outputs = np.array([1.0 - outputs[0], outputs[0]])
    names = tuple(str(name) for name in class_names[: len(outputs)])
    names += tuple(str(index) for index in range(len(names), len(outputs)))
    return Prediction(names, tuple(float(value) for value in outputs))


def scaled_features(values: Sequence[float], mean: Sequence[float], scale: Sequence[float]) -> np.ndarray:
    """Scales values typed in each feature's units as the training features were: (value − mean) / deviation.

    With no statistics (data that was not standardised here) the values are used as typed.
    """
    row = np.asarray(values, dtype="float64")
    if len(mean) == len(row) and len(scale) == len(row):
        row = (row - np.asarray(mean)) / np.asarray(scale)
    return row.astype("float32")


def unscaled_features(row: np.ndarray, mean: Sequence[float], scale: Sequence[float]) -> np.ndarray:
    """A standardised row back in each feature's own units (for showing a test example as measured)."""
    row = np.asarray(row, dtype="float64").reshape(-1)
    if len(mean) == len(row) and len(scale) == len(row):
        row = row * np.asarray(scale) + np.asarray(mean)
    return row
