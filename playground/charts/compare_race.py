"""Figure of the optimizer race: every entry's loss and accuracy curves, overlaid, side by side.

The curves are drawn by the same builders as the Train page's chart (``batch_trace``, ``epoch_trace``)
with the same palette, so an entry looks like a run.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.charts.palette import colour as palette_colour
from playground.charts.training import batch_trace, epoch_trace, show_waiting
from playground.engine.runs import DIVERGED, RunSnapshot
from playground.numbers import NUMBER_D3_FORMAT

_PANELS = ((0, 0), (0, 1))  # Loss and accuracy, side by side (row, column).


def race_figure(
    snapshots: Sequence[RunSnapshot],
    *,
    loss_title: str = "loss",
    accuracy_title: str = "accuracy",
    epoch_title: str = "epoch",
    validation_text: str = "validation",
    diverged_text: str = "diverged",
) -> go.Figure:
    """Overlays the race's curves: per batch (thin), per epoch (solid) and validation (dashed).

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
        for column, metric in ((1, "loss"), (2, "accuracy")):
            traces = [batch_trace(snapshot, metric, colour, name), epoch_trace(snapshot, metric, colour, name, "solid"),
                      epoch_trace(snapshot, f"val_{metric}", colour, f"{name} · {validation_text}", "dash")]
            for trace in traces:
                if trace is None:
                    continue
                # One legend entry per contestant: its solid curve in the loss panel.
                trace.update(legendgroup=str(index), showlegend=column == 1 and trace is traces[1])
                figure.add_trace(trace, row=1, col=column)
    figure.update_xaxes(title_text=epoch_title, rangemode="tozero")
    figure.update_yaxes(rangemode="tozero", hoverformat=NUMBER_D3_FORMAT, exponentformat="e")
    figure.update_layout(height=420, margin=dict(l=40, r=20, t=40, b=40),
                         legend=dict(orientation="h", y=-0.2, x=0.0), uirevision="race")
    if snapshots and not any(snapshot.batches or snapshot.epochs for snapshot in snapshots):
        # Not a point yet (waiting for a worker, building): both panels over the epochs to come.
        show_waiting(figure, _PANELS, max(snapshot.config.epochs for snapshot in snapshots), None)
    return figure


def waiting_race_figure(epochs: int, note: str, **titles: str) -> go.Figure:
    """The race chart before any training (``race_figure``'s ``titles``): both panels over the epochs to come and
    ``note`` across them. Drawn when the page opens, so the browser loads plotly before the first curves."""
    return show_waiting(race_figure([], **titles), _PANELS, epochs, note)
