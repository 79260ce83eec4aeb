"""Compare page, section 1 (live part): the race's curves and table, redrawn while it runs (``playground_app.pace``)."""

from __future__ import annotations

import streamlit as st

from playground.engine.runs import DIVERGED, FAILED, FINISHED, RUNNING, STOPPED
from playground.numbers import format_number
from playground_app import pace
from playground_app.common import tr
from playground_app.compare.state import CompareState, RaceKeys
from playground_app.widgets.curves import show_curves
from playground_app.rerun import rerun_page
from playground_app.errors import safe_fragment

STATUS_KEYS = {
    "queued": "compare.race.status.queued", RUNNING: "compare.race.status.running", FINISHED: "compare.race.status.finished",
    STOPPED: "compare.race.status.stopped", DIVERGED: "compare.diverged", FAILED: "compare.race.status.failed",
}


def _table(state: CompareState) -> None:
    """One row per entry: final metrics, when the target accuracy was reached, and its own training time."""
    race = state.race
    rows = []
    for result in race.results:
        rows.append({
            tr("compare.optimizer"): result.label,
            tr("compare.status"): tr(STATUS_KEYS.get(result.status, "compare.race.status.running")),
            tr("compare.race.col.train_loss"): format_number(result.train_loss),
            tr("compare.race.col.train_accuracy"): format_number(result.train_accuracy),
            tr("compare.race.col.val_loss"): format_number(result.val_loss),
            tr("compare.race.col.val_accuracy"): format_number(result.val_accuracy),
            tr("compare.race.col.epochs_to_target", target=f"{race.target_accuracy:.0%}"):
                "—" if result.epochs_to_target is None else str(result.epochs_to_target),
            tr("compare.race.col.seconds_to_target"): format_number(result.seconds_to_target),
            tr("compare.race.col.seconds"): f"{result.seconds:.1f}",
        })
    st.dataframe(rows, hide_index=True)
    st.caption(tr("compare.race.table_note"))


def _draw(state: CompareState, every: float | None) -> None:
    race = state.race
    if race.active:
        race.touch()  # Somebody is watching: the race is not an orphan of a closed tab.
    snapshots = [run.snapshot() for run in race.runs]
    epoch = max(snapshot.epoch for snapshot in snapshots)
    if pace.waiting_for_a_worker(race.runs):
        st.info(tr("engine.waiting"))
    elif race.active:
        st.info(tr("compare.race.progress", epoch=min(epoch + 1, race.epochs), epochs=race.epochs))
    # Vega-Lite: the browser keeps the chart and takes its new points (``playground.charts.curves``).
    show_curves(snapshots, RaceKeys.CHART)
    show_entry_problems(snapshots)
    _table(state)
    if pace.live_seconds(race.runs) != every:
        # The first points came (the slow pace from now on), or the race ended (Start comes back): the whole page.
        rerun_page()


def show_entry_problems(snapshots: list) -> None:
    """A diverged entry's warning and a failed entry's message, under a race's chart (Compare, Overfitting)."""
    for snapshot in snapshots:
        if snapshot.status == DIVERGED:
            st.warning(tr("compare.race.diverged_warning", label=snapshot.config.label))
        elif snapshot.status == FAILED and snapshot.error_key:
            st.error(tr(snapshot.error_key, **snapshot.error_fields))


def show_race(state: CompareState) -> None:
    """Draws the race; while it runs, a fragment redraws the curves at ``pace.live_seconds``, not the whole page."""
    every = pace.live_seconds(state.race.runs)
    safe_fragment(run_every=every)(_draw)(state, every)

