"""Plotly figures for training: live loss/metric curves with run overlays and markers, confusion matrix.

Builders take ``RunSnapshot``s (plain copies) and return figures; they never render. The x axis is in
epochs: batch points fall between whole epochs (1.25 = a quarter into the second epoch), epoch points
on whole numbers, so the thin batch curve and the thick epoch curve share one axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from playground.charts.palette import colour as palette_colour
from playground.engine.runs import RunSnapshot
from playground.numbers import NUMBER_D3_FORMAT

# Most batch points one curve sends to the browser: a long run's older points are thinned out.
MAX_BATCH_POINTS = 300
PLOT_HEIGHT = 340
LEGEND_ROW_HEIGHT = 22
LEGEND_ENTRIES_PER_ROW = 2
_MARKERS = {"early_stopping": ("x", "#000000"), "checkpoint": ("star", "#f2b705"), "stopped": ("square", "#7f7f7f")}


def curves_figure(
    snapshots: Sequence[RunSnapshot],
    metric: str = "loss",
    log_scale: bool = False,
    labels: dict[str, str] | None = None,
    show_batches: bool = True,
) -> go.Figure:
    """Train (solid) and validation (dashed) curves of ``metric`` for every run, overlaid.

    Args:
        snapshots: The runs to draw, oldest first.
        metric: Log name without the ``val_`` prefix, e.g. ``"loss"`` or ``"accuracy"``.
        log_scale: Whether the y axis is logarithmic.
        labels: Translated texts: ``"train"``, ``"validation"``, ``"batches"``, ``"epoch"``, and one per
            marker kind (``"early_stopping"``, ``"checkpoint"``, ``"stopped"``). English when missing.
        show_batches: Whether to draw the thin per-batch curve.

    Returns:
        The figure; its traces carry ``meta`` = run id, so tests can find a run's curves.
    """
    labels = {**_DEFAULT_LABELS, **(labels or {})}
    figure = go.Figure()
    for index, snapshot in enumerate(snapshots):
        colour = palette_colour(index)
        name = snapshot.config.label
        if show_batches:
            _add_batch_curve(figure, snapshot, metric, colour, f"{name} · {labels['batches']}")
        _add_epoch_curve(figure, snapshot, metric, colour, f"{name} · {labels['train']}", "solid")
        _add_epoch_curve(figure, snapshot, f"val_{metric}", colour, f"{name} · {labels['validation']}", "dash")
        _add_markers(figure, snapshot, metric, labels)
    # The legend goes below the plot, outside it: with two or more runs it covered half the curves.
    # The figure grows by a row for every few entries, so the plot keeps its height.
    legend_rows = math.ceil(len(figure.data) / LEGEND_ENTRIES_PER_ROW)
    figure.update_layout(
        height=PLOT_HEIGHT + LEGEND_ROW_HEIGHT * legend_rows,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=labels["epoch"],
        yaxis_title=metric,
        yaxis_type="log" if log_scale else "linear",
        yaxis_hoverformat=NUMBER_D3_FORMAT,  # The tables' rule: 1e-12, never 1p or 0.000000000001.
        yaxis_exponentformat="e",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "xanchor": "left",
                "font": {"size": 11}},
        uirevision=metric,  # Keeps the learner's zoom while the chart redraws every second.
    )
    return figure


def curves_panels(
    snapshots: Sequence[RunSnapshot],
    metrics: Sequence[str],
    log_scale: bool = False,
    labels: dict[str, str] | None = None,
    show_batches: bool = True,
) -> go.Figure:
    """``curves_figure`` for each of ``metrics`` as panels of one figure (two a row), sharing one legend.

    The live Train chart draws this: one figure costs the browser less to redraw than one per metric.
    Each panel holds exactly the traces ``curves_figure`` draws for its metric, titled by the metric.
    """
    from plotly.subplots import make_subplots

    labels = {**_DEFAULT_LABELS, **(labels or {})}
    columns = min(len(metrics), 2)
    rows = math.ceil(len(metrics) / columns)
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=list(metrics), horizontal_spacing=0.08,
                           vertical_spacing=0.12)
    for index, metric in enumerate(metrics):
        row, column = divmod(index, columns)
        panel = curves_figure(snapshots, metric, log_scale, labels, show_batches)
        for trace in panel.data:
            trace.legendgroup = trace.name
            trace.showlegend = index == 0 and trace.showlegend is not False
            figure.add_trace(trace, row=row + 1, col=column + 1)
        figure.update_xaxes(title_text=labels["epoch"], row=row + 1, col=column + 1)
        figure.update_yaxes(type="log" if log_scale else "linear", row=row + 1, col=column + 1)
    legend_entries = sum(1 for trace in figure.data if trace.showlegend is not False)
    legend_rows = math.ceil(legend_entries / (LEGEND_ENTRIES_PER_ROW * columns))
    figure.update_layout(
        height=PLOT_HEIGHT * rows + LEGEND_ROW_HEIGHT * legend_rows,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18 / rows, "x": 0, "xanchor": "left",
                "font": {"size": 11}},
        uirevision="curves",  # Keeps the learner's zoom while the chart redraws.
    )
    return figure


def waiting_panels(metrics: Sequence[str], epochs: int, note: str, labels: dict[str, str] | None = None) -> go.Figure:
    """The live chart before any point: ``curves_panels``' empty panels, the x axis over the epochs to come,
    and ``note`` across them.

    The Train page draws it before a run's first points (and before any run): the browser loads plotly
    with its first chart, which takes seconds on a busy laptop, so it does so while nothing is lost.
    """
    columns = min(len(metrics), 2)
    return show_waiting(curves_panels([], metrics, labels=labels), [divmod(index, columns) for index in range(len(metrics))],
                        epochs, note)


def show_waiting(figure: go.Figure, panels: Sequence[tuple[int, int]], epochs: int, note: str | None) -> go.Figure:
    """Turns a run chart without points into its waiting state: each panel's axes over the epochs to come (plotly
    leaves out the axes of a panel without a trace), and ``note`` across them.

    Args:
        figure: The chart, built from no snapshot.
        panels: Its panels as (row, column), 0-based.
        epochs: Epochs the training will run.
        note: What the chart will show, in the learner's language; None for none.
    """
    for row, column in panels:
        figure.add_trace(go.Scatter(x=[], y=[], showlegend=False, hoverinfo="skip"), row=row + 1, col=column + 1)
    figure.update_xaxes(range=[0, max(int(epochs), 1)])
    figure.update_yaxes(range=[0, 1], showticklabels=False)
    if note is not None:
        figure.add_annotation(text=note, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                              font={"size": 14, "color": "#7f7f7f"}, bgcolor="rgba(255, 255, 255, 0.9)")
    return figure


_DEFAULT_LABELS = {
    "train": "train",
    "validation": "validation",
    "batches": "batches",
    "epoch": "epoch",
    "early_stopping": "EarlyStopping stopped",
    "checkpoint": "ModelCheckpoint saved",
    "stopped": "Stop pressed",
}


def _add_batch_curve(figure: go.Figure, snapshot: RunSnapshot, metric: str, colour: str, name: str) -> None:
    trace = batch_trace(snapshot, metric, colour, name)
    if trace is not None:
        figure.add_trace(trace)


def batch_trace(snapshot: RunSnapshot, metric: str, colour: str, name: str) -> go.Scatter | None:
    """The thin per-batch curve of ``metric`` (at most ``MAX_BATCH_POINTS`` points), or None without points.

    Every plotly chart of run curves draws with this builder and ``epoch_trace``, and the races' Vega-Lite chart
    the same points (``batch_points``, ``epoch_points``), so a run looks the same wherever it is shown.
    """
    points = batch_points(snapshot, metric)
    if not points:
        return None
    x_values, y_values = zip(*points)
    return go.Scatter(x=x_values, y=y_values, mode="lines", name=name, meta=snapshot.run_id,
                      line={"color": colour, "width": 1}, opacity=0.35)


def batch_points(snapshot: RunSnapshot, metric: str) -> list[tuple[float, float]]:
    """``metric`` after each batch as (epochs trained, value), at most ``MAX_BATCH_POINTS`` of them: what every chart
    of run curves draws as the thin per-batch curve (plotly here, Vega-Lite in ``playground.charts.compare_race``)."""
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


def _add_epoch_curve(
    figure: go.Figure, snapshot: RunSnapshot, metric: str, colour: str, name: str, dash: str
) -> None:
    trace = epoch_trace(snapshot, metric, colour, name, dash)
    if trace is not None:
        figure.add_trace(trace)


def epoch_trace(snapshot: RunSnapshot, metric: str, colour: str, name: str, dash: str) -> go.Scatter | None:
    """The curve of ``metric`` at each epoch's end (``val_…`` for validation), or None without points."""
    points = epoch_points(snapshot, metric)
    if not points:
        return None
    x_values, y_values = zip(*points)
    return go.Scatter(x=x_values, y=y_values, mode="lines+markers", name=name, meta=snapshot.run_id,
                      line={"color": colour, "width": 2.5, "dash": dash})


def _add_markers(figure: go.Figure, snapshot: RunSnapshot, metric: str, labels: dict[str, str]) -> None:
    """Marks EarlyStopping's stop and ModelCheckpoint's saves on the chart of the quantity they watched
    (on its curve), and a Stop on every chart."""
    for trace in marker_traces(snapshot, metric, labels):
        figure.add_trace(trace)


def marker_traces(snapshot: RunSnapshot, metric: str, labels: dict[str, str],
                  any_monitor: bool = False) -> list[go.Scatter]:
    """The EarlyStopping / ModelCheckpoint / Stop markers of one run on the chart of ``metric``.

    Args:
        snapshot: The run.
        metric: The chart's quantity (without ``val_``).
        labels: Translated names per marker kind (``"early_stopping"``, ``"checkpoint"``, ``"stopped"``).
        any_monitor: Also mark events that watched another quantity, at their epoch on this chart's
            validation curve (the overfitting lab marks val_loss's epochs on the accuracy chart too).
    """
    traces = []
    for kind, points in marker_points(snapshot, metric, any_monitor).items():
        symbol, colour = _MARKERS[kind]
        x_values, y_values = zip(*points)
        traces.append(go.Scatter(
            x=x_values, y=y_values, mode="markers", name=f"{snapshot.config.label} · {labels[kind]}",
            meta=snapshot.run_id, marker={"symbol": symbol, "size": 11, "color": colour,
                                          "line": {"width": 1, "color": "#ffffff"}},
        ))
    return traces


def marker_points(snapshot: RunSnapshot, metric: str,
                  any_monitor: bool = False) -> dict[str, list[tuple[int, float]]]:
    """Where the EarlyStopping / ModelCheckpoint / Stop markers of one run sit on the chart of ``metric``: kind →
    (epoch number, value) points, kinds without any left out (``marker_traces``' arguments)."""
    found = {}
    for kind in _MARKERS:
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


def confusion_figure(matrix: Sequence[Sequence[int]], class_names: Sequence[str], axis_titles: dict[str, str] | None = None) -> go.Figure:
    """A heatmap of the confusion matrix with counts in the cells.

    Args:
        matrix: Rows are true classes, columns predicted classes.
        class_names: Names for the rows and columns (padded with numbers if short).
        axis_titles: Translated ``"true"`` and ``"predicted"`` axis titles.
    """
    titles = {"true": "true", "predicted": "predicted", **(axis_titles or {})}
    size = len(matrix)
    names = [str(name) for name in list(class_names)[:size]] + [str(index) for index in range(len(class_names), size)]
    figure = go.Figure(go.Heatmap(
        z=matrix, x=names, y=names, colorscale="Blues", text=matrix, texttemplate="%{text}",
        hovertemplate=f"{titles['true']}: %{{y}}<br>{titles['predicted']}: %{{x}}<br>%{{z}}<extra></extra>",
    ))
    figure.update_layout(
        height=max(300, 40 * size + 120), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=titles["predicted"], yaxis_title=titles["true"], yaxis_autorange="reversed",
        xaxis={"type": "category"}, yaxis={"type": "category"},
    )
    return figure


def figure_points(figure: go.Figure) -> int:
    """Number of plotted points in a figure (tests use it to see a chart grow)."""
    total = 0
    for trace in figure.data:
        values: Any = trace.x
        total += len(values) if values is not None else 0
    return total
