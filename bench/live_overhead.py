"""Cost of live publishing: the same fit with the live callback vs bare ``model.fit(verbose=0)``.

Prints ``name: value`` lines:
- ``live_overhead_ratio``: median live fit time / median bare fit time, interleaved (target ≤ 1.05);
- ``first_point_seconds``: from starting the training thread (what pressing Train does) to the first
  batch point a chart can draw, compile and first-batch tracing included;
- the medians themselves.

- ``callback_microseconds_per_batch``: the callback's own hooks, timed alone (no fit, so no noise).

Usage: ``python bench/live_overhead.py [--repeats 5] [--samples 4000] [--epochs 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from playground.spec import tasks

from playground.engine import training
from playground.data.registry import load, subsample
from playground.engine.optimizers import make_optimizer
from playground.spec.presets import PRESETS
from playground.engine.runs import Run, RunConfig
from playground.spec import build_model


def _compiled_model():
    model = build_model(PRESETS["mnist_dnn"])
    model.compile(optimizer=make_optimizer("Adam"), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _config(epochs: int) -> RunConfig:
    return RunConfig(label="bench", spec=PRESETS["mnist_dnn"], dataset="mnist", loss="sparse_categorical_crossentropy",
                     optimizer="Adam", learning_rate=0.001, batch_size=32, epochs=epochs, validation_split=0.0)


def _callback_seconds_per_batch(config: RunConfig, batches: int = 20000) -> float:
    """Calls the live callback's per-batch hooks as Keras would, without a model, and times them."""

    class Holder:
        stop_training = False

    run = Run(config)
    run.mark_started(batches)
    callback = training.live_callback(training.LivePublisher(run))
    callback.set_model(Holder())
    logs = {"loss": 0.5, "accuracy": 0.9}
    start = time.perf_counter()
    for batch in range(batches):
        callback.on_train_batch_begin(batch)
        callback.on_train_batch_end(batch, logs)
    return (time.perf_counter() - start) / batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--samples", type=int, default=4000)
    parser.add_argument("--epochs", type=int, default=3)
    arguments = parser.parse_args()

    dataset = subsample(load("mnist", allow_download=False), arguments.samples, 200)
    x = tasks.fit_inputs(dataset.x_train, (28, 28))
    y = dataset.y_train

    # One model for both variants, so the only difference between them is the live callback.
    model = _compiled_model()

    def bare() -> float:
        start = time.perf_counter()
        model.fit(x, y, batch_size=32, epochs=arguments.epochs, verbose=0)
        return time.perf_counter() - start

    def live() -> float:
        run = Run(_config(arguments.epochs))
        run.mark_started(len(x) // 32)
        callback = training.live_callback(training.LivePublisher(run))
        start = time.perf_counter()
        model.fit(x, y, batch_size=32, epochs=arguments.epochs, verbose=0, callbacks=[callback])
        return time.perf_counter() - start

    bare(), live()  # Warm-up: tracing and first-call costs are not what we measure here.
    bare_times: list[float] = []
    live_times: list[float] = []
    for repeat in range(arguments.repeats):
        # Interleave, alternating which goes first, so load changes hit both alike.
        for variant in ((bare, live) if repeat % 2 == 0 else (live, bare)):
            (bare_times if variant is bare else live_times).append(variant())

    # Press-Train equivalent: a fresh model and job started in a thread, until the first point exists.
    job = training.make_job(_config(1), dataset.x_train, y, dataset.x_test, dataset.y_test, "multiclass", 10)
    start = time.perf_counter()
    thread = threading.Thread(target=training.execute, args=(job,), daemon=True)
    thread.start()
    while not job.run.snapshot().batches and thread.is_alive():
        time.sleep(0.005)
    first_point = time.perf_counter() - start
    job.run.stop_requested.set()
    thread.join()

    per_batch = _callback_seconds_per_batch(_config(1))

    bare_median = statistics.median(bare_times)
    live_median = statistics.median(live_times)
    print(f"bare_fit_median_seconds: {bare_median:.3f}")
    print(f"live_fit_median_seconds: {live_median:.3f}")
    print(f"live_overhead_ratio: {live_median / bare_median:.3f}")
    print(f"first_point_seconds: {first_point:.3f}")
    print(f"callback_microseconds_per_batch: {per_batch * 1e6:.2f}")
    print(f"batches_per_fit: {arguments.epochs * -(-len(x) // 32)}")


if __name__ == "__main__":
    main()
