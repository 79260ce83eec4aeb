"""An experiment's variants spread over the cluster's free workers: in parallel, from one start, on the same batches."""

from __future__ import annotations

import time

import numpy as np
import pytest

from playground.data.registry import load, subsample
from playground.engine import cluster, runner
from playground.engine.jobs import RaceJob
from playground.engine.race import RaceEntry, initial_models
from playground.engine.runs import FINISHED, STOPPED
from playground.engine.spread import shares
from playground.labs.surfaces import CompareError
from playground.labs.variants import BASE, Variant, VariantEntry, entries_for
from playground.spec import build_model
from tests.helpers import wait_until_ended

pytestmark = pytest.mark.timeout(300)

DIGITS_CNN = {"input_shape": [8, 8, 1], "layers": [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"},
    {"type": "Flatten"},
    {"type": "Dense", "units": 16, "activation": "relu"},
    {"type": "Dense", "units": 10, "activation": "softmax"},
]}


def _all_workers() -> object:
    client = cluster.get_client()
    client.wait_for_workers(cluster.worker_count(), timeout=120)
    if len(client.nthreads()) < 2:
        pytest.skip("one core: the embedded cluster has a single worker, nothing to spread over")
    while any(client.processing().values()):  # An earlier test's job may still be ending.
        time.sleep(0.1)
    return client


def test_shares_deal_the_entries_round_robin_and_a_race_that_may_not_spread_stays_whole():
    entries = entries_for((BASE, Variant(dropout=0.5), Variant(l2=True)))
    job = RaceJob(spec=DIGITS_CNN, entries=entries, spread=True)
    split = shares(job, ["tcp://a", "tcp://b"])
    assert [share.indices for share in split] == [(0, 2), (1,)]
    assert [share.worker for share in split] == ["tcp://a", "tcp://b"]
    assert [config.label for config in split[0].job.configs] == ["base", "+L2"]
    assert len(shares(job, ["tcp://a"])) == 1 and shares(job, ["tcp://a"])[0].worker is None
    whole = RaceJob(spec=DIGITS_CNN, entries=entries)  # The Compare page's race: one worker, interleaved.
    assert [share.indices for share in shares(whole, ["tcp://a", "tcp://b"])] == [(0, 1, 2)]
    with pytest.raises(CompareError):
        shares(RaceJob(spec=DIGITS_CNN, entries=entries[:1], spread=True), ["tcp://a", "tcp://b"])


def test_copies_made_in_different_processes_share_the_given_base_weights_whatever_their_random_state():
    import keras

    base = build_model(DIGITS_CNN, name="race_base")
    keras.utils.set_random_seed(1)  # As if in one worker ...
    first = initial_models(DIGITS_CNN, entries_for((BASE, Variant(dropout=0.5))), base=base)
    keras.utils.set_random_seed(2)  # ... and in another, whose random numbers differ.
    second = initial_models(DIGITS_CNN, entries_for((Variant(batch_norm="CBA"),)), base=base)
    for model in (*first, *second):
        np.testing.assert_array_equal(model.get_layer("conv2d_1").get_weights()[0],
                                      base.get_layer("conv2d_1").get_weights()[0])
    np.testing.assert_array_equal(second[0].get_layer("dense_5").get_weights()[0],
                                  base.get_layer("dense_3").get_weights()[0])
    # Without the shared base each process would draw its own start.
    alone = initial_models(DIGITS_CNN, entries_for((BASE, BASE)))
    assert not np.array_equal(alone[0].get_layer("conv2d_1").get_weights()[0], first[0].get_layer("conv2d_1").get_weights()[0])


@pytest.mark.slow
def test_variants_train_on_several_workers_at_once_from_one_start_on_the_same_batches():
    from distributed import get_task_stream

    client = _all_workers()
    dataset = subsample(load("digits"), 240, 60)
    # The base model twice (on different workers) and a Dropout variant: the two copies of the base
    # can only draw the same curves if they started from the same weights and saw the same batches.
    entries = (VariantEntry(variant=BASE), VariantEntry(variant=BASE), VariantEntry(variant=Variant(dropout=0.5)))
    job = RaceJob(spec=DIGITS_CNN, entries=entries, epochs=3, batch_size=8, train_samples=160,
                  validation_samples=40, dataset_name="digits", spread=True)
    with get_task_stream(client=client) as stream:
        handle = runner.submit(job, dataset)
        wait_until_ended(handle, 180.0, "the variants")
    assert [run.status for run in handle.runs] == [FINISHED] * 3
    assert [row.epochs for row in handle.results] == [3, 3, 3]
    assert all(run.model is not None for run in handle.runs)
    spans = {record["key"]: (record["worker"], record["startstops"][0]["start"], record["startstops"][-1]["stop"])
             for record in stream.data if str(record["key"]).startswith("playground-racejob-")}
    # One share per free worker (the embedded cluster has at least three), each on its own worker, all at once.
    assert len(spans) == min(len(client.nthreads()), len(entries)), spans
    assert len({worker for worker, _, _ in spans.values()}) == len(spans)
    for _, first_start, first_stop in spans.values():
        for _, second_start, second_stop in spans.values():
            assert first_start < second_stop and second_start < first_stop, "shares trained one after the other"
    base, copy = (run.snapshot() for run in handle.runs[:2])
    for left, right in zip(base.epochs, copy.epochs):
        for name in ("loss", "accuracy", "val_loss", "val_accuracy"):
            assert left[name] == pytest.approx(right[name], rel=1e-4, abs=1e-6), name
    np.testing.assert_allclose(handle.runs[0].model.get_weights()[0], handle.runs[1].model.get_weights()[0],
                               rtol=1e-4, atol=1e-6)


@pytest.mark.slow
def test_one_stop_stops_every_worker_within_a_batch():
    _all_workers()
    dataset = subsample(load("digits"), 240, 60)
    entries = (RaceEntry("SGD", 0.01, name="SGD"), RaceEntry("Adam", 0.001, name="Adam"))
    job = RaceJob(spec=DIGITS_CNN, entries=entries, epochs=100, batch_size=1, train_samples=160,
                  dataset_name="digits", spread=True)
    handle = runner.submit(job, dataset)
    deadline = time.monotonic() + 120
    while not all(run.snapshot().batches for run in handle.runs):
        assert time.monotonic() < deadline, "the shares did not start"
        time.sleep(0.02)
    handle.stop()
    wait_until_ended(handle, 180.0, "the variants")
    for run in handle.runs:
        snapshot = run.snapshot()
        assert snapshot.status == STOPPED and len(snapshot.epochs) < 100
        seen = next(event for event in snapshot.events if event.kind == "stop_seen")
        stopped = next(event for event in snapshot.events if event.kind == "stopped")
        assert stopped.value - seen.value <= 1
        assert run.model is not None
