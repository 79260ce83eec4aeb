"""Parameter formulas of the registry: each one comes to exactly what ``summarize`` counts."""

from __future__ import annotations

import random
from typing import Any

import pytest

from playground.i18n import t
from playground.spec import summarize
from playground.spec.layers import LAYER_TYPES
from playground.spec.param_formulas import evaluate, explain
from playground.spec.presets import PRESETS
from tests.test_layers import LAYER_CASES


def _assert_formulas_match(spec: dict[str, Any]) -> None:
    summary = summarize(spec)
    formulas = explain(spec)
    assert set(formulas) == {row.index for row in summary.rows}
    for row in summary.rows:
        formula = formulas[row.index]
        assert evaluate(formula.expression) == row.params, (row, formula)
        assert formula.non_trainable_value == row.non_trainable_params, (row, formula)
        for lang in ("en", "ko"):
            assert t(formula.words_key, lang, **formula.words_fields)


def test_every_registry_entry_names_its_formula():
    assert all(callable(layer_type.param_formula) for layer_type in LAYER_TYPES.values())


@pytest.mark.parametrize("type_name", list(LAYER_CASES))
def test_every_layer_type_formula_equals_the_summary(type_name: str):
    _assert_formulas_match(LAYER_CASES[type_name])


@pytest.mark.parametrize("preset_name", list(PRESETS))
def test_every_preset_formula_equals_the_summary(preset_name: str):
    _assert_formulas_match(PRESETS[preset_name])


def test_the_course_notes_examples():
    conv = explain({"input_shape": [28, 28, 1], "layers": [{"type": "Conv2D", "filters": 32, "kernel_size": 3}]})
    assert conv[0].expression == "(3·3·1 + 1) · 32" and conv[0].value == 320
    bn = explain({"input_shape": [28, 28, 50], "layers": [{"type": "BatchNormalization"}]})[0]
    assert (bn.expression, bn.non_trainable, bn.value, bn.non_trainable_value) == ("4 · 50", "2 · 50", 200, 100)
    lstm = explain(PRESETS["text_lstm"])
    assert lstm[1].expression == "4 · 32 · (32 + 32 + 1)"
    assert lstm[0].expression == "10,000 · 32"
    assert explain(PRESETS["mnist_dnn"])[0].expression == "0"


def _random_stack(rng: random.Random) -> dict[str, Any]:
    """A random valid dense / image / sequence stack with random arguments."""
    kind = rng.choice(["dense", "image", "sequence"])
    if kind == "image":
        layers: list[dict[str, Any]] = []
        for _ in range(rng.randint(1, 3)):
            layers.append({"type": "Conv2D", "filters": rng.randint(1, 9), "kernel_size": rng.choice([1, 3, [3, 2]]),
                           "padding": "same", "use_bias": rng.random() < 0.7})
            if rng.random() < 0.5:
                layers.append({"type": "BatchNormalization", "center": rng.random() < 0.7,
                               "scale": rng.random() < 0.7})
            layers.append(rng.choice([{"type": "MaxPooling2D"}, {"type": "Activation", "activation": "relu"}]))
        layers += [{"type": rng.choice(["Flatten", "GlobalAveragePooling2D"])},
                   {"type": "Dense", "units": rng.randint(1, 12)}]
        return {"input_shape": [16, 16, rng.randint(1, 4)], "layers": layers}
    if kind == "sequence":
        return {"input_shape": [rng.randint(2, 9)], "layers": [
            {"type": "Embedding", "input_dim": rng.randint(2, 500), "output_dim": rng.randint(1, 16)},
            {"type": rng.choice(["SimpleRNN", "LSTM", "GRU"]), "units": rng.randint(1, 16), "return_sequences": True},
            {"type": "GRU", "units": rng.randint(1, 8), "reset_after": rng.random() < 0.5},
            {"type": "Dense", "units": 1}]}
    return {"input_shape": [rng.randint(1, 30)], "layers": [
        {"type": "Dense", "units": rng.randint(1, 40), "use_bias": rng.random() < 0.7},
        {"type": "Dropout", "rate": 0.2}, {"type": "BatchNormalization"}, {"type": "Dense", "units": rng.randint(1, 5)}]}


def test_random_stacks_formulas_equal_the_summary():
    rng = random.Random(12)
    for _ in range(200):
        _assert_formulas_match(_random_stack(rng))


def test_evaluate_reads_only_arithmetic():
    assert evaluate("(784 + 1) · 16") == 12_560
    with pytest.raises(ValueError):
        evaluate("__import__('os')")
