"""The model spec — the spine of the playground: validate, summarize, build Keras models, export.

A model is a plain JSON-serialisable dict, the same thing the Build page edits, the link carries,
the Train and Compare pages train and the tests feed in::

    {"input_shape": [28, 28, 1],
     "layers": [{"type": "Conv2D", "filters": 32, "kernel_size": 3, "activation": "relu"},
                {"type": "MaxPooling2D", "pool_size": 2},
                {"type": "Flatten"},
                {"type": "Dense", "units": 10, "activation": "softmax"}]}

- ``input_shape``: the shape of one example, without the batch axis (1–4 whole numbers).
- ``layers``: a non-empty list; each layer's ``type`` is a Keras layer class name from
  ``playground.spec.layers.LAYER_TYPES`` and every other key is that class's constructor argument,
  spelled as Keras spells it. An absent argument takes Keras's default. Nothing that runs code
  (``Lambda``) is allowed. A stack may begin with ``{"type": "InputLayer", "shape": [...]}``
  instead of a top-level ``input_shape``.
- Layers get explicit names from their position (``conv2d_1``, ``dense_4``), never from Keras's
  global counters, which Streamlit resets between script runs.

Everything that can go wrong with a spec raises ``SpecError`` (a ``ValueError``), whose message
names the layer, what it received and the fix, in English (``str``) or Korean (``.text("ko")``).

Public API: ``SpecError``, ``ModelSummary`` / ``SummaryRow``, ``validate``, ``summarize``,
``validated`` (both at once, for callers that need the normalized spec and its summary),
``build_model``, ``to_code``, ``spec_to_json`` / ``spec_from_json``,
``spec_to_url_param`` / ``spec_from_url_param``.
"""

from __future__ import annotations

from typing import Any

from playground.spec.codegen import default_compile_arguments, to_code
from playground.spec.layers import LAYER_TYPES, layer_name
from playground.spec import seeds
from playground.spec.shapes import MAX_PARAMS, MAX_VALUES_PER_EXAMPLE, ModelSummary, SummaryRow
from playground.spec.validation import ValidatedSpec, validated
from playground.spec.errors import SpecError, layer_label
from playground.spec.io import spec_from_json, spec_from_url_param, spec_to_json, spec_to_url_param

__all__ = [
    "MAX_PARAMS",
    "MAX_VALUES_PER_EXAMPLE",
    "ModelSummary",
    "SpecError",
    "SummaryRow",
    "ValidatedSpec",
    "build_model",
    "default_compile_arguments",
    "layer_label",
    "spec_from_json",
    "spec_from_url_param",
    "spec_to_json",
    "spec_to_url_param",
    "summarize",
    "to_code",
    "validate",
    "validated",
]
# ``to_code`` lives in playground.spec.codegen and the JSON / link functions in playground.spec.io;
# they are re-exported here so that pages and tests need only ``playground.spec``.


def validate(spec: Any) -> dict[str, Any]:
    """Checks a spec completely (arguments, shapes, sizes) without Keras and returns it cleaned.

    Args:
        spec: A model spec (see the module docstring).

    Returns:
        A normalized copy: ``input_shape`` set, numbers converted to their kinds. ``spec`` itself
        is never changed.

    Raises:
        SpecError: For anything ``build_model`` would refuse; the message names the layer and the fix.
    """
    return validated(spec).spec


def summarize(spec: Any) -> ModelSummary:
    """Returns what Keras's ``model.summary()`` would say, computed in microseconds without Keras.

    Args:
        spec: A model spec.

    Returns:
        Rows (name, type, output shape with ``None`` batch, params) and totals (trainable,
        non-trainable, total) — equal to Keras's, which the tests check for every layer type.

    Raises:
        SpecError: When the spec is invalid.
    """
    return validated(spec).summary


def build_model(spec: Any, name: str = "sequential", seed: int | None = None) -> Any:
    """Builds the uncompiled ``keras.Sequential`` model of a spec.

    Validates first, so a bad spec fails in well under a second without allocating anything.

    Args:
        spec: A model spec.
        name: The model's name (explicit, so it does not depend on Keras's global counters).
        seed: With it, every random initializer and dropout gets an explicit seed from it
            (``playground.spec.seeds``): the same seed gives the same initial weights whatever else
            the process does. None leaves Keras's global random state to choose.

    Returns:
        A built ``keras.Sequential`` whose layers are named from their positions.

    Raises:
        SpecError: For any bad spec; an unexpected Keras error is wrapped into one too.
    """
    normalized = validated(spec).spec
    import keras  # Imported lazily: TensorFlow takes seconds to import.

    index = -1
    try:
        model = keras.Sequential(name=name)
        model.add(keras.Input(shape=tuple(normalized["input_shape"]), name="input"))
        for index, layer in enumerate(normalized["layers"]):
            if not LAYER_TYPES[layer["type"]].adds_layer:
                continue  # A leading InputLayer is the keras.Input above.
            arguments = {key: _keras_value(value) for key, value in layer.items() if key != "type"}
            if seed is not None:
                arguments.update({key: seeds.keras_value(value)
                                  for key, value in seeds.layer_seeds(layer, index, seed).items()})
            layer_class = _layer_class(keras, layer["type"])
            model.add(layer_class(**arguments, name=layer_name(layer["type"], index)))
    except SpecError:
        raise
    except Exception as error:  # noqa: BLE001 — any Keras failure must reach the learner as a SpecError.
        if index >= 0:
            raise SpecError("spec.error.keras_layer", index, normalized["layers"][index]["type"],
                            detail=_first_line(error)) from error
        raise SpecError("spec.error.keras_model", detail=_first_line(error)) from error
    return model


def _layer_class(keras: Any, type_name: str) -> Any:
    """The Keras class of a registry type: ``keras.layers.<name>``, or the playground's own (``InputFeatures``)."""
    module = LAYER_TYPES[type_name].module
    if not module:
        return getattr(keras.layers, type_name)
    import importlib

    return getattr(importlib.import_module(module), type_name)


def _keras_value(value: Any) -> Any:
    """Lists become tuples (Keras wants tuples for kernel sizes and shapes)."""
    return tuple(value) if isinstance(value, list) else value


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def layer_types() -> list[str]:
    """The layer types a spec may use, in the order the Build page offers them."""
    return list(LAYER_TYPES)
