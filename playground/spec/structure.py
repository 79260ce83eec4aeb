"""Whether a model's layers can take the data at all, with fixes that really make them fit.

``tasks.check`` compares the model's input and output layer with the data; it cannot see that a stack of
Dense layers on an image keeps the image's height and width (no Flatten: the output is ``(28, 28, 10)``
where the labels are one number), or that a pooling window no longer fits an 8×8 image. ``problems``
finds those from the layers' shapes (``playground.spec.validated``, no TensorFlow) and offers fixes that
``tasks.apply_fix`` carries out: add Flatten before the first Dense, drop a pooling layer that does not
fit, give a convolution padding "same". When no fix applies it says plainly that the model cannot take
this data.
"""

from __future__ import annotations

from typing import Any

from playground.spec.errors import SpecError
from playground.spec.layers import LAYER_TYPES
from playground.spec.tasks import Fix, Problem
from playground.spec.validation import validated

POOLING_TYPES = ("MaxPooling2D", "AveragePooling2D")
PADDED_TYPES = ("Conv2D",)


def problems(spec: dict[str, Any]) -> list[Problem]:
    """Lists what keeps this stack of layers from producing one prediction per example.

    Args:
        spec: The model spec, its input shape already the data's (``tasks.check`` says so first).

    Returns:
        Blocking problems with their fixes, or an empty list when the shapes work out.
    """
    try:
        summary = validated(spec).summary
    except SpecError as error:
        return [_invalid_layer(spec, error)]
    if not summary.rows:
        return []
    output = summary.rows[-1].output_shape
    if len(output) <= 2:
        return []
    fields = {"shape": str(tuple(output[1:]))}
    dense = _first_dense(spec)
    if dense is None or _flattens_before(spec, dense):
        return [Problem("train.problem_output_not_vector", fields, ())]
    fix = Fix("train.fix_add_flatten", "add_flatten", dense, {"layer": dense + 1})
    return [Problem("train.problem_output_not_vector", fields, (fix,))]


def _invalid_layer(spec: dict[str, Any], error: SpecError) -> Problem:
    """A layer the shapes refuse: drop a pooling layer that no longer fits, or pad a convolution."""
    index = error.layer_index
    layers = spec.get("layers") or []
    fields = {"detail": error}  # A LearnerError: the page shows it in the learner's language.
    if index is None or not 0 <= index < len(layers):
        return Problem("train.problem_cannot_take_data", fields, ())
    layer_type = layers[index].get("type")
    fix_fields = {"layer": index + 1, "type": layer_type}
    if layer_type in POOLING_TYPES:
        return Problem("train.problem_cannot_take_data", fields,
                       (Fix("train.fix_drop_layer", "drop_layer", index, fix_fields),))
    if layer_type in PADDED_TYPES and layers[index].get("padding", "valid") != "same":
        return Problem("train.problem_cannot_take_data", fields,
                       (Fix("train.fix_padding_same", "set_padding_same", index, fix_fields),))
    return Problem("train.problem_cannot_take_data", fields, ())


def _first_dense(spec: dict[str, Any]) -> int | None:
    for index, layer in enumerate(spec.get("layers") or []):
        if layer.get("type") == "Dense":
            return index
    return None


def _flattens_before(spec: dict[str, Any], index: int) -> bool:
    """Whether a layer before ``index`` already turns each example into a vector."""
    for layer in (spec.get("layers") or [])[:index]:
        entry = LAYER_TYPES.get(layer.get("type"))
        if entry is not None and entry.flattens:
            return True
    return False
