"""Shape inference and parameter counting, layer by layer, without Keras.

``infer(normalized_spec)`` walks the stack the way Keras would build it and returns a
``ModelSummary`` equal to Keras's ``model.summary()`` (the tests check every layer type against
Keras), or raises ``SpecError`` when a layer cannot take what the layer before it gives — naming
which earlier layer caused it — or when the model would be absurdly large. Because no tensor is
allocated, an absurd model is refused in microseconds.

Shapes here leave out the batch axis; ``SummaryRow.output_shape`` puts ``None`` in front as Keras does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground.spec.layers import layer_name
from playground.spec.checks import shown
from playground.spec.errors import SpecError, Translated

MAX_PARAMS = 50_000_000
"""Most parameters a model may have (200 MB of float32 weights, before optimizer slots)."""
MAX_VALUES_PER_EXAMPLE = 8_000_000
"""Most values one layer may output per example (32 MB of float32; × batch size in training)."""

Shape = tuple[int, ...]


@dataclass(frozen=True)
class SummaryRow:
    """One line of ``model.summary()``.

    Attributes:
        index: 0-based index of the layer in ``spec["layers"]``.
        name: The Keras layer name (``conv2d_1``).
        type: The Keras class name.
        output_shape: Output shape with ``None`` for the batch axis, e.g. ``(None, 26, 26, 32)``.
        params: All parameters of the layer.
        trainable_params: Those the optimizer updates.
        non_trainable_params: The rest (BatchNormalization's moving mean and variance).
    """

    index: int
    name: str
    type: str
    output_shape: tuple[int | None, ...]
    params: int
    trainable_params: int
    non_trainable_params: int


@dataclass(frozen=True)
class ModelSummary:
    """What Keras's ``model.summary()`` says about a spec, computed without building it.

    Attributes:
        input_shape: The model's input shape with ``None`` for the batch axis.
        rows: One row per layer (a leading ``InputLayer`` has none, as in Keras).
        total_params: Sum of all parameters.
        trainable_params: Parameters the optimizer updates.
        non_trainable_params: Parameters it does not.
    """

    input_shape: tuple[int | None, ...]
    rows: tuple[SummaryRow, ...]
    total_params: int
    trainable_params: int
    non_trainable_params: int

    @property
    def output_shape(self) -> tuple[int | None, ...]:
        """The model's output shape with ``None`` for the batch axis."""
        return self.rows[-1].output_shape if self.rows else self.input_shape


@dataclass(frozen=True)
class _Step:
    """A layer already placed: what it took and what it gave (to explain later shape errors)."""

    index: int
    type: str
    layer: dict[str, Any]
    input_shape: Shape
    output_shape: Shape


@dataclass(frozen=True)
class _Context:
    index: int
    type: str
    history: tuple[_Step, ...]

    def error(self, key: str, **fields: Any) -> SpecError:
        return SpecError(key, self.index, self.type, **fields)


# Each rule: (input shape, layer arguments, context) → (output shape, trainable, non-trainable).
Rule = Callable[[Shape, dict[str, Any], _Context], tuple[Shape, int, int]]


def infer(spec: dict[str, Any]) -> ModelSummary:
    """Returns the summary of a spec already passed through ``spec_check.normalize``.

    Raises:
        SpecError: When a layer cannot take its input's shape, or the model is too large.
    """
    shape: Shape = tuple(spec["input_shape"])
    _check_size(shape, 0, "InputLayer", None)
    history: list[_Step] = []
    rows: list[SummaryRow] = []
    total = trainable_total = 0
    for index, layer in enumerate(spec["layers"]):
        type_name = layer["type"]
        if type_name == "InputLayer":
            continue
        context = _Context(index, type_name, tuple(history))
        output_shape, trainable, non_trainable = RULES[type_name](shape, layer, context)
        _check_size(output_shape, index, type_name, output_shape)
        total += trainable + non_trainable
        trainable_total += trainable
        if total > MAX_PARAMS:
            raise context.error("spec.error.too_many_params", count=f"{total:,}", limit=f"{MAX_PARAMS:,}")
        rows.append(SummaryRow(index, layer_name(type_name, index), type_name, (None, *output_shape),
                               trainable + non_trainable, trainable, non_trainable))
        history.append(_Step(index, type_name, layer, shape, output_shape))
        shape = output_shape
    return ModelSummary((None, *spec["input_shape"]), tuple(rows), total, trainable_total, total - trainable_total)


def _check_size(shape: Shape, index: int, type_name: str, output_shape: Shape | None) -> None:
    values = math.prod(shape)
    if values > MAX_VALUES_PER_EXAMPLE:
        if output_shape is None:
            raise SpecError("spec.error.input_too_big", count=f"{values:,}", limit=f"{MAX_VALUES_PER_EXAMPLE:,}")
        raise SpecError("spec.error.tensor_too_big", index, type_name, shape=_batch(shape), count=f"{values:,}",
                        limit=f"{MAX_VALUES_PER_EXAMPLE:,}")


def _batch(shape: Shape) -> str:
    """Renders a shape the way Keras prints it: ``(None, 26, 26, 32)``."""
    return "(" + ", ".join(["None", *map(str, shape)]) + ")"


def _pair(value: Any) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def _cause(history: tuple[_Step, ...]) -> _Step | None:
    """The latest layer that removed axes (Flatten, GlobalAveragePooling2D, an RNN, a Reshape)."""
    return next((step for step in reversed(history) if len(step.output_shape) < len(step.input_shape)), None)


def _label(step: _Step) -> Translated:
    return Translated("spec.layer_label", type=step.type, number=step.index + 1)


def _need_image(shape: Shape, context: _Context) -> None:
    if len(shape) == 3:
        return
    got = _batch(shape)
    cause = _cause(context.history)
    if cause is not None and len(cause.input_shape) == 3:
        raise context.error("spec.error.needs_image_removed", got=got, cause=_label(cause), cause_type=cause.type)
    if not context.history:
        raise context.error("spec.error.needs_image_input", got=got)
    raise context.error("spec.error.needs_image", got=got)


def _need_sequence(shape: Shape, context: _Context) -> None:
    if len(shape) == 2:
        return
    got = _batch(shape)
    cause = _cause(context.history)
    if cause is not None and cause.type in ("SimpleRNN", "LSTM", "GRU") and len(shape) == 1:
        raise context.error("spec.error.needs_sequence_rnn", got=got, cause=_label(cause), number=cause.index + 1)
    if cause is not None and len(cause.input_shape) == 2 and len(shape) == 1:
        raise context.error("spec.error.needs_sequence_removed", got=got, cause=_label(cause), cause_type=cause.type)
    if not context.history:
        raise context.error("spec.error.needs_sequence_input", got=got)
    raise context.error("spec.error.needs_sequence", got=got)


def _window(size: int, window: int, stride: int, padding: str, context: _Context, axis: str) -> int:
    """Output length of a convolution or pooling window along one axis, as Keras computes it."""
    if padding == "same":
        return -(-size // stride)
    if size < window:
        raise context.error("spec.error.window_too_big", window=window, size=size, axis=Translated(f"spec.axis.{axis}"))
    return (size - window) // stride + 1


def _spatial(shape: Shape, window: tuple[int, int], strides: tuple[int, int], padding: str,
             context: _Context) -> tuple[int, int]:
    return (_window(shape[0], window[0], strides[0], padding, context, "height"),
            _window(shape[1], window[1], strides[1], padding, context, "width"))


def _dense(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    units = layer["units"]
    return (*shape[:-1], units), shape[-1] * units + (units if layer.get("use_bias", True) else 0), 0


def _conv2d(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    kernel = _pair(layer["kernel_size"])
    height, width = _spatial(shape, kernel, _pair(layer.get("strides", 1)), layer.get("padding", "valid"), context)
    filters = layer["filters"]
    params = kernel[0] * kernel[1] * shape[2] * filters + (filters if layer.get("use_bias", True) else 0)
    return (height, width, filters), params, 0


def _pooling(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    pool = _pair(layer.get("pool_size", 2))
    strides = pool if layer.get("strides") is None else _pair(layer["strides"])
    height, width = _spatial(shape, pool, strides, layer.get("padding", "valid"), context)
    return (height, width, shape[2]), 0, 0


def _global_pooling(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    _need_image(shape, context)
    return (shape[2],), 0, 0


def _flatten(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    return (math.prod(shape),), 0, 0


def _reshape(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    target = list(layer["target_shape"])
    values = math.prod(shape)
    if 0 in target or target.count(-1) > 1:
        raise context.error("spec.error.reshape_unknowns", target=shown(target))
    known = math.prod(item for item in target if item != -1)
    if -1 in target:
        if values % known:
            raise context.error("spec.error.reshape_mismatch", got=_batch(shape), count=f"{values:,}",
                                target=shown(target), target_count=f"{known:,} × ?")
        target[target.index(-1)] = values // known
    elif known != values:
        raise context.error("spec.error.reshape_mismatch", got=_batch(shape), count=f"{values:,}",
                            target=shown(target), target_count=f"{known:,}")
    return tuple(target), 0, 0


def _same_shape(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    return shape, 0, 0


def _batch_normalization(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    channels = shape[-1]
    trainable = channels * (int(layer.get("center", True)) + int(layer.get("scale", True)))
    return shape, trainable, 2 * channels  # moving mean and moving variance are not trained


def _recurrent(gates: int, extra_bias: int = 0) -> Rule:
    """A SimpleRNN (1 gate), LSTM (4) or GRU (3) rule; GRU with reset_after has a second bias."""

    def rule(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
        _need_sequence(shape, context)
        units = layer["units"]
        second_bias = extra_bias if layer.get("reset_after", True) else 0
        params = gates * units * (shape[1] + units + 1 + second_bias)
        output = (shape[0], units) if layer.get("return_sequences", False) else (units,)
        return output, params, 0

    return rule


def _embedding(shape: Shape, layer: dict[str, Any], context: _Context) -> tuple[Shape, int, int]:
    return (*shape, layer["output_dim"]), layer["input_dim"] * layer["output_dim"], 0


RULES: dict[str, Rule] = {
    "Dense": _dense,
    "Conv2D": _conv2d,
    "MaxPooling2D": _pooling,
    "AveragePooling2D": _pooling,
    "GlobalAveragePooling2D": _global_pooling,
    "Flatten": _flatten,
    "Reshape": _reshape,
    "Dropout": _same_shape,
    "BatchNormalization": _batch_normalization,
    "Activation": _same_shape,
    "LeakyReLU": _same_shape,
    "Rescaling": _same_shape,
    "SimpleRNN": _recurrent(1),
    "LSTM": _recurrent(4),
    "GRU": _recurrent(3, extra_bias=1),
    "Embedding": _embedding,
}
"""Layer type → its shape and parameter rule (every type of ``LAYER_TYPES`` but InputLayer)."""
