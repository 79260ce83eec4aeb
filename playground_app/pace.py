"""How often a live view redraws while it trains: one pace for the labs (Train has its own), and a quick look
until the first points.

Every rerun of a fragment costs the learner's browser, which shares the cores with the training: about 0.06
CPU-seconds for any fragment, and about 0.1 more for each plotly chart in it, because Streamlit (1.67) mounts a
new chart for every redraw (bench/live_pages.py). Redrawn every second, the Compare race took 0.32 of a core in the
browser; redrawn every half second, the Decision boundary lab took 0.8 and its training got 0.6 of a core instead
of 1.6. The Train page redraws one fragment every 2 s (``playground_app.train.live``).

Train's curves and the race charts (Compare, Your images), Overfitting's variants and the Decision boundary lab's are
Vega-Lite charts, which the browser keeps and gives new data at every redraw (``playground.charts.curves``,
``playground.charts.variants``, ``playground.charts.boundary``).

A fragment's pace is fixed by the run that makes it (of the page, or of a fragment around it; a fragment no longer
made stops): a lab's live view whose pace should change (its first points came, its training ended) asks for one run
of the whole page (``live_seconds`` says which pace is due). Train's live view is made by the fragment of its buttons,
so a click on Train starts it without a run of the whole page (``playground_app.train.live.train_section``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from playground.engine.runs import QUEUED, RUNNING
from playground_app.errors import safe_fragment

LAB_SECONDS = 3.0
"""Seconds between two redraws of a lab's live chart and table (Compare, Overfitting, Your images, boundary)."""
FIRST_POINTS_SECONDS = 0.5
"""Seconds between two looks while a training that starts or runs has nothing to draw yet, so its first points show
soon after they exist (at ``LAB_SECONDS`` they came up to 3 s late)."""
QUEUED_STARTS_WITHIN_SECONDS = 3.0
"""A queued training younger than this is about to start (a free worker takes a job within a fraction of a second);
an older one waits behind other learners' trainings and gets no quick looks."""


def live_seconds(runs: Sequence[Any]) -> float | None:
    """The pace a lab's live view is due now for its ``runs`` (``Run`` records of one job).

    None when none is queued or training; ``FIRST_POINTS_SECONDS`` while none has points and one trains or is
    about to start; ``LAB_SECONDS`` otherwise.
    """
    active = [run for run in runs if run.active]
    if not active:
        return None
    starting = any(run.status == RUNNING or about_to_start(run) for run in active)
    return FIRST_POINTS_SECONDS if starting and not any(run.has_points for run in runs) else LAB_SECONDS


def about_to_start(run: Any) -> bool:
    """Whether ``run`` is queued and younger than ``QUEUED_STARTS_WITHIN_SECONDS`` (a worker takes it any moment)."""
    return run.status == QUEUED and time.monotonic() - run.created_at < QUEUED_STARTS_WITHIN_SECONDS


def waiting_for_a_worker(runs: Sequence[Any]) -> bool:
    """Whether the job of ``runs`` is active and none of them trains yet: no worker has taken it (the live view says
    ``engine.waiting``, not an epoch)."""
    active = [run for run in runs if run.active]
    return bool(active) and all(run.status == QUEUED for run in active)


WATCHING_SECONDS = 60.0
"""While another tab of a lab's page is open, how often the page says that its learner still watches the training."""


def keep_watching(race: Any) -> None:
    """While ``race`` (a job handle) trains and another tab of its page is open (its live view is not drawn), says
    every ``WATCHING_SECONDS`` that the learner is still on the page: the engine stops a job nobody has looked at for
    ``VIEWER_TIMEOUT`` seconds. Must be called from a page run, not a fragment's."""
    if race is None or not race.active:
        return
    race.touch()

    @safe_fragment(run_every=WATCHING_SECONDS)
    def watching() -> None:
        if race.active:
            race.touch()

    watching()
