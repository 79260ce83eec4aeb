"""The engine alone, for ``bench/app_overhead.py``: the same run with no server and no browser, and Stop.

Both submit jobs with ``playground.engine.runner.submit`` to an embedded cluster of this process (closed after).
"""

from __future__ import annotations

import time

from bare_fit import BATCH_SIZE, PRESET, VALIDATION_SPLIT, app_data
from train_tab import RUN_TIMEOUT_S


def _config(dataset, epochs: int):
    """The app's Train run of the benchmark: the preset, Adam 0.001, its batch size and validation split."""
    from playground.engine.runs import RunConfig
    from playground.spec.presets import PRESETS

    return RunConfig(label="#1 Adam", spec=PRESETS[PRESET], dataset=dataset.name,
                     loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.001,
                     batch_size=BATCH_SIZE, epochs=epochs, validation_split=VALIDATION_SPLIT)


def engine_side(epochs: int, samples: int) -> dict[str, float]:
    """The same run through the engine alone (no server, no browser): submit -> first point, and -> models home."""
    from playground.engine import cluster, runner
    from playground.engine.jobs import FitJob

    dataset = app_data(samples)
    config = _config(dataset, epochs)
    try:
        figures = {}
        for _ in range(2):  # The first run warms the cluster and sends the data, as the app's warm-up run does.
            submitted = time.perf_counter()
            handle = runner.submit(FitJob(config), dataset)
            first = None
            while not handle.done.wait(0.005):
                if first is None and handle.runs[0].has_points:
                    first = time.perf_counter() - submitted
            if handle.runs[0].status != "finished":
                raise RuntimeError(f"the engine run ended {handle.runs[0].status}")
            figures = {"engine_run_seconds": time.perf_counter() - submitted,
                       "engine_first_point_seconds": first if first is not None else float("nan")}
        return figures
    finally:
        cluster.close()


def stop_latency(samples: int) -> dict[str, float]:
    """Submits a long fit to an embedded cluster in this process, presses Stop mid-run, reads the events."""
    from playground.engine import cluster, runner
    from playground.engine.jobs import FitJob

    dataset = app_data(samples)
    config = _config(dataset, 200)
    try:
        handle = runner.submit(FitJob(config), dataset)
        run = handle.runs[0]
        deadline = time.monotonic() + RUN_TIMEOUT_S
        def shown() -> int:  # Batches the server-side record (what the page draws) has seen trained.
            snapshot = run.snapshot()
            return snapshot.epoch * (snapshot.steps_per_epoch or 0) + snapshot.batch

        while shown() < 30:
            if time.monotonic() > deadline or handle.done.is_set():
                raise RuntimeError("the engine run did not get going")
            time.sleep(0.05)
        pressed_at = shown()
        pressed = time.perf_counter()
        handle.stop()
        if not handle.done.wait(300):
            raise TimeoutError("the engine run did not stop")
        stop_seconds = time.perf_counter() - pressed
        events = {event.kind: event.value for event in run.snapshot().events}
        if "stopped" not in events or "stop_seen" not in events:
            raise RuntimeError(f"stop events missing: {sorted(events)} (status {run.status})")
        return {"stop_latency_batches": events["stopped"] - pressed_at,
                "stop_after_seen_batches": events["stopped"] - events["stop_seen"],
                "stop_seconds": stop_seconds}
    finally:
        cluster.close()
