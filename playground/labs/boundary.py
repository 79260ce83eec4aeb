"""The decision-boundary lab: small 2-D point sets, input features, and the model's map of the plane.

Everything here is numpy (Keras only inside ``decision_grid`` and ``neuron_maps``, on a model it is
given), so the sets, features and grids are tested without Streamlit or a cluster. Every point set lives in the square
``BOUNDS`` so that one picture frame fits all of them and the lessons compare like with like.

Input features (x₁², sin x₁, …) are the model's first layer (``InputFeatures``, the playground's own
registered Keras layer, since ``Lambda`` is refused): every model here takes the raw points (x₁, x₂).
``add_features`` computes the same columns in numpy, from the same formulas, for the network picture's input maps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.spec.input_features import INPUT_FEATURES

BOUNDS: tuple[float, float] = (-3.0, 3.0)
"""Both axes of every point set and every picture (x₁ and x₂ run over the same range)."""
FRAME_RESOLUTION = 50
"""Cells per side of the grid a worker publishes every epoch (50 × 50 float16 = 5 KB)."""
NEURON_RESOLUTION = 24
"""Cells per side of each neuron's own map (24 × 24 float16 = 1.2 KB a unit; they are drawn small)."""
MAX_DRAWN_UNITS = 8
"""Units per hidden layer the network picture draws (tensorflow/playground's own limit): 4 layers × 8 fit a page."""


@dataclass(frozen=True)
class PointSet:
    """An entry of ``POINT_SETS``.

    Attributes:
        make: ``make(rng, n, classes) -> (x, y)`` without noise; ``make_points`` adds it.
        max_classes: The most classes the set can have (AND/OR/XOR are two-class by nature).
        code: The same generator written out for the exported code (uses ``rng``, ``n``, ``classes``).
    """

    make: Callable[[np.random.Generator, int, int], tuple[np.ndarray, np.ndarray]]
    max_classes: int
    code: str


def _labels(n: int, classes: int) -> np.ndarray:
    """Labels 0 … classes - 1 in runs of (nearly) equal length, so every class is present."""
    return np.arange(n) * classes // n


def _xor(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-2.5, 2.5, size=(n, 2))
    x += np.sign(x) * 0.3  # A margin around the axes, as in tensorflow/playground.
    return x, ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(int)


def _circles(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n, 2)
    radius = np.where(y == 1, rng.uniform(0.0, 1.2, n), rng.uniform(1.8, 2.6, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), y


def _spiral(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n, classes)
    t = rng.uniform(0.0, 1.0, n)
    angle = 1.75 * t * 2 * np.pi + 2 * np.pi * y / classes
    radius = 2.6 * t + 0.15
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1), y


def _gaussian(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n, classes)
    angle = np.pi / 4 + 2 * np.pi * y / classes
    centres = 1.5 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return centres + rng.normal(0.0, 0.5, size=(n, 2)), y


def _moons(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    y = _labels(n, 2)
    angle = rng.uniform(0.0, np.pi, n)
    upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    lower = np.stack([1 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
    return 1.6 * (np.where(y[:, None] == 0, upper, lower) - [0.5, 0.25]), y


def _corners(rule: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """The perceptron lessons' four inputs (0,0), (0,1), (1,0), (1,1), repeated, drawn at ±1.5."""

    def make(rng: np.random.Generator, n: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
        bits = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])[np.arange(n) % 4]
        return 3.0 * bits - 1.5, rule(bits[:, 0], bits[:, 1]).astype(int)

    return make


POINT_SETS: dict[str, PointSet] = {
    "xor": PointSet(_xor, 2, "x = rng.uniform(-2.5, 2.5, size=(n, 2))\nx += np.sign(x) * 0.3\n"
                             "y = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(int)"),
    "circles": PointSet(_circles, 2, "y = np.arange(n) * 2 // n\n"
                                     "radius = np.where(y == 1, rng.uniform(0, 1.2, n), rng.uniform(1.8, 2.6, n))\n"
                                     "angle = rng.uniform(0, 2 * np.pi, n)\n"
                                     "x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)"),
    "spiral": PointSet(_spiral, 3, "y = np.arange(n) * classes // n\nt = rng.uniform(0, 1, n)\n"
                                   "angle = 1.75 * t * 2 * np.pi + 2 * np.pi * y / classes\nradius = 2.6 * t + 0.15\n"
                                   "x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)"),
    "gaussian": PointSet(_gaussian, 3, "y = np.arange(n) * classes // n\nangle = np.pi / 4 + 2 * np.pi * y / classes\n"
                                       "centres = 1.5 * np.stack([np.cos(angle), np.sin(angle)], axis=1)\n"
                                       "x = centres + rng.normal(0, 0.5, size=(n, 2))"),
    "moons": PointSet(_moons, 2, "y = np.arange(n) * 2 // n\nangle = rng.uniform(0, np.pi, n)\n"
                                 "upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)\n"
                                 "lower = np.stack([1 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)\n"
                                 "x = 1.6 * (np.where(y[:, None] == 0, upper, lower) - [0.5, 0.25])"),
    "and": PointSet(_corners(np.logical_and), 2, "bits = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])[np.arange(n) % 4]\n"
                                                 "x = 3.0 * bits - 1.5\ny = (bits[:, 0] & bits[:, 1]).astype(int)"),
    "or": PointSet(_corners(np.logical_or), 2, "bits = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])[np.arange(n) % 4]\n"
                                               "x = 3.0 * bits - 1.5\ny = (bits[:, 0] | bits[:, 1]).astype(int)"),
}


def make_points(name: str, n: int = 200, noise: float = 0.0, seed: int = 0,
                classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Draws ``n`` labelled points of the set ``name``, the same ones for the same arguments.

    Args:
        name: A key of ``POINT_SETS``.
        n: Number of points (at least one per class).
        noise: Standard deviation of Gaussian jitter added to every coordinate (0 to about 1).
        seed: Seed of the draw, so a lesson shows the same points every time.
        classes: 2, or 3 for the sets that allow it (spiral, gaussian).

    Returns:
        ``x`` of shape (n, 2) float32 and ``y`` of shape (n,) int (0 … classes - 1), in the set's order.

    Raises:
        ValueError: For an unknown set, too few points, or more classes than the set has.
    """
    if name not in POINT_SETS:
        raise ValueError(f"Unknown point set {name!r}; choose one of {', '.join(POINT_SETS)}.")
    point_set = POINT_SETS[name]
    if not 2 <= classes <= point_set.max_classes:
        raise ValueError(f"The {name!r} set has 2 to {point_set.max_classes} classes, not {classes}.")
    if n < classes:
        raise ValueError(f"Give at least {classes} points, one per class (got {n}).")
    rng = np.random.default_rng(seed)
    x, y = point_set.make(rng, n, classes)
    x = x + rng.normal(0.0, noise, size=x.shape) if noise > 0 else x
    return np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.int64)


def train_test_split(x: np.ndarray, y: np.ndarray, test_ratio: float,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffles the points with ``seed`` and keeps the last ``test_ratio`` of them for testing.

    The test share never trains, so the test loss tells overfitting from learning (at least one point
    stays on each side when both shares are asked for).
    """
    order = np.random.default_rng(seed).permutation(len(x))
    test_count = min(max(int(round(len(x) * test_ratio)), 1 if test_ratio > 0 else 0), len(x) - 1)
    train, test = order[:len(x) - test_count], order[len(x) - test_count:]
    return x[train], y[train], x[test], y[test]


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
