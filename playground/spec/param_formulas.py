"""How each layer's parameters are counted, as a formula a learner can check by hand.

Each ``LayerType`` in ``playground.spec.layers`` names its ``param_formula``: a function of the
layer's input shape (no batch axis) and its normalized arguments that returns a ``ParamFormula``:
the count written with the layer's own numbers ("(3·3·1 + 1) · 32") and the translation key of the
same formula in words ("(kernel height · kernel width · input channels + 1 bias) · filters").
The expression is plain arithmetic (whole numbers, ``+``, ``·``, parentheses), so the tests
evaluate it and check it against ``summarize`` (which counts with ``shape_rules``) for every layer
type and preset: the explanation can never disagree with the table it explains.

``explain(spec)`` gives the formula of every summary row. Nothing here imports Keras or the
registry (the registry imports this module).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Shape = tuple[int, ...]


@dataclass(frozen=True)
class ParamFormula:
    """How one layer's parameter count is made.

    Attributes:
        expression: The count as arithmetic with the layer's numbers: "(3·3·1 + 1) · 32".
        words_key: Translation key of the formula in words (``spec.formula.*``).
        words_fields: Values for that text's fields (e.g. the number of gates).
        non_trainable: The arithmetic of the part the optimizer does not train ("2 · 50"), or "".
    """

    expression: str
    words_key: str
    words_fields: dict[str, Any] = field(default_factory=dict)
    non_trainable: str = ""

    @property
    def value(self) -> int:
        """The number the expression comes to (all parameters)."""
        return evaluate(self.expression)

    @property
    def non_trainable_value(self) -> int:
        """The number the non-trainable expression comes to (0 when there is none)."""
        return evaluate(self.non_trainable) if self.non_trainable else 0


FormulaRule = Callable[[Shape, dict[str, Any]], ParamFormula]


def evaluate(expression: str) -> int:
    """Computes a formula's arithmetic ("(3·3·1 + 1) · 32" → 320) without ``eval``.

    Only whole numbers (with thousands commas), ``+``, ``·`` (or ``*``) and parentheses are read.

    Raises:
        ValueError: For anything else.
    """
    tree = ast.parse(expression.replace(",", "").replace("·", "*"), mode="eval")

    def walk(node: ast.AST) -> int:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            left, right = walk(node.left), walk(node.right)
            return left + right if isinstance(node.op, ast.Add) else left * right
        raise ValueError(f"not a parameter formula: {expression!r}")

    return walk(tree)


def _number(value: int) -> str:
    return f"{value:,}"


def _pair(value: Any) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (value[0], value[1])


def none(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
    """Layers without weights (Flatten, pooling, Dropout, Activation, Reshape …)."""
    return ParamFormula("0", "spec.formula.none")


def dense(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
    inputs, units = _number(shape[-1]), _number(layer["units"])
    if layer.get("use_bias", True):
        return ParamFormula(f"({inputs} + 1) · {units}", "spec.formula.dense")
    return ParamFormula(f"{inputs} · {units}", "spec.formula.dense_no_bias")


def conv2d(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
    height, width = _pair(layer["kernel_size"])
    window = f"{height}·{width}·{_number(shape[-1])}"
    filters = _number(layer["filters"])
    if layer.get("use_bias", True):
        return ParamFormula(f"({window} + 1) · {filters}", "spec.formula.conv2d")
    return ParamFormula(f"{window} · {filters}", "spec.formula.conv2d_no_bias")


def batch_normalization(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
    learned = int(layer.get("center", True)) + int(layer.get("scale", True))
    channels = _number(shape[-1])
    return ParamFormula(f"{learned + 2} · {channels}", "spec.formula.batch_normalization",
                        {"vectors": learned + 2, "learned": learned}, non_trainable=f"2 · {channels}")


def recurrent(gates: int, extra_bias: int = 0) -> FormulaRule:
    """SimpleRNN (1 gate), LSTM (4 gates) or GRU (3 gates; a second bias with ``reset_after``)."""

    def rule(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
        units = _number(layer["units"])
        biases = 1 + (extra_bias if layer.get("reset_after", True) else 0)
        inner = f"({_number(shape[-1])} + {units} + {biases})"
        expression = f"{units} · {inner}" if gates == 1 else f"{gates} · {units} · {inner}"
        return ParamFormula(expression, "spec.formula.recurrent", {"gates": gates, "biases": biases})

    return rule


def embedding(shape: Shape, layer: dict[str, Any]) -> ParamFormula:
    return ParamFormula(f"{_number(layer['input_dim'])} · {_number(layer['output_dim'])}", "spec.formula.embedding")


def explain(spec: Any) -> dict[int, ParamFormula]:
    """Returns the parameter formula of every summary row of ``spec``, by row index in ``spec["layers"]``.

    Args:
        spec: A model spec.

    Raises:
        SpecError: When the spec is invalid (as ``summarize``).
    """
    from playground.spec.layers import LAYER_TYPES
    from playground.spec.validation import validated

    checked = validated(spec)
    shape: Shape = tuple(checked.spec["input_shape"])
    formulas: dict[int, ParamFormula] = {}
    for row in checked.summary.rows:
        layer = checked.spec["layers"][row.index]
        formulas[row.index] = LAYER_TYPES[row.type].param_formula(shape, layer)
        shape = tuple(row.output_shape[1:])
    return formulas
