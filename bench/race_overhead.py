"""Measures what racing costs: N optimizers interleaved vs the sum of N bare ``fit`` runs.

Same model (the mnist_dnn preset), same data (the bundled MNIST digits, 2,000 training and 500
validation samples), same epochs and batch size, validation after every epoch in both. The bare
runs use ``model.fit`` with no callbacks. Prints ``race_overhead_ratio: x`` (target ≤ 1.15) and the
times behind it. A warm-up fit runs first so that neither side pays TensorFlow's start-up.
"""

from __future__ import annotations

import time

from playground.spec import tasks
from playground.data.registry import load
from playground.engine.optimizers import make_optimizer
from playground.spec.presets import PRESETS
from playground.engine.race import Race, RaceEntry, prepare_data

ENTRIES = [RaceEntry("SGD", 0.05), RaceEntry("RMSprop", 0.001), RaceEntry("Adam", 0.001)]
EPOCHS = 3
BATCH_SIZE = 32
TRAIN_SAMPLES = 2000
ROUNDS = 3


def bare_fit_seconds(spec: dict, data, entry: RaceEntry) -> float:
    """Builds, compiles and fits one copy with plain ``model.fit``; returns the wall time of it all."""
    from playground.spec import build_model

    started = time.perf_counter()
    model = build_model(spec, name="bare")
    model.compile(optimizer=make_optimizer(entry.optimizer, entry.learning_rate), loss=tasks.HEADS[data.task].loss,
                  metrics=tasks.metrics_for(data.task))
    model.fit(data.x_train, data.y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0,
              validation_data=(data.x_val, data.y_val))
    return time.perf_counter() - started


def race_seconds(spec: dict, data) -> float:
    """Builds, compiles and races all copies; returns the wall time of it all."""
    started = time.perf_counter()
    race = Race(spec, data, ENTRIES, epochs=EPOCHS, batch_size=BATCH_SIZE)
    race.execute()
    assert all(result.status == "finished" for result in race.results), race.results
    return time.perf_counter() - started


def main() -> None:
    """Prints the ratio and the times behind it."""
    spec = PRESETS["mnist_dnn"]
    data = prepare_data(load("mnist", allow_download=False), spec, train_samples=TRAIN_SAMPLES)
    bare_fit_seconds(spec, data, ENTRIES[0])  # Warm-up: TensorFlow's one-off start-up costs.
    # Alternate the two sides and keep each side's best round: on a shared machine the load of the
    # moment moves single timings by tens of percent, and the best round is the least disturbed.
    fit_sums, races = [], []
    for _ in range(ROUNDS):
        fit_sums.append(sum(bare_fit_seconds(spec, data, entry) for entry in ENTRIES))
        races.append(race_seconds(spec, data))
    print(f"race_entries: {len(ENTRIES)}")
    print(f"race_steps_per_entry: {EPOCHS * -(-len(data.x_train) // BATCH_SIZE)}")
    print(f"bare_fit_sum_s: {min(fit_sums):.2f} (rounds: {', '.join(f'{value:.2f}' for value in fit_sums)})")
    print(f"race_s: {min(races):.2f} (rounds: {', '.join(f'{value:.2f}' for value in races)})")
    print(f"race_overhead_ratio: {min(races) / min(fit_sums):.3f}")


if __name__ == "__main__":
    main()
