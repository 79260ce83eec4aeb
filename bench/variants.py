"""Measures what training variants together costs: N model variants raced vs the sum of N bare ``fit`` runs.

Both sides do the same work: the same N variant models (the overfitting lab's small CNN as it is,
+Dropout(0.5), +BatchNormalization C+B+A and Flatten → GlobalAveragePooling2D, built with
``playground.labs.variants.variant_spec``), the same data (1,000 of the bundled MNIST digits for
training, 500 held out for validation, the 1,000 test digits), the same epochs and batch size, a
validation pass after every epoch and one test evaluation at the end, model building and compiling
included. The bare side is plain ``model.fit(validation_data=...)`` then ``model.evaluate`` per variant,
one after another; the raced side is one ``Race`` of the N variants without the EarlyStopping stand-in
(so no extra checkpoint evaluation). Prints ``variants_ratio`` (raced / bare sum; below 1 means racing
is cheaper) and the times behind it. A warm-up fit runs first so that neither side pays TensorFlow's start-up.
"""

from __future__ import annotations

import time

from playground.data.registry import load
from playground.engine.optimizers import make_optimizer
from playground.engine.race import Race, prepare_data
from playground.labs.variants import BASE, SMALL_CNN, Variant, entries_for, variant_spec
from playground.spec import tasks

VARIANTS = (BASE, Variant(dropout=0.5), Variant(batch_norm="CBA"), Variant(global_pooling=True))
EPOCHS = 3
BATCH_SIZE = 32
TRAIN_SAMPLES = 1000
VALIDATION_SAMPLES = 500
ROUNDS = 2


def bare_fit_seconds(data, variant: Variant) -> float:
    """Builds, compiles, fits and tests one variant with plain Keras; returns the wall time of it all."""
    from playground.spec import build_model

    started = time.perf_counter()
    model = build_model(variant_spec(SMALL_CNN, variant)[0], name="bare")
    model.compile(optimizer=make_optimizer("Adam"), loss=tasks.HEADS[data.task].loss, metrics=tasks.metrics_for(data.task))
    model.fit(data.x_train, data.y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0,
              validation_data=(data.x_val, data.y_val))
    model.evaluate(data.x_test, data.y_test, verbose=0)
    return time.perf_counter() - started


def raced_seconds(data) -> float:
    """Builds, compiles and races all variants (test evaluation included); returns the wall time of it all."""
    started = time.perf_counter()
    race = Race(SMALL_CNN, data, entries_for(VARIANTS), epochs=EPOCHS, batch_size=BATCH_SIZE)
    race.execute()
    assert all(result.status == "finished" and result.test_accuracy is not None for result in race.results), race.results
    return time.perf_counter() - started


def main() -> None:
    """Prints the ratio and the times behind it."""
    data = prepare_data(load("mnist", allow_download=False), SMALL_CNN, train_samples=TRAIN_SAMPLES,
                        validation_samples=VALIDATION_SAMPLES)
    bare_fit_seconds(data, BASE)  # Warm-up: TensorFlow's one-off start-up costs.
    # Alternate the two sides and keep each side's best round: on a shared machine the load of the
    # moment moves single timings by tens of percent, and the best round is the least disturbed.
    sums, races = [], []
    for _ in range(ROUNDS):
        sums.append(sum(bare_fit_seconds(data, variant) for variant in VARIANTS))
        races.append(raced_seconds(data))
    print(f"variants: {len(VARIANTS)}")
    print(f"variants_steps_per_variant: {EPOCHS * -(-len(data.x_train) // BATCH_SIZE)}")
    print(f"bare_fit_sum_s: {min(sums):.2f} (rounds: {', '.join(f'{value:.2f}' for value in sums)})")
    print(f"variants_together_s: {min(races):.2f} (rounds: {', '.join(f'{value:.2f}' for value in races)})")
    print(f"variants_ratio: {min(races) / min(sums):.3f}")


if __name__ == "__main__":
    main()
