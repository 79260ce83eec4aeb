"""Inside the network: every hidden neuron's own map equals Keras's intermediate outputs; the picture shows weights."""

from __future__ import annotations

import numpy as np

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
    maps = neuron_maps(model, (-3, 3, -2, 1), 12, setup.features)
    assert [layer.shape for layer in maps] == [(12, 12, 5), (12, 12, 3)]
    # The same numbers as a Keras model whose outputs are the hidden layers, at the same points.
    axis1, axis2 = grid_points((-3, 3, -2, 1), 12)
    row, column = 9, 2  # x₂ = axis2[9], x₁ = axis1[2]
    point = np.array([[axis1[column], axis2[row]]], dtype=np.float32)
    from playground.labs.boundary import add_features

    intermediate = keras.Model(model.inputs, [layer.output for layer in model.layers[:-1]])
    expected = intermediate.predict(add_features(point, setup.features), verbose=0)
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


def test_the_network_picture_has_a_map_per_neuron_lines_per_weight_and_hover_with_weights_and_bias():
    setup = BoundarySetup(hidden=((3, "tanh"),), features=("x1", "x2", "x1_squared"))
    model = _model(setup)
    frame = BoundaryFrames(features=setup.features)(model)
    figure = network_figure(frame, setup.features, [3], LABELS)
    heatmaps = [trace for trace in figure.data if trace.type == "heatmap"]
    lines = [trace for trace in figure.data if trace.type == "scatter"]
    assert len(heatmaps) == 3 + 3 + 1  # Inputs, hidden neurons, the output.
    assert len(lines) == 3 * 3 + 3 * 1  # One line per weight.
    kernel, bias = frame.weights[0]
    hover = heatmaps[3 + 1].hovertemplate  # Neuron 1.2.
    assert "neuron 1.2" in hover and f"{bias[1]:+.3f}" in hover
    assert all(f"{weight:+.3f}" in hover for weight in kernel[:, 1])
    # The thickest line is the largest weight; colour tells the sign.
    weights = np.concatenate([kernel.ravel(), frame.weights[1][0].ravel()])
    widths = [line.line.width for line in lines]
    assert np.argmax(widths) == np.argmax(np.abs(weights))
    assert {line.line.color for line, weight in zip(lines, weights) if weight < 0} <= {"#f28e2b"}
    # A neuron's map is its activation: the hidden unit's heatmap equals the neuron map.
    assert np.allclose(heatmaps[3 + 1].z, frame.neurons[0][..., 1].astype(np.float32))


def test_a_wide_layer_draws_its_first_units_and_says_how_many_it_has():
    setup = BoundarySetup(hidden=((20, "relu"), (2, "tanh")), point_set="gaussian", classes=3)
    frame = setup.frames()(_model(setup))
    figure = network_figure(frame, setup.features, [20, 2], LABELS)
    heatmaps = [trace for trace in figure.data if trace.type == "heatmap"]
    assert len(heatmaps) == 2 + MAX_DRAWN_UNITS + 2 + 3  # Softmax: one output map per class.
    assert any(annotation.text == "layer 1 (20)" for annotation in figure.layout.annotations)
