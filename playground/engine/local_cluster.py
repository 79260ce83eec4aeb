"""The embedded cluster's own process: a Dask ``LocalCluster`` that lives as long as the app's server.

``python -m playground.engine.local_cluster --scheduler-file F --parent-pid P`` starts a ``LocalCluster``
(single-threaded worker processes on 127.0.0.1, ``cluster.worker_count`` of them), writes its scheduler's
address to ``F`` and ends when process ``P`` (the app's server) has gone.

Why a process of its own and not a ``LocalCluster`` inside the Streamlit server: Dask starts workers
with ``spawn``, which re-imports the parent's ``__main__`` in every worker — inside Streamlit that is the
app's script, so workers failed to start. Here ``__main__`` is this module, whose work is guarded. The
scheduler's bookkeeping also leaves the web server's interpreter free for the pages.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import time


# What Dask's scheduler and workers do on a timer for its dashboard and diagnostics, which the app never shows:
# each worker samples its task thread's stack every 10 ms (the dashboard's profile), and every process wakes
# every 20 ms to time its own event loop and every 0.5 s to read its CPU and memory. On 2 cores that took about
# a tenth of the CPU a training used: engine alone, MNIST CNN, 4,000 digits, 5 epochs (two interleaved rounds):
# one job 7.1-8.3 CPU-s and 5.3-6.6 s with Dask's defaults, 6.6-7.2 CPU-s and 4.9-6.0 s with these; three jobs at
# once 22.3-23.4 CPU-s against 20.2-21.1. The memory limit keeps its own check (the nanny's, every 0.1 s).
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _parent_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (our parent, the app's server)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return os.getppid() == pid


def main(argv: list[str] | None = None) -> None:
    """Runs the cluster until the parent process ends."""
    from playground.engine.cluster import worker_count

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheduler-file", required=True, help="where to write the scheduler's address (JSON)")
    parser.add_argument("--parent-pid", type=int, required=True, help="the cluster ends when this process ends")
    parser.add_argument("--workers", type=int, default=worker_count(), help="worker processes")
    options = parser.parse_args(argv)

    import dask
    from distributed import LocalCluster

    # A training that kills its worker (out of memory) must fail at once with a plain message,
    # not be retried on the next worker and kill that one too. Dask's nanny caps each worker's
    # OpenMP / MKL / OpenBLAS threads at 1; one learner's training would then use one core of the
    # machine (a fit ~10-20 % slower on 2 cores, bench/app_overhead.py): TensorFlow sizes its own pools.
    uncapped = {"MALLOC_TRIM_THRESHOLD_": 65536}
    dask.config.set(QUIET)  # For the whole life of this process: its scheduler and every worker its nannies start.
    # The copies of a dataset the runner sends to every worker (runner.BROADCAST_BYTES) must stay there: Dask's
    # active memory manager would drop all but one within seconds.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.active-memory-manager.start": False,
                          "distributed.nanny.pre-spawn-environ": uncapped}):
        cluster = LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.CRITICAL,
        )
    partial = options.scheduler_file + ".partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump({"address": cluster.scheduler_address}, handle)
    os.replace(partial, options.scheduler_file)  # Readers never see half a file.
    try:
        while _parent_alive(options.parent_pid):
            time.sleep(1.0)
    finally:
        cluster.close()


if __name__ == "__main__":
    main()
