"""Benchmark of the Decision boundary lab: the pictures a worker draws, and frames while a real engine trains.

Run ``python bench/boundary.py``. Prints ``name: value`` lines:
grid_100x100_ms (``decision_grid`` of a 2-8-8-1 tanh MLP, 100×100; DESIGN's target ≤ 30 ms),
neuron_maps_ms (``neuron_maps`` of a 4 × 8 tanh stack at the frame's 24×24, and neuron_maps_100x100_ms),
frame_ms (all a worker computes per frame: grid, neuron maps, weights), frame_kb (its pickled size),
network_spec_ms (the network picture's Vega-Lite spec of that stack), and, training the "one hidden layer solves XOR"
lesson through the engine (warm workers): epochs_per_second, frames_per_second seen by the server and
frame_lag_epochs (the most epochs the newest frame was behind the newest epoch log, polled every 20 ms).
"""

from __future__ import annotations

import pickle
import time

from playground.labs.boundary_setup import LESSONS, BoundarySetup
from timing import median_ms  # bench/ is on the path when a benchmark runs.


def pictures(repeats: int = 20) -> None:
    """Times what a worker draws per frame and what the page builds from it."""
    import keras

    from playground.charts.boundary_network import network_spec
    from playground.labs.boundary import decision_grid, neuron_maps
    from playground.spec import build_model

    keras.utils.set_random_seed(0)
    small = build_model(BoundarySetup(hidden=((8, "tanh"), (8, "tanh"))).spec())
    print(f"grid_100x100_ms: {median_ms(lambda: decision_grid(small, resolution=100), repeats):.1f}")
    deep = BoundarySetup(hidden=((8, "tanh"),) * 4, features=("x1", "x2", "x1_squared", "x2_squared"))
    model = build_model(deep.spec())
    print(f"neuron_maps_ms: {median_ms(lambda: neuron_maps(model), repeats):.1f}")
    print(f"neuron_maps_100x100_ms: "
          f"{median_ms(lambda: neuron_maps(model, resolution=100), repeats):.1f}")
    frames = deep.frames()
    print(f"frame_ms: {median_ms(lambda: frames(model), repeats):.1f}")
    frame = frames(model)
    print(f"frame_kb: {len(pickle.dumps(frame)) / 1024:.1f}")
    labels = {"input": "input", "layer": "layer {number}", "unit": "neuron {number}", "output": "output",
              "weights": "weights", "bias": "bias"}
    units = [units for units, _ in deep.hidden]
    print(f"network_spec_ms: {median_ms(lambda: network_spec(frame, deep.features, units, labels), 5):.1f}")


def training(epochs: int = 60) -> None:
    """Trains a lesson through the engine and counts the frames the server sees."""
    from playground.engine import cluster, runner

    setup = LESSONS["hidden_xor"].setup
    dataset = setup.dataset()
    warm = runner.submit(setup.job(1, 0), dataset)  # Starts the workers and waits until one is warm.
    while warm.active:
        warm.touch()
        time.sleep(0.05)
    handle = runner.submit(setup.job(epochs, 0), dataset)
    run = handle.runs[0]
    seen, lag, first_epoch_at, versions = set(), 0, None, 0
    started = time.perf_counter()
    while handle.active:
        handle.touch()
        done = len(run.snapshot().epochs)
        frame = run.frame
        if done and first_epoch_at is None:
            first_epoch_at = time.perf_counter()
        if frame is not None and run.frame_version not in seen:
            seen.add(run.frame_version)
            versions += 1
        if frame is not None:
            lag = max(lag, done - frame[0])
        time.sleep(0.02)
    ended = time.perf_counter()
    training_seconds = ended - (first_epoch_at or started)
    print(f"epochs_per_second: {epochs / (ended - started):.1f}")
    print(f"frames_per_second: {versions / max(training_seconds, 1e-9):.1f}")
    print(f"frame_lag_epochs: {lag}")
    cluster.close()


if __name__ == "__main__":
    pictures()
    training()
