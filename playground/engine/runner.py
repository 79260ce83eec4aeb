"""The server side of the engine: submit a job to the cluster and follow it through a handle.

``submit(job, dataset)`` sends the data to the cluster once (scattered by content, so the same data is
not sent again for the next run), submits ``worker.run_job`` — once, or once per share of a race
spread over the free workers (``playground.engine.spread``) — and starts one follower thread that
applies the workers' streams to the handle's ``Run`` records, forwards Stop (one Dask event heard by
every share), and brings the models home. Pages hold handles and read ``Run.snapshot()``; they never
see a thread, a future or a queue.
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from playground.engine import cluster
from playground.errors import LearnerError, first_line
from playground.engine.jobs import FitJob, Outcome, RaceJob
from playground.engine.runs import FAILED, FINAL_STATUSES, QUEUED, STOPPED, Run
from playground.engine.spread import Share, free_slots, shares
from playground.engine.tensorboard import log_root, run_folder
from playground.engine.worker import Channel, build_base, run_job

_log = logging.getLogger(__name__)

# Seconds a running job goes on with nobody looking at it (its tab closed) before it is stopped.
VIEWER_TIMEOUT = 300.0
# A worker whose memory grew past this after a job is restarted while idle (TensorFlow keeps caches).
RECYCLE_BYTES = 2_500_000_000
# Seconds between two looks at Stop and the job's end; a job of one task is followed by waiting on its
# queue instead, so its messages are applied as they arrive.
POLL_SECONDS = 0.25
# Different datasets kept on the cluster for the next runs (each stays until pushed out).
SCATTERED_KEPT = 6
# A dataset up to this size goes to every worker of the embedded cluster when it is first sent. Kept on one
# worker only, a job that another worker took had to fetch it from that one, which answers slowly while it
# trains: three learners pressing Train together on the MNIST CNN preset's 4,000 digits started 0.6-2.4 s
# apart (engine alone, Dask's task stream; the transfer itself took 0.05 s). A larger dataset (the whole
# Fashion-MNIST is 220 MB) stays on one worker and moves when a job needs it.
BROADCAST_BYTES = 64_000_000

_scatter_lock = threading.Lock()
_scattered: OrderedDict[str, Any] = OrderedDict()


class Handle:
    """A job on the cluster: its run records (growing live), Stop, and the models once it ended.

    Attributes:
        job: What was submitted.
        runs: One record per trained model (one for a fit, one per entry for a race).
        models: ``.keras`` bytes per run once the job ended (None where no model is kept).
        checkpoints: Best-checkpoint ``.keras`` bytes per run, or None.
        done: Set when the job ended and its records are final.
    """

    def __init__(self, job: FitJob | RaceJob, runs: list[Run]) -> None:
        self.job = job
        self.runs = runs
        self.models: list[bytes | None] = [None] * len(runs)
        self.checkpoints: list[bytes | None] = [None] * len(runs)
        self.done = threading.Event()
        self.last_seen = time.monotonic()
        self.stop_event: Any = None  # The job's Dask event, once it reached the cluster.
        self.on_end: Callable[[Handle], None] | None = None  # See ``submit``.

    @property
    def active(self) -> bool:
        """Whether the job is still queued or training."""
        return not self.done.is_set()

    def stop(self) -> None:
        """Asks the worker to stop after its current batch; the partly trained models come back.

        The worker hears it at once through the job's Dask event; the follower thread forwards it too,
        for a Stop pressed before the job reached the cluster.
        """
        for run in self.runs:
            run.stop_requested.set()
        if self.stop_event is not None:
            try:
                self.stop_event.set()
            except Exception:  # noqa: BLE001 - the cluster went away; the follower ends the runs.
                pass

    def touch(self) -> None:
        """Says a page is watching (a job nobody watches for ``VIEWER_TIMEOUT`` seconds is stopped)."""
        self.last_seen = time.monotonic()


class RaceHandle(Handle):
    """A race on the cluster, read like ``playground.engine.race.Race`` by the Compare page."""

    @property
    def results(self) -> list[Any]:
        """One ``EntryResult`` per entry (its latest table row)."""
        from playground.engine.race import EntryResult

        return [run.table_row or EntryResult(run.config.label, run.status) for run in self.runs]

    @property
    def target_accuracy(self) -> float:
        """The accuracy whose first reaching is timed."""
        return self.job.target_accuracy

    @property
    def epochs(self) -> int:
        """Epochs asked for."""
        return self.job.epochs


def submit(job: FitJob | RaceJob, dataset: Any, on_end: Callable[[Handle], None] | None = None) -> Handle:
    """Starts ``job`` with ``dataset`` (a ``playground.data.Dataset``) and returns its handle at once.

    Reaching the cluster (the first time: starting it), sending the data and following the job all
    happen in the handle's own thread, so the page that pressed Train is never kept waiting; until a
    worker takes the job its runs say "queued". A cluster that cannot be reached fails the runs with
    its message. With TensorBoard logs on (``playground.engine.tensorboard``), a fit gets its log folder here.

    Args:
        job: What to train.
        dataset: Its data.
        on_end: Called once with the handle when the job has ended and its models are home, in the
            handle's thread, whether or not a page still watches (the Train page keeps the runs on disk
            with it, so a reload during training loses nothing). Its errors are logged, never raised.
    """
    runs = [Run(config) for config in job.configs]
    root = log_root()
    if root and isinstance(job, FitJob) and job.tensorboard_dir is None:
        job = replace(job, tensorboard_dir=run_folder(root, job.config.label, runs[0].uid))
    handle: Handle = RaceHandle(job, runs) if isinstance(job, RaceJob) else Handle(job, runs)
    handle.on_end = on_end
    threading.Thread(target=_start_and_follow, args=(handle, dataset), daemon=True,
                     name=f"playground-follow-{runs[0].run_id}").start()
    return handle


def _start_and_follow(handle: Handle, dataset: Any) -> None:
    """Submits the handle's job to the cluster (as one task, or one per share of a spread race), then follows it."""
    from distributed import Event

    name = uuid.uuid4().hex
    try:
        client = cluster.get_client()
        parts = _submit_parts(client, handle, _scatter(client, dataset), name)
        handle.stop_event = Event(f"playground-stop-{name}", client=client)  # One Stop for every share.
    except Exception as error:  # noqa: BLE001 - the learner reads why nothing trained, never a traceback.
        key, fields = ((error.key, error.fields) if isinstance(error, LearnerError)
                       else ("engine.error.cluster_failed", {"detail": first_line(error, 300)}))
        for run in handle.runs:
            run.apply({"status": FAILED, "error": (key, fields)})
        _end(handle)
        return
    if any(run.stop_requested.is_set() for run in handle.runs):
        handle.stop()  # Stop was pressed while the cluster started.
    _follow(handle, client, parts)


@dataclass
class _Part:
    """One task of a job on the cluster: its share, its event queue and its future."""

    share: Share
    channel: Channel
    queue: Any
    future: Any


def _submit_parts(client: Any, handle: Handle, data: Any, name: str) -> list[_Part]:
    """Submits one task per share of the job (see ``playground.engine.spread``), all at once."""
    from distributed import Queue

    job = handle.job
    planned = shares(job, free_slots(client) if isinstance(job, RaceJob) and job.spread else [])
    kind = type(job).__name__.lower()
    # A race spread over workers builds its base model once, so that every share starts from it.
    base = (client.submit(build_base, job.spec, pure=False, key=f"playground-base-{name}")
            if len(planned) > 1 else None)
    parts = []
    for number, share in enumerate(planned):
        suffix = f"-{number}" if len(planned) > 1 else ""
        channel = Channel(events=f"playground-events-{name}{suffix}", stop=f"playground-stop-{name}")
        queue = Queue(channel.events, client=client)  # Made before the task, so no message is missed.
        placement = {"workers": [share.worker], "allow_other_workers": True} if share.worker else {}
        future = client.submit(run_job, share.job, data, channel, base, pure=False,
                               key=f"playground-{kind}-{name}{suffix}", **placement)
        parts.append(_Part(share, channel, queue, future))
    return parts


def _scatter(client: Any, dataset: Any) -> Any:
    """Puts ``dataset`` on the cluster once per content and returns its future (kept for the next runs)."""
    from dask.base import tokenize

    token = tokenize(dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test, dataset.name, dataset.task)
    with _scatter_lock:
        future = _scattered.get(token)
        if future is not None and future.client is client and future.status == "finished":
            _scattered.move_to_end(token)
            return future
        broadcast = cluster.embedded_cluster() is not None and _data_bytes(dataset) <= BROADCAST_BYTES
        future = client.scatter(dataset, hash=False, broadcast=broadcast)
        _scattered[token] = future
        while len(_scattered) > SCATTERED_KEPT:
            _scattered.popitem(last=False)
        return future


def _data_bytes(dataset: Any) -> int:
    """Bytes of a dataset's arrays (its training and test inputs and labels)."""
    return sum(int(getattr(getattr(dataset, name, None), "nbytes", 0))
               for name in ("x_train", "y_train", "x_test", "y_test"))


def _follow(handle: Handle, client: Any, parts: list[_Part]) -> None:
    """Applies the workers' streams to the runs until every task ended, then brings the models home."""
    held_back: dict[int, str] = {}
    stop_sent = False
    try:
        while True:
            if not stop_sent and _should_stop(handle):
                for part in parts:
                    if all(handle.runs[index].status == QUEUED for index in part.share.indices):
                        part.future.cancel()  # Not started yet: it never takes a worker.
                handle.stop()
                stop_sent = True
            # Read before the queues: what a task sent before ending is in its queue.
            finished = all(part.future.done() for part in parts)
            wait = POLL_SECONDS if len(parts) == 1 and not finished else 0.0
            for part in parts:
                for message in _messages(part, wait):
                    _apply(handle, part.share.indices, pickle.loads(message), held_back)
            if finished:
                break
            if len(held_back) == len(handle.runs):
                _wait_for_results(parts)  # Every run has said how it ended: its models are on their way.
            elif not wait:
                time.sleep(POLL_SECONDS)
        for part in parts:
            _collect(handle, client, part, held_back, stop_sent)
    except Exception as error:  # noqa: BLE001 - a lost cluster ends the runs plainly.
        for part in parts:
            _fail(handle, part, held_back, stop_sent, error)
    finally:
        for index, status in held_back.items():
            handle.runs[index].apply({"status": status})
        _end(handle)
        for part in parts:
            _release(client, part)


def _messages(part: _Part, wait: float) -> list[bytes]:
    """The messages a task has sent so far; with none, waits up to ``wait`` seconds for the next one."""
    messages = part.queue.get(batch=True)
    if messages or not wait:
        return messages
    try:
        return [part.queue.get(timeout=wait), *part.queue.get(batch=True)]
    except TimeoutError:
        return []


def _wait_for_results(parts: list[_Part]) -> None:
    """Waits (at most ``POLL_SECONDS``) until every task has ended, so the models come home at once.

    Looks at the futures' state only: their results (the models) are fetched once, by ``_collect``.
    (``distributed.wait`` would do this, but it needs a default client, and the app's client is not one.)
    """
    deadline = time.monotonic() + POLL_SECONDS
    while not all(part.future.done() for part in parts) and time.monotonic() < deadline:
        time.sleep(0.01)


def _collect(handle: Handle, client: Any, part: _Part, held_back: dict[int, str], stop_sent: bool) -> None:
    """Brings one task's models home, or fails its runs plainly when its worker died."""
    try:
        outcome: Outcome = part.future.result()
    except Exception as error:  # noqa: BLE001 - a dead worker fails its own runs; the other shares go on.
        _fail(handle, part, held_back, stop_sent, error)
        return
    for index, data, checkpoint in zip(part.share.indices, outcome.models, outcome.checkpoints):
        handle.models[index], handle.checkpoints[index] = data, checkpoint
        # Each returned .keras file goes to its run (loaded with safe_mode=True when a page needs it).
        handle.runs[index].model_bytes, handle.runs[index].checkpoint_bytes = data, checkpoint
    _maybe_recycle(client, part.future, outcome)


def _fail(handle: Handle, part: _Part, held_back: dict[int, str], stop_sent: bool, error: Exception) -> None:
    """Ends a task's unfinished runs: stopped while queued, or failed because its worker went away."""
    for index in part.share.indices:
        run = handle.runs[index]
        if run.status in FINAL_STATUSES or index in held_back:
            continue
        if stop_sent and part.future.cancelled():
            run.apply({"status": STOPPED})  # Stopped while it waited for a free worker.
        else:
            run.apply({"status": FAILED, "error": ("engine.error.worker_died", {"detail": first_line(error, 300)})})


def _end(handle: Handle) -> None:
    """Marks the handle done, then tells whoever asked (``submit``'s ``on_end``)."""
    handle.done.set()
    if handle.on_end is not None:
        try:
            handle.on_end(handle)
        except Exception:  # noqa: BLE001 - keeping a record must never break the follower.
            _log.exception("on_end of %s failed", handle.runs[0].config.label)


def _should_stop(handle: Handle) -> bool:
    """Stop was pressed, or nobody has looked at the job for ``VIEWER_TIMEOUT`` seconds."""
    pressed = any(run.stop_requested.is_set() for run in handle.runs)
    return pressed or time.monotonic() - handle.last_seen > VIEWER_TIMEOUT


def _apply(handle: Handle, indices: tuple[int, ...], changes: dict[int, dict[str, Any]],
           held_back: dict[int, str]) -> None:
    """Applies one message of a task (its own run numbers, the handle's ``indices``); a final status
    waits until the models are home (pages then find them)."""
    for local, change in changes.items():
        index = indices[local]
        if change.get("status") in FINAL_STATUSES:
            held_back[index] = change.pop("status")
        handle.runs[index].apply(change)


def _maybe_recycle(client: Any, future: Any, outcome: Outcome) -> None:
    """Restarts an idle worker of the embedded cluster whose memory grew past ``RECYCLE_BYTES``."""
    if cluster.embedded_cluster() is None or outcome.worker_memory < RECYCLE_BYTES:
        return
    try:
        addresses = list(client.who_has([future]).get(future.key, ()))
        idle = [address for address in addresses if not client.processing([address]).get(address)]
        if idle:
            client.restart_workers(idle, raise_for_error=False)
    except Exception:  # noqa: BLE001 - recycling is housekeeping; a failure must not touch the run.
        pass


def _release(client: Any, part: _Part) -> None:
    """Frees a task's queue, the job's stop event and the task's result on the scheduler."""
    from distributed import Event

    for action in (part.queue.close, Event(part.channel.stop, client=client).clear, part.future.release):
        try:
            action()
        except Exception:  # noqa: BLE001 - the cluster may be gone already; nothing is left to free.
            pass
