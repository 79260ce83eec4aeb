"""Chart of the overfitting lab: one panel per variant, train vs validation with the gap shaded.

A Vega-Lite spec (``st.vega_lite_chart``), like the run curves (``playground.charts.curves``): it is redrawn
every few seconds while the variants train. The spec depends only on the variants, the epochs, the metric and the
words; the points travel in its ``datasets``, so the browser keeps its chart and gives it the new points, where it
mounted a new plotly chart at every redraw (``bench/live_pages.py``: 0.14 of a core in the browser while a tab
watched). The points are those of every run chart (``epoch_points``, ``marker_points`` and the palette of
``playground.charts``), so a variant's curves look like a Train run's and a race entry's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from playground.charts.palette import colour as palette_colour
from playground.charts.curves import MARKS, epoch_points, marker_points
from playground.engine.runs import RunSnapshot
from playground.numbers import NUMBER_D3_FORMAT

MAX_COLUMNS = 3
PANEL_HEIGHT = 260
CHART_WIDTH = 720
"""Width of all panels of a row together (the page's main column, less the axes and the gaps between panels)."""
PANEL_SPACING = 24
VARIANTS = "variants"
"""The name of the spec's dataset."""
COLUMNS = ["variant", "kind", "x", "value", "value2", "curve"]

_DEFAULT_LABELS = {"train": "train", "validation": "validation", "gap": "gap", "epoch": "epoch",
                   "early_stopping": "EarlyStopping would stop", "checkpoint": "ModelCheckpoint keeps",
                   "stopped": "Stop pressed"}


def variants_spec(snapshots: Sequence[RunSnapshot], metric: str = "accuracy",
                  labels: dict[str, str] | None = None) -> dict[str, Any]:
    """Small multiples: for each variant, ``metric`` per epoch on training (solid) and validation (dashed) data.

    The area between the two curves (the generalisation gap) is shaded in the variant's colour; the epoch
    EarlyStopping would stop at (✕) and the one ModelCheckpoint keeps (★) sit on the validation curve. Panels share
    their axes, so gaps compare at a glance; every variant has its panel over the epochs to come from the start.

    Args:
        snapshots: One run snapshot per variant, in order (colours follow the order).
        metric: ``"accuracy"`` or ``"loss"``.
        labels: Translated texts (keys of ``_DEFAULT_LABELS``, and ``metric``: the y axis's title); English when
            missing.

    Returns:
        A Vega-Lite spec faceted by variant; its ``datasets[VARIANTS]`` holds one row per panel (``kind`` "panel"),
        per curve point ("line", ``curve`` the translated train or validation), per epoch of the shaded gap ("gap":
        ``value`` train, ``value2`` validation) and per marker (its kind: ``MARKS``' keys).
    """
    labels = {**_DEFAULT_LABELS, **(labels or {})}
    names = [snapshot.config.label for snapshot in snapshots]
    rows = []
    for name, snapshot in zip(names, snapshots):
        rows.append((name, "panel", None, None, None, None))
        train, validation = epoch_points(snapshot, metric), dict(epoch_points(snapshot, f"val_{metric}"))
        rows += [(name, "line", x, value, None, labels["train"]) for x, value in train]
        rows += [(name, "line", x, value, None, labels["validation"]) for x, value in validation.items()]
        rows += [(name, "gap", x, value, validation[x], labels["gap"]) for x, value in train if x in validation]
        for kind, points in marker_points(_kept_checkpoint_only(snapshot), metric, any_monitor=True).items():
            rows += [(name, kind, x, value, None, labels[kind]) for x, value in points]
    columns = max(min(len(names), MAX_COLUMNS), 1)
    span = max((snapshot.config.epochs for snapshot in snapshots), default=1)
    x = {"field": "x", "type": "quantitative", "title": labels["epoch"], "scale": {"domain": [0, max(span, 1)],
                                                                                  "nice": False}}
    y = {"field": "value", "type": "quantitative", "title": labels.get(metric, metric), "scale": {"zero": False},
         "axis": {"format": NUMBER_D3_FORMAT}}
    colours = {"field": "variant", "type": "nominal", "legend": None,
               "scale": {"domain": names, "range": [palette_colour(index) for index in range(len(names))]}}
    tooltip = [{"field": "variant", "type": "nominal", "title": " "},
               {"field": "curve", "type": "nominal", "title": " "},
               {"field": "x", "type": "quantitative", "title": labels["epoch"]},
               {"field": "value", "type": "quantitative", "title": labels.get(metric, metric),
                "format": NUMBER_D3_FORMAT}]
    layers = [
        {"transform": [_only("gap")], "mark": {"type": "area", "opacity": 0.18},
         "encoding": {"x": x, "y": y, "y2": {"field": "value2"}, "color": colours}},
        {"transform": [_only("line")], "mark": {"type": "line", "strokeWidth": 2.5, "point": True},
         "encoding": {"x": x, "y": y, "color": colours, "tooltip": tooltip,
                      # Solid and dashed are told apart by the page's caption under the chart.
                      "strokeDash": {"field": "curve", "type": "nominal", "legend": None,
                                     "scale": {"domain": [labels["train"], labels["validation"]],
                                               "range": [[1, 0], [6, 4]]}}}},
    ] + [{"transform": [_only(kind)], "encoding": {"x": x, "y": y, "text": {"value": glyph}, "tooltip": tooltip},
          "mark": {"type": "text", "fontSize": 17, "baseline": "middle", "color": colour}}
         for kind, (glyph, colour) in MARKS.items()]
    width = (CHART_WIDTH - PANEL_SPACING * (columns - 1)) // columns
    return {
        "datasets": {VARIANTS: pd.DataFrame(rows, columns=COLUMNS)},
        "data": {"name": VARIANTS},
        "facet": {"field": "variant", "type": "nominal", "sort": names, "title": None,
                  "header": {"labelFontSize": 13, "labelFontWeight": "bold"}},
        "columns": columns,
        "spacing": {"column": PANEL_SPACING, "row": 30},
        "spec": {"width": width, "height": PANEL_HEIGHT, "layer": layers},
    }


def _only(kind: str) -> dict[str, Any]:
    return {"filter": {"field": "kind", "equal": kind}}


def _kept_checkpoint_only(snapshot: RunSnapshot) -> RunSnapshot:
    """The snapshot with only its last ModelCheckpoint save: the epoch it keeps (the Train page marks every save)."""
    saves = [event for event in snapshot.events if event.kind == "checkpoint"]
    others = tuple(event for event in snapshot.events if event.kind != "checkpoint")
    return replace(snapshot, events=others + tuple(saves[-1:]))
