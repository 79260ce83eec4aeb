"""The optimizer registry builds the Keras optimizer each name promises."""

import pytest

from playground.engine.optimizers import OPTIMIZERS, make_optimizer, optimizer_arguments, optimizer_code


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_optimizer_builds_with_its_defaults(name):
    optimizer = make_optimizer(name)
    assert type(optimizer).__name__ == OPTIMIZERS[name].keras_class
    assert float(optimizer.learning_rate.numpy()) == pytest.approx(OPTIMIZERS[name].learning_rate)


def test_nesterov_and_momentum_are_what_they_say():
    nesterov = make_optimizer("Nesterov", 0.05, momentum=0.8)
    assert nesterov.nesterov is True and nesterov.momentum == pytest.approx(0.8)
    assert make_optimizer("SGD").momentum == 0.0


def test_bad_values_are_refused_with_the_range():
    with pytest.raises(ValueError, match="outside"):
        optimizer_arguments("Adam", learning_rate=50.0)
    with pytest.raises(ValueError, match="has no parameter momentum"):
        optimizer_arguments("Adam", momentum=0.9)
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optimizer_arguments("LBFGS")


def test_exported_code_rebuilds_the_same_optimizer():
    import keras

    optimizer = eval(optimizer_code("RMSprop", 0.002, rho=0.8), {"keras": keras})
    assert float(optimizer.learning_rate.numpy()) == pytest.approx(0.002) and optimizer.rho == pytest.approx(0.8)
