"""Overfitting page, section 1 (live part): one panel per variant and the table, redrawn while they train.

The redraw pace is ``playground_app.pace``.
"""

from __future__ import annotations

import streamlit as st

from playground.engine.runs import FINAL_STATUSES
from playground_app import pace
from playground_app.common import lang, tr
from playground_app.compare.race_live import STATUS_KEYS, show_entry_problems
from playground_app.overfitting.state import OverfittingState, VariantKeys
from playground_app.rerun import rerun_page
from playground_app.errors import safe_fragment

CHART_LABELS = ("train", "validation", "gap", "epoch", "early_stopping", "checkpoint", "stopped")


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _whole(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _table(state: OverfittingState) -> None:
    """One row per variant: parameters, best validation accuracy, the gap, the callbacks' epochs, test accuracy, time."""
    rows = []
    for result in state.race.results:
        gap = (None if result.train_accuracy is None or result.val_accuracy is None
               else result.train_accuracy - result.val_accuracy)
        rows.append({
            tr("overfit.col.variant"): result.label,
            tr("overfit.col.status"): tr(STATUS_KEYS.get(result.status, "compare.race.status.running")),
            tr("overfit.col.trainable"): _whole(getattr(result, "trainable_params", None)),
            tr("overfit.col.non_trainable"): _whole(getattr(result, "non_trainable_params", None)),
            tr("overfit.col.best_val"): _number(getattr(result, "best_val_accuracy", None)),
            tr("overfit.col.gap"): _number(gap),
            tr("overfit.col.early_stopping"): _whole(getattr(result, "early_stopping_epoch", None)),
            tr("overfit.col.checkpoint"): _whole(getattr(result, "checkpoint_epoch", None)),
            tr("overfit.col.test"): _number(getattr(result, "test_accuracy", None)),
            tr("overfit.col.test_last"): _number(getattr(result, "test_accuracy_last", None)),
            tr("overfit.col.seconds"): f"{result.seconds:.1f}",
        })
    st.dataframe(rows, hide_index=True)
    st.caption(tr("overfit.table_note"))


def _draw(state: OverfittingState, every: float | None, metric: str) -> None:
    from playground.charts.variants import variants_spec

    race = state.race
    if race.active:
        race.touch()  # Somebody is watching: the race is not an orphan of a closed tab.
    snapshots = [run.snapshot() for run in race.runs]
    # Always one element here (empty once finished): a fragment whose element count shrinks leaves
    # its last element behind, drawn twice, after the page's final rerun.
    progress = st.empty()
    if pace.waiting_for_a_worker(race.runs):
        progress.info(tr("engine.waiting"))
    elif race.active:
        # The slowest variant still training: spread over workers, one may finish while others go on.
        epoch = min((snapshot.epoch for snapshot in snapshots if snapshot.status not in FINAL_STATUSES),
                    default=max(snapshot.epoch for snapshot in snapshots))
        progress.info(tr("overfit.progress", epoch=min(epoch + 1, race.epochs), epochs=race.epochs))
    labels = {**{name: tr(f"overfit.chart.{name}") for name in CHART_LABELS}, metric: tr(f"overfit.metric.{metric}")}
    # One key per race and view: the browser keeps the Vega-Lite chart and gives it each redraw's points.
    st.vega_lite_chart(spec=variants_spec(snapshots, metric, labels),
                       key=VariantKeys.CHART.format(race=id(race), metric=metric, lang=lang()))
    st.caption(tr("overfit.chart.legend"))
    show_entry_problems(snapshots)
    _table(state)
    if pace.live_seconds(race.runs) != every:
        # The first points came (the slow pace from now on), or the variants finished (Start comes back).
        rerun_page()


def show_variants(state: OverfittingState, metric: str) -> None:
    """Draws the variants; while they train, a fragment redraws at ``pace.live_seconds``, not the whole page."""
    every = pace.live_seconds(state.race.runs)
    safe_fragment(run_every=every)(_draw)(state, every, metric)
