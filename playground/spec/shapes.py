"""Shape inference and parameter counting, layer by layer, without Keras.

``infer(normalized_spec)`` walks the stack the way Keras would build it and returns a
``ModelSummary`` equal to Keras's ``model.summary()`` (the tests check every layer type against
Keras), or raises ``SpecError`` when a layer cannot take what the layer before it gives — naming
which earlier layer caused it — or when the model would be absurdly large. Because no tensor is
allocated, an absurd model is refused in microseconds.

Each layer's rule is its registry entry's ``shape_rule`` (the rules live in
``playground.spec.shape_rules``). Shapes here leave out the batch axis; ``SummaryRow.output_shape``
puts ``None`` in front as Keras does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from playground.spec.errors import SpecError
from playground.spec.layers import LAYER_TYPES, layer_name
from playground.spec.shape_rules import Context, Shape, Step, batch_shape

MAX_PARAMS = 50_000_000
"""Most parameters a model may have (200 MB of float32 weights, before optimizer slots)."""
MAX_VALUES_PER_EXAMPLE = 8_000_000
"""Most values one layer may output per example (32 MB of float32; × batch size in training)."""


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


def infer(spec: dict[str, Any]) -> ModelSummary:
    """Returns the summary of a spec already passed through ``checks.normalize``.

    Raises:
        SpecError: When a layer cannot take its input's shape, or the model is too large.
    """
    shape: Shape = tuple(spec["input_shape"])
    _check_size(shape, 0, "InputLayer", None)
    history: list[Step] = []
    rows: list[SummaryRow] = []
    total = trainable_total = 0
    for index, layer in enumerate(spec["layers"]):
        type_name = layer["type"]
        layer_type = LAYER_TYPES[type_name]
        if not layer_type.adds_layer:
            continue  # A leading InputLayer only gave the input shape, as in Keras's summary.
        context = Context(index, type_name, tuple(history))
        output_shape, trainable, non_trainable = layer_type.shape_rule(shape, layer, context)
        _check_size(output_shape, index, type_name, output_shape)
        total += trainable + non_trainable
        trainable_total += trainable
        if total > MAX_PARAMS:
            raise context.error("spec.error.too_many_params", count=f"{total:,}", limit=f"{MAX_PARAMS:,}")
        rows.append(SummaryRow(index, layer_name(type_name, index), type_name, (None, *output_shape),
                               trainable + non_trainable, trainable, non_trainable))
        history.append(Step(index, type_name, layer, shape, output_shape,
                            recurrent=layer_type.field("return_sequences") is not None))
        shape = output_shape
    return ModelSummary((None, *spec["input_shape"]), tuple(rows), total, trainable_total, total - trainable_total)


def _check_size(shape: Shape, index: int, type_name: str, output_shape: Shape | None) -> None:
    values = math.prod(shape)
    if values > MAX_VALUES_PER_EXAMPLE:
        if output_shape is None:
            raise SpecError("spec.error.input_too_big", count=f"{values:,}", limit=f"{MAX_VALUES_PER_EXAMPLE:,}")
        raise SpecError("spec.error.tensor_too_big", index, type_name, shape=batch_shape(shape), count=f"{values:,}",
                        limit=f"{MAX_VALUES_PER_EXAMPLE:,}")
