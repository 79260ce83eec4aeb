"""Every layer type of the registry builds, and the playground's summary equals Keras's exactly."""

from __future__ import annotations

import dataclasses
import inspect
import re
from typing import Any

import pytest

from playground.i18n import LANGUAGES, TABLE
from playground.spec.layers import INPUT_ARGUMENTS, LAYER_TYPES, REQUIRED, LayerType, layer_name, new_layer
from playground.spec import build_model, summarize, validate


def assert_matches_keras(spec: dict[str, Any]) -> None:
    """Builds ``spec`` in Keras and checks every summary row against the real layer."""
    model = build_model(spec)
    summary = summarize(spec)
    assert len(model.layers) == len(summary.rows)
    for layer, row in zip(model.layers, summary.rows):
        trainable = sum(int(weight.numpy().size) for weight in layer.trainable_weights)
        non_trainable = sum(int(weight.numpy().size) for weight in layer.non_trainable_weights)
        assert (layer.name, type(layer).__name__) == (row.name, row.type)
        assert tuple(layer.output.shape) == row.output_shape, row
        assert (layer.count_params(), trainable, non_trainable) == (
            row.params, row.trainable_params, row.non_trainable_params), row
    assert model.count_params() == summary.total_params
    assert sum(int(w.numpy().size) for w in model.trainable_weights) == summary.trainable_params
    assert sum(int(w.numpy().size) for w in model.non_trainable_weights) == summary.non_trainable_params


def _stack(input_shape: list[int], *layers: dict[str, Any]) -> dict[str, Any]:
    return {"input_shape": input_shape, "layers": list(layers)}


# At least one spec per layer type, with the arguments that change shapes or counts set away from
# their defaults (strides with 'same' padding, BatchNormalization without center, GRU both ways).
LAYER_CASES: dict[str, dict[str, Any]] = {
    "InputLayer": {"layers": [{"type": "InputLayer", "shape": [8]}, {"type": "Dense", "units": 3}]},
    "InputFeatures": _stack([2], {"type": "InputFeatures", "features": ["sin_x2", "x1", "x1_x2"]},
                            {"type": "Dense", "units": 3}),
    "Dense": _stack([4, 5], {"type": "Dense", "units": 6, "activation": "tanh", "use_bias": False,
                             "kernel_regularizer": "l2"}),
    "Conv2D": _stack([11, 10, 3], {"type": "Conv2D", "filters": 4, "kernel_size": [3, 2], "strides": 2,
                                   "padding": "same", "kernel_initializer": "he_normal"},
                     {"type": "Conv2D", "filters": 5, "kernel_size": 3, "strides": [2, 1], "kernel_regularizer": "l2"}),
    "MaxPooling2D": _stack([9, 9, 2], {"type": "MaxPooling2D", "pool_size": 3, "strides": 2}),
    "AveragePooling2D": _stack([7, 8, 2], {"type": "AveragePooling2D", "pool_size": [2, 3], "padding": "same"}),
    "GlobalAveragePooling2D": _stack([6, 6, 5], {"type": "GlobalAveragePooling2D"}),
    "Flatten": _stack([3, 4, 2], {"type": "Flatten"}, {"type": "Dense", "units": 2}),
    "Reshape": _stack([12], {"type": "Reshape", "target_shape": [3, -1]}, {"type": "Reshape", "target_shape": [2, 2, 3]}),
    "Dropout": _stack([5], {"type": "Dropout", "rate": 0.25}),
    "BatchNormalization": _stack([5, 5, 3], {"type": "BatchNormalization"},
                                 {"type": "BatchNormalization", "center": False, "momentum": 0.9}),
    "Activation": _stack([4], {"type": "Activation", "activation": "softmax"}),
    "LeakyReLU": _stack([4], {"type": "LeakyReLU", "negative_slope": 0.1}),
    "Rescaling": _stack([4, 4, 1], {"type": "Rescaling", "scale": 1 / 255, "offset": -0.5}),
    "SimpleRNN": _stack([7, 3], {"type": "SimpleRNN", "units": 4, "return_sequences": True},
                        {"type": "SimpleRNN", "units": 2}),
    "LSTM": _stack([6, 3], {"type": "LSTM", "units": 5, "return_sequences": True, "dropout": 0.1},
                   {"type": "LSTM", "units": 2}),
    "GRU": _stack([6, 3], {"type": "GRU", "units": 4, "return_sequences": True},
                  {"type": "GRU", "units": 3, "reset_after": False}),
    "Embedding": _stack([10], {"type": "Embedding", "input_dim": 50, "output_dim": 4, "mask_zero": True},
                        {"type": "LSTM", "units": 3}),
}


def test_every_registered_type_has_a_case():
    assert set(LAYER_CASES) == set(LAYER_TYPES)


# Parts that may honestly be empty: Flatten has no arguments, hence no starter and no positional ones.
# Only the playground's own classes (InputFeatures) name a module and the modules their code needs.
_MAY_BE_EMPTY = {"fields", "starter", "positional", "module", "code_modules"}


@pytest.mark.parametrize("type_name", list(LAYER_TYPES))
def test_every_entry_fills_every_part(type_name):
    """One entry is the whole truth about its type, so no part may be left for a side table."""
    entry = LAYER_TYPES[type_name]
    for part in dataclasses.fields(LayerType):
        value = getattr(entry, part.name)
        assert value is not None and (part.name in _MAY_BE_EMPTY or value != ""), f"{type_name}.{part.name}"
    assert callable(entry.shape_rule)
    assert re.fullmatch(r"#[0-9a-f]{6}", entry.colour), entry.colour
    assert all(isinstance(flag, bool) for flag in (entry.flattens, entry.hidden_activation, entry.adds_layer))
    assert not entry.hidden_activation or entry.field("activation") is not None
    assert set(entry.positional) <= set(entry.field_names)
    assert entry.description_key == f"spec.type.{type_name}"
    others = [other for other in LAYER_TYPES.values() if other is not entry]
    assert entry.colour not in {other.colour for other in others}, "each type keeps its own diagram colour"
    assert entry.snake_name not in {other.snake_name for other in others}


@pytest.mark.parametrize("type_name", list(LAYER_CASES))
def test_every_layer_type_matches_keras_exactly(type_name):
    assert_matches_keras(LAYER_CASES[type_name])


@pytest.mark.parametrize("type_name", [name for name in LAYER_TYPES if name != "InputLayer"])
def test_field_names_are_real_keras_arguments_with_keras_defaults(type_name):
    import keras

    import importlib

    module = LAYER_TYPES[type_name].module
    layer_class = getattr(importlib.import_module(module) if module else keras.layers, type_name)
    parameters = inspect.signature(layer_class.__init__).parameters
    for field in LAYER_TYPES[type_name].fields:
        assert field.name in parameters, f"{type_name} has no argument {field.name}"
        keras_default = parameters[field.name].default
        if keras_default == field.default:
            continue
        if field.default is REQUIRED:
            assert keras_default is inspect.Parameter.empty or field.name == "activation"
        elif isinstance(keras_default, tuple):
            assert keras_default == (field.default,) * len(keras_default)
        elif field.name == "activation" and keras_default is None:
            assert field.default == "linear"
        else:
            assert keras_default == field.default, (type_name, field.name)


@pytest.mark.parametrize("type_name", list(LAYER_TYPES))
def test_starter_layers_are_valid_and_texts_exist_in_every_language(type_name):
    layer_type = LAYER_TYPES[type_name]
    fresh = new_layer(type_name)
    input_shape = {"InputLayer": None, "SimpleRNN": [10, 3], "LSTM": [10, 3], "GRU": [10, 3],
                   "Conv2D": [28, 28, 1], "MaxPooling2D": [28, 28, 1], "AveragePooling2D": [28, 28, 1],
                   "GlobalAveragePooling2D": [28, 28, 1], "Reshape": [784], "InputFeatures": [2]}.get(type_name, [8])
    spec = {"layers": [fresh, {"type": "Dense", "units": 2}]} if input_shape is None else _stack(input_shape, fresh)
    validate(spec)
    keys = [layer_type.description_key, *(field.help_key for field in layer_type.fields)]
    for key in keys:
        assert all(TABLE[key].get(language) for language in LANGUAGES), key


def test_new_layer_returns_an_independent_copy():
    first = new_layer("InputLayer")
    first["shape"].append(5)
    assert new_layer("InputLayer")["shape"] == [28, 28, 1]


def test_layer_names_come_from_positions_not_keras_counters():
    import keras

    keras.backend.clear_session()  # What Streamlit does between script runs; it must not matter.
    first = build_model(LAYER_CASES["Conv2D"])
    second = build_model(LAYER_CASES["Conv2D"])
    assert [layer.name for layer in first.layers] == [layer.name for layer in second.layers] == ["conv2d_1", "conv2d_2"]
    assert layer_name("MaxPooling2D", 2) == "max_pooling2d_3"


def test_input_arguments_are_not_fields_except_embedding_input_dim():
    for layer_type in LAYER_TYPES.values():
        overlap = INPUT_ARGUMENTS & set(layer_type.field_names)
        assert overlap == ({"input_dim"} if layer_type.name == "Embedding" else set())
