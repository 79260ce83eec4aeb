"""Inside the network: every hidden neuron's own map equals Keras's intermediate outputs; the picture shows weights."""

from __future__ import annotations

import numpy as np
import pytest

from playground.charts.boundary_network import network_figure
from playground.labs.boundary import (MAX_DRAWN_UNITS, NEURON_RESOLUTION, BoundaryFrames, grid_points, layer_weights,
                                      neuron_maps)
from playground.labs.boundary_setup import BoundarySetup

LABELS = {"input": "input", "layer": "layer {number}", "unit": "neuron {number}", "output": "output",
          "weights": "weights", "bias": "bias"}


def _model(setup: BoundarySetup):
    import keras

    from playground.spec import build_model

    keras.utils.set_random_seed(1)
    return build_model(setup.spec())


def test_neuron_maps_are_the_hidden_layers_outputs_over_the_grid():
    import keras

    setup = BoundarySetup(hidden=((5, "tanh"), (3, "relu")), features=("x1", "x2", "x1_x2", "sin_x2"))
    model = _model(setup)
    maps = neuron_maps(model, (-3, 3, -2, 1), 12)
    assert [layer.shape for layer in maps] == [(12, 12, 5), (12, 12, 3)]
    # The same numbers as a Keras model whose outputs are the hidden layers, at the same points.
    axis1, axis2 = grid_points((-3, 3, -2, 1), 12)
    row, column = 9, 2  # x₂ = axis2[9], x₁ = axis1[2]
    point = np.array([[axis1[column], axis2[row]]], dtype=np.float32)
    # The features layer is the model's first, but no hidden layer: the model takes the raw point.
    assert type(model.layers[0]).__name__ == "InputFeatures"
    intermediate = keras.Model(model.inputs, [layer.output for layer in model.layers[1:-1]])
    expected = intermediate.predict(point, verbose=0)
    for layer, values in zip(maps, expected):
        assert np.allclose(layer[row, column], values[0], atol=1e-5)
    assert np.all(maps[1] >= 0) and np.abs(maps[0]).max() <= 1  # relu and tanh ranges.


def test_a_perceptron_has_no_neuron_maps_and_frames_carry_weights():
    perceptron = _model(BoundarySetup(hidden=()))
    assert neuron_maps(perceptron) == []
    setup = BoundarySetup(hidden=((12, "tanh"),), point_set="spiral", classes=3)
    model = _model(setup)
    frame = setup.frames()(model)
    assert frame.grid.shape == (50, 50, 3)
    # Only the units the picture draws travel, at the small resolution.
    assert [layer.shape for layer in frame.neurons] == [(NEURON_RESOLUTION, NEURON_RESOLUTION, MAX_DRAWN_UNITS)]
    assert [kernel.shape for kernel, _ in frame.weights] == [(2, 12), (12, 3)]
    assert np.array_equal(frame.weights[1][1], np.asarray(model.layers[1].bias))
    assert len(layer_weights(model)) == 2


def _parts(figure):
    heatmaps = [trace for trace in figure.data if trace.type == "heatmap"]
    lines = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "lines"]
    (markers,) = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers"]
    return heatmaps, lines, markers


def test_the_network_picture_has_a_map_per_neuron_lines_per_weight_and_hover_with_weights_and_bias():
    setup = BoundarySetup(hidden=((3, "tanh"),), features=("x1", "x2", "x1_squared"))
    model = _model(setup)
    frame = BoundaryFrames()(model)
    figure = network_figure(frame, setup.features, [3], LABELS)
    (heatmap,), lines, markers = _parts(figure)
    assert len(markers.hovertext) == 3 + 3 + 1  # Inputs, hidden neurons, the output: one hover each.
    segments = [(line, index) for line in lines for index in range(0, len(line.x), 3)]
    assert len(segments) == 3 * 3 + 3 * 1  # One segment per weight.
    kernel, bias = frame.weights[0]
    hover = markers.hovertext[3 + 1]  # Neuron 1.2.
    assert "neuron 1.2" in hover and f"{bias[1]:+.3f}" in hover
    assert all(f"{weight:+.3f}" in hover for weight in kernel[:, 1])
    assert f"{frame.weights[1][1][0]:+.3f}" in markers.hovertext[-1]  # The output's bias.
    # Width follows the weight's size and colour its sign: input 3 (x₁²) → neuron 1.2 is kernel[2, 1].
    largest = max(np.abs(frame.weights[0][0]).max(), np.abs(frame.weights[1][0]).max())
    for source, target in ((0, 0), (2, 1), (1, 2)):
        weight = kernel[source, target]
        source_y, target_y = markers.y[source], markers.y[3 + target]
        line = next(line for line, index in segments
                    if line.y[index] == source_y and line.y[index + 1] == target_y and line.x[index] < line.x[index + 1]
                    and line.x[index] == markers.x[source] + 0.5)
        assert line.line.color == ("#4e79a7" if weight >= 0 else "#f28e2b")
        assert line.line.width == pytest.approx(0.4 + 5.0 * round(abs(weight) / largest * 5) / 5)
    # A neuron's box shows its own map (scaled to its largest size): find neuron 1.2's cells under its marker.
    z = np.asarray(heatmap.z, dtype=np.float64)
    columns = np.flatnonzero(np.abs(np.asarray(heatmap.x) - markers.x[3 + 1]) < 0.5)
    rows = np.flatnonzero(np.abs(np.asarray(heatmap.y) - markers.y[3 + 1]) < 0.5)
    values = frame.neurons[0][..., 1].astype(np.float64)
    assert np.allclose(z[np.ix_(rows, columns)], values / np.abs(values).max(), atol=1e-5)


def test_a_wide_layer_draws_its_first_units_and_says_how_many_it_has():
    setup = BoundarySetup(hidden=((20, "relu"), (2, "tanh")), point_set="gaussian", classes=3)
    frame = setup.frames()(_model(setup))
    figure = network_figure(frame, setup.features, [20, 2], LABELS)
    _, _, markers = _parts(figure)
    assert len(markers.hovertext) == 2 + MAX_DRAWN_UNITS + 2 + 3  # Softmax: one output map per class.
    assert any(annotation.text == "layer 1 (20)" for annotation in figure.layout.annotations)
