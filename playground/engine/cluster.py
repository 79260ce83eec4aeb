"""The Dask cluster every training runs on: an embedded ``LocalCluster``, or a scheduler given by address.

- Desktop (default): a ``LocalCluster`` of worker processes on 127.0.0.1, one single-threaded worker
  per core but at least three (``worker_count``), in a process of its own
  (``playground.engine.local_cluster``), started when a page that trains opens. Each worker imports
  TensorFlow and runs a tiny fit once at start (``WarmUp``), so a learner's first run does not pay for it.
- Class server or cluster: ``playground --scheduler tcp://HOST:8786`` (or ``$PLAYGROUND_SCHEDULER``)
  joins an existing ``dask scheduler``; machines join it with ``dask worker tcp://HOST:8786``.

The client is one per server process, shared by every session (Dask's client is thread-safe).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from distributed import WorkerPlugin

from playground.errors import LearnerError

SCHEDULER_VARIABLE = "PLAYGROUND_SCHEDULER"
# Seconds to wait for a given scheduler before telling the learner it cannot be reached.
CONNECT_TIMEOUT = 10
# Seconds the embedded cluster may take to start its scheduler (its workers then warm up by themselves).
START_TIMEOUT = 120

_lock = threading.Lock()
_client: Any = None
_cluster: Any = None
_starting = threading.Event()


def scheduler_address() -> str:
    """The scheduler to join (``$PLAYGROUND_SCHEDULER``), or "" for the embedded cluster."""
    return os.environ.get(SCHEDULER_VARIABLE, "").strip()


# Fewest workers of the embedded cluster, whatever the cores: the notes' experiment is three runs, and two or three
# learners may share a small server. With one worker per core, on 2 cores the third training waited for a free
# worker and three trainings took 1.23-1.26x as long as the same three fits as processes sharing the cores; with
# three workers 0.98-1.04x (engine alone, MNIST CNN preset, 4,000 digits, 5 epochs). A small fit keeps ~1.3 of 2
# cores busy, so the lone last run of a queue left cores idle. Each warm worker holds ~360 MB of its own.
MIN_WORKERS = 3


def worker_count() -> int:
    """Workers of the embedded cluster: one per core, at least ``MIN_WORKERS`` (each trains one job at a time)."""
    return max(os.cpu_count() or 1, MIN_WORKERS)


def get_client() -> Any:
    """Returns the shared ``distributed.Client``, starting the embedded cluster on first use.

    Raises:
        LearnerError: The given scheduler cannot be reached (``engine.error.scheduler_unreachable``).
    """
    global _client, _cluster
    with _lock:
        if _client is not None and _client.status == "running":
            return _client
        _client, _cluster = _connect(scheduler_address())
        return _client


def start_in_background() -> None:
    """Starts the cluster in a background thread (a page that trains calls it when it opens).

    The workers import TensorFlow while the learner picks a model and data, so the first press of
    Train finds them warm. A failure is left for the first ``get_client`` to report.
    """
    if _client is not None or _starting.is_set():
        return
    _starting.set()

    def start() -> None:
        try:
            get_client()
        except Exception:  # noqa: BLE001 - reported by the next get_client(), to the learner who trains.
            _starting.clear()

    threading.Thread(target=start, name="playground-cluster-start", daemon=True).start()


def _connect(address: str) -> tuple[Any, Any]:
    from distributed import Client

    process = None
    if not address:
        process, address = _start_local_cluster()
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError as error:
        raise LearnerError("engine.error.scheduler_unreachable", str(error), address=address) from error
    client.register_plugin(WarmUp(), name="playground-warm-up")
    return client, process


def _start_local_cluster() -> tuple[subprocess.Popen, str]:
    """Starts ``playground.engine.local_cluster`` as a child process; returns it and its scheduler's address."""
    folder = tempfile.mkdtemp(prefix="playground-cluster-")
    scheduler_file = os.path.join(folder, "scheduler.json")
    log_path = os.path.join(folder, "cluster.log")
    # The workers' temporary files live in the cluster's folder, removed with it: a worker killed
    # mid-training (out of memory) leaves nothing behind in the system's temporary folder.
    worker_temp = os.path.join(folder, "tmp")
    os.makedirs(worker_temp)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "playground.engine.local_cluster", "--scheduler-file", scheduler_file,
             "--parent-pid", str(os.getpid()), "--workers", str(worker_count())],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": worker_temp},
        )
    atexit.register(_stop_process, process, folder)
    deadline = time.monotonic() + START_TIMEOUT
    while not os.path.exists(scheduler_file):
        if process.poll() is not None or time.monotonic() > deadline:
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                detail = handle.read()[-500:]
            _stop_process(process, folder)
            raise LearnerError("engine.error.cluster_failed", detail=detail.strip().splitlines()[-1] if detail.strip() else "")
        time.sleep(0.1)
    with open(scheduler_file, encoding="utf-8") as handle:
        return process, json.load(handle)["address"]


def _stop_process(process: subprocess.Popen, folder: str) -> None:
    """Ends the embedded cluster's process (its workers end with it) and removes its folder."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(folder, ignore_errors=True)


def close() -> None:
    """Closes the client and the embedded cluster (tests; the server closes them at exit)."""
    global _client, _cluster
    with _lock:
        if _client is not None:
            _client.close()
        if _cluster is not None and _cluster.poll() is None:
            _cluster.terminate()
            _cluster.wait(timeout=30)
        _client, _cluster = None, None
        _starting.clear()


def embedded_cluster() -> Any:
    """The embedded cluster's process, or None when joined to a given scheduler (or not started)."""
    return _cluster


class WarmUp(WorkerPlugin):
    """Imports TensorFlow and Keras in each worker and runs one tiny fit, so trainings start warm."""

    def setup(self, worker: Any) -> None:
        """Runs once in every worker process, when it starts or joins."""
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import keras
        import numpy as np

        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(np.zeros((8, 2), "float32"), np.zeros(8, "int64"), epochs=1, verbose=0)
