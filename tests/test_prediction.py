"""Predict one example after training: probabilities with class names, for a test example or typed values (issue 12.8)."""

from __future__ import annotations

import numpy as np
import pytest

from playground.data.registry import load
from playground.engine.runs import FINISHED, Run, RunConfig, RunResults
from playground.labs.prediction import predict_one, scaled_features
from playground.spec.presets import PRESETS
from playground_app.train.state import RunData
from tests.helpers import open_page


def _iris_model():
    import keras

    keras.utils.set_random_seed(0)
    iris = load("iris")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.05), "sparse_categorical_crossentropy")
    model.fit(np.asarray(iris.x_train), np.asarray(iris.y_train), epochs=100, verbose=0, batch_size=16)
    return model, iris


def test_typed_iris_measurements_give_probabilities_per_species():
    model, iris = _iris_model()
    # A typical setosa, in centimetres as the notes type them: scaled as the training data was.
    row = scaled_features([5.1, 3.5, 1.4, 0.2], iris.feature_mean, iris.feature_scale)
    prediction = predict_one(model, row, iris.class_names, iris.task)
    assert prediction.class_names == ("setosa", "versicolor", "virginica")
    assert sum(prediction.probabilities) == pytest.approx(1.0, abs=1e-5)
    assert prediction.best == "setosa"


def test_the_probabilities_are_what_model_predict_says_as_in_the_notes():
    import keras

    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.BatchNormalization(), keras.layers.Dropout(0.5),
                              keras.layers.Dense(3, activation="softmax")])
    row = np.array([0.3, -1.2, 0.8, 2.0], dtype="float32")
    prediction = predict_one(model, row, ("a", "b", "c"), "multiclass")
    assert prediction.probabilities == pytest.approx(tuple(model.predict(row[None], verbose=0)[0]), rel=1e-5)


def test_one_sigmoid_unit_becomes_two_class_probabilities():
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    prediction = predict_one(model, np.zeros(2, dtype="float32"), ("benign", "malignant"), "binary")
    assert prediction.class_names == ("benign", "malignant")
    assert prediction.probabilities == pytest.approx((0.5, 0.5))


def test_the_results_show_a_bar_chart_for_a_test_example_and_for_typed_values():
    model, iris = _iris_model()
    run = Run(RunConfig(label="#1 iris", spec=PRESETS["iris"], dataset="iris", loss="sparse_categorical_crossentropy",
                        optimizer="Adam", learning_rate=0.01))
    run.model = model
    run.set_results(RunResults({"accuracy": 0.9, "loss": 0.3}, [[10, 0, 0], [0, 9, 1], [0, 1, 9]], [], []))
    run.finish(FINISHED)
    at = open_page("train")
    state = at.session_state["train"]
    state.runs.append(run)
    state.run_data[run.run_id] = RunData(np.asarray(iris.x_test), np.asarray(iris.y_test), iris.class_names, "tabular",
                                         iris.feature_names, iris.feature_mean, iris.feature_scale)
    at.run()
    assert not at.exception, at.exception
    assert any("setosa" in chart.proto.spec and '"bar"' in chart.proto.spec for chart in at.get("vega_lite_chart"))
    at.radio(key="train_predict_source").set_value("typed").run()
    at.number_input(key="train_predict_feature_2").set_value(6.0)  # Petals 6 cm long, 2.2 cm wide: a virginica.
    at.number_input(key="train_predict_feature_3").set_value(2.2).run()
    assert not at.exception, at.exception
    assert any("virginica" in element.value for element in at.markdown if "**" in element.value)
