"""The decision-boundary lab: point sets, features, decision_grid, the exported code and the lessons' claims."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from playground.boundary import POINT_SETS, add_features, decision_grid, make_points
from playground.data.points import train_test_split
from playground.labs.boundary_setup import LESSONS, BoundarySetup


@pytest.mark.parametrize("name", list(POINT_SETS))
def test_every_set_has_its_shape_classes_and_is_deterministic(name):
    for classes in range(2, POINT_SETS[name].max_classes + 1):
        x, y = make_points(name, n=90, noise=0.1, seed=3, classes=classes)
        assert x.shape == (90, 2) and x.dtype == np.float32 and y.shape == (90,)
        assert set(y.tolist()) == set(range(classes))
        again_x, again_y = make_points(name, n=90, noise=0.1, seed=3, classes=classes)
        assert np.array_equal(x, again_x) and np.array_equal(y, again_y)
        assert not np.array_equal(x, make_points(name, n=90, noise=0.1, seed=4, classes=classes)[0])
        assert np.abs(x).max() < 3.5  # Inside the picture (noise aside).


def test_three_classes_only_where_the_set_allows_them():
    assert POINT_SETS["spiral"].max_classes == 3 and POINT_SETS["gaussian"].max_classes == 3
    with pytest.raises(ValueError):
        make_points("xor", classes=3)
    with pytest.raises(ValueError):
        make_points("nonsense")


def test_the_split_keeps_every_point_once_and_features_are_columns():
    x, y = make_points("moons", n=50, seed=1)
    x_train, y_train, x_test, y_test = train_test_split(x, y, 0.2, seed=1)
    assert len(x_train) == 40 and len(x_test) == 10
    assert sorted(map(tuple, np.concatenate([x_train, x_test]).tolist())) == sorted(map(tuple, x.tolist()))
    columns = add_features(x, ("x1", "x2", "x1_squared", "x1_x2", "sin_x2"))
    assert columns.shape == (50, 5)
    assert np.allclose(columns[:, 2], x[:, 0] ** 2) and np.allclose(columns[:, 4], np.sin(x[:, 1]))


def _model(spec):
    import keras

    from playground.spec import build_model

    keras.utils.set_random_seed(0)
    return build_model(spec)


def test_decision_grid_is_a_probability_map():
    # How fast: bench/boundary.py's grid_100x100_ms (DESIGN asks ≤ 30 ms).
    model = _model(BoundarySetup(hidden=((8, "tanh"), (8, "tanh"))).spec())
    grid = decision_grid(model, (-3, 3), 100)
    assert grid.shape == (100, 100) and 0 <= grid.min() and grid.max() <= 1
    # Row i is x₂, column j is x₁: the same as the model at that point.
    point = np.array([[np.linspace(-3, 3, 100)[7], np.linspace(-3, 3, 100)[91]]], dtype=np.float32)
    assert np.isclose(grid[91, 7], float(np.asarray(model(point))[0, 0]), atol=1e-5)
    three = _model(BoundarySetup(point_set="spiral", classes=3).spec())
    assert decision_grid(three, (-3, 3, -2, 2), 20).shape == (20, 20, 3)


def test_the_exported_code_makes_the_same_data_and_model():
    setup = BoundarySetup(point_set="circles", noise=0.2, points=80, features=("x1", "x2", "x1_squared"), regularizer="l2",
                          regularization=0.001, hidden=())
    code = setup.code(epochs=1, weight_seed=5)
    namespace: dict = {}
    exec(compile(code, "exported", "exec"), namespace)  # noqa: S102 - our own generated code.
    dataset = setup.dataset()
    assert np.allclose(namespace["x_train"], dataset.x_train) and np.array_equal(namespace["y_test"], dataset.y_test)
    assert "kernel_regularizer=keras.regularizers.L2(0.001)" in code and namespace["model"].count_params() == 4
    # The strength reaches Keras: the penalty the model adds to its loss is 0.001 × the sum of squared weights.
    model = namespace["model"]
    assert type(model.layers[0]).__name__ == "InputFeatures" and model.input_shape == (None, 2)
    kernel = np.asarray(model.layers[1].kernel)
    assert model.layers[1].kernel_regularizer.l2 == pytest.approx(0.001)
    assert float(sum(np.asarray(loss) for loss in model.losses)) == pytest.approx(0.001 * float(np.sum(kernel ** 2)),
                                                                                 rel=1e-5)


def _train(setup: BoundarySetup, epochs: int) -> tuple[float, float]:
    from playground.engine.optimizers import make_optimizer
    from playground.labs.boundary import accuracy

    dataset = setup.dataset()
    model = _model(setup.spec())
    model.compile(optimizer=make_optimizer(setup.optimizer, setup.learning_rate), loss=setup.loss)
    model.fit(dataset.x_train, dataset.y_train, batch_size=setup.batch_size, epochs=epochs, verbose=0)
    return accuracy(model, dataset.x_train, dataset.y_train), accuracy(model, dataset.x_test, dataset.y_test)


@pytest.mark.slow
def test_a_perceptron_learns_and_but_not_xor_and_one_hidden_layer_does():
    assert min(_train(LESSONS["perceptron_and"].setup, 20)) == 1.0
    assert max(_train(LESSONS["perceptron_xor"].setup, 40)) < 0.8
    assert min(_train(LESSONS["hidden_xor"].setup, 30)) >= 0.95


@pytest.mark.slow
def test_circles_need_the_squares_as_features():
    assert max(_train(LESSONS["circles_linear"].setup, 30)) < 0.8
    assert min(_train(LESSONS["circles_squares"].setup, 30)) >= 0.95


@pytest.mark.slow
def test_a_deep_sigmoid_stack_learns_slowly_where_relu_learns():
    lesson = LESSONS["vanishing_gradient"]
    assert max(_train(lesson.setup, lesson.epochs)) < 0.75
    relu = replace(lesson.setup, hidden=tuple((units, "relu") for units, _ in lesson.setup.hidden))
    assert min(_train(relu, lesson.epochs)) >= 0.95
