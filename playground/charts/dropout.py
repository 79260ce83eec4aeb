"""Figure of one Dropout step: the units before Dropout, at a training step, and at inference."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.labs.dropout import DropoutStep


def dropout_figure(step: DropoutStep, titles: tuple[str, str, str] = ("before", "training", "inference"),
                   dropped_text: str = "dropped", unit_text: str = "unit") -> go.Figure:
    """Three grids of the same units: Dropout's input, its training output (dropped units crossed out), its inference output.

    Args:
        step: What ``playground.labs.dropout.dropout_step`` measured.
        titles: Panel titles (translated).
        dropped_text: Hover text of a dropped unit.
        unit_text: Hover word for a unit.

    Returns:
        A one-row figure of three heatmaps on one colour scale; the training panel's dropped cells are
        grey with a cross (``meta="dropped"`` on that trace, its x/y the dropped cells).
    """
    units = len(step.inputs)
    columns = math.ceil(math.sqrt(units))
    rows = math.ceil(units / columns)
    top = float(max(step.training.max(initial=0.0), step.inputs.max(initial=0.0)))
    # Each title's parenthesis on a line of its own: on one line the three ran into each other in a narrow window.
    titles = tuple(title.replace(" (", "<br>(", 1) for title in titles)
    figure = make_subplots(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.04)
    for panel, values in enumerate((step.inputs, step.training, step.inference), start=1):
        grid = np.full(rows * columns, np.nan)
        grid[:units] = values
        numbers = np.arange(rows * columns).reshape(rows, columns)
        figure.add_trace(go.Heatmap(
            z=grid.reshape(rows, columns), zmin=0.0, zmax=top, colorscale="Viridis", showscale=panel == 3,
            text=np.where(np.isnan(grid), "", np.round(grid, 2).astype(str)).reshape(rows, columns),
            texttemplate="%{text}" if units <= 64 else "", customdata=numbers,
            hovertemplate=f"{unit_text} %{{customdata}}: %{{z:.3f}}<extra></extra>", xgap=2, ygap=2,
        ), row=1, col=panel)
    dropped = np.flatnonzero(step.dropped)
    figure.add_trace(go.Scatter(
        x=dropped % columns, y=dropped // columns, mode="markers", meta="dropped", name=dropped_text,
        marker={"symbol": "x-thin", "size": 14, "line": {"width": 2, "color": "#ff4b4b"}},
        hovertemplate=f"{unit_text} %{{text}}: {dropped_text}<extra></extra>", text=[str(index) for index in dropped],
        showlegend=False,
    ), row=1, col=2)
    figure.update_yaxes(autorange="reversed", showticklabels=False, scaleanchor=None)
    figure.update_xaxes(showticklabels=False)
    figure.update_layout(height=max(280, 34 * rows + 110), margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return figure
