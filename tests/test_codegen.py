"""Exported Keras code runs and rebuilds the same model, in the course notes' style."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import numpy as np
import pytest

from playground.engine.optimizers import optimizer_code
from playground.spec.presets import PRESETS
from playground.spec import SpecError, summarize, tasks, to_code
from playground.spec.codegen import FitArguments
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


def _train(code: str, x_train: np.ndarray, y_train: np.ndarray, **names: Any) -> dict[str, Any]:
    """Executes exported training code with tiny data standing in for the learner's arrays."""
    namespace: dict[str, Any] = {"x_train": x_train, "y_train": y_train, **names}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "<exported>", "exec"), namespace)  # noqa: S102 — code we generated
    return namespace


def test_training_code_builds_compiles_and_fits_with_the_chosen_options(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # The checkpoint is written beside the learner's notebook.
    fit = FitArguments(batch_size=4, epochs=2, validation_split=0.25, early_stopping_monitor="val_accuracy",
                       patience=1, restore_best_weights=False, checkpoint=True)
    compile_arguments = {"optimizer": optimizer_code("SGD", 0.05), "loss": "sparse_categorical_crossentropy",
                         "metrics": tasks.metrics_for("multiclass")}
    code = to_code(PRESETS["iris"], compile_arguments, fit)
    rng = np.random.default_rng(0)
    namespace = _train(code, rng.normal(size=(16, 4)).astype("float32"), rng.integers(0, 3, 16))
    model, history = namespace["model"], namespace["history"]
    assert model.count_params() == summarize(PRESETS["iris"]).total_params
    assert type(model.optimizer).__name__ == "SGD"
    assert history.params["epochs"] == 2 and set(history.history) >= {"loss", "accuracy", "val_accuracy"}
    stopping, checkpoint = namespace["early_stopping"], namespace["checkpoint"]
    assert (stopping.monitor, stopping.patience, stopping.restore_best_weights) == ("val_accuracy", 1, False)
    # The checkpoint keeps the epoch EarlyStopping judges best, as training on the page does.
    assert checkpoint.monitor == tasks.checkpoint_monitor(0.25, "val_accuracy")
    assert (tmp_path / "best.keras").exists()


def test_training_code_for_an_uploaded_model_loads_it_and_fits(tmp_path, monkeypatch):
    from playground.spec import build_model

    monkeypatch.chdir(tmp_path)
    build_model(PRESETS["breast_cancer"]).save("model.keras")
    compile_arguments = {"optimizer": "adam", "loss": "binary_crossentropy", "metrics": tasks.metrics_for("binary")}
    code = to_code(None, compile_arguments, FitArguments(batch_size=8, epochs=1, validation_split=0.0))
    assert "keras.models.load_model('model.keras')" in code and "callbacks" not in code
    rng = np.random.default_rng(0)
    namespace = _train(code, rng.normal(size=(16, 30)).astype("float32"), rng.integers(0, 2, 16))
    assert set(namespace["history"].history) == {"loss", "accuracy"}
    with pytest.raises(ValueError):
        to_code(None, {"loss": "mse"}, FitArguments())


def test_a_regularizer_with_its_own_strength_reaches_keras_code_and_the_link():
    from playground.spec import build_model, spec_from_url_param, spec_to_url_param

    spec = {"input_shape": [2], "layers": [
        {"type": "Dense", "units": 3, "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.001}}},
        {"type": "Dense", "units": 1, "kernel_regularizer": {"class_name": "L1L2", "config": {"l1": 0.002, "l2": 0.0005}}},
        {"type": "Dense", "units": 1, "kernel_regularizer": "l1"}]}  # A plain name still means Keras's 0.01.
    code = to_code(spec)
    assert "Dense(3, kernel_regularizer=keras.regularizers.L2(0.001))" in code
    assert "kernel_regularizer=keras.regularizers.L1L2(l1=0.002, l2=0.0005)" in code
    assert "Dense(1, kernel_regularizer='l1')" in code
    exported, built = _run(code), build_model(spec_from_url_param(spec_to_url_param(spec)))
    for model in (exported, built):
        assert model.layers[0].kernel_regularizer.get_config() == pytest.approx({"l2": 0.001})
        assert model.layers[1].kernel_regularizer.get_config() == pytest.approx({"l1": 0.002, "l2": 0.0005})
        assert model.layers[2].kernel_regularizer.get_config() == pytest.approx({"l1": 0.01})


@pytest.mark.parametrize("value, argument", [
    ({"class_name": "L2", "config": {"l2": 5}}, "kernel_regularizer.l2"),
    ({"class_name": "L2", "config": {"l1": 0.01}}, "kernel_regularizer"),
    ({"class_name": "Orthogonal", "config": {"l2": 0.01}}, "kernel_regularizer"),
    ({"class_name": "L1", "config": {"l1": "strong"}}, "kernel_regularizer.l1"),
])
def test_a_bad_regularizer_strength_is_refused_with_the_argument_named(value, argument):
    with pytest.raises(SpecError) as caught:
        to_code({"input_shape": [2], "layers": [{"type": "Dense", "units": 1, "kernel_regularizer": value}]})
    assert f'"{argument}"' in caught.value.text("en") and f'"{argument}"' in caught.value.text("ko")
