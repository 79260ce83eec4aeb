"""A lab's seed alone fixes its initial weights and its training, whatever else the process draws at random.

In a Dask worker the event loop draws from Python's global ``random`` on every message it sends
(``dask.sizeof``), at any moment of a job; these tests make such draws on purpose, between seeding and
building and between building and training, and expect the very same model.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from playground.engine.training import execute, make_job
from playground.labs.boundary_setup import BoundarySetup
from playground.spec import build_model, to_code

pytestmark = pytest.mark.timeout(300)


def _other_threads_draw() -> None:
    """What the rest of a worker process may do at any moment: draw from every global generator."""
    import tensorflow as tf

    random.sample(range(100), 10)  # dask.sizeof of a long list.
    np.random.rand(3)
    tf.random.uniform(())


def _seeded_training(disturb: bool) -> tuple[list[np.ndarray], list[float]]:
    """As the worker runs a seeded job: seed Keras, build, fit — with or without draws in between."""
    import keras

    setup = BoundarySetup(point_set="xor", points=80, hidden=((4, "tanh"), (4, "tanh")))
    dataset = setup.dataset()
    keras.utils.set_random_seed(7)
    if disturb:
        _other_threads_draw()
    job = make_job(setup.config(epochs=2), dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test,
                   dataset.task, dataset.num_classes, seed=7)
    initial = [weights.copy() for weights in job.model.get_weights()]
    if disturb:
        _other_threads_draw()
    execute(job)
    return initial, [logs["loss"] for logs in job.run.snapshot().epochs]


def test_draws_elsewhere_in_the_process_change_neither_initial_weights_nor_training():
    quiet_weights, quiet_losses = _seeded_training(disturb=False)
    busy_weights, busy_losses = _seeded_training(disturb=True)
    assert len(quiet_weights) == len(busy_weights) == 6
    for quiet, busy in zip(quiet_weights, busy_weights):
        assert np.array_equal(quiet, busy)
    assert len(quiet_losses) == 2 and np.allclose(quiet_losses, busy_losses, rtol=0, atol=1e-6)


def test_the_seed_picks_the_weights_and_layers_of_one_shape_do_not_start_equal():
    spec = {"input_shape": [3], "layers": [{"type": "Dense", "units": 3, "activation": "tanh"},
                                           {"type": "Dense", "units": 3, "activation": "tanh"}]}
    first, again, other = (build_model(spec, seed=seed).get_weights() for seed in (7, 7, 8))
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[2], again[2])
    assert not np.allclose(first[0], other[0])
    assert not np.allclose(first[0], first[2])  # Same shape, different layer: different seed.


def test_the_exported_code_writes_the_seeds_the_engine_builds_with():
    spec = {"input_shape": [2], "layers": [{"type": "Dense", "units": 4, "activation": "relu"},
                                           {"type": "Dropout", "rate": 0.2},
                                           {"type": "Dense", "units": 1, "activation": "sigmoid",
                                            "kernel_initializer": "zeros"}]}
    code = to_code(spec, seed=5)
    assert "Dense(4, activation='relu', kernel_initializer=keras.initializers.GlorotUniform(seed=5))" in code
    assert "Dropout(0.2, seed=6)" in code
    assert "Dense(1, activation='sigmoid', kernel_initializer='zeros')" in code  # Nothing random to seed.
    namespace: dict = {}
    exec(compile(code, "exported", "exec"), namespace)  # noqa: S102 - our own generated code.
    for exported, engine in zip(namespace["model"].get_weights(), build_model(spec, seed=5).get_weights()):
        assert np.array_equal(exported, engine)
    assert "seed" not in to_code(spec)  # Without a seed the code stays as the notes write it.
