"""The Dask cluster every training runs on: an embedded ``LocalCluster``, or a scheduler given by address.

- Desktop (default): a ``LocalCluster`` of worker processes on 127.0.0.1, one single-threaded worker
  per core, started lazily by the first training. Each worker imports TensorFlow and runs a tiny fit
  once at start (``WarmUp``), so a learner's first run does not pay for it.
- Class server or cluster: ``playground --scheduler tcp://HOST:8786`` (or ``$PLAYGROUND_SCHEDULER``)
  joins an existing ``dask scheduler``; machines join it with ``dask worker tcp://HOST:8786``.

The client is one per server process, shared by every session (Dask's client is thread-safe).
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from distributed import WorkerPlugin

from playground.errors import LearnerError

SCHEDULER_VARIABLE = "PLAYGROUND_SCHEDULER"
# Seconds to wait for a given scheduler before telling the learner it cannot be reached.
CONNECT_TIMEOUT = 10

_lock = threading.Lock()
_client: Any = None
_cluster: Any = None
_starting = threading.Event()


def scheduler_address() -> str:
    """The scheduler to join (``$PLAYGROUND_SCHEDULER``), or "" for the embedded cluster."""
    return os.environ.get(SCHEDULER_VARIABLE, "").strip()


def worker_count() -> int:
    """Workers of the embedded cluster: one per core (each trains one job at a time)."""
    return max(os.cpu_count() or 1, 1)


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
    import dask
    from distributed import Client, LocalCluster


    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except OSError as error:
            raise LearnerError("engine.error.scheduler_unreachable", str(error), address=address) from error
        cluster = None
    else:
        # A training that kills its worker (out of memory) must fail at once with a plain message,
        # not be retried on the next worker and kill that one too.
        with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                              "distributed.worker.daemon": False}):
            cluster = LocalCluster(
                n_workers=worker_count(),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, set_as_default=False)
    client.register_plugin(WarmUp(), name="playground-warm-up")
    return client, cluster


def close() -> None:
    """Closes the client and the embedded cluster (tests; the server closes them at exit)."""
    global _client, _cluster
    with _lock:
        if _client is not None:
            _client.close()
        if _cluster is not None:
            _cluster.close()
        _client, _cluster = None, None


def embedded_cluster() -> Any:
    """The embedded ``LocalCluster``, or None when joined to a given scheduler (or not started)."""
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
