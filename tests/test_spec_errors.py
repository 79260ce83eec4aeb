"""Bad specs fail fast with a SpecError that names the layer, what it got, and the fix — in both languages."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest

from playground.spec.presets import PRESETS
from playground.spec import MAX_PARAMS, SpecError, build_model, summarize, validate


def _stack(input_shape: Any, *layers: Any) -> dict[str, Any]:
    return {"input_shape": input_shape, "layers": list(layers)}


DENSE = {"type": "Dense", "units": 10, "activation": "softmax"}

# name → (bad spec, 0-based index of the layer the message must name or None, words the message must contain)
BAD_SPECS: dict[str, tuple[Any, int | None, tuple[str, ...]]] = {
    "not a dict": (["Dense"], None, ("input_shape", "preset")),
    "empty stack": (_stack([4], ), None, ("no layers", "Add")),
    "layers not a list": ({"input_shape": [4], "layers": "Dense"}, None, ("list", "square brackets")),
    "unknown top-level key": ({"input_shape": [4], "layers": [DENSE], "optimizer": "adam"}, None, ("optimizer", "Remove")),
    "missing input shape": ({"layers": [DENSE]}, None, ("input shape", "[28, 28, 1]")),
    "bad input shape": (_stack([28, 0], DENSE), None, ("input shape", "[28, 28, 1]")),
    "Lambda runs code": (_stack([4], {"type": "Lambda", "function": "lambda x: x"}, DENSE), 0, ("Lambda (layer 1)", "code", "built-in")),
    "unknown type with a hint": (_stack([4], {"type": "dense", "units": 3}), 0, ("layer 1", "Did you mean Dense",)),
    "unknown type": (_stack([4], {"type": "Transformer"}), 0, ("layer 1", "Pick one of", "Conv2D")),
    "missing type": (_stack([4], {"units": 3}), 0, ("Layer 1 has no", "\"type\"", "Dense")),
    "layer is not an object": (_stack([4], "Dense"), 0, ("Layer 1", "{\"type\": \"Dense\"")),
    "missing required argument": (_stack([4], {"type": "Dense"}), 0, ("Dense (layer 1)", "\"units\"", "Add it")),
    "unknown argument with a hint": (_stack([4], {"type": "Dense", "unit": 3}), 0, ("Dense (layer 1)", "Did you mean \"units\"")),
    "unknown argument": (_stack([4], {"type": "Dense", "units": 3, "banana": 1}), 0, ("banana", "Remove")),
    "argument on a layer without settings": (_stack([4, 4], {"type": "Flatten", "data_format": "x"}), 0, ("Flatten (layer 1)", "Delete")),
    "Keras 2 input_length": (_stack([100], {"type": "Embedding", "input_dim": 100, "output_dim": 8, "input_length": 100}),
                             0, ("Embedding (layer 1)", "input_length", "input shape")),
    "Keras 2 input_dim on Dense": (_stack([4], {"type": "Dense", "units": 3, "input_dim": 4}), 0, ("input_dim", "input shape")),
    "string where a number goes": (_stack([4], {"type": "Dense", "units": "ten"}), 0, ("Dense (layer 1)", "whole number", "16")),
    "fractional units": (_stack([4], {"type": "Dense", "units": 2.5}), 0, ("whole number", "2.5")),
    "boolean units": (_stack([4], {"type": "Dense", "units": True}), 0, ("whole number",)),
    "negative units": (_stack([4], {"type": "Dense", "units": -3}), 0, ("-3", "outside", "Pick a value")),
    "dropout rate of one": (_stack([4], {"type": "Dropout", "rate": 1.0}), 0, ("Dropout (layer 1)", "rate", "range")),
    "not-a-number rate": (_stack([4], {"type": "Dropout", "rate": float("nan")}), 0, ("must be a number",)),
    "unknown activation": (_stack([4], {"type": "Dense", "units": 3, "activation": "Relu"}), 0, ("Relu", "relu", "Choose")),
    "bad padding": (_stack([8, 8, 1], {"type": "Conv2D", "filters": 2, "kernel_size": 3, "padding": "full"}), 0, ("padding", "same")),
    "kernel size of three numbers": (_stack([8, 8, 1], {"type": "Conv2D", "filters": 2, "kernel_size": [3, 3, 3]}), 0, ("kernel_size", "list of 2")),
    "use_bias not a bool": (_stack([4], {"type": "Dense", "units": 3, "use_bias": "yes"}), 0, ("true or false",)),
    "InputLayer not first": (_stack([4], DENSE, {"type": "InputLayer", "shape": [4]}), 1, ("InputLayer (layer 2)", "first layer")),
    "InputLayer disagrees": (_stack([4], {"type": "InputLayer", "shape": [5]}, DENSE), 0, ("InputLayer (layer 1)", "Keep only one")),
    "Conv2D after Flatten": (_stack([28, 28, 1], {"type": "Flatten"}, {"type": "Dense", "units": 128},
                                    {"type": "Conv2D", "filters": 8, "kernel_size": 3}),
                             2, ("Conv2D (layer 3)", "(None, 128)", "Flatten (layer 1) removed them", "Put Flatten after the convolution block")),
    "Conv2D on flat input": (_stack([784], {"type": "Conv2D", "filters": 8, "kernel_size": 3}), 0, ("(None, 784)", "Reshape", "[28, 28, 1]")),
    "stacked LSTM without return_sequences": (
        _stack([100], {"type": "Embedding", "input_dim": 1000, "output_dim": 8}, {"type": "LSTM", "units": 8},
               {"type": "LSTM", "units": 8}), 2, ("LSTM (layer 3)", "(None, 8)", "return_sequences", "layer 2")),
    "LSTM on an image": (_stack([28, 28, 1], {"type": "LSTM", "units": 8}), 0, ("timesteps", "[100, 8]")),
    "window bigger than the image": (
        _stack([28, 28, 1], *[{"type": "MaxPooling2D", "pool_size": 2}] * 4, {"type": "Conv2D", "filters": 4, "kernel_size": 3}),
        4, ("Conv2D (layer 5)", "does not fit", "padding \"same\"")),
    "Reshape to the wrong size": (_stack([784], {"type": "Reshape", "target_shape": [28, 27, 1]}), 0, ("Reshape (layer 1)", "784", "-1")),
    "Reshape with two unknowns": (_stack([784], {"type": "Reshape", "target_shape": [-1, -1]}), 0, ("-1 only once",)),
    "too many parameters": (_stack([4096], {"type": "Dense", "units": 8192}, {"type": "Dense", "units": 8192}),
                            1, ("Dense (layer 2)", "parameters", "fewer units")),
    "activation tensor too big": (_stack([1024, 1024, 3], {"type": "Conv2D", "filters": 1024, "kernel_size": 3, "padding": "same"}),
                                  0, ("Conv2D (layer 1)", "(None, 1024, 1024, 1024)", "pooling or strides")),
    "input too big": (_stack([4096, 4096, 3], DENSE), None, ("input shape", "150×150")),
    "too many layers": (_stack([4], *[{"type": "Dropout", "rate": 0.1}] * 65), None, ("65 layers", "Remove")),
}


@pytest.mark.parametrize("name", list(BAD_SPECS))
def test_bad_spec_fails_fast_naming_the_layer_and_the_fix(name):
    spec, layer_index, words = BAD_SPECS[name]
    original = copy.deepcopy(spec)
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        build_model(spec)
    assert time.perf_counter() - started < 1.0, "refused without allocating"
    message = str(caught.value)
    assert caught.value.layer_index == layer_index
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert spec == original, "a refused spec is left as the learner made it"
    korean = caught.value.text("ko")
    assert korean != message and "{" not in korean.replace("{\"type\"", "")


def test_there_are_at_least_fifteen_distinct_messages():
    keys = set()
    for spec, _, _ in BAD_SPECS.values():
        with pytest.raises(SpecError) as caught:
            validate(spec)
        keys.add(caught.value.key)
    assert len(keys) >= 15


def test_spec_error_is_a_value_error_and_summarize_refuses_too():
    spec = BAD_SPECS["Conv2D after Flatten"][0]
    with pytest.raises(ValueError):
        summarize(spec)


def test_a_huge_dense_layer_is_refused_before_keras_allocates_it():
    spec = _stack([4096], {"type": "Dense", "units": 8192}, {"type": "Dense", "units": 8192})
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        validate(spec)
    assert time.perf_counter() - started < 0.05
    assert f"{MAX_PARAMS:,}" in str(caught.value)


def test_an_unexpected_keras_failure_becomes_a_spec_error(monkeypatch):
    import keras

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("simulated Keras failure\nwith a long traceback")

    monkeypatch.setattr(keras.layers, "Dense", refuse)
    with pytest.raises(SpecError) as caught:
        build_model(PRESETS["iris"])
    assert caught.value.layer_index == 0
    assert "simulated Keras failure" in str(caught.value) and "traceback" not in str(caught.value)


def test_the_korean_message_names_the_layer_in_korean():
    with pytest.raises(SpecError) as caught:
        validate(BAD_SPECS["Conv2D after Flatten"][0])
    korean = caught.value.text("ko")
    assert "Conv2D (3번째 층)" in korean and "Flatten (1번째 층)" in korean and "합성곱 블록 뒤로" in korean
