"""Inside the network: every hidden neuron's own map equals Keras's intermediate outputs; the picture shows weights."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from playground.charts.boundary_network import network_spec
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


def _picture(spec) -> np.ndarray:
    url = spec["datasets"]["picture"]["url"][0]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGBA")).astype(int)


def test_the_network_picture_has_a_map_per_neuron_lines_per_weight_and_hover_with_weights_and_bias():
    setup = BoundarySetup(hidden=((3, "tanh"),), features=("x1", "x2", "x1_squared"))
    model = _model(setup)
    frame = BoundaryFrames()(model)
    spec = network_spec(frame, setup.features, [3], LABELS)
    neurons, edges = spec["datasets"]["neurons"], spec["datasets"]["edges"]
    assert len(neurons) == 3 + 3 + 1  # Inputs, hidden neurons, the output: one hover area each.
    assert len(edges) == 3 * 3 + 3 * 1  # One line per weight.
    kernel, bias = frame.weights[0]
    hover = neurons.iloc[3 + 1]  # Neuron 1.2.
    assert hover["name"] == "neuron 1.2" and hover["bias"] == f"{bias[1]:+.3f}"
    assert all(f"{weight:+.3f}" in hover["weights"] for weight in kernel[:, 1])
    assert "x₁²" in hover["weights"]  # Each weight says where it comes from.
    assert neurons.iloc[-1]["bias"] == f"{frame.weights[1][1][0]:+.3f}"  # The output's bias.
    # Width follows the weight's size and colour its sign: input 3 (x₁²) → neuron 1.2 is kernel[2, 1].
    largest = max(np.abs(frame.weights[0][0]).max(), np.abs(frame.weights[1][0]).max())
    for source, target in ((0, 0), (2, 1), (1, 2)):
        weight = kernel[source, target]
        start, end = neurons.iloc[source], neurons.iloc[3 + target]
        (line,) = [line for line in edges.itertuples() if line.x == start["x2"] and line.x2 == end["x"]
                   and line.y == (start["y"] + start["y2"]) / 2 and line.y2 == (end["y"] + end["y2"]) / 2]
        assert line.colour == ("#4e79a7" if weight >= 0 else "#f28e2b")
        assert line.width == pytest.approx(0.4 + 5.0 * round(abs(weight) / largest * 5) / 5)
    # A neuron's box shows its own map: blue where it is well above 0, orange well below, x₂ high at the top.
    picture, cells = _picture(spec), frame.neurons[0].shape[0]
    left, top = round(hover["x"] * cells), round(-hover["y2"] * cells)
    box = picture[top:top + cells, left:left + cells]
    values = frame.neurons[0][..., 1].astype(np.float64)[::-1]
    high, low = values > 0.5 * np.abs(values).max(), values < -0.5 * np.abs(values).max()
    assert high.any() or low.any()
    assert (box[high][:, 2] > box[high][:, 0]).all() and (box[low][:, 0] > box[low][:, 2]).all()
    assert (picture[:, left - 2, 3] == 0).all()  # Between the columns the picture is clear: the lines show.


def test_the_spec_stays_the_same_from_frame_to_frame():
    """The browser keeps a Vega-Lite chart whose spec did not change and takes its new data (a new plotly figure
    each redraw cost the browser about 0.5 CPU-seconds)."""
    setup = BoundarySetup(hidden=((3, "tanh"),))
    model = _model(setup)
    first = network_spec(BoundaryFrames()(model), setup.features, [3], LABELS)
    model.layers[-1].bias.assign(model.layers[-1].bias + 1.0)
    second = network_spec(BoundaryFrames()(model), setup.features, [3], LABELS)
    assert {**first, "datasets": None} == {**second, "datasets": None}
    assert not first["datasets"]["neurons"].equals(second["datasets"]["neurons"])


def test_a_wide_layer_draws_its_first_units_and_says_how_many_it_has():
    setup = BoundarySetup(hidden=((20, "relu"), (2, "tanh")), point_set="gaussian", classes=3)
    frame = setup.frames()(_model(setup))
    spec = network_spec(frame, setup.features, [20, 2], LABELS)
    assert len(spec["datasets"]["neurons"]) == 2 + MAX_DRAWN_UNITS + 2 + 3  # Softmax: one output map per class.
    assert "layer 1 (20)" in list(spec["datasets"]["titles"]["text"])
