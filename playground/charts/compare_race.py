"""Chart of an optimizer race (Compare) and of the three ways (Your images): every entry's loss and accuracy curves,
overlaid, side by side.

A Vega-Lite spec (``st.vega_lite_chart``), like the Decision boundary's charts: it is redrawn every few seconds while
the race trains, and the browser keeps a Vega-Lite chart whose spec stays the same and gives it the new data, where
it mounted a new plotly chart for every new figure (about 0.35 CPU-seconds a redraw for a three-entry race,
``bench/live_pages.py``). The spec depends only on the entries, the epochs and the words; the points travel in its
``datasets``. They are the Train chart's points (``batch_points``, ``epoch_points``) in its palette, so an entry
looks like a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from playground.charts.palette import colour as palette_colour
from playground.charts.training import batch_points, epoch_points
from playground.engine.runs import DIVERGED, RunSnapshot
from playground.numbers import NUMBER_D3_FORMAT

METRICS = ("loss", "accuracy")
"""The panels, left to right."""
PANEL_WIDTH, PANEL_HEIGHT = 330, 300
NOTE_COLOUR = "#7f7f7f"
COLUMNS = ["entry", "metric", "x", "value", "curve", "line"]


def race_spec(
    snapshots: Sequence[RunSnapshot],
    *,
    epochs: int | None = None,
    loss_title: str = "loss",
    accuracy_title: str = "accuracy",
    epoch_title: str = "epoch",
    validation_text: str = "validation",
    diverged_text: str = "diverged",
    note: str | None = None,
    mark: tuple[float, str] | None = None,
) -> dict[str, Any]:
    """Overlays the race's curves: per batch (thin), per epoch (solid) and validation (dashed).

    Args:
        snapshots: One run snapshot per race entry, in entry order (colours follow the order).
        epochs: The epochs the x axes cover (the entries' own by default).
        loss_title: Title of the loss panel.
        accuracy_title: Title of the accuracy panel (empty for regression).
        epoch_title: Title of the x axes.
        validation_text: Word appended to the validation curves' names.
        diverged_text: Note appended to the legend name of a diverged entry.
        note: What the chart will show, written across it while it has no points (None for nothing).
        mark: (epoch, text): a dotted vertical line at that epoch in both panels, the text beside it.

    Returns:
        A Vega-Lite spec of two panels whose x axes count epochs (1.5 = half-way through the second epoch); its
        ``datasets`` hold every point (``curves``).
    """
    names = [snapshot.config.label + (f" ({diverged_text})" if snapshot.status == DIVERGED else "")
             for snapshot in snapshots]
    rows = []
    for name, snapshot in zip(names, snapshots):
        for metric in METRICS:
            rows += [(name, metric, x, value, name, "batches") for x, value in batch_points(snapshot, metric)]
            rows += [(name, metric, x, value, name, "epochs") for x, value in epoch_points(snapshot, metric)]
            rows += [(name, metric, x, value, f"{name} · {validation_text}", "validation")
                     for x, value in epoch_points(snapshot, f"val_{metric}")]
    span = max(int(epochs or max((snapshot.config.epochs for snapshot in snapshots), default=1)), 1)
    colour = {"field": "entry", "type": "nominal", "title": None,
              "scale": {"domain": names, "range": [palette_colour(index) for index in range(len(names))]},
              "legend": {"orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 260,
                         "symbolType": "stroke", "symbolStrokeWidth": 2.5, "symbolOpacity": 1}}
    titles = {"loss": loss_title, "accuracy": accuracy_title}
    panels = []
    for metric in METRICS:
        x = {"field": "x", "type": "quantitative", "title": epoch_title,
             "scale": {"domain": [0, span], "nice": False}}
        y = {"field": "value", "type": "quantitative", "title": None, "scale": {"zero": True},
             "axis": {"format": NUMBER_D3_FORMAT}}
        tooltip = [{"field": "curve", "type": "nominal", "title": " "},
                   {"field": "x", "type": "quantitative", "title": epoch_title, "format": ".2f"},
                   {"field": "value", "type": "quantitative", "title": titles[metric] or metric,
                    "format": NUMBER_D3_FORMAT}]
        layers = [_curves(metric, "batches", {"type": "line", "strokeWidth": 1, "opacity": 0.35}, x, y, colour),
                  _curves(metric, "epochs", {"type": "line", "strokeWidth": 2.5, "point": True}, x, y, colour,
                          tooltip),
                  _curves(metric, "validation", {"type": "line", "strokeWidth": 2.5, "strokeDash": [6, 4],
                                                 "point": True}, x, y, colour, tooltip)]
        if mark is not None:
            layers.append({"data": {"values": [{"x": mark[0], "text": mark[1]}]},
                           "layer": [{"mark": {"type": "rule", "color": "grey", "strokeDash": [2, 3]},
                                      "encoding": {"x": {"field": "x", "type": "quantitative"}}},
                                     {"mark": {"type": "text", "align": "right", "dx": -4, "baseline": "top",
                                               "color": "grey", "y": 4},
                                      "encoding": {"x": {"field": "x", "type": "quantitative"},
                                                   "text": {"field": "text"}}}]})
        if note is not None and not rows:
            layers.append({"data": {"values": [{"text": note}]},
                           "mark": {"type": "text", "fontSize": 14, "color": NOTE_COLOUR},
                           "encoding": {"x": {"datum": span / 2, "type": "quantitative"},
                                        "y": {"value": PANEL_HEIGHT / 2}, "text": {"field": "text"}}})
        panels.append({"title": titles[metric], "width": PANEL_WIDTH, "height": PANEL_HEIGHT, "layer": layers})
    return {"datasets": {"curves": pd.DataFrame(rows, columns=COLUMNS)}, "hconcat": panels,
            "resolve": {"scale": {"y": "independent"}}}


def _curves(metric: str, line: str, mark: dict[str, Any], x: dict[str, Any], y: dict[str, Any],
            colour: dict[str, Any], tooltip: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One kind of line (``batches``, ``epochs``, ``validation``) of every entry in the panel of ``metric``."""
    encoding = {"x": x, "y": y, "color": colour, "detail": {"field": "entry", "type": "nominal"}}
    if tooltip:
        encoding["tooltip"] = tooltip
    return {"data": {"name": "curves"},
            "transform": [{"filter": {"and": [{"field": "metric", "equal": metric}, {"field": "line", "equal": line}]}}],
            "mark": mark, "encoding": encoding}
