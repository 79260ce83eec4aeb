"""The activation explorer: derivatives by automatic differentiation, and the vanishing gradient measured."""

from __future__ import annotations

import numpy as np
import pytest

from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.labs.gradients import activation_curves, layer_gradient_norms, sample_batch
from playground.labs.surfaces import CompareError


@pytest.fixture(scope="module")
def digits():
    return sample_batch(64)


def test_known_derivatives():
    _, sigmoid, sigmoid_slope = activation_curves("sigmoid", [-20.0, 0.0, 20.0])
    np.testing.assert_allclose(sigmoid, [0.0, 0.5, 1.0], atol=1e-6)
    np.testing.assert_allclose(sigmoid_slope, [0.0, 0.25, 0.0], atol=1e-6)
    _, _, tanh_slope = activation_curves("tanh", [0.0])
    np.testing.assert_allclose(tanh_slope, [1.0], atol=1e-6)
    _, relu, relu_slope = activation_curves("relu", [-2.0, 3.0])
    np.testing.assert_allclose(relu, [0.0, 3.0])
    np.testing.assert_allclose(relu_slope, [0.0, 1.0])


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_every_derivative_matches_the_slope_of_its_curve(name):
    # Away from relu's kink, a central difference of the curve must agree with the autodiff derivative.
    inputs = np.linspace(-4.0, 4.0, 161)
    points, values, slopes = activation_curves(name, inputs)
    central = np.gradient(values, points)
    smooth = np.abs(points) > 0.1
    np.testing.assert_allclose(slopes[smooth][1:-1], central[smooth][1:-1], atol=0.02)


def test_sigmoid_derivative_never_exceeds_a_quarter():
    _, _, slopes = activation_curves("sigmoid")
    assert slopes.max() == pytest.approx(0.25, abs=1e-4)


def test_gradient_norms_of_a_sigmoid_stack_shrink_towards_the_input(digits):
    x, y = digits
    norms = layer_gradient_norms("sigmoid", 8, x, y, units=32)
    assert len(norms) == 8
    # From the output side down to layer 2 every layer gets a smaller gradient than the one above
    # (layer 1 is left out: its kernel has 784 rows, so its norm starts larger).
    assert all(lower < upper for lower, upper in zip(norms[1:-1], norms[2:]))
    assert norms[0] < norms[-1] / 1000


def test_relu_keeps_the_gradient_alive_where_sigmoid_loses_it(digits):
    x, y = digits
    sigmoid = layer_gradient_norms("sigmoid", 8, x, y)
    relu = layer_gradient_norms("relu", 8, x, y)
    assert relu[-1] / relu[1] < 100
    assert sigmoid[-1] / sigmoid[1] > 1000


def test_the_same_seed_gives_the_same_measurement(digits):
    x, y = digits
    assert layer_gradient_norms("tanh", 3, x, y, seed=4) == layer_gradient_norms("tanh", 3, x, y, seed=4)
    assert layer_gradient_norms("tanh", 3, x, y, seed=4) != layer_gradient_norms("tanh", 3, x, y, seed=5)


def test_the_batch_is_real_digits(digits):
    x, y = digits
    assert x.shape == (64, 784) and x.dtype == np.float32
    assert 0.0 <= x.min() and x.max() <= 1.0 and x.max() > 0.5
    assert set(np.unique(y)) <= set(range(10)) and len(np.unique(y)) >= 8


@pytest.mark.parametrize(("call", "key"), [
    (lambda x, y: activation_curves("step"), "compare.error.unknown_activation"),
    (lambda x, y: layer_gradient_norms("softmax", 3, x, y), "compare.error.unknown_activation"),
    (lambda x, y: layer_gradient_norms("relu", 0, x, y), "compare.error.stack_size"),
    (lambda x, y: layer_gradient_norms("relu", 3, x, y, units=100_000), "compare.error.stack_size"),
])
def test_bad_requests_get_translated_messages(digits, call, key):
    with pytest.raises(CompareError) as caught:
        call(*digits)
    assert caught.value.key == key
    assert caught.value.text("ko") != str(caught.value)
