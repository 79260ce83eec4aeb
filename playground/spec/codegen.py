"""Keras code export: the model of a spec as code in the course notes' style.

The notes write ``model = Sequential()`` then ``model.add(Dense(16, activation='relu'))``; the
exported code does the same, so a learner can paste it into a notebook next to the notes. Executing
the code builds a model with the same layers and parameter count (checked by the tests).
"""

from __future__ import annotations

import re
from typing import Any

from playground.spec.layers import LAYER_TYPES
from playground.spec.validation import validated

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def default_compile_arguments(spec: dict[str, Any]) -> dict[str, Any]:
    """Chooses optimizer, loss and metrics from the output layer, as the notes do.

    softmax → sparse categorical cross-entropy (the playground's datasets have integer labels);
    a single sigmoid output → binary cross-entropy; anything else → mean squared error (regression).

    Args:
        spec: A model spec.

    Raises:
        SpecError: When the spec is invalid.
    """
    checked = validated(spec)
    activation = checked.spec["layers"][-1].get("activation", "linear")
    output_width = checked.summary.output_shape[-1]
    if activation == "softmax":
        return {"optimizer": "adam", "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}
    if activation == "sigmoid" and output_width == 1:
        return {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": ["accuracy"]}
    return {"optimizer": "adam", "loss": "mse", "metrics": ["mae"]}


def to_code(spec: Any, compile_arguments: dict[str, Any] | None = None) -> str:
    """Returns runnable Keras code that builds, compiles and summarizes the model of ``spec``.

    Args:
        spec: A model spec (see ``playground.spec``).
        compile_arguments: ``{"optimizer": ..., "loss": ..., "metrics": [...]}``; each value is a
            name (written as a string literal, e.g. ``'adam'``) or, for the optimizer, a Python
            expression such as ``playground.engine.optimizers.optimizer_code(...)`` returns
            (``keras.optimizers.SGD(learning_rate=0.01)``). Missing entries are chosen from the
            output layer (``default_compile_arguments``).

    Returns:
        The code, ending with a newline.

    Raises:
        SpecError: When the spec is invalid.
    """
    normalized = validated(spec).spec
    arguments = {**default_compile_arguments(normalized), **(compile_arguments or {})}
    # A leading InputLayer adds no layer: its shape is the keras.Input line.
    added = [layer for layer in normalized["layers"] if LAYER_TYPES[layer["type"]].adds_layer]
    used_types = list(dict.fromkeys(layer["type"] for layer in added))
    lines = [
        "from tensorflow import keras",
        "from keras.models import Sequential",
        f"from keras.layers import {', '.join(used_types)}",
        "",
        "model = Sequential()",
        f"model.add(keras.Input(shape={_literal(tuple(normalized['input_shape']))}))",
    ]
    lines += [f"model.add({_layer_call(layer)})" for layer in added]
    lines += ["", _compile_call(arguments), "model.summary()", ""]
    return "\n".join(lines)


def _layer_call(layer: dict[str, Any]) -> str:
    """``Dense(16, activation='relu')``: positional arguments first, then non-default keywords."""
    layer_type = LAYER_TYPES[layer["type"]]
    parts = [_literal(layer[name]) for name in layer_type.positional if name in layer]
    for field in layer_type.fields:
        if field.name in layer_type.positional and field.name in layer:
            continue
        if field.name in layer and layer[field.name] != field.default:
            parts.append(f"{field.name}={_literal(layer[field.name])}")
    return f"{layer['type']}({', '.join(parts)})"


def _literal(value: Any) -> str:
    """Python source for a value: tuples for lists (as Keras documents), repr otherwise."""
    if isinstance(value, (list, tuple)):
        items = ", ".join(_literal(item) for item in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    if isinstance(value, float):
        return repr(float(f"{value:.10g}"))  # 0.30000000000000004 from a slider → 0.3
    return repr(value)


def _compile_call(arguments: dict[str, Any]) -> str:
    optimizer = str(arguments["optimizer"])
    # A bare name such as "adam" is a string for Keras; anything else is an expression to paste.
    optimizer_source = repr(optimizer) if _IDENTIFIER.match(optimizer) else optimizer
    metrics = arguments.get("metrics") or []
    return (f"model.compile(optimizer={optimizer_source}, loss={arguments['loss']!r}, "
            f"metrics={[str(metric) for metric in metrics]!r})")
