"""Two-dimensional loss surfaces and the paths real ``keras.optimizers`` take on them.

Each surface is a function of two coordinates written with plain arithmetic, so the same code
evaluates a numpy grid (for the contour plot) and a TensorFlow tensor (for ``tf.GradientTape``).
``run_trajectories`` puts every chosen optimizer on its own two-element ``keras.Variable`` and steps
them all together inside one compiled ``tf.function`` loop: 200 steps of six optimizers take a
fraction of a second, where eager ``apply_gradients`` calls would take several.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground.engine.optimizers import OPTIMIZERS, OptimizerChoice, optimizer_arguments
from playground.labs.errors import CompareError  # Also re-exported here: older code imports it from surfaces.

# A path stops ("diverged") once its loss or a coordinate is no longer finite or grows past these.
DIVERGENCE_LOSS = 1e8
DIVERGENCE_COORDINATE = 1e4
MAX_STEPS = 1000
MAX_OPTIMIZERS = 9


@dataclass(frozen=True)
class Surface:
    """An entry of ``SURFACES``.

    Attributes:
        function: f(x, y) built from arithmetic only, so it accepts numpy arrays and tensors.
        x_range: The plotted x interval.
        y_range: The plotted y interval.
        start: A start point that shows the surface's character.
        minima: Known minima, marked on the plot.
        log_scale: Colour the contour by log(1 + f - min f): Rosenbrock and Beale span many decades.
        plain_rate: A learning rate that suits plain and momentum SGD here (the gradient's size varies
            a thousandfold between surfaces, so one default cannot fit them all).
        adaptive_rate: A learning rate that suits Adagrad, RMSprop and the Adam family here.
    """

    function: Callable[[Any, Any], Any]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = ()
    log_scale: bool = False
    plain_rate: float = 0.05
    adaptive_rate: float = 0.1


def _convex_bowl(x: Any, y: Any) -> Any:
    return x**2 + y**2


def _elongated_valley(x: Any, y: Any) -> Any:
    # An ill-conditioned quadratic: curvature 25 times larger across the valley than along it.
    return 0.1 * x**2 + 2.5 * y**2


def _rosenbrock(x: Any, y: Any) -> Any:
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _beale(x: Any, y: Any) -> Any:
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def _saddle(x: Any, y: Any) -> Any:
    # x² − y² is the textbook saddle; the y⁴/4 term adds two valleys at y = ±√2 so escaping paths end somewhere.
    return x**2 - y**2 + 0.25 * y**4


def _himmelblau(x: Any, y: Any) -> Any:
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


SURFACES: dict[str, Surface] = {
    "convex_bowl": Surface(_convex_bowl, (-3.0, 3.0), (-3.0, 3.0), (-2.5, 2.0), ((0.0, 0.0),), plain_rate=0.05),
    "elongated_valley": Surface(
        _elongated_valley, (-5.0, 5.0), (-2.0, 2.0), (-4.5, 1.5), ((0.0, 0.0),), plain_rate=0.35,
    ),
    "rosenbrock": Surface(
        _rosenbrock, (-2.0, 2.0), (-1.0, 3.0), (-1.5, 2.5), ((1.0, 1.0),), log_scale=True,
        plain_rate=0.001, adaptive_rate=0.1,
    ),
    "beale": Surface(
        _beale, (-4.5, 4.5), (-4.5, 4.5), (1.0, 1.5), ((3.0, 0.5),), log_scale=True, plain_rate=0.005,
    ),
    "saddle": Surface(
        _saddle, (-2.5, 2.5), (-2.5, 2.5), (-2.0, 0.01), ((0.0, 1.41421356), (0.0, -1.41421356)),
        plain_rate=0.05, adaptive_rate=0.05,
    ),
    "himmelblau": Surface(
        _himmelblau, (-5.0, 5.0), (-5.0, 5.0), (0.0, 0.0),
        ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)),
        log_scale=True, plain_rate=0.01,
    ),
}

# Optimizers whose step is the raw gradient times the learning rate (so the gradient's size matters).
_PLAIN_OPTIMIZERS = ("SGD", "SGD+momentum", "Nesterov")


def suggested_learning_rate(surface_name: str, optimizer_name: str) -> float:
    """A learning rate that makes ``optimizer_name`` move visibly, without blowing up, on a surface.

    Adadelta keeps its registry default (1.0): it scales its own steps. Adagrad gets five times the
    adaptive rate, because its accumulated squared gradients shrink its steps from the first one on.
    """
    surface = _surface(surface_name)
    if optimizer_name == "Adadelta":
        return OPTIMIZERS[optimizer_name].learning_rate
    if optimizer_name == "Adagrad":
        return 5 * surface.adaptive_rate
    return surface.plain_rate if optimizer_name in _PLAIN_OPTIMIZERS else surface.adaptive_rate


@dataclass
class Trajectory:
    """The path one optimizer took.

    Attributes:
        label: Unique label (the optimizer's name, numbered when it appears twice).
        points: (steps + 1, 2) positions, the start first; cut at the last sane point if it diverged.
        losses: The surface's value at each point.
        diverged_at: The step at which the path blew up (inf/NaN or huge), or None.
    """

    label: str
    points: np.ndarray
    losses: np.ndarray
    diverged_at: int | None = None

    @property
    def diverged(self) -> bool:
        """Whether the path blew up."""
        return self.diverged_at is not None


def surface_grid(name: str, resolution: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluates a surface on a grid for plotting.

    Args:
        name: A key of ``SURFACES``.
        resolution: Points per axis.

    Returns:
        (xs, ys, zs) with xs of shape (resolution,), ys of shape (resolution,), zs of shape
        (resolution, resolution) indexed [y, x] as plotly's contour expects.
    """
    surface = _surface(name)
    xs = np.linspace(*surface.x_range, resolution)
    ys = np.linspace(*surface.y_range, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return xs, ys, surface.function(grid_x, grid_y)


def unique_labels(choices: Sequence[OptimizerChoice]) -> list[str]:
    """Labels for the legend: the optimizer's name, numbered when a name repeats (``SGD``, ``SGD #2``)."""
    labels: list[str] = []
    for choice in choices:
        label = choice.optimizer
        count = sum(1 for existing in labels if existing.split(" #")[0] == choice.optimizer)
        labels.append(label if count == 0 else f"{label} #{count + 1}")
    return labels


def run_trajectories(
    surface_name: str,
    start: tuple[float, float],
    choices: Sequence[OptimizerChoice],
    steps: int = 200,
) -> list[Trajectory]:
    """Runs real Keras optimizers from ``start`` on a surface, all in one compiled loop.

    Args:
        surface_name: A key of ``SURFACES``.
        start: The (x, y) every optimizer starts from.
        choices: One to ``MAX_OPTIMIZERS`` optimizers (the same one may appear twice with other settings).
        steps: Optimizer steps, 1 to ``MAX_STEPS``.

    Returns:
        One ``Trajectory`` per choice, in order.

    Raises:
        CompareError: For an unknown surface, a start point that is not a modest finite number, too many
            or too few optimizers, or a step count out of range.
        ValueError: From ``playground.engine.optimizers`` for an unknown optimizer or parameter out of range.
    """
    surface = _surface(surface_name)
    if not all(np.isfinite(value) and abs(value) < DIVERGENCE_COORDINATE for value in start):
        raise CompareError("compare.error.start_invalid", limit=f"{DIVERGENCE_COORDINATE:g}")
    if not 1 <= len(choices) <= MAX_OPTIMIZERS:
        raise CompareError("compare.error.optimizer_count", minimum=1, maximum=MAX_OPTIMIZERS)
    if not 1 <= int(steps) <= MAX_STEPS:
        raise CompareError("compare.error.steps_range", maximum=MAX_STEPS)
    # Validate every choice before TensorFlow is imported, so a bad parameter fails fast.
    arguments = [optimizer_arguments(choice.optimizer, choice.learning_rate, **choice.parameters) for choice in choices]
    positions = _compiled_paths(surface.function, start, [choice.optimizer for choice in choices], arguments, int(steps))
    start_row = np.asarray(start, dtype=np.float32)[None, :]
    trajectories = []
    for index, label in enumerate(unique_labels(choices)):
        points = np.concatenate([start_row, positions[:, index, :]], axis=0)
        trajectories.append(_cut_at_divergence(label, points, surface.function))
    return trajectories


def _surface(name: str) -> Surface:
    if name not in SURFACES:
        raise CompareError("compare.error.unknown_surface", name=name, choices=", ".join(SURFACES))
    return SURFACES[name]


def _compiled_paths(
    function: Callable[[Any, Any], Any],
    start: tuple[float, float],
    names: Sequence[str],
    arguments: Sequence[dict[str, Any]],
    steps: int,
) -> np.ndarray:
    """Steps every optimizer ``steps`` times; returns positions of shape (steps, optimizers, 2)."""
    import keras
    import tensorflow as tf

    optimizers = [getattr(keras.optimizers, OPTIMIZERS[name].keras_class)(**kwargs) for name, kwargs in zip(names, arguments)]
    variables = [keras.Variable(np.asarray(start, dtype=np.float32), dtype="float32") for _ in names]
    for optimizer, variable in zip(optimizers, variables):
        optimizer.build([variable])

    @tf.function
    def loop(step_count: Any) -> Any:
        positions = tf.TensorArray(tf.float32, size=step_count)
        for step in tf.range(step_count):
            for optimizer, variable in zip(optimizers, variables):
                with tf.GradientTape() as tape:
                    point = variable.value
                    tape.watch(point)
                    loss = function(point[0], point[1])
                gradient = tape.gradient(loss, point)
                optimizer.apply_gradients([(gradient, variable)])
            positions = positions.write(step, tf.stack([variable.value for variable in variables]))
        return positions.stack()

    return loop(tf.constant(steps)).numpy()


def _cut_at_divergence(label: str, points: np.ndarray, function: Callable[[Any, Any], Any]) -> Trajectory:
    """Keeps the path up to its last sane point and records where it blew up."""
    with np.errstate(over="ignore", invalid="ignore"):
        losses = function(points[:, 0].astype(np.float64), points[:, 1].astype(np.float64))
        sane = np.isfinite(losses) & (np.abs(losses) < DIVERGENCE_LOSS)
        sane &= np.all(np.isfinite(points), axis=1) & np.all(np.abs(points) < DIVERGENCE_COORDINATE, axis=1)
    if sane.all():
        return Trajectory(label, points, losses)
    first_bad = int(np.argmin(sane))
    return Trajectory(label, points[:first_bad], losses[:first_bad], diverged_at=first_bad)
