"""Frames through a real engine: a boundary job streams decision grids, the last one is the model that came home."""

from __future__ import annotations

import time

import numpy as np
import pytest

from playground.engine import runner
from playground.engine.runs import FINISHED, Run, RunConfig, RunCursor
from playground.labs.boundary import NEURON_RESOLUTION, decision_grid
from playground.labs.boundary_setup import BoundarySetup

pytestmark = pytest.mark.timeout(300)


def test_a_frame_travels_by_delta_only_when_it_changed():
    worker = Run(RunConfig("a", None, "d", "mse", "Adam", 0.1))
    server = Run(worker.config)
    change, cursor = worker.delta(RunCursor())
    assert "frame" not in change and server.frame is None
    worker.set_frame(3, np.ones((2, 2), dtype=np.float16))
    change, cursor = worker.delta(cursor)
    server.apply(change)
    assert server.frame[0] == 3 and server.frame[1].shape == (2, 2) and server.frame_version == 1
    assert "frame" not in worker.delta(cursor)[0]


def test_a_boundary_job_streams_frames_and_reset_gives_the_same_weights():
    setup = BoundarySetup(point_set="xor", points=80, hidden=((4, "tanh"),))
    dataset = setup.dataset()
    handles = [runner.submit(setup.job(epochs=3, weight_seed=7), dataset) for _ in range(2)]
    deadline = time.monotonic() + 240
    while any(handle.active for handle in handles):
        assert time.monotonic() < deadline
        for handle in handles:
            handle.touch()
        time.sleep(0.05)
    first, second = (handle.runs[0] for handle in handles)
    assert first.status == FINISHED
    assert [len(run.snapshot().epochs) for run in (first, second)] == [3, 3]
    assert all("val_loss" in logs for logs in first.snapshot().epochs)  # The test split's loss.
    epoch, frame = first.frame
    assert epoch == 3 and frame.grid.shape == (50, 50) and frame.grid.dtype == np.float16
    assert np.allclose(frame.grid, decision_grid(first.model, resolution=50), atol=2e-3)
    # Each hidden neuron's own map and every layer's weights travel with the grid.
    assert [maps.shape for maps in frame.neurons] == [(NEURON_RESOLUTION, NEURON_RESOLUTION, 4)]
    assert np.allclose(frame.weights[0][0], np.asarray(first.model.layers[0].kernel))
    # The same weight seed: the same initial weights and batches, so the same model — even with two jobs at
    # once, while each worker's event loop draws from Python's global random (dask.sizeof) as it pleases.
    assert [logs["loss"] for logs in second.snapshot().epochs] == pytest.approx(
        [logs["loss"] for logs in first.snapshot().epochs], abs=1e-6)
    assert np.allclose(second.frame[1].grid, frame.grid, atol=2e-3)
    # One more epoch continues from the model that came home.
    more = runner.submit(setup.job(epochs=1, weight_seed=7, model_bytes=first.model_bytes), dataset)
    while more.active:
        more.touch()
        time.sleep(0.05)
    assert more.runs[0].status == FINISHED and more.runs[0].frame[0] == 1
    assert more.runs[0].snapshot().epochs[0]["loss"] < first.snapshot().epochs[0]["loss"]


class _Clock:
    """A clock the test moves by hand (the seconds an epoch or a frame takes)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _frames_after_epochs(epoch_seconds: float, frame_seconds: float, epochs: int = 40) -> list[int]:
    """The epoch numbers a publisher drew frames for, with its throttle as the worker uses it."""
    from playground.engine.live import LivePublisher

    clock = _Clock()
    run = Run(RunConfig("a", None, "d", "mse", "Adam", 0.1))

    def frames(model: object) -> int:
        clock.now += frame_seconds
        return 0

    publisher, drawn = LivePublisher(run, clock=clock, frames=frames), []
    for epoch in range(epochs):
        clock.now += epoch_seconds
        publisher.epoch_end(epoch, {"loss": 1.0})
        version = run.frame_version
        publisher.frame(None)
        if run.frame_version != version:
            drawn.append(epoch + 1)
    return drawn


def test_the_picture_follows_every_epoch_when_frames_are_cheap_and_costs_little_when_they_are_not():
    # A small net: 60 ms epochs, 8 ms frames — a frame after every epoch, never an epoch behind.
    assert _frames_after_epochs(0.06, 0.008) == list(range(1, 41))
    # An expensive picture (40 ms) after fast epochs (20 ms): frames take at most about 15 % of the time.
    drawn = _frames_after_epochs(0.02, 0.04)
    total = 40 * 0.02 + len(drawn) * 0.04
    assert 2 <= len(drawn) and len(drawn) * 0.04 / total <= 0.2
    # However slow a frame, one at least every FRAME_INTERVAL while epochs keep coming.
    assert max(later - earlier for earlier, later in zip(drawn, drawn[1:])) * 0.02 <= 0.25 + 0.04 + 0.02


def test_a_model_with_its_features_layer_trains_on_a_worker_comes_home_and_continues():
    """The worker builds InputFeatures from the spec; its .keras file loads at home and on the next job (safe_mode)."""
    setup = BoundarySetup(point_set="circles", points=60, hidden=(), features=("x1", "x2", "x1_squared", "x2_squared"))
    dataset = setup.dataset()
    model_bytes = None
    for epochs in (2, 1):
        handle = runner.submit(setup.job(epochs=epochs, weight_seed=3, model_bytes=model_bytes), dataset)
        deadline = time.monotonic() + 240
        while handle.active:
            assert time.monotonic() < deadline
            handle.touch()
            time.sleep(0.05)
        run = handle.runs[0]
        assert run.status == FINISHED and run.frame[0] == epochs
        model_bytes = run.model_bytes
    assert type(run.model.layers[0]).__name__ == "InputFeatures" and run.model.input_shape == (None, 2)
    assert np.allclose(run.frame[1].grid, decision_grid(run.model, resolution=50), atol=2e-3)
