"""Structural checks of a model spec: types, names and values, before any shape is inferred.

``normalize(spec)`` turns whatever a page, a JSON file or a link handed in into a clean spec (a new
dict; the input is never changed) or raises ``SpecError`` naming the layer, what it received and
the fix. Pure Python: no Keras.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from playground.spec.layers import FORBIDDEN_TYPES, INPUT_ARGUMENTS, LAYER_TYPES, REGULARIZER_CLASSES, Field, LayerType
from playground.spec.errors import SpecError, shown

MAX_LAYERS = 64
MAX_INPUT_RANK = 4
MAX_INPUT_DIMENSION = 4096
TOP_LEVEL_KEYS = ("input_shape", "layers")


def normalize(spec: Any) -> dict[str, Any]:
    """Checks the structure and every argument of ``spec`` and returns a clean copy.

    The copy has ``input_shape`` as a list of ints (taken from a leading ``InputLayer`` when the
    top level lacks it) and each layer's arguments converted to their kinds (``16.0`` → ``16``,
    ``activation: None`` → ``"linear"``). A leading ``InputLayer`` is kept so that layer indices
    stay those of the learner's stack.

    Raises:
        SpecError: For anything the playground cannot build.
    """
    if not isinstance(spec, Mapping):
        raise SpecError("spec.error.not_a_dict", got=shown(spec))
    unknown = [key for key in spec if key not in TOP_LEVEL_KEYS]
    if unknown:
        raise SpecError("spec.error.unknown_top_key", entry=shown(unknown[0]))
    raw_layers = spec.get("layers")
    if not isinstance(raw_layers, list):
        raise SpecError("spec.error.layers_not_list", got=shown(raw_layers))
    if len(raw_layers) > MAX_LAYERS:
        raise SpecError("spec.error.too_many_layers", count=len(raw_layers), maximum=MAX_LAYERS)
    layers = [_normalize_layer(raw_layer, index) for index, raw_layer in enumerate(raw_layers)]
    if not [layer for layer in layers if layer["type"] != "InputLayer"]:
        raise SpecError("spec.error.empty")
    input_shape = _resolve_input_shape(spec.get("input_shape"), layers)
    return {"input_shape": input_shape, "layers": layers}


def _normalize_layer(raw_layer: Any, index: int) -> dict[str, Any]:
    if not isinstance(raw_layer, Mapping):
        raise SpecError("spec.error.layer_not_dict", index, "?", got=shown(raw_layer))
    type_name = raw_layer.get("type")
    choices = ", ".join(LAYER_TYPES)
    if not isinstance(type_name, str) or not type_name:
        raise SpecError("spec.error.missing_type", index, "?", choices=choices)
    if type_name in FORBIDDEN_TYPES:
        raise SpecError("spec.error.forbidden_type", index, type_name, choices=choices)
    if type_name not in LAYER_TYPES:
        suggestion = _closest(type_name, list(LAYER_TYPES))
        if suggestion:
            raise SpecError("spec.error.unknown_type_hint", index, type_name, suggestion=suggestion)
        raise SpecError("spec.error.unknown_type", index, type_name, choices=choices)
    if type_name == "InputLayer" and index != 0:
        raise SpecError("spec.error.input_layer_position", index, type_name)
    layer_type = LAYER_TYPES[type_name]
    layer: dict[str, Any] = {"type": type_name}
    for argument, value in raw_layer.items():
        if argument == "type":
            continue
        field = layer_type.field(argument) if isinstance(argument, str) else None
        if field is None:
            _refuse_argument(layer_type, argument, index)
        layer[argument] = _check_value(field, value, index, type_name)
    for field in layer_type.fields:
        if field.required and field.name not in layer:
            example = layer_type.starter.get(field.name)
            raise SpecError("spec.error.missing_argument", index, type_name, argument=field.name,
                            example=f"{field.name}={shown(example)}")
    return layer


def _refuse_argument(layer_type: LayerType, argument: Any, index: int) -> None:
    if argument in INPUT_ARGUMENTS:
        raise SpecError("spec.error.input_argument", index, layer_type.name, argument=argument)
    accepted = ", ".join(layer_type.field_names)
    if not accepted:
        raise SpecError("spec.error.no_arguments", index, layer_type.name, argument=shown(argument))
    suggestion = _closest(str(argument), list(layer_type.field_names))
    if suggestion:
        raise SpecError("spec.error.unknown_argument_hint", index, layer_type.name, argument=shown(argument),
                        suggestion=suggestion, choices=accepted)
    raise SpecError("spec.error.unknown_argument", index, layer_type.name, argument=shown(argument), choices=accepted)


def _closest(name: str, candidates: list[str]) -> str | None:
    lowered = {candidate.lower(): candidate for candidate in candidates}
    if name.lower() in lowered:
        return lowered[name.lower()]
    matches = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered[matches[0]] if matches else None


def _check_value(field: Field, value: Any, index: int, type_name: str) -> Any:
    """Returns ``value`` converted to ``field``'s kind, or raises a SpecError naming the fix."""
    context = {"argument": field.name, "got": shown(value)}
    if value is None:
        if field.nullable:
            return None
        if field.name == "activation" and not field.required:
            return "linear"
        raise SpecError("spec.error.missing_value", index, type_name, **context)
    if field.kind == "bool":
        if not isinstance(value, bool):
            raise SpecError("spec.error.not_bool", index, type_name, **context)
        return value
    if field.kind == "regularizer" and isinstance(value, Mapping):
        return _check_regularizer(field, value, index, type_name)
    if field.kind in ("choice", "regularizer"):
        if value not in field.choices:
            suggestion = _closest(value, [str(choice) for choice in field.choices]) if isinstance(value, str) else None
            raise SpecError("spec.error.bad_choice", index, type_name, choices=", ".join(map(str, field.choices)),
                            suggestion=suggestion or field.choices[0], **context)
        return value
    if field.kind == "choice_list":
        return _check_choice_list(field, value, index, type_name)
    if field.kind == "int":
        return _check_range(field, _as_int(value, field, index, type_name), index, type_name)
    if field.kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise SpecError("spec.error.not_number", index, type_name, **context)
        return _check_range(field, float(value), index, type_name)
    return _check_int_tuple(field, value, index, type_name)


def _check_regularizer(field: Field, value: Mapping[str, Any], index: int, type_name: str) -> dict[str, Any]:
    """A regularizer with its own strength, as Keras serialises it: {"class_name": "L2", "config": {"l2": 0.001}}."""
    classes = {class_name: arguments for class_name, arguments in REGULARIZER_CLASSES.values()}
    class_name, config = value.get("class_name"), value.get("config")
    if set(value) != {"class_name", "config"} or class_name not in classes or not isinstance(config, Mapping) \
            or set(config) != set(classes[class_name]):
        raise SpecError("spec.error.bad_regularizer", index, type_name, argument=field.name, got=shown(value),
                        choices=", ".join(map(str, field.choices[1:])), minimum=_number(field.minimum),
                        maximum=_number(field.maximum))
    strengths = {}
    for argument in classes[class_name]:
        strength = config[argument]
        if isinstance(strength, bool) or not isinstance(strength, (int, float)) or not math.isfinite(strength):
            raise SpecError("spec.error.not_number", index, type_name, argument=f"{field.name}.{argument}",
                            got=shown(strength))
        strengths[argument] = _check_range(replace(field, name=f"{field.name}.{argument}"), float(strength), index,
                                           type_name)
    return {"class_name": class_name, "config": strengths}


def _as_int(value: Any, field: Field, index: int, type_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not (math.isfinite(value) and value.is_integer())):
        raise SpecError("spec.error.not_int", index, type_name, argument=field.name, got=shown(value))
    return int(value)


def _check_range(field: Field, value: float, index: int, type_name: str) -> Any:
    if (field.minimum is not None and value < field.minimum) or (field.maximum is not None and value > field.maximum):
        raise SpecError("spec.error.out_of_range", index, type_name, argument=field.name, got=shown(value),
                        minimum=_number(field.minimum), maximum=_number(field.maximum))
    return value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,g}" if abs(value) < 1e6 else f"{int(value):,}"


def _check_choice_list(field: Field, value: Any, index: int, type_name: str) -> list[Any]:
    """One or more different ``field.choices``, in the order given (``InputFeatures``' columns)."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value or len(set(value)) != len(value):
        raise SpecError("spec.error.not_choice_list", index, type_name, argument=field.name, got=shown(value),
                        choices=", ".join(map(str, field.choices)))
    for item in value:
        _check_value(replace(field, kind="choice"), item, index, type_name)
    return list(value)


def _check_int_tuple(field: Field, value: Any, index: int, type_name: str) -> int | list[int]:
    """Accepts an int (when the tuple has a fixed length, as Keras does) or a list of ints."""
    example = "[3, 3]" if field.length else "[7, 7, 64]"
    if field.length and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _check_range(field, _as_int(value, field, index, type_name), index, type_name)
    wanted_length = field.length
    if not isinstance(value, (list, tuple)) or not value or len(value) > MAX_INPUT_RANK or (
            wanted_length is not None and len(value) != wanted_length):
        raise SpecError("spec.error.not_int_tuple", index, type_name, argument=field.name, got=shown(value),
                        length=wanted_length or "1–4", example=example)
    return [_check_range(field, _as_int(item, field, index, type_name), index, type_name) for item in value]


def _resolve_input_shape(raw_shape: Any, layers: list[dict[str, Any]]) -> list[int]:
    from_layer = layers[0].get("shape") if layers[0]["type"] == "InputLayer" else None
    if raw_shape is None and from_layer is None:
        raise SpecError("spec.error.missing_input_shape")
    if raw_shape is not None:
        shape = _check_shape(raw_shape)
        if from_layer is not None and list(from_layer) != shape:
            raise SpecError("spec.error.input_shape_conflict", 0, "InputLayer", shape=shown(from_layer),
                            input_shape=shown(shape))
        return shape
    return _check_shape(from_layer)


def _check_shape(raw_shape: Any) -> list[int]:
    if isinstance(raw_shape, int) and not isinstance(raw_shape, bool):
        raw_shape = [raw_shape]
    valid = isinstance(raw_shape, (list, tuple)) and 1 <= len(raw_shape) <= MAX_INPUT_RANK and all(
        isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= MAX_INPUT_DIMENSION
        for item in raw_shape)
    if not valid:
        raise SpecError("spec.error.bad_input_shape", got=shown(raw_shape), maximum=f"{MAX_INPUT_DIMENSION:,}")
    return [int(item) for item in raw_shape]
