"""Spreading a race over the cluster's free workers: one share of its entries per free worker.

A race (``playground.engine.race``) trains its entries interleaved in one process, so four variants
take about four times one. When the job allows it (``RaceJob.spread``, the overfitting lab) and the
cluster has free workers (the embedded one has one per core, at least three), the runner submits one
share of the entries per free worker instead, all at once. What the page promises still holds across
processes:

- the same batches in the same order: every share draws the subset and each epoch's permutation
  from the job's one seed (``prepare_data`` and ``Race``), whatever process it runs in;
- the same initial weights wherever layers coincide: the base model is built once, by one task on
  the cluster (``worker.build_base``), and every share copies from that model's ``.keras`` file
  instead of drawing random weights of its own.

Why the shares name a worker: Dask places a task beside the data it depends on, and a scattered
dataset sits on one worker, so unplaced shares would all queue on that one worker until the others
steal them (measured: half a second later for 240 digits; stealing weighs the data to move, so a
large dataset waits longer or stays). Each share therefore asks for one of the free workers, loosely
(``allow_other_workers``): Dask still queues, moves the data and replaces a worker that died.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from playground.engine.jobs import FitJob, RaceJob


@dataclass(frozen=True)
class Share:
    """What one task trains: a job, which of the handle's runs it writes, and where it asks to run.

    Attributes:
        job: The whole job, or a race holding some of its entries.
        indices: The handle's run indices this share's runs are, in order.
        worker: The free worker's address it asks for, or None to let Dask choose.
    """

    job: FitJob | RaceJob
    indices: tuple[int, ...]
    worker: str | None = None


def free_slots(client: Any) -> list[str]:
    """One worker address per thread that trains nothing now (a worker of 2 threads may appear twice)."""
    processing = client.processing()
    slots: list[str] = []
    for address, threads in sorted(client.nthreads().items()):
        slots += [address] * max(int(threads) - len(processing.get(address, ())), 0)
    return slots


def shares(job: FitJob | RaceJob, slots: Sequence[str]) -> list[Share]:
    """Splits ``job`` into one share per free slot (at most one per entry), or keeps it whole.

    Entries are dealt round-robin (entry ``i`` goes to share ``i % n``), so the legend's order is kept
    within each share. A job that may not spread, or a cluster with fewer than two free slots, gives
    one share: the whole job, placed by Dask.

    Raises:
        playground.labs.surfaces.CompareError: A spread race with too few or too many entries.
    """
    whole = [Share(job, tuple(range(len(job.configs))))]
    if not isinstance(job, RaceJob) or not job.spread:
        return whole
    from playground.engine.race import check_settings

    # Shares may hold a single entry, so the whole race is checked here, once.
    check_settings(job.entries, job.epochs, job.batch_size)
    count = min(len(job.entries), len(slots))
    if count < 2:
        return whole
    result = []
    for number in range(count):
        indices = tuple(range(number, len(job.entries), count))
        part = replace(job, entries=tuple(job.entries[index] for index in indices),
                       models=tuple(job.models[index] for index in indices) if job.models else ())
        result.append(Share(part, indices, slots[number]))
    return result
