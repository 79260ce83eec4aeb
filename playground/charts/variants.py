"""Figure of the overfitting lab: one panel per variant, train vs validation with the gap shaded.

Built from the same pieces as every run chart (``epoch_trace``, ``marker_traces`` and the palette of
``playground.charts.training``), so a variant's curves look like a Train run's and a race entry's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.charts.palette import colour as palette_colour
from playground.charts.training import epoch_trace, marker_traces, show_waiting
from playground.engine.runs import RunSnapshot

MAX_COLUMNS = 3
PANEL_HEIGHT = 300

_DEFAULT_LABELS = {"train": "train", "validation": "validation", "gap": "gap", "epoch": "epoch",
                   "early_stopping": "EarlyStopping would stop", "checkpoint": "ModelCheckpoint keeps",
                   "stopped": "Stop pressed"}


def variants_figure(snapshots: Sequence[RunSnapshot], metric: str = "accuracy",
                    labels: dict[str, str] | None = None) -> go.Figure:
    """Small multiples: for each variant, ``metric`` per epoch on training (solid) and validation (dashed) data.

    The area between the two curves (the generalisation gap) is shaded in the variant's colour; the
    epoch EarlyStopping would stop at (✕) and the one ModelCheckpoint keeps (★) sit on the validation
    curve. Panels share their y axis, so gaps compare at a glance.

    Args:
        snapshots: One run snapshot per variant, in order (colours follow the order).
        metric: ``"accuracy"`` or ``"loss"``.
        labels: Translated texts (keys of ``_DEFAULT_LABELS``); English when missing.

    Returns:
        The figure; each panel's title is the variant's label, its gap trace has ``meta="gap"``.
    """
    labels = {**_DEFAULT_LABELS, **(labels or {})}
    count = max(len(snapshots), 1)
    columns = min(count, MAX_COLUMNS)
    rows = math.ceil(count / columns)
    figure = make_subplots(rows=rows, cols=columns, shared_yaxes=True, horizontal_spacing=0.04,
                           vertical_spacing=0.16 if rows > 1 else 0.1,
                           subplot_titles=[snapshot.config.label for snapshot in snapshots])
    for index, snapshot in enumerate(snapshots):
        row, column = index // columns + 1, index % columns + 1
        colour = palette_colour(index)
        train = epoch_trace(snapshot, metric, colour, f"{snapshot.config.label} · {labels['train']}", "solid")
        validation = epoch_trace(snapshot, f"val_{metric}", colour,
                                 f"{snapshot.config.label} · {labels['validation']}", "dash")
        if train is not None:
            figure.add_trace(train.update(showlegend=False), row=row, col=column)
        if train is not None and validation is not None:
            # The gap: drawn as a closed band between the two curves, so it shades only between them.
            steps = min(len(train.x), len(validation.x))
            band_x = list(train.x[:steps]) + list(validation.x[:steps])[::-1]
            band_y = list(train.y[:steps]) + list(validation.y[:steps])[::-1]
            figure.add_trace(go.Scatter(x=band_x, y=band_y, fill="toself", mode="none", fillcolor=colour,
                                        opacity=0.18, meta="gap", hoverinfo="skip", showlegend=False,
                                        name=f"{snapshot.config.label} · {labels['gap']}"), row=row, col=column)
        if validation is not None:
            figure.add_trace(validation.update(showlegend=False), row=row, col=column)
        for marker in marker_traces(_kept_checkpoint_only(snapshot), metric, labels, any_monitor=True):
            figure.add_trace(marker.update(showlegend=False), row=row, col=column)
    figure.update_xaxes(title_text=labels["epoch"], rangemode="tozero")
    figure.update_yaxes(title_text=metric, col=1)
    if snapshots and not any(snapshot.epochs for snapshot in snapshots):
        # Before the first epoch (plotly gave the first panel its empty −1…4 by 0…6, and the others no axes).
        show_waiting(figure, [divmod(index, columns) for index in range(len(snapshots))],
                     max(snapshot.config.epochs for snapshot in snapshots), None)
    figure.update_layout(height=PANEL_HEIGHT * rows + 60, margin={"l": 40, "r": 10, "t": 40, "b": 40},
                         uirevision=f"variants-{metric}")
    return figure


def _kept_checkpoint_only(snapshot: RunSnapshot) -> RunSnapshot:
    """The snapshot with only its last ModelCheckpoint save: the epoch it keeps (the Train page marks every save)."""
    saves = [event for event in snapshot.events if event.kind == "checkpoint"]
    others = tuple(event for event in snapshot.events if event.kind != "checkpoint")
    return replace(snapshot, events=others + tuple(saves[-1:]))
