"""The decision-boundary lab: input features and the model's map of the plane (its point sets:
``playground.data.points``).

Everything here is numpy (Keras only inside ``decision_grid`` and ``neuron_maps``, on a model it is
given), so the features and grids are tested without Streamlit or a cluster. The pictures cover the point sets' square
``BOUNDS``.

Input features (x₁², sin x₁, …) are the model's first layer (``InputFeatures``, the playground's own
registered Keras layer, since ``Lambda`` is refused): every model here takes the raw points (x₁, x₂).
``add_features`` computes the same columns in numpy, from the same formulas, for the network picture's input maps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# The point sets' names are also this module's: ``playground.boundary`` (this module's short path) documents
# ``make_points`` there.
from playground.data.points import BOUNDS, POINT_SETS, PointSet, make_points, train_test_split  # noqa: F401
from playground.spec.input_features import INPUT_FEATURES

FRAME_RESOLUTION = 50
"""Cells per side of the grid a worker publishes every epoch (50 × 50 float16 = 5 KB)."""
NEURON_RESOLUTION = 24
"""Cells per side of each neuron's own map (24 × 24 float16 = 1.2 KB a unit; they are drawn small)."""
MAX_DRAWN_UNITS = 8
"""Units per hidden layer the network picture draws (tensorflow/playground's own limit): 4 layers × 8 fit a page."""


@dataclass(frozen=True)
class Feature:
    """An entry of ``FEATURES``: one input column the network may see.

    Attributes:
        label: How the page and the charts write it (x₁², sin x₁).
        compute: ``compute(x1, x2, ops)`` with ``numpy`` or ``keras.ops`` as ``ops``
            (``playground.spec.input_features.INPUT_FEATURES``, the ``InputFeatures`` layer's own formulas).
    """

    label: str
    compute: Callable[[Any, Any, Any], Any]


_LABELS: dict[str, str] = {"x1": "x₁", "x2": "x₂", "x1_squared": "x₁²", "x2_squared": "x₂²", "x1_x2": "x₁x₂",
                           "sin_x1": "sin x₁", "sin_x2": "sin x₂"}
FEATURES: dict[str, Feature] = {name: Feature(_LABELS[name], compute) for name, compute in INPUT_FEATURES.items()}
PLAIN_FEATURES: tuple[str, ...] = ("x1", "x2")


def add_features(x: np.ndarray, features: Sequence[str] = PLAIN_FEATURES) -> np.ndarray:
    """What the ``InputFeatures`` layer gives for the points ``x`` (n, 2): one column per chosen feature, float32.

    Raises:
        ValueError: When no feature or an unknown one is chosen.
    """
    if not features:
        raise ValueError("Choose at least one input feature.")
    unknown = [name for name in features if name not in FEATURES]
    if unknown:
        raise ValueError(f"Unknown feature {unknown[0]!r}; choose from {', '.join(FEATURES)}.")
    x1, x2 = x[:, 0], x[:, 1]
    return np.stack([FEATURES[name].compute(x1, x2, np) for name in features], axis=1).astype(np.float32)


def axis_bounds(bounds: Sequence[float] = BOUNDS) -> tuple[float, float, float, float]:
    """(x₁ low, x₁ high, x₂ low, x₂ high) of ``bounds`` given as (low, high) for both axes or as those four."""
    low1, high1, low2, high2 = (*bounds, *bounds) if len(bounds) == 2 else bounds
    return low1, high1, low2, high2


def grid_points(bounds: Sequence[float] = BOUNDS, resolution: int = FRAME_RESOLUTION) -> tuple[np.ndarray, np.ndarray]:
    """The cell centres' coordinates along x₁ and x₂ for ``bounds`` (low, high) or (x₁ low, high, x₂ low, high)."""
    low1, high1, low2, high2 = axis_bounds(bounds)
    return np.linspace(low1, high1, resolution), np.linspace(low2, high2, resolution)


def grid_inputs(bounds: Sequence[float] = BOUNDS, resolution: int = FRAME_RESOLUTION) -> np.ndarray:
    """Every cell centre (x₁, x₂) of the grid, row by row (x₂ low to high, x₁ low to high within a row), float32."""
    axis1, axis2 = grid_points(bounds, resolution)
    first, second = np.meshgrid(axis1, axis2)
    return np.stack([first.ravel(), second.ravel()], axis=1).astype(np.float32)


def decision_grid(model: Any, bounds: Sequence[float] = BOUNDS, resolution: int = 100) -> np.ndarray:
    """What the model says at every cell of a ``resolution`` × ``resolution`` grid over ``bounds``.

    One batched ``model(grid, training=False)`` call: ``predict`` would cost a data pipeline per call
    (tens of milliseconds), and this runs every epoch while a learner watches.

    Args:
        model: A Keras model taking points (x₁, x₂) (input features, if any, are its first layer).
        bounds: (low, high) for both axes, or (x₁ low, x₁ high, x₂ low, x₂ high).
        resolution: Cells per side.

    Returns:
        Row ``i`` is x₂ = the i-th value from low to high, column ``j`` is x₁: the positive-class
        probability (r, r) for one sigmoid unit, or class probabilities (r, r, classes) for softmax.
    """
    outputs = np.asarray(model(grid_inputs(bounds, resolution), training=False))
    if outputs.shape[-1] == 1:
        return outputs.reshape(resolution, resolution)
    return outputs.reshape(resolution, resolution, outputs.shape[-1])


def neuron_maps(model: Any, bounds: Sequence[float] = BOUNDS, resolution: int = NEURON_RESOLUTION) -> list[np.ndarray]:
    """What every hidden unit answers at every cell of the grid ``decision_grid`` uses: each neuron's own map.

    The grid goes through the layers one at a time (one batched call each), keeping every hidden
    layer's output — the same numbers as a ``keras.Model`` whose outputs are the hidden layers, without
    building one per frame.

    Args:
        model: A Keras ``Sequential`` of Dense layers taking the chosen features.
        bounds: (low, high) for both axes, or (x₁ low, x₁ high, x₂ low, x₂ high).
        resolution: Cells per side.
        features: The model's input features (``FEATURES`` keys).

    Returns:
        One array per hidden layer (every layer but the output), input side first, of shape
        (resolution, resolution, units): ``[i, j, k]`` is unit ``k``'s activation at x₂ = the i-th and
        x₁ = the j-th grid value (the same layout as ``decision_grid``).
    """
    values = grid_inputs(bounds, resolution)
    maps = []
    for layer in model.layers[:-1]:
        values = layer(values, training=False)
        if layer.weights:
            maps.append(np.asarray(values).reshape(resolution, resolution, -1))
    return maps


def layer_weights(model: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every Dense layer's (kernel (inputs, units), bias (units,)), input side first, as float32 (``InputFeatures`` has none)."""
    return [(np.asarray(layer.kernel, dtype=np.float32), np.asarray(layer.bias, dtype=np.float32))
            for layer in model.layers if layer.weights]


@dataclass(frozen=True)
class BoundaryFrame:
    """One picture of the model while it trains: what the page draws after an epoch.

    Attributes:
        grid: ``decision_grid`` at ``FRAME_RESOLUTION`` (float16).
        neurons: ``neuron_maps`` at ``NEURON_RESOLUTION`` (float16), only the first ``MAX_DRAWN_UNITS``
            units of each hidden layer (the ones the network picture draws).
        weights: ``layer_weights`` of every layer, whole (small: Dense layers of at most 64 units).
    """

    grid: np.ndarray
    neurons: tuple[np.ndarray, ...] = ()
    weights: tuple[tuple[np.ndarray, np.ndarray], ...] = ()


@dataclass(frozen=True)
class BoundaryFrames:
    """The frame maker a boundary training hands the engine (``FitJob.frames``): model → ``BoundaryFrame``.

    Plain data and importable, so it travels to a worker with the job.
    """

    bounds: tuple[float, ...] = BOUNDS
    resolution: int = FRAME_RESOLUTION

    def __call__(self, model: Any) -> BoundaryFrame:
        """The model's grid and neuron maps as float16 (enough for a colour map, a quarter of the bytes)."""
        grid = decision_grid(model, self.bounds, self.resolution).astype(np.float16)
        neurons = neuron_maps(model, self.bounds, NEURON_RESOLUTION)
        return BoundaryFrame(grid, tuple(layer[..., :MAX_DRAWN_UNITS].astype(np.float16) for layer in neurons),
                             tuple(layer_weights(model)))


def accuracy(model: Any, x: np.ndarray, y: np.ndarray) -> float:
    """Share of points ``x`` (n, 2) whose predicted class is ``y``."""
    outputs = np.asarray(model(x, training=False))
    predicted = (outputs[:, 0] > 0.5).astype(int) if outputs.shape[-1] == 1 else outputs.argmax(axis=-1)
    return float(np.mean(predicted == np.asarray(y)))
