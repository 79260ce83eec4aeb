"""The run curves' chart the Train, Compare and "Your images" pages share (Train's live chart, the races), in the
learner's language: ``playground.charts.curves`` builds it, this gives it its words and names its markers under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from playground.charts.curves import MARKS, curves_spec, markers_shown
from playground.engine.runs import RunSnapshot
from playground_app.common import tr

CHART_LABELS = ("train", "validation", "batches", "epoch", "early_stopping", "checkpoint", "stopped")
"""The words the chart writes (``train.chart.<name>``)."""


def curve_labels() -> dict[str, str]:
    """``curves_spec``'s words in the learner's language."""
    return {name: tr(f"train.chart.{name}") for name in CHART_LABELS} | {"diverged": tr("compare.diverged")}


def show_curves(snapshots: Sequence[RunSnapshot], key: str | None, **options: Any) -> None:
    """Draws ``curves_spec(snapshots, **options)`` under ``key`` (None for none), titled and worded in the learner's
    language, and a caption naming the markers it shows."""
    titles = {"loss": tr("compare.loss"), "accuracy": tr("compare.race.accuracy")}
    labels = curve_labels()
    st.vega_lite_chart(spec=curves_spec(snapshots, titles=titles, labels=labels, **options), key=key)
    kinds = markers_shown(snapshots)
    if kinds:
        st.caption(" · ".join(f"{MARKS[kind][0]} {labels[kind]}" for kind in kinds))
