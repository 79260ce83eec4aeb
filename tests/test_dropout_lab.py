"""Dropout made visible: the real Keras layer drops a share of units, scales the rest by 1/(1-rate), and does nothing at inference."""

from __future__ import annotations

import numpy as np
import pytest

from playground.charts.dropout import dropout_figure
from playground.labs.dropout import dropout_step


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_a_training_step_zeroes_about_rate_of_the_units_and_scales_the_rest(rate):
    step = dropout_step(rate, units=256, seed=4)
    kept = ~step.dropped
    assert abs(step.dropped.mean() - rate) < 0.1
    np.testing.assert_allclose(step.training[kept], step.inputs[kept] / (1 - rate), rtol=1e-5)
    assert np.all(step.training[step.dropped] == 0)
    assert step.measured_scale == pytest.approx(1 / (1 - rate), rel=1e-5) == step.scale


def test_inference_drops_nothing_and_scales_nothing():
    step = dropout_step(0.5, units=64, seed=1)
    np.testing.assert_array_equal(step.inference, step.inputs)


def test_another_step_drops_other_units_and_rate_zero_drops_none():
    first, second = dropout_step(0.5, 64, seed=1), dropout_step(0.5, 64, seed=2)
    assert not np.array_equal(first.dropped, second.dropped)
    none = dropout_step(0.0, 64, seed=1)
    assert not none.dropped.any() and np.allclose(none.training, none.inputs)
    with pytest.raises(ValueError):
        dropout_step(1.0)


def test_the_figure_crosses_out_exactly_the_dropped_units():
    step = dropout_step(0.5, units=30, seed=9)
    figure = dropout_figure(step)
    crosses = next(trace for trace in figure.data if trace.meta == "dropped")
    columns = 6  # ceil(sqrt(30))
    marked = {int(y) * columns + int(x) for x, y in zip(crosses.x, crosses.y)}
    assert marked == set(np.flatnonzero(step.dropped).tolist())
    training = figure.data[1].z
    assert all(training[index // columns][index % columns] == 0 for index in marked)


def test_each_panel_title_puts_its_parenthesis_on_a_second_line():
    """On one line the three titles ran into each other in a 1,024-pixel window."""
    step = dropout_step(0.5, 16, seed=0)
    titles = ("The layer's outputs (Dropout's input)", "One training step (training=True)", "Inference (training=False)")
    figure = dropout_figure(step, titles)
    assert [annotation.text for annotation in figure.layout.annotations] == [
        "The layer's outputs<br>(Dropout's input)", "One training step<br>(training=True)", "Inference<br>(training=False)"]
