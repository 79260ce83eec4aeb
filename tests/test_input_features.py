"""``InputFeatures``: the decision-boundary lab's x₁², x₁x₂, sin x₁ … as the model's first Keras layer."""

from __future__ import annotations

import numpy as np
import pytest

from playground.labs.boundary_setup import BoundarySetup
from playground.spec import SpecError, build_model, summarize, to_code, validate

POINTS = np.array([[0.5, -1.0], [2.0, 3.0], [-1.5, 0.25]], dtype=np.float32)
_SPEC = {"input_shape": [2], "layers": [{"type": "InputFeatures", "features": ["sin_x2", "x1_x2", "x2_squared", "x1"]},
                                        {"type": "Dense", "units": 3, "activation": "tanh"},
                                        {"type": "Dense", "units": 1, "activation": "sigmoid"}]}


def test_the_layer_computes_exactly_the_chosen_columns_in_their_order():
    from playground.spec.input_features_layer import InputFeatures

    x1, x2 = POINTS[:, 0], POINTS[:, 1]
    every = InputFeatures(["x1", "x2", "x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2"])(POINTS)
    expected = np.stack([x1, x2, x1 * x1, x2 * x2, x1 * x2, np.sin(x1), np.sin(x2)], axis=1)
    assert np.allclose(np.asarray(every), expected, atol=1e-6)
    chosen = np.asarray(InputFeatures(["sin_x2", "x1"])(POINTS))
    assert chosen.shape == (3, 2) and np.allclose(chosen, np.stack([np.sin(x2), x1], axis=1), atol=1e-6)
    with pytest.raises(ValueError):
        InputFeatures(["x1", "x3"])


def test_the_spec_checks_the_layer_and_counts_no_weights():
    summary = summarize(_SPEC)
    assert summary.rows[0].output_shape == (None, 4) and summary.rows[0].params == 0
    assert summary.total_params == (4 + 1) * 3 + 4
    for features in ([], ["x1", "x1"], ["x1", "cos_x1"], "x1"):
        with pytest.raises(SpecError):
            validate({"input_shape": [2], "layers": [{"type": "InputFeatures", "features": features}]})
    with pytest.raises(SpecError) as refused:  # Points are (x₁, x₂): any other input is refused plainly.
        validate({"input_shape": [3], "layers": [{"type": "InputFeatures", "features": ["x1"]}]})
    assert refused.value.key == "spec.error.needs_points" and "(2,)" in refused.value.text("en")


def test_a_model_with_it_saves_and_loads_with_safe_mode():
    import keras

    from playground.engine.model_files import load_model_bytes, model_to_bytes

    model = build_model(_SPEC, seed=3)
    loaded = load_model_bytes(model_to_bytes(model))  # keras.saving.load_model(..., safe_mode=True).
    assert type(loaded.layers[0]).__name__ == "InputFeatures"
    assert loaded.layers[0].features == ("sin_x2", "x1_x2", "x2_squared", "x1")
    assert np.allclose(np.asarray(loaded(POINTS)), np.asarray(model(POINTS)), atol=1e-6)
    assert keras.saving.get_registered_name(type(loaded.layers[0])) == "playground>InputFeatures"


def test_a_model_saved_by_the_exported_code_loads_in_the_app(tmp_path):
    """Code run in Colab defines the class in ``__main__``; its file still loads, by the registered name."""
    from playground.engine.model_files import load_model_bytes

    namespace: dict = {"__name__": "__main__"}
    exec(compile(to_code(_SPEC, seed=3), "exported", "exec"), namespace)  # noqa: S102 - our own generated code.
    namespace["model"].save(tmp_path / "model.keras")
    loaded = load_model_bytes((tmp_path / "model.keras").read_bytes())
    assert np.allclose(np.asarray(loaded(POINTS)), np.asarray(namespace["model"](POINTS)), atol=1e-6)


def test_the_labs_model_takes_points_and_computes_its_features_first():
    setup = BoundarySetup(point_set="circles", hidden=((3, "tanh"),), features=("x1", "x2", "x1_squared", "x2_squared"))
    model = build_model(setup.spec(), seed=1)
    assert type(model.layers[0]).__name__ == "InputFeatures" and model.input_shape == (None, 2)
    assert setup.dataset().input_shape == (2,) and setup.dataset().x_train.shape[1] == 2
    code = setup.code(epochs=1, weight_seed=1)
    assert "class InputFeatures(keras.layers.Layer)" in code and "def features(" not in code
    # The plain (x₁, x₂) needs no features layer: the perceptron lessons stay in the notes' style.
    plain = build_model(BoundarySetup(hidden=()).spec())
    assert [type(layer).__name__ for layer in plain.layers] == ["Dense"] and plain.input_shape == (None, 2)
