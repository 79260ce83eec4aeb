"""Server memory and temporary files across twenty trainings run through the engine.

What it measures: this process plays the app's server. It starts the engine (the embedded Dask cluster in
its own process), submits twenty small trainings one after another (the IRIS preset, 10 epochs) exactly as
the Train page does (``playground.engine.runner.submit``), keeps their run records as a session would, loads
each returned model as the Draw page would, then drops the records ("Clear runs") and collects garbage.

Prints:
- ``rss_mb_before``: this process's resident memory after the first training (TensorFlow and Dask loaded).
- ``rss_mb_after_20_runs``: after twenty trainings, records and models held.
- ``rss_mb_after_clear``: after dropping them; the target is within ~50 MB of ``rss_mb_before``.
- ``temp_entries_left``: new entries in the system temporary folder named ``playground-*`` (target 0).
- ``seconds_per_run``: wall time per training, click to models home.
"""

from __future__ import annotations

import gc
import glob
import os
import tempfile
import time

import psutil


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


def _temp_entries() -> set[str]:
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "playground-*")))


def main() -> None:
    from playground.data.registry import load
    from playground.engine import cluster, runner
    from playground.engine.jobs import FitJob
    from playground.engine.runs import RunConfig
    from playground.spec.presets import PRESETS

    dataset = load("iris")
    config = RunConfig(label="#1 Adam", spec=PRESETS["iris"], dataset="iris", loss="sparse_categorical_crossentropy",
                       optimizer="Adam", learning_rate=0.01, epochs=10, batch_size=16)

    def train() -> runner.Handle:
        handle = runner.submit(FitJob(config), dataset)
        while handle.active:
            time.sleep(0.05)
        assert handle.runs[0].model is not None  # As the Draw page would: the model loads in this process.
        return handle

    cluster.get_client().wait_for_workers(cluster.worker_count(), timeout=180)
    before_temp = _temp_entries()
    train()
    gc.collect()
    before = _rss_mb()
    started = time.perf_counter()
    held = [train() for _ in range(20)]
    per_run = (time.perf_counter() - started) / 20
    after_runs = _rss_mb()
    held.clear()
    gc.collect()
    after_clear = _rss_mb()
    left = _temp_entries() - before_temp
    cluster.close()
    print(f"rss_mb_before: {before:.0f}")
    print(f"rss_mb_after_20_runs: {after_runs:.0f}")
    print(f"rss_mb_after_clear: {after_clear:.0f}")
    print(f"temp_entries_left: {len([entry for entry in left if 'playground-cluster-' not in entry])}")
    print(f"seconds_per_run: {per_run:.2f}")


if __name__ == "__main__":
    main()
