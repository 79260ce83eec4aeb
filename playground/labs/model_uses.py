"""Which other pages can use a trained model: one rule per page, asked before the Train page says so.

The Draw page reads drawn digits, so it needs a 28×28(×1) input and 10 outputs
(``digits.digit_shapes_problem``, the rule Draw itself applies when it is given the model). The
Convolution lab shows feature maps, so it needs an image input and at least one Conv2D or pooling layer
(``features.takes_an_image`` and ``features.FEATURE_LAYER_TYPES``, what ``feature_maps`` itself checks).
Both rules read shapes only: the Train page decides from the trained spec without loading the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground.labs.digits import digit_shapes_problem
from playground.labs.features import FEATURE_LAYER_TYPES, takes_an_image


@dataclass(frozen=True)
class ModelShapes:
    """What the pages' rules look at: the input and output shapes (batch axis included) and the layer types.

    Attributes:
        input_shape: E.g. ``(None, 28, 28, 1)``.
        output_shape: E.g. ``(None, 10)``.
        layer_types: Keras class names of the layers, in order.
    """

    input_shape: tuple
    output_shape: tuple
    layer_types: tuple[str, ...]

    @classmethod
    def of_spec(cls, spec: dict[str, Any]) -> ModelShapes:
        """The shapes of a model spec, computed without TensorFlow (raises ``SpecError`` for an invalid spec)."""
        from playground.spec import summarize

        summary = summarize(spec)
        output_shape = summary.rows[-1].output_shape if summary.rows else summary.input_shape
        return cls(tuple(summary.input_shape), tuple(output_shape), tuple(row.type for row in summary.rows))

    @classmethod
    def of_model(cls, model: Any) -> ModelShapes:
        """The shapes of a built Keras model (a model with several inputs or outputs gets empty shapes)."""
        input_shape = getattr(model, "input_shape", None)
        output_shape = getattr(model, "output_shape", None)
        return cls(input_shape if isinstance(input_shape, tuple) else (),
                   output_shape if isinstance(output_shape, tuple) else (),
                   tuple(type(layer).__name__ for layer in getattr(model, "layers", ())))


def _draw_can_use(shapes: ModelShapes) -> bool:
    return bool(shapes.input_shape) and digit_shapes_problem(shapes.input_shape, shapes.output_shape) is None


def _convolution_can_use(shapes: ModelShapes) -> bool:
    return takes_an_image(shapes.input_shape) and any(kind in FEATURE_LAYER_TYPES for kind in shapes.layer_types)


MODEL_USES: dict[str, Callable[[ModelShapes], bool]] = {
    "draw": _draw_can_use,
    "convolution": _convolution_can_use,
}
"""Page name → whether that page can use a model with these shapes."""


def model_uses(shapes: ModelShapes) -> tuple[str, ...]:
    """The pages (keys of ``MODEL_USES``, in its order) that can use a model with these shapes."""
    return tuple(page for page, can_use in MODEL_USES.items() if can_use(shapes))
