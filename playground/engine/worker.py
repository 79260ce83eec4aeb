"""What runs inside a Dask worker process: one job, its live stream to the server, and Stop.

``run_job`` is the task the server submits (``playground.engine.runner``). While the job trains it
writes into ordinary ``Run`` records of this process; a shipper thread sends what changed to the
server through a Dask ``Queue`` every ``SHIP_INTERVAL`` seconds (a few small messages a second, never
one per batch), and a watcher thread waits on a Dask ``Event`` that the server sets on Stop and raises
each run's local stop flag, which the Keras callback reads before every batch without any network
round trip. The trained models travel back as ``.keras`` bytes in the task's result.
"""

from __future__ import annotations

import contextlib
import pickle
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from playground.errors import first_line
from playground.engine.jobs import FitJob, Outcome, RaceJob
from playground.engine.runs import DIVERGED, FAILED, Run, RunCursor, RunEvent

# Seconds between two messages to the server: the page redraws about once a second.
SHIP_INTERVAL = 0.2
# Seconds between two looks for something to send until the job's first point has been sent: the
# learner waits for that first point, so it leaves as soon as it exists (one look costs microseconds).
FIRST_SHIP_INTERVAL = 0.02
# Seconds one wait for the Stop event lasts before the watcher checks whether the job has ended.
STOP_POLL = 1.0


@dataclass(frozen=True)
class Channel:
    """The names of a job's event queue and stop event on the Dask scheduler."""

    events: str
    stop: str


def run_job(job: FitJob | RaceJob, dataset: Any, channel: Channel, base_model: bytes | None = None) -> Outcome:
    """Trains ``job`` on ``dataset`` in this worker, streaming to the server; returns the models.

    ``base_model`` is the ``.keras`` file of a race's base model (``build_base``) when the race is
    spread over several workers: this share's copies take their initial weights from it.

    Never raises for a learner's mistake: errors end the runs as "failed" with a message (an
    exception would reach the server as a traceback). A dying process is the server's to report.
    """
    if isinstance(job, RaceJob):
        return _run_race(job, dataset, channel, base_model)
    return _run_fit(job, dataset, channel)


def build_base(spec: dict[str, Any]) -> bytes | None:
    """Builds a race's base model once and returns its ``.keras`` file, for every share of the race.

    Returns None when the spec cannot be built: each share then meets the same error while building
    its race, and says it plainly on its runs.
    """
    from playground.engine.model_files import model_to_bytes
    from playground.spec import build_model

    try:
        return model_to_bytes(build_model(spec, name="race_base"))
    except Exception:  # noqa: BLE001 - reported by the shares, in the learner's language.
        return None


def _run_fit(job: FitJob, dataset: Any, channel: Channel) -> Outcome:
    from playground.engine.model_files import load_model_bytes, model_to_bytes
    from playground.engine.training import execute, make_job

    run = Run(job.config)
    with streaming(channel, [run]):
        try:
            if job.seed is not None:
                import keras

                # TensorFlow's global seed fixes fit's shuffling (its op seeds count ops in the data
                # pipeline's own graph). The initial weights take explicit seeds (make_job): Python's
                # global random, which Keras would draw them from, is shared with Dask's event loop.
                keras.utils.set_random_seed(job.seed)
            model = load_model_bytes(job.model_bytes) if job.model_bytes else None
            training = make_job(job.config, dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test,
                                dataset.task, dataset.num_classes, model=model, seed=job.seed)
        except Exception as error:  # noqa: BLE001 - the learner sees the reason, never a traceback.
            run.finish(FAILED, "train.error_failed", detail=first_line(error, 300))
            return Outcome([None], [None], _memory())
        training.run = run
        training.frames, training.validate_on_test = job.frames, job.validate_on_test
        training.tensorboard_dir = job.tensorboard_dir
        execute(training)
    keep = run.status not in (DIVERGED, FAILED)
    return Outcome([model_to_bytes(training.model) if keep else None], [training.checkpoint], _memory())


def _run_race(job: RaceJob, dataset: Any, channel: Channel, base_model: bytes | None) -> Outcome:
    from playground.engine.model_files import load_model_bytes, model_to_bytes
    from playground.engine.race import MIN_ENTRIES, Race, prepare_data

    runs = [Run(config) for config in job.configs]
    with streaming(channel, runs):
        try:
            data = replace(prepare_data(dataset, job.spec, job.train_samples, seed=job.seed,
                                        validation_samples=job.validation_samples), name=job.dataset_name)
            models = [load_model_bytes(model) if model else None for model in job.models] or None
            base = load_model_bytes(base_model) if base_model else None
            # A share of a spread race may hold one entry; the whole race was checked when it was made.
            race = Race(job.spec, data, job.entries, epochs=job.epochs, batch_size=job.batch_size,
                        target_accuracy=job.target_accuracy, seed=job.seed, watch=job.watch, models=models,
                        base=base, minimum_entries=1 if job.spread else MIN_ENTRIES)
        except Exception as error:  # noqa: BLE001 - the learner sees the reason, never a traceback.
            for run in runs:
                run.finish(FAILED, "compare.error.race_failed", detail=first_line(error, 300))
            return Outcome([None] * len(runs), [None] * len(runs), _memory())
        # The race writes into the streamed records; their Stop flags are the ones the watcher raises.
        race.runs = runs
        race.execute()
    models = [model_to_bytes(model) if run.status not in (DIVERGED, FAILED) else None
              for model, run in zip(race.models, runs)]
    return Outcome(models, [None] * len(runs), _memory())


@contextlib.contextmanager
def streaming(channel: Channel, runs: Sequence[Run]) -> Iterator[None]:
    """Mirrors ``runs`` to the server while the body runs, and turns the server's Stop into local flags."""
    from distributed import Event, Queue, get_client

    client = get_client()
    queue = Queue(channel.events, client=client)
    stop = Event(channel.stop, client=client)
    ended = threading.Event()
    cursors = [RunCursor() for _ in runs]

    def ship() -> None:
        changes = {}
        for index, run in enumerate(runs):
            change, cursors[index] = run.delta(cursors[index])
            if change:
                changes[index] = change
        if changes:
            # Pickled here: Dask's message format takes plain values only, and this says so once.
            queue.put(pickle.dumps(changes))

    def ship_until_ended() -> None:
        interval = FIRST_SHIP_INTERVAL
        while not ended.wait(interval):
            had_points = any(run.has_points for run in runs)  # Looked at first: this ship() sends them.
            ship()
            if had_points:
                interval = SHIP_INTERVAL

    def watch_stop() -> None:
        while not ended.is_set():
            try:
                if stop.wait(timeout=STOP_POLL):
                    for run in runs:
                        run.add_event(RunEvent("stop_seen", run.snapshot().epoch, float(run.batches_trained)))
                        run.stop_requested.set()
                    return
            except Exception:  # noqa: BLE001 - a closing client ends the watch; the job ends by itself.
                return

    threads = [threading.Thread(target=ship_until_ended, name="playground-ship", daemon=True),
               threading.Thread(target=watch_stop, name="playground-stop", daemon=True)]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        ended.set()
        threads[0].join()
        ship()  # Everything written before the job returns reaches the server before its result.


def _memory() -> int:
    """This process's resident memory in bytes (0 when it cannot be read)."""
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except Exception:  # noqa: BLE001 - only used to decide whether to recycle a worker.
        return 0
