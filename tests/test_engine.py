"""The engine on a real Dask cluster: a job's stream, Stop, the model coming home, dead workers, scale-out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import pytest

from playground.data.registry import load, subsample
from playground.engine import cluster, runner
from playground.engine.jobs import FitJob, RaceJob
from playground.engine.race import RaceEntry
from playground.engine.runs import FAILED, FINISHED, STOPPED, RunConfig
from playground.spec.presets import PRESETS
from tests.helpers import wait_until_ended

pytestmark = pytest.mark.timeout(300)


def _config(epochs: int = 4, batch_size: int = 16, label: str = "#1 Adam") -> RunConfig:
    return RunConfig(label=label, spec=PRESETS["iris"], dataset="iris", loss="sparse_categorical_crossentropy",
                     optimizer="Adam", learning_rate=0.01, epochs=epochs, batch_size=batch_size)


def test_a_job_streams_its_curves_in_order_and_the_model_comes_home():
    dataset = load("iris")
    handle = runner.submit(FitJob(_config(epochs=4)), dataset)
    wait_until_ended(handle)
    run = handle.runs[0]
    snapshot = run.snapshot()
    assert snapshot.status == FINISHED
    assert len(snapshot.epochs) == 4 and all("val_loss" in logs for logs in snapshot.epochs)
    positions = [point.position for point in snapshot.batches]
    assert positions and positions == sorted(positions) and positions[-1] <= 4
    assert snapshot.steps_per_epoch == 6  # 120 training rows, 20 % held out → 96 rows in batches of 16.
    # The model that came home (loaded with safe_mode) predicts what the worker predicted.
    predicted = np.argmax(run.model.predict(dataset.x_test, verbose=0), axis=-1)
    assert predicted.tolist() == [int(value) for value in snapshot.results.predictions]
    assert run.model_bytes and run.model_bytes.startswith(b"PK")


def test_stop_trains_at_most_one_more_batch_and_keeps_the_model():
    dataset = load("iris")
    handle = runner.submit(FitJob(_config(epochs=200, batch_size=1)), dataset)
    deadline = time.monotonic() + 120
    while not handle.runs[0].snapshot().batches:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    handle.stop()
    wait_until_ended(handle)
    snapshot = handle.runs[0].snapshot()
    assert snapshot.status == STOPPED
    seen = next(event for event in snapshot.events if event.kind == "stop_seen")
    stopped = next(event for event in snapshot.events if event.kind == "stopped")
    assert stopped.value - seen.value <= 1
    assert len(snapshot.epochs) < 200 and handle.runs[0].model is not None


def test_a_killed_worker_fails_its_run_plainly_and_the_next_run_trains():
    dataset = load("iris")
    handle = runner.submit(FitJob(_config(epochs=300, batch_size=1)), dataset)
    client = cluster.get_client()
    deadline = time.monotonic() + 120
    while not handle.runs[0].snapshot().batches:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    busy = [address for address, keys in client.processing().items() if keys]
    assert len(busy) == 1
    pid = client.run(os.getpid, workers=busy)[busy[0]]
    os.kill(pid, signal.SIGKILL)
    wait_until_ended(handle)
    snapshot = handle.runs[0].snapshot()
    assert snapshot.status == FAILED
    assert snapshot.error_key == "engine.error.worker_died"
    assert snapshot.batches, "the curves trained before the crash are kept"
    again = runner.submit(FitJob(_config(epochs=2, label="#2 Adam")), dataset)
    wait_until_ended(again)
    assert again.runs[0].status == FINISHED


def test_a_race_runs_on_a_worker_with_its_table_and_models():
    dataset = subsample(load("digits"), 200, 50)
    job = RaceJob(spec=_digits_spec(),
                  entries=(RaceEntry("SGD", 0.01), RaceEntry("Adam", 0.001)), epochs=2, batch_size=32,
                  dataset_name="digits")
    handle = runner.submit(job, dataset)
    wait_until_ended(handle)
    assert [run.status for run in handle.runs] == [FINISHED, FINISHED]
    assert [row.epochs for row in handle.results] == [2, 2]
    assert all(row.val_accuracy is not None for row in handle.results)
    assert all(run.model is not None for run in handle.runs)


def _digits_spec() -> dict:
    return {"input_shape": [8, 8, 1], "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 16, "activation": "relu"},
                                                 {"type": "Dense", "units": 10, "activation": "softmax"}]}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_a_separately_started_scheduler_and_worker_run_a_job(monkeypatch):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--dashboard-address", ":0"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                               "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    saved = (cluster._client, cluster._cluster)
    try:
        monkeypatch.setenv(cluster.SCHEDULER_VARIABLE, address)
        cluster._client, cluster._cluster = None, None
        deadline = time.monotonic() + 60
        while True:
            try:
                client = cluster.get_client()
                break
            except Exception:  # noqa: BLE001 - the scheduler is still starting.
                assert time.monotonic() < deadline, "the scheduler did not start"
                time.sleep(0.5)
        client.wait_for_workers(1, timeout=120)
        assert cluster.embedded_cluster() is None
        handle = runner.submit(FitJob(_config(epochs=2)), load("iris"))
        wait_until_ended(handle)
        assert handle.runs[0].status == FINISHED, handle.runs[0].snapshot().error_fields
        client.close()
    finally:
        cluster._client, cluster._cluster = saved
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)


def test_an_unreachable_scheduler_is_a_plain_message(monkeypatch):
    from playground.errors import LearnerError

    saved = (cluster._client, cluster._cluster)
    monkeypatch.setenv(cluster.SCHEDULER_VARIABLE, f"tcp://127.0.0.1:{_free_port()}")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    cluster._client, cluster._cluster = None, None
    try:
        with pytest.raises(LearnerError) as caught:
            cluster.get_client()
        assert "dask scheduler" in caught.value.text("en") and caught.value.text("ko")
        # Through the engine, the page is not kept waiting: the run fails with the same message.
        handle = runner.submit(FitJob(_config(epochs=1)), load("iris"))
        wait_until_ended(handle, timeout=30)
        assert handle.runs[0].status == FAILED
        assert handle.runs[0].snapshot().error_key == "engine.error.scheduler_unreachable"
    finally:
        cluster._client, cluster._cluster = saved


def test_a_worker_that_grew_past_the_limit_is_restarted_after_its_job(monkeypatch):
    client = cluster.get_client()
    before = client.run(os.getpid)
    monkeypatch.setattr(runner, "RECYCLE_BYTES", 1)  # Every worker "grew too much".
    handle = runner.submit(FitJob(_config(epochs=1)), load("iris"))
    wait_until_ended(handle)
    assert handle.runs[0].status == FINISHED
    client.wait_for_workers(cluster.worker_count(), timeout=120)
    after = client.run(os.getpid)
    assert len(set(before.values()) - set(after.values())) == 1, "exactly the worker that trained was replaced"


def test_a_run_nobody_watches_is_stopped(monkeypatch):
    monkeypatch.setattr(runner, "VIEWER_TIMEOUT", 2.0)  # Its tab was closed: no page touches the handle.
    handle = runner.submit(FitJob(_config(epochs=500, batch_size=1)), load("iris"))
    deadline = time.monotonic() + 120
    while handle.active:
        assert time.monotonic() < deadline, "an unwatched run went on training"
        time.sleep(0.1)
    snapshot = handle.runs[0].snapshot()
    assert snapshot.status == STOPPED and len(snapshot.epochs) < 500


def test_on_end_is_told_once_when_the_models_are_home():
    """What keeps a run on disk when no page watches any more (the Train page's ``keeping_runs``)."""
    told = []

    def on_end(handle: runner.Handle) -> None:
        told.append((handle.done.is_set(), handle.runs[0].status, handle.runs[0].model_bytes is not None))

    handle = runner.submit(FitJob(_config(epochs=2)), load("iris"), on_end=on_end)
    wait_until_ended(handle)
    deadline = time.monotonic() + 10
    while not told and time.monotonic() < deadline:
        time.sleep(0.05)
    assert told == [(True, FINISHED, True)]


def test_two_learners_on_the_same_data_train_at_once_on_the_two_workers():
    """Dask places a task beside its data: the data must be on every worker, or the second run waits."""
    from playground.engine.runs import RUNNING

    dataset = subsample(load("mnist", allow_download=False), 4000)  # Big enough that Dask keeps tasks beside it.
    configs = [RunConfig(label=f"#{number} Adam", spec=PRESETS["mnist_dnn"], dataset=dataset.name,
                         loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.001, epochs=20,
                         batch_size=32) for number in (1, 2)]
    handles = [runner.submit(FitJob(config), dataset) for config in configs]
    both_running = False
    deadline = time.monotonic() + 120
    while any(handle.active for handle in handles) and time.monotonic() < deadline:
        for handle in handles:
            handle.touch()
        if all(handle.runs[0].status == RUNNING for handle in handles):
            both_running = True
            break
        time.sleep(0.05)
    for handle in handles:
        handle.stop()
    for handle in handles:
        wait_until_ended(handle)
    assert both_running, "the second run waited for the first instead of taking the idle worker"


def test_a_small_dataset_stays_on_every_worker_so_no_job_fetches_it_from_one_that_trains():
    """A worker that trains answers a fetch slowly: jobs that other workers took started 0.6-2.4 s late."""
    client = cluster.get_client()
    client.wait_for_workers(cluster.worker_count(), timeout=120)
    dataset = subsample(load("mnist", allow_download=False), 1000)
    config = RunConfig(label="#1 Adam", spec=PRESETS["mnist_dnn"], dataset=dataset.name,
                       loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.001, epochs=1)
    wait_until_ended(runner.submit(FitJob(config), dataset))
    time.sleep(3)  # Longer than a pass of Dask's active memory manager (every 2 s), which dropped the extra copies.
    future = runner._scatter(client, dataset)  # The copy the next job of this dataset depends on.
    holders = set(client.who_has([future])[future.key])
    assert holders == set(client.nthreads()), f"the data is on {len(holders)} of {len(client.nthreads())} workers"


def test_a_training_worker_may_use_every_core():
    """Dask caps a worker's OpenMP threads at 1 unless told; one learner's fit would use one core."""
    client = cluster.get_client()
    capped = client.run(lambda: os.environ.get("OMP_NUM_THREADS"))
    assert capped and all(value != "1" for value in capped.values()), capped


def test_the_workers_leave_out_the_dashboards_timers():
    """Dask's profiler samples a worker's training every 10 ms for a dashboard the app never shows."""
    client = cluster.get_client()
    timers = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    assert timers and all("profile" not in names for names in timers.values()), timers
    ticks = client.run(lambda dask_worker: dask_worker._tick_interval)
    assert all(seconds >= 1 for seconds in ticks.values()), ticks
