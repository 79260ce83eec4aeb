"""The loss-surface lab: real Keras optimizers on 2D functions, compiled, with divergence caught."""

from __future__ import annotations

import numpy as np
import pytest

from playground import i18n
from playground.engine.optimizers import OPTIMIZERS
from playground.labs.surfaces import (
    SURFACES,
    CompareError,
    OptimizerChoice,
    run_trajectories,
    suggested_learning_rate,
    surface_grid,
    unique_labels,
)


def test_sgd_on_the_convex_bowl_walks_to_the_minimum():
    (path,) = run_trajectories("convex_bowl", (-2.5, 2.0), [OptimizerChoice("SGD", 0.1)], steps=100)
    assert not path.diverged
    assert path.points.shape == (101, 2)
    np.testing.assert_allclose(path.points[0], [-2.5, 2.0])
    np.testing.assert_allclose(path.points[-1], [0.0, 0.0], atol=1e-4)
    # Plain gradient descent on x² + y² shrinks the distance by (1 − 2·lr) every step.
    np.testing.assert_allclose(path.points[1], np.array([-2.5, 2.0]) * 0.8, rtol=1e-5)
    assert np.all(np.diff(path.losses) <= 0)


@pytest.mark.parametrize("rate", [0.01, 0.1])
def test_adams_first_step_moves_each_coordinate_by_the_learning_rate(rate):
    # Adam divides the bias-corrected mean gradient by its root mean square: on the first step that is
    # sign(gradient), so each coordinate moves by the learning rate, whatever the gradient's size.
    (path,) = run_trajectories("rosenbrock", (-1.5, 2.5), [OptimizerChoice("Adam", rate)], steps=1)
    step = path.points[1] - path.points[0]
    np.testing.assert_allclose(np.abs(step), [rate, rate], rtol=1e-3)


def test_a_learning_rate_too_high_is_marked_diverged_and_the_others_finish():
    choices = [OptimizerChoice("SGD", 1.5), OptimizerChoice("SGD", 0.1), OptimizerChoice("Adam", 0.1)]
    too_high, fine, adam = run_trajectories("convex_bowl", (1.0, 1.0), choices, steps=200)
    # lr 1.5 on x² maps x to −2x: the path doubles its distance every step until it is huge.
    assert too_high.diverged and 5 < too_high.diverged_at < 200
    assert len(too_high.points) == too_high.diverged_at
    assert np.all(np.isfinite(too_high.losses))
    assert not fine.diverged and not adam.diverged
    assert len(fine.points) == 201
    assert [too_high.label, fine.label, adam.label] == ["SGD", "SGD #2", "Adam"]


def test_every_optimizer_in_the_registry_runs_on_every_surface_quickly():
    choices = [OptimizerChoice(name, suggested_learning_rate("himmelblau", name)) for name in OPTIMIZERS]
    paths = run_trajectories("himmelblau", (0.0, 0.0), choices, steps=50)
    assert [path.label for path in paths] == list(OPTIMIZERS)
    # Every optimizer moved downhill from the start.
    assert all(path.losses[-1] < path.losses[0] for path in paths)


def test_momentum_gets_further_than_plain_sgd_along_the_rosenbrock_valley():
    plain, momentum = run_trajectories(
        "rosenbrock", (-1.5, 2.5), [OptimizerChoice("SGD", 0.001), OptimizerChoice("SGD+momentum", 0.001)], steps=200
    )
    assert momentum.losses[-1] < plain.losses[-1] / 2


def test_grid_matches_the_function_and_every_surface_is_translated():
    for name, surface in SURFACES.items():
        xs, ys, zs = surface_grid(name, resolution=11)
        assert zs.shape == (11, 11)
        assert zs[3, 7] == pytest.approx(surface.function(xs[7], ys[3]))
        for minimum in surface.minima:
            assert surface.function(*minimum) <= np.min(zs) + 1e-3
        for key in (f"compare.surface.{name}", f"compare.surface.{name}.about"):
            assert i18n.t(key, "ko") != i18n.t(key, "en")


@pytest.mark.parametrize(
    ("arguments", "key"),
    [
        (("nowhere", (0.0, 0.0), [OptimizerChoice("SGD")]), "compare.error.unknown_surface"),
        (("convex_bowl", (float("nan"), 0.0), [OptimizerChoice("SGD")]), "compare.error.start_invalid"),
        (("convex_bowl", (0.0, 0.0), []), "compare.error.optimizer_count"),
        (("convex_bowl", (0.0, 0.0), [OptimizerChoice("SGD")], 0), "compare.error.steps_range"),
    ],
)
def test_bad_input_gets_a_translated_message_naming_the_fix(arguments, key):
    with pytest.raises(CompareError) as caught:
        run_trajectories(*arguments)
    assert caught.value.key == key
    assert caught.value.text("ko") != str(caught.value)


def test_an_out_of_range_parameter_fails_before_anything_runs():
    with pytest.raises(ValueError, match="momentum"):
        run_trajectories("convex_bowl", (1.0, 1.0), [OptimizerChoice("SGD+momentum", 0.1, {"momentum": 3.0})])


def test_labels_are_numbered_when_an_optimizer_repeats():
    choices = [OptimizerChoice("Adam"), OptimizerChoice("SGD"), OptimizerChoice("Adam"), OptimizerChoice("Adam")]
    assert unique_labels(choices) == ["Adam", "SGD", "Adam #2", "Adam #3"]


@pytest.mark.parametrize("name", ["rosenbrock", "convex_bowl"])
def test_the_3d_view_labels_each_axis_with_a_few_plain_ticks(name):
    """Plotly's default put eight height labels on the short z axis, running into each other; now at most four."""
    from playground.charts.compare_surface import surface_3d_figure

    choices = [OptimizerChoice("Adam", 0.1)]
    figure = surface_3d_figure(name, run_trajectories(name, (-1.0, 1.0), choices, 5))
    scene = figure.layout.scene
    for axis in (scene.xaxis, scene.yaxis, scene.zaxis):
        assert axis.nticks is not None and axis.nticks <= 4
    assert scene.zaxis.tickformat == "~g"  # 2.5, 100, 1e+04: never 2.50000.
    assert figure.layout.legend.x == 0.0  # Off the toolbar, which sits at the top right.
