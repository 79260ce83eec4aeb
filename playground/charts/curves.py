"""Run curves: the points every chart of a training run draws, and the chart of them.

The chart (``curves_spec``) is Train's live chart and the races' of Compare and Your images: one panel per metric,
every run's loss or metric per batch (thin), per epoch (solid) and on validation data (dashed), overlaid, with the
EarlyStopping / ModelCheckpoint / Stop markers. It is a Vega-Lite spec (``st.vega_lite_chart``) because it is redrawn
every few seconds while a run trains: the spec depends only on the runs, their epochs, the panels and the words, and
the points travel in its ``datasets``, so the browser keeps its chart and gives it the new points. A plotly chart was
mounted anew for every new figure (``bench/chart_updates.py``: about 0.11 CPU-seconds a redraw against 0.04). The
x axes count epochs: batch points fall between whole epochs (1.25 = a quarter into the second epoch), epoch points
on whole numbers.

Overfitting's variants (``playground.charts.variants``) draw the same points and markers in their own panels.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from playground.charts.palette import colour as palette_colour
from playground.engine.runs import DIVERGED, RunSnapshot
from playground.numbers import NUMBER_D3_FORMAT

MAX_BATCH_POINTS = 300
"""Most batch points one curve sends to the browser: a long run's older points are thinned out."""
PANEL_WIDTH, PANEL_HEIGHT = 330, 300
PANELS_PER_ROW = 2
NOTE_COLOUR = "#7f7f7f"
CURVES = "curves"
"""The name of the spec's dataset of points."""
NOTES = "notes"
"""The name of the spec's dataset of what is written across the panels while there are no points (a ``text``)."""
COLUMNS = ["entry", "metric", "x", "value", "curve", "line", "style"]
MARKS: dict[str, tuple[str, str]] = {"early_stopping": ("✕", "#000000"), "checkpoint": ("★", "#f2b705"),
                                     "stopped": ("■", "#7f7f7f")}
"""Each marker's glyph and colour, wherever a chart marks EarlyStopping's stop, ModelCheckpoint's saves and a Stop."""
DEFAULT_LABELS = {"train": "train", "validation": "validation", "batches": "batches", "epoch": "epoch",
                  "diverged": "diverged", "early_stopping": "EarlyStopping stopped",
                  "checkpoint": "ModelCheckpoint saved", "stopped": "Stop pressed"}


def curves_spec(
    snapshots: Sequence[RunSnapshot],
    metrics: Sequence[str] = ("loss", "accuracy"),
    *,
    titles: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    epochs: int | None = None,
    log_scale: bool = False,
    show_batches: bool = True,
    note: str | None = None,
    mark: tuple[float, str] | None = None,
) -> dict[str, Any]:
    """Overlays the runs' curves, one panel per metric (``PANELS_PER_ROW`` a row).

    Args:
        snapshots: The runs, oldest first (colours follow the order).
        metrics: The panels' quantities (log names without ``val_``), e.g. ``("loss", "accuracy")``.
        titles: Each panel's title by metric (the metric's name when missing).
        labels: Translated words (keys of ``DEFAULT_LABELS``); English when missing.
        epochs: The epochs the x axes cover (the runs' own by default).
        log_scale: Whether the y axes are logarithmic (points at or below 0 are left out).
        show_batches: Whether to draw the thin per-batch curves.
        note: What the chart will show, written across it while it has no points (None for nothing).
        mark: (epoch, text): a dotted vertical line at that epoch in every panel, the text beside it.

    Returns:
        A Vega-Lite spec whose ``datasets[CURVES]`` holds every point, one row each: the run's legend name
        (``entry``), the panel (``metric``), ``x`` and ``value``, the tooltip's name (``curve``), the kind (``line``:
        "batches", "epochs", "validation" or a ``MARKS`` key) and the legend's word for the line (``style``); and
        ``datasets[NOTES]`` the ``note`` while there are no points (no row after them).
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    titles = {metric: metric for metric in metrics} | dict(titles or {})
    names = [snapshot.config.label + (f" ({labels['diverged']})" if snapshot.status == DIVERGED else "")
             for snapshot in snapshots]
    rows = [row for name, snapshot in zip(names, snapshots) for metric in metrics
            for row in _rows(name, snapshot, metric, labels, show_batches)]
    span = max(int(epochs or max((snapshot.config.epochs for snapshot in snapshots), default=1)), 1)
    colour = {"field": "entry", "type": "nominal", "title": None,
              "scale": {"domain": names, "range": [palette_colour(index) for index in range(len(names))]},
              "legend": {"orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 260,
                         "symbolType": "stroke", "symbolStrokeWidth": 2.5, "symbolOpacity": 1}}
    dash = {"field": "style", "type": "nominal", "title": None,
            "scale": {"domain": [labels["train"], labels["validation"]], "range": [[1, 0], [6, 4]]},
            # (Streamlit's theme draws a stroke symbol in its fill colour: without one the legend had no lines.)
            "legend": {"orient": "bottom", "direction": "horizontal", "symbolType": "stroke",
                       "symbolFillColor": NOTE_COLOUR, "symbolStrokeWidth": 2.5}}
    x = {"field": "x", "type": "quantitative", "title": labels["epoch"], "scale": {"domain": [0, span], "nice": False}}
    y = {"field": "value", "type": "quantitative", "title": None,
         "scale": {"type": "log"} if log_scale else {"zero": True}, "axis": {"format": NUMBER_D3_FORMAT}}
    panels = []
    for index, metric in enumerate(metrics):
        tooltip = [{"field": "curve", "type": "nominal", "title": " "},
                   {"field": "x", "type": "quantitative", "title": labels["epoch"], "format": ".2f"},
                   {"field": "value", "type": "quantitative", "title": titles[metric] or metric,
                    "format": NUMBER_D3_FORMAT}]
        shown = [{"field": "metric", "equal": metric}] + ([{"field": "value", "gt": 0}] if log_scale else [])
        only = functools.partial(_only, shown)
        layers: list[dict[str, Any]] = []
        if show_batches:
            layers.append({"data": {"name": CURVES}, "transform": only("batches"),
                           "mark": {"type": "line", "strokeWidth": 1, "opacity": 0.35},
                           "encoding": {"x": x, "y": y, "color": colour, "detail": {"field": "entry"}}})
        layers.append({"data": {"name": CURVES}, "transform": only("epochs", "validation"),
                       "mark": {"type": "line", "strokeWidth": 2.5, "point": True},
                       # Drag to zoom, scroll to zoom, double-click to go back: the chart keeps it while it redraws.
                       "params": [{"name": f"zoom_{index}", "select": "interval", "bind": "scales"}],
                       "encoding": {"x": x, "y": y, "color": colour, "strokeDash": dash,
                                    "detail": {"field": "entry"}, "tooltip": tooltip}})
        # Every kind of marker has its layer from the start, so the spec stays the same when the first one comes.
        layers += [{"data": {"name": CURVES}, "transform": only(kind),
                    "mark": {"type": "text", "fontSize": 17, "baseline": "middle", "color": glyph_colour},
                    "encoding": {"x": x, "y": y, "text": {"value": glyph}, "tooltip": tooltip}}
                   for kind, (glyph, glyph_colour) in MARKS.items()]
        layers += _annotations(mark, span)
        panels.append({"title": titles[metric], "width": PANEL_WIDTH, "height": PANEL_HEIGHT, "layer": layers})
    # Rows of panels (Streamlit draws no chart for Vega-Lite's wrapping "concat"), each panel with its own y scale.
    independent = {"scale": {"y": "independent"}}
    layout = [{"hconcat": panels[start:start + PANELS_PER_ROW], "resolve": independent}
              for start in range(0, len(panels), PANELS_PER_ROW)]
    # The note is data too: the chart the first points go in is the one drawn before them, the browser's already.
    notes = pd.DataFrame([{"text": note}] if note is not None and not rows else [], columns=["text"])
    return {"datasets": {CURVES: pd.DataFrame(rows, columns=COLUMNS), NOTES: notes},
            **(layout[0] if len(layout) == 1 else {"vconcat": layout, "resolve": independent})}


def _rows(name: str, snapshot: RunSnapshot, metric: str, labels: Mapping[str, str],
          show_batches: bool) -> list[tuple[Any, ...]]:
    """One run's points in the panel of ``metric``, as rows of ``COLUMNS``."""
    rows = []
    if show_batches:
        rows += [(name, metric, x, value, name, "batches", labels["batches"])
                 for x, value in batch_points(snapshot, metric)]
    rows += [(name, metric, x, value, f"{name} · {labels['train']}", "epochs", labels["train"])
             for x, value in epoch_points(snapshot, metric)]
    rows += [(name, metric, x, value, f"{name} · {labels['validation']}", "validation", labels["validation"])
             for x, value in epoch_points(snapshot, f"val_{metric}")]
    for kind, points in marker_points(snapshot, metric).items():
        rows += [(name, metric, x, value, f"{name} · {labels[kind]}", kind, labels[kind]) for x, value in points]
    return rows


def _annotations(mark: tuple[float, str] | None, span: int) -> list[dict[str, Any]]:
    """A panel's dotted line at ``mark``'s epoch with its text (when given), and the ``NOTES`` written across it."""
    layers: list[dict[str, Any]] = []
    if mark is not None:
        layers.append({"data": {"values": [{"x": mark[0], "text": mark[1]}]},
                       "layer": [{"mark": {"type": "rule", "color": "grey", "strokeDash": [2, 3]},
                                  "encoding": {"x": {"field": "x", "type": "quantitative"}}},
                                 {"mark": {"type": "text", "align": "right", "dx": -4, "baseline": "top",
                                           "color": "grey", "y": 4},
                                  "encoding": {"x": {"field": "x", "type": "quantitative"},
                                               "text": {"field": "text"}}}]})
    layers.append({"data": {"name": NOTES},
                   "mark": {"type": "text", "fontSize": 14, "color": NOTE_COLOUR},
                   "encoding": {"x": {"datum": span / 2, "type": "quantitative"},
                                "y": {"value": PANEL_HEIGHT / 2}, "text": {"field": "text"}}})
    return layers


def _only(shown: list[dict[str, Any]], *lines: str) -> list[dict[str, Any]]:
    """A layer's transform: the points that pass ``shown`` (a panel's metric, and above 0 on a log scale) and are of
    one of ``lines``' kinds."""
    return [{"filter": {"and": [*shown, {"field": "line", "oneOf": list(lines)}]}}]


def markers_shown(snapshots: Sequence[RunSnapshot]) -> list[str]:
    """The kinds of ``MARKS`` the runs' chart shows (in ``MARKS``' order), for the caption that names them."""
    kinds = {event.kind for snapshot in snapshots for event in snapshot.events}
    return [kind for kind in MARKS if kind in kinds]


def batch_points(snapshot: RunSnapshot, metric: str) -> list[tuple[float, float]]:
    """``metric`` after each batch as (epochs trained, value), at most ``MAX_BATCH_POINTS`` of them: the thin
    per-batch curve."""
    return thinned(sorted((point.position, point.logs[metric]) for point in snapshot.batches if metric in point.logs))


def epoch_points(snapshot: RunSnapshot, metric: str) -> list[tuple[int, float]]:
    """``metric`` at each epoch's end as (epoch number, value); ``val_…`` for validation."""
    return [(number, logs[metric]) for number, logs in enumerate(snapshot.epochs, start=1) if metric in logs]


def thinned(points: Sequence[Any], limit: int = MAX_BATCH_POINTS) -> list[Any]:
    """Keeps at most ``limit`` points, evenly spread, always with the newest one (what a learner watches)."""
    if len(points) <= limit:
        return list(points)
    step = len(points) / (limit - 1)
    return [points[int(index * step)] for index in range(limit - 1)] + [points[-1]]


def marker_points(snapshot: RunSnapshot, metric: str,
                  any_monitor: bool = False) -> dict[str, list[tuple[int, float]]]:
    """Where the EarlyStopping / ModelCheckpoint / Stop markers of one run sit on the chart of ``metric``.

    EarlyStopping's stop and ModelCheckpoint's saves are marked on the chart of the quantity they watched (on its
    curve), a Stop on every chart.

    Args:
        snapshot: The run.
        metric: The chart's quantity (without ``val_``).
        any_monitor: Also mark events that watched another quantity, at their epoch on this chart's validation
            curve (the overfitting lab marks val_loss's epochs on the accuracy chart too).

    Returns:
        Kind (a ``MARKS`` key) → (epoch number, value) points, kinds without any left out.
    """
    found = {}
    for kind in MARKS:
        events = [event for event in snapshot.events if event.kind == kind
                  and (any_monitor or event.monitor is None or event.monitor.removeprefix("val_") == metric)]
        monitors = [metric if any_monitor else (event.monitor or metric) for event in events]
        points = [_marker_point(snapshot, event.epoch, monitor) for event, monitor in zip(events, monitors)]
        points = [point for point in points if point is not None]
        if points:
            found[kind] = points
    return found


def _marker_point(snapshot: RunSnapshot, epoch: int, metric: str) -> tuple[float, float] | None:
    """Where a marker for 0-based ``epoch`` sits: on the ``metric`` curve (``val_loss``, ``loss``…); for a
    bare name, on the validation curve if there is one, else train."""
    if not snapshot.epochs:
        return None
    logs = snapshot.epochs[min(epoch, len(snapshot.epochs) - 1)]
    value = logs.get(metric) if metric.startswith("val_") else logs.get(f"val_{metric}", logs.get(metric))
    return None if value is None else (min(epoch, len(snapshot.epochs) - 1) + 1, value)


def metric_names(snapshots: Sequence[RunSnapshot]) -> list[str]:
    """Metrics present in the runs' logs (loss first, ``val_`` copies folded in)."""
    names: set[str] = set()
    for snapshot in snapshots:
        for logs in (*snapshot.epochs, *(point.logs for point in snapshot.batches)):
            names.update(name.removeprefix("val_") for name in logs)
    return sorted(names, key=lambda name: (name != "loss", name))
