"""The live run record: what one training did, written where it trains and read by the page.

A ``Run`` is the single place where a training publishes what happens (batch and epoch logs, events
such as an EarlyStopping stop or a ModelCheckpoint save, timings, the status, the error) and where the
page reads it. In a worker process the training writes into its own ``Run``, whose changes
(``delta``) are applied to the server's copy (``apply``). Writers append under a lock; the page takes a
``RunSnapshot`` (plain copies) under the same lock, so a chart never sees a list growing under it.
The plain records it is made of live in ``playground.engine.records``.

Nothing here imports TensorFlow: a run record is plain Python.
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from playground.engine.records import (  # noqa: F401 - re-exported: runs is where callers look for them.
    QUEUED,
    RUNNING,
    STOPPED,
    FINISHED,
    DIVERGED,
    FAILED,
    ACTIVE_STATUSES,
    FINAL_STATUSES,
    EVALUATING,
    EarlyStoppingConfig,
    RunConfig,
    BatchPoint,
    RunEvent,
    RunResults,
    RunCursor,
)

_run_numbers = itertools.count(1)
POINTS_FOR_A_LINE = 2
"""Batch points a curve needs before a chart draws anything (a line joins two): ``Run.has_points``; the live
callback publishes the first ones at once, not after its interval (``playground.engine.live``)."""


@dataclass(frozen=True)
class RunSnapshot:
    """A consistent copy of a run for rendering (taken under the run's lock)."""

    run_id: int
    config: RunConfig
    status: str
    batches: tuple[BatchPoint, ...]
    epochs: tuple[dict[str, float], ...]
    events: tuple[RunEvent, ...]
    epoch: int
    batch: int
    steps_per_epoch: int
    elapsed: float
    eta: float | None
    error_key: str | None
    error_fields: dict[str, Any]
    results: RunResults | None

    @property
    def progress(self) -> float:
        """Share of the training done, between 0 and 1."""
        total = self.config.epochs * max(self.steps_per_epoch, 1)
        done = self.epoch * max(self.steps_per_epoch, 1) + self.batch
        return min(done / total, 1.0) if total else 0.0

    @property
    def has_points(self) -> bool:
        """Whether a chart of the run draws something (``drawable``)."""
        return drawable(self.batches, self.epochs)


def drawable(batches: Any, epochs: Any) -> bool:
    """Whether a chart of a run with these batch points and epoch logs draws something: ``POINTS_FOR_A_LINE`` batch
    points (a line), or an epoch (a dot)."""
    return len(batches) >= POINTS_FOR_A_LINE or bool(epochs)


class Run:
    """The record of one training; safe to write from one thread and read from others.

    Attributes:
        run_id: A number unique in this server process.
        uid: A random id unique across processes and restarts: the run's key in a saved workspace
            (``run_id`` restarts at 1 in every process, so it cannot name a stored run).
        config: What was trained and how.
        model: The Keras model (partly trained after a Stop), or None before it exists.
        model_bytes: The model as a ``.keras`` file, once a worker sent it home.
        checkpoint_bytes: The best model ModelCheckpoint saved, as a ``.keras`` file, or None.
        stop_requested: Set by the page's Stop button; the callback ends training at the next batch.
    """

    def __init__(self, config: RunConfig) -> None:
        self.run_id = next(_run_numbers)
        self.uid = uuid.uuid4().hex
        self.config = config
        self.created_at = time.monotonic()  # When the run was made (pressed); a queued run counts from here.
        self._model: Any = None
        self._model_lock = threading.Lock()  # Not the record's lock: snapshots never wait for a load.
        self.model_bytes: bytes | None = None
        self.checkpoint_bytes: bytes | None = None
        self.stop_requested = threading.Event()
        # Batches trained so far in this process (counted on every batch, unlike the throttled points).
        self.batches_trained = 0
        self._lock = threading.Lock()
        self._status = QUEUED
        self._batches: list[BatchPoint] = []
        self._epochs: list[dict[str, float]] = []
        self._events: list[RunEvent] = []
        self._epoch = 0
        self._batch = 0
        self._steps_per_epoch = 0
        self._started_at: float | None = None
        self._finished_at: float | None = None
        self._first_point_at: float | None = None
        self._error_key: str | None = None
        self._error_fields: dict[str, Any] = {}
        self._results: RunResults | None = None
        self._table_row: Any = None
        self._table_version = 0
        self._frame: tuple[int, Any] | None = None
        self._frame_version = 0

    # Writers (the training thread).

    def mark_started(self, steps_per_epoch: int) -> None:
        """Records that ``fit`` began, with the number of batches in one epoch."""
        with self._lock:
            self._status = RUNNING
            self._steps_per_epoch = steps_per_epoch
            self._started_at = time.monotonic()

    def add_batch(self, epoch: int, batch: int, logs: dict[str, float]) -> None:
        """Publishes the logs of batch ``batch`` (0-based) of epoch ``epoch`` (0-based)."""
        with self._lock:
            steps = max(self._steps_per_epoch, 1)
            self._batches.append(BatchPoint(epoch + (batch + 1) / steps, dict(logs)))
            self._epoch, self._batch = epoch, batch + 1
            if self._first_point_at is None:
                self._first_point_at = time.monotonic()

    def add_epoch(self, epoch: int, logs: dict[str, float]) -> None:
        """Publishes the logs at the end of epoch ``epoch`` (0-based), validation included."""
        with self._lock:
            self._epochs.append(dict(logs))
            self._epoch, self._batch = epoch + 1, 0
            if self._first_point_at is None:
                self._first_point_at = time.monotonic()

    def add_event(self, event: RunEvent) -> None:
        """Adds a chart marker (EarlyStopping stop, ModelCheckpoint save, Stop pressed)."""
        with self._lock:
            self._events.append(event)

    def finish(self, status: str, error_key: str | None = None, **error_fields: Any) -> None:
        """Ends the run with a final status and, for "diverged"/"failed", a translation key + fields."""
        with self._lock:
            if status not in FINAL_STATUSES:
                raise ValueError(f"{status!r} is not a final status; use one of {FINAL_STATUSES}.")
            self._status = status
            self._error_key = error_key
            self._error_fields = error_fields
            self._finished_at = time.monotonic()

    def set_table_row(self, row: Any) -> None:
        """Stores a summary row for a results table (the race's ``EntryResult``), a copy of ``row``."""
        with self._lock:
            self._table_row = copy.copy(row)
            self._table_version += 1

    def set_frame(self, epoch: int, frame: Any) -> None:
        """Stores the latest picture of the model (a small array, e.g. a decision grid) after ``epoch`` epochs.

        Only the newest frame is kept and shipped: a page redraws what the model looks like now, and a
        frame per epoch would flood the stream on a fast training.
        """
        with self._lock:
            self._frame = (epoch, frame)
            self._frame_version += 1

    def set_elapsed(self, seconds: float) -> None:
        """Sets how long the run trained, for a run restored from a workspace (its clock times are gone)."""
        with self._lock:
            self._finished_at = time.monotonic()
            self._started_at = self._finished_at - seconds

    def set_results(self, results: RunResults) -> None:
        """Stores the test-set evaluation."""
        with self._lock:
            self._results = results

    # Streaming between processes: a worker's run is mirrored into the server's run.

    def delta(self, cursor: "RunCursor") -> tuple[dict[str, Any], "RunCursor"]:
        """Returns what changed since ``cursor`` (an empty dict when nothing did) and the new cursor.

        The worker process calls this every fraction of a second and sends the result to the
        server, whose own ``Run`` takes it with ``apply``; only new points travel.
        """
        with self._lock:
            change: dict[str, Any] = {}
            if self._status != cursor.status:
                change["status"] = self._status
            if self._steps_per_epoch != cursor.steps:
                change["steps"] = self._steps_per_epoch
            if len(self._batches) > cursor.batches:
                change["batches"] = self._batches[cursor.batches:]
            if len(self._epochs) > cursor.epochs:
                change["epochs"] = self._epochs[cursor.epochs:]
            if len(self._events) > cursor.events:
                change["events"] = self._events[cursor.events:]
            if (self._epoch, self._batch) != cursor.position:
                change["position"] = (self._epoch, self._batch)
            if self._error_key is not None and cursor.status not in FINAL_STATUSES:
                change["error"] = (self._error_key, dict(self._error_fields))
            if self._results is not None and not cursor.results:
                change["results"] = self._results
            if self._table_version != cursor.table_version:
                change["table_row"] = self._table_row
            if self._frame_version != cursor.frame_version:
                change["frame"] = self._frame
            new_cursor = RunCursor(self._status, self._steps_per_epoch, len(self._batches), len(self._epochs),
                                   len(self._events), (self._epoch, self._batch), self._results is not None,
                                   self._table_version, self._frame_version)
        return change, new_cursor

    def apply(self, change: dict[str, Any]) -> None:
        """Takes a change made by another process's ``Run.delta`` (see there)."""
        with self._lock:
            now = time.monotonic()
            if "steps" in change:
                self._steps_per_epoch = change["steps"]
            if change.get("status") == RUNNING and self._started_at is None:
                self._started_at = now
            self._batches.extend(change.get("batches", ()))
            self._epochs.extend(change.get("epochs", ()))
            self._events.extend(change.get("events", ()))
            if self._first_point_at is None and (change.get("batches") or change.get("epochs")):
                self._first_point_at = now
            if "position" in change:
                self._epoch, self._batch = change["position"]
            if "error" in change:
                self._error_key, self._error_fields = change["error"]
            if "results" in change:
                self._results = change["results"]
            if "table_row" in change:
                self._table_row = change["table_row"]
                self._table_version += 1
            if "frame" in change:
                self._frame = change["frame"]
                self._frame_version += 1
            if "status" in change:
                self._status = change["status"]
                if self._status in FINAL_STATUSES:
                    self._finished_at = now

    # Readers (the page, tests, the benchmark).

    @property
    def status(self) -> str:
        """One of ``queued``, ``running``, ``stopped``, ``finished``, ``diverged``, ``failed``."""
        with self._lock:
            return self._status

    @property
    def model(self) -> Any:
        """The trained Keras model: the one trained here, or the worker's ``.keras`` file loaded on first use.

        Loading waits for the first page that needs the model (Draw, feature maps), in that page's
        thread: models nobody looks at cost the server nothing.
        """
        with self._model_lock:
            if self._model is None and self.model_bytes is not None:
                from playground.engine.model_files import load_model_bytes

                self._model = load_model_bytes(self.model_bytes)
            return self._model

    @property
    def has_model(self) -> bool:
        """Whether a model exists (loaded or as a file), without loading it."""
        return self._model is not None or self.model_bytes is not None

    @model.setter
    def model(self, model: Any) -> None:
        with self._model_lock:
            self._model = model

    @property
    def table_row(self) -> Any:
        """The latest summary row (see ``set_table_row``), or None."""
        with self._lock:
            return self._table_row

    @property
    def frame(self) -> tuple[int, Any] | None:
        """The latest frame as (epochs trained, array), or None before the first (see ``set_frame``)."""
        with self._lock:
            return self._frame

    @property
    def frame_version(self) -> int:
        """How many frames arrived so far: a page redraws its picture only when this changed."""
        with self._lock:
            return self._frame_version

    @property
    def active(self) -> bool:
        """Whether the run is queued or training."""
        return self.status in ACTIVE_STATUSES

    @property
    def has_points(self) -> bool:
        """Whether a chart of the run draws something (``drawable``)."""
        with self._lock:
            return drawable(self._batches, self._epochs)

    @property
    def first_point_seconds(self) -> float | None:
        """Seconds from the start of ``fit`` to the first published point, or None before it."""
        with self._lock:
            if self._first_point_at is None or self._started_at is None:
                return None
            return self._first_point_at - self._started_at

    def snapshot(self) -> RunSnapshot:
        """Returns a consistent copy of everything the page draws."""
        with self._lock:
            now = self._finished_at or time.monotonic()
            elapsed = now - self._started_at if self._started_at is not None else 0.0
            snapshot = RunSnapshot(
                run_id=self.run_id,
                config=self.config,
                status=self._status,
                batches=tuple(self._batches),
                epochs=tuple(self._epochs),
                events=tuple(self._events),
                epoch=self._epoch,
                batch=self._batch,
                steps_per_epoch=self._steps_per_epoch,
                elapsed=elapsed,
                eta=None,
                error_key=self._error_key,
                error_fields=dict(self._error_fields),
                results=self._results,
            )
        return _with_eta(snapshot)


def _with_eta(snapshot: RunSnapshot) -> RunSnapshot:
    """Estimates the time left from the share done so far (None until something is done)."""
    if snapshot.status != RUNNING or snapshot.progress <= 0:
        return snapshot
    remaining = snapshot.elapsed * (1 - snapshot.progress) / snapshot.progress
    return RunSnapshot(**{**snapshot.__dict__, "eta": remaining})


def evaluating(snapshot: RunSnapshot) -> bool:
    """Whether ``fit`` has ended and the run is being evaluated on the test set (its "evaluating" event)."""
    return snapshot.status == RUNNING and any(event.kind == EVALUATING for event in snapshot.events)


def history_csv(snapshot: RunSnapshot) -> str:
    """Returns the epoch logs as CSV text (one row per epoch, like ``pd.DataFrame(history.history)``)."""
    columns = sorted({name for logs in snapshot.epochs for name in logs})
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["epoch", *columns])
    for number, logs in enumerate(snapshot.epochs, start=1):
        writer.writerow([number, *(logs.get(name, "") for name in columns)])
    return buffer.getvalue()
