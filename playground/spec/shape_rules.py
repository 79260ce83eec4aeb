"""Shape and parameter rules, one per kind of layer, referenced by the layer registry.

Each rule takes the input shape (no batch axis), the layer's normalized arguments and a ``Context``
(the layers before it, to name the cause of an error) and returns ``(output shape, trainable
parameters, non-trainable parameters)`` exactly as Keras computes them, or raises ``SpecError``.
Every ``LayerType`` in ``playground.spec.layers`` names its rule (``shape_rule``); ``shapes.infer``
walks a stack with them. This module imports neither the registry nor Keras, so the registry can
import it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground.spec.errors import SpecError, Translated, shown

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Step:
    """A layer already placed: what it took and what it gave (to explain later shape errors).

    Attributes:
        index: 0-based index of the layer in ``spec["layers"]``.
        type: Its Keras class name.
        layer: Its normalized arguments.
        input_shape: What it received (no batch axis).
        output_shape: What it gave (no batch axis).
        recurrent: Whether its type has ``return_sequences`` (from the registry entry), so a
            later error can say "set return_sequences" without a list of RNN class names here.
    """

    index: int
    type: str
    layer: dict[str, Any]
    input_shape: Shape
    output_shape: Shape
    recurrent: bool = False


@dataclass(frozen=True)
class Context:
    """The layer a rule is placing and the layers before it (to name the cause of an error)."""

    index: int
    type: str
    history: tuple[Step, ...]

    def error(self, key: str, **fields: Any) -> SpecError:
        """Returns a ``SpecError`` about this layer."""
        return SpecError(key, self.index, self.type, **fields)


# Each rule: (input shape, layer arguments, context) → (output shape, trainable, non-trainable).
Rule = Callable[[Shape, dict[str, Any], Context], tuple[Shape, int, int]]


def batch_shape(shape: Shape) -> str:
    """Renders a shape the way Keras prints it: ``(None, 26, 26, 32)``."""
    return "(" + ", ".join(["None", *map(str, shape)]) + ")"


def _pair(value: Any) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def _cause(history: tuple[Step, ...]) -> Step | None:
    """The latest layer that removed axes (Flatten, GlobalAveragePooling2D, an RNN, a Reshape)."""
    return next((step for step in reversed(history) if len(step.output_shape) < len(step.input_shape)), None)


def _label(step: Step) -> Translated:
    return Translated("spec.layer_label", type=step.type, number=step.index + 1)


def _need_image(shape: Shape, context: Context) -> None:
    if len(shape) == 3:
        return
    got = batch_shape(shape)
    cause = _cause(context.history)
    if cause is not None and len(cause.input_shape) == 3:
        raise context.error("spec.error.needs_image_removed", got=got, cause=_label(cause), cause_type=cause.type)
    if not context.history:
        raise context.error("spec.error.needs_image_input", got=got)
    raise context.error("spec.error.needs_image", got=got)


def _need_sequence(shape: Shape, context: Context) -> None:
    if len(shape) == 2:
        return
    got = batch_shape(shape)
    cause = _cause(context.history)
    if cause is not None and cause.recurrent and len(shape) == 1:
        raise context.error("spec.error.needs_sequence_rnn", got=got, cause=_label(cause), number=cause.index + 1)
    if cause is not None and len(cause.input_shape) == 2 and len(shape) == 1:
        raise context.error("spec.error.needs_sequence_removed", got=got, cause=_label(cause), cause_type=cause.type)
    if not context.history:
        raise context.error("spec.error.needs_sequence_input", got=got)
    raise context.error("spec.error.needs_sequence", got=got)


def _window(size: int, window: int, stride: int, padding: str, context: Context, axis: str) -> int:
    """Output length of a convolution or pooling window along one axis, as Keras computes it."""
    if padding == "same":
        return -(-size // stride)
    if size < window:
        raise context.error("spec.error.window_too_big", window=window, size=size, axis=Translated(f"spec.axis.{axis}"))
    return (size - window) // stride + 1


def _spatial(shape: Shape, window: tuple[int, int], strides: tuple[int, int], padding: str,
             context: Context) -> tuple[int, int]:
    return (_window(shape[0], window[0], strides[0], padding, context, "height"),
            _window(shape[1], window[1], strides[1], padding, context, "width"))


def dense(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    units = layer["units"]
    return (*shape[:-1], units), shape[-1] * units + (units if layer.get("use_bias", True) else 0), 0


def input_features(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    """``InputFeatures`` takes points (x₁, x₂) and gives one column per chosen feature, with no weights."""
    if tuple(shape) != (2,):
        raise context.error("spec.error.needs_points", got=batch_shape(shape))
    return (len(layer["features"]),), 0, 0


def conv2d(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    kernel = _pair(layer["kernel_size"])
    height, width = _spatial(shape, kernel, _pair(layer.get("strides", 1)), layer.get("padding", "valid"), context)
    filters = layer["filters"]
    params = kernel[0] * kernel[1] * shape[2] * filters + (filters if layer.get("use_bias", True) else 0)
    return (height, width, filters), params, 0


def pooling(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    pool = _pair(layer.get("pool_size", 2))
    strides = pool if layer.get("strides") is None else _pair(layer["strides"])
    height, width = _spatial(shape, pool, strides, layer.get("padding", "valid"), context)
    return (height, width, shape[2]), 0, 0


def global_pooling(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    return (shape[2],), 0, 0


def flatten(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    return (math.prod(shape),), 0, 0


def reshape(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    target = list(layer["target_shape"])
    values = math.prod(shape)
    if 0 in target or target.count(-1) > 1:
        raise context.error("spec.error.reshape_unknowns", target=shown(target))
    known = math.prod(item for item in target if item != -1)
    if -1 in target:
        if values % known:
            raise context.error("spec.error.reshape_mismatch", got=batch_shape(shape), count=f"{values:,}",
                                target=shown(target), target_count=f"{known:,} × ?")
        target[target.index(-1)] = values // known
    elif known != values:
        raise context.error("spec.error.reshape_mismatch", got=batch_shape(shape), count=f"{values:,}",
                            target=shown(target), target_count=f"{known:,}")
    return tuple(target), 0, 0


def same_shape(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    """Layers that change values but not shapes (Dropout, Activation, Rescaling, an InputLayer)."""
    return shape, 0, 0


def batch_normalization(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    channels = shape[-1]
    trainable = channels * (int(layer.get("center", True)) + int(layer.get("scale", True)))
    return shape, trainable, 2 * channels  # moving mean and moving variance are not trained


def recurrent(gates: int, extra_bias: int = 0) -> Rule:
    """A SimpleRNN (1 gate), LSTM (4) or GRU (3) rule; GRU with reset_after has a second bias."""

    def rule(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
        _need_sequence(shape, context)
        units = layer["units"]
        second_bias = extra_bias if layer.get("reset_after", True) else 0
        params = gates * units * (shape[1] + units + 1 + second_bias)
        output = (shape[0], units) if layer.get("return_sequences", False) else (units,)
        return output, params, 0

    return rule


def embedding(shape: Shape, layer: dict[str, Any], context: Context) -> tuple[Shape, int, int]:
    return (*shape, layer["output_dim"]), layer["input_dim"] * layer["output_dim"], 0
