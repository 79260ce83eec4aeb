"""Exported Keras code runs and rebuilds the same model, in the course notes' style."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from playground.engine.optimizers import optimizer_code
from playground.spec.presets import PRESETS
from playground.spec import SpecError, summarize, to_code
from tests.test_layers import LAYER_CASES


def _run(code: str) -> Any:
    namespace: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):  # the code ends with model.summary()
        exec(compile(code, "<exported>", "exec"), namespace)  # noqa: S102 — code we generated from a validated spec
    return namespace["model"]


@pytest.mark.parametrize("name", [*PRESETS, *(f"layer:{type_name}" for type_name in LAYER_CASES)])
def test_exported_code_rebuilds_the_same_model(name):
    spec = LAYER_CASES[name[6:]] if name.startswith("layer:") else PRESETS[name]
    model = _run(to_code(spec))
    summary = summarize(spec)
    assert model.count_params() == summary.total_params
    assert [type(layer).__name__ for layer in model.layers] == [row.type for row in summary.rows]
    assert [tuple(layer.output.shape) for layer in model.layers] == [row.output_shape for row in summary.rows]
    assert model.optimizer is not None, "the exported code compiles the model"


def test_code_reads_like_the_course_notes():
    code = to_code(PRESETS["mnist_dnn"])
    assert "from tensorflow import keras" in code and "model = Sequential()" in code
    assert "model.add(keras.Input(shape=(28, 28)))" in code
    assert "model.add(Dense(16, activation='relu'))" in code
    assert "loss='sparse_categorical_crossentropy'" in code and code.rstrip().endswith("model.summary()")


def test_default_loss_follows_the_output_layer():
    assert "loss='binary_crossentropy'" in to_code(PRESETS["breast_cancer"])
    regression = {"input_shape": [3], "layers": [{"type": "Dense", "units": 1}]}
    assert "loss='mse'" in to_code(regression)


def test_compile_arguments_from_the_train_page_are_used():
    code = to_code(PRESETS["iris"], {"optimizer": optimizer_code("SGD", 0.05), "loss": "categorical_crossentropy",
                                     "metrics": ["accuracy", "AUC"]})
    assert "optimizer=keras.optimizers.SGD(learning_rate=0.05)" in code
    model = _run(code)
    assert type(model.optimizer).__name__ == "SGD"


def test_arguments_left_at_keras_defaults_are_not_written():
    spec = {"input_shape": [8, 8, 1], "layers": [{"type": "Conv2D", "filters": 4, "kernel_size": 3, "padding": "valid",
                                                    "use_bias": True, "strides": 1}, {"type": "Flatten"}]}
    assert "model.add(Conv2D(4, 3))" in to_code(spec)


def test_a_bad_spec_gives_no_code():
    with pytest.raises(SpecError):
        to_code({"input_shape": [4], "layers": [{"type": "Lambda"}]})
