"""Figure of the optimizer race: every entry's loss and accuracy curves, overlaid, side by side."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.charts.palette import colour as palette_colour
from playground.engine.runs import DIVERGED, RunSnapshot


def _training_curve(snapshot: RunSnapshot, metric: str) -> tuple[list[float], list[float | None]]:
    """The training curve: published batch points plus each epoch's final value, in order.

    Batch points are throttled (a fast epoch may publish none), so the epoch-end values keep
    every curve continuous up to where its entry has got.
    """
    points = [(point.position, point.logs.get(metric)) for point in snapshot.batches]
    points += [(float(number), logs.get(metric)) for number, logs in enumerate(snapshot.epochs, start=1)]
    points.sort(key=lambda point: point[0])
    return [position for position, _ in points], [value for _, value in points]


def race_figure(
    snapshots: Sequence[RunSnapshot],
    *,
    loss_title: str = "loss",
    accuracy_title: str = "accuracy",
    epoch_title: str = "epoch",
    validation_text: str = "validation",
    diverged_text: str = "diverged",
) -> go.Figure:
    """Overlays the race's curves: training (solid, per published batch) and validation (dashed, per epoch).

    Args:
        snapshots: One run snapshot per race entry, in entry order (colours follow the order).
        loss_title: Title of the loss panel.
        accuracy_title: Title of the accuracy panel (left empty for regression).
        epoch_title: Title of the x axes.
        validation_text: Word appended to the validation curves' names.
        diverged_text: Note appended to the legend name of a diverged entry.

    Returns:
        A two-panel figure; the x axes count epochs (1.5 = half-way through the second epoch).
    """
    figure = make_subplots(rows=1, cols=2, subplot_titles=(loss_title, accuracy_title), horizontal_spacing=0.08)
    for index, snapshot in enumerate(snapshots):
        colour = palette_colour(index)
        name = snapshot.config.label + (f" ({diverged_text})" if snapshot.status == DIVERGED else "")
        epochs = list(range(1, len(snapshot.epochs) + 1))
        for column, metric in ((1, "loss"), (2, "accuracy")):
            positions, values = _training_curve(snapshot, metric)
            figure.add_trace(go.Scatter(
                x=positions, y=values, mode="lines",
                line=dict(color=colour, width=2), name=name, legendgroup=str(index), showlegend=column == 1,
            ), row=1, col=column)
            values = [logs.get(f"val_{metric}") for logs in snapshot.epochs]
            if any(value is not None for value in values):
                figure.add_trace(go.Scatter(
                    x=epochs, y=values, mode="lines+markers", line=dict(color=colour, width=1.5, dash="dash"),
                    marker=dict(size=7), name=f"{name} · {validation_text}", legendgroup=str(index), showlegend=False,
                ), row=1, col=column)
    figure.update_xaxes(title_text=epoch_title, rangemode="tozero")
    figure.update_yaxes(rangemode="tozero")
    figure.update_layout(height=420, margin=dict(l=40, r=20, t=40, b=40),
                         legend=dict(orientation="h", y=-0.2, x=0.0), uirevision="race")
    return figure
