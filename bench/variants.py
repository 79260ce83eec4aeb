"""Measures what training an experiment's variants costs: the overfitting lab's way vs the sum of N bare ``fit`` runs.

Both sides do the same work: the same N variant models (the overfitting lab's small CNN as it is,
+Dropout(0.5), +BatchNormalization C+B+A and Flatten → GlobalAveragePooling2D, built with
``playground.labs.variants.variant_spec``), the same data (1,000 of the bundled MNIST digits for
training, 500 held out for validation, the 1,000 test digits), the same epochs and batch size, a
validation pass after every epoch and one test evaluation at the end, model building and compiling
included.

- Bare side: plain ``model.fit(validation_data=...)`` then ``model.evaluate`` per variant, one after
  another, in this process (TensorFlow warm).
- Lab side: what the Overfitting page submits — one ``RaceJob`` with ``spread=True`` through
  ``playground.engine.runner`` on the embedded Dask cluster (one warm worker per core), timed from
  submit until every model is home. Its variants are spread over the free workers, one share each
  (``playground.engine.spread``), so on N cores the variants train in parallel.
- For comparison, the same job kept whole (``spread=False``: one worker trains the N variants
  interleaved, as before the spread).

No EarlyStopping stand-in on either side (so no extra checkpoint evaluation). Prints
``variants_ratio`` (lab / bare sum; below 1 means the lab's way is cheaper), ``variants_spread_speedup``
(whole / spread) and the times behind them. A warm-up runs first on both sides so that neither pays
TensorFlow's start-up or the cluster's.
"""

from __future__ import annotations

import time

from playground.data.registry import load
from playground.engine import cluster, runner
from playground.engine.jobs import RaceJob
from playground.engine.optimizers import make_optimizer
from playground.engine.race import prepare_data
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


def lab_seconds(dataset, spread: bool, variants: tuple[Variant, ...] = VARIANTS) -> float:
    """Submits the variants as the Overfitting page does and returns the time until every model is home."""
    job = RaceJob(spec=SMALL_CNN, entries=entries_for(variants), epochs=EPOCHS, batch_size=BATCH_SIZE,
                  train_samples=TRAIN_SAMPLES, validation_samples=VALIDATION_SAMPLES, dataset_name=dataset.name,
                  spread=spread)
    started = time.perf_counter()
    handle = runner.submit(job, dataset)
    while handle.active:
        handle.touch()
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    assert all(result.status == "finished" and result.test_accuracy is not None for result in handle.results), \
        [run.snapshot().error_fields for run in handle.runs]
    assert all(run.model_bytes for run in handle.runs)
    return elapsed


def main() -> None:
    """Prints the ratios and the times behind them."""
    dataset = load("mnist", allow_download=False)
    data = prepare_data(dataset, SMALL_CNN, train_samples=TRAIN_SAMPLES, validation_samples=VALIDATION_SAMPLES)
    client = cluster.get_client()
    client.wait_for_workers(cluster.worker_count(), timeout=300)
    bare_fit_seconds(data, BASE)  # Warm-up: TensorFlow's one-off start-up costs, here and in every worker.
    lab_seconds(dataset, True, (BASE,) * max(2, min(cluster.worker_count(), 6)))  # Warms every worker.
    # Alternate the sides and keep each side's best round: on a shared machine the load of the moment
    # moves single timings by tens of percent, and the best round is the least disturbed.
    sums, spread, whole = [], [], []
    for _ in range(ROUNDS):
        sums.append(sum(bare_fit_seconds(data, variant) for variant in VARIANTS))
        spread.append(lab_seconds(dataset, True))
        whole.append(lab_seconds(dataset, False))
    print(f"variants: {len(VARIANTS)}")
    print(f"workers: {len(client.nthreads())}")
    print(f"variants_steps_per_variant: {EPOCHS * -(-len(data.x_train) // BATCH_SIZE)}")
    for name, values in (("bare_fit_sum_s", sums), ("variants_spread_s", spread), ("variants_one_worker_s", whole)):
        print(f"{name}: {min(values):.2f} (rounds: {', '.join(f'{value:.2f}' for value in values)})")
    print(f"variants_ratio: {min(spread) / min(sums):.3f}")
    print(f"variants_spread_speedup: {min(whole) / min(spread):.2f}")
    cluster.close()


if __name__ == "__main__":
    main()
