"""The Decision boundary lab's point sets (XOR, circles, spiral, gaussian, moons, AND, OR): small labelled 2-D
points drawn by a seeded generator, the same ones for the same arguments, and their train/test split.

Every set lives in the square ``BOUNDS``, so one picture frame fits all of them and the lessons compare like with
like. Each set's generator is also written out (``PointSet.code``) for the lab's exported Keras code. The data
registry offers each set as a dataset (``xor_points``…), as the lab draws it by default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

BOUNDS: tuple[float, float] = (-3.0, 3.0)
"""Both axes of every point set and every picture (x₁ and x₂ run over the same range)."""


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
