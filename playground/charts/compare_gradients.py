"""Figures of the activation explorer: activation curves with derivatives, and gradient norms per layer."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.charts.palette import colour as palette_colour

FUNCTION_COLOUR = "#1f77b4"
DERIVATIVE_COLOUR = "#d62728"


def activation_figure(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    *,
    function_text: str = "f(x)",
    derivative_text: str = "f′(x)",
    columns: int = 4,
) -> go.Figure:
    """One small panel per activation: the function (solid) and its derivative (dashed).

    Args:
        curves: Activation name → (inputs, values, derivatives), e.g. from ``activation_curves``.
        function_text: Legend text of the function.
        derivative_text: Legend text of the derivative.
        columns: Panels per row.
    """
    names = list(curves)
    rows = max(1, math.ceil(len(names) / columns))
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=names, horizontal_spacing=0.05, vertical_spacing=0.14)
    for index, name in enumerate(names):
        inputs, values, derivatives = curves[name]
        row, column = index // columns + 1, index % columns + 1
        figure.add_trace(go.Scatter(x=inputs, y=values, mode="lines", line=dict(color=FUNCTION_COLOUR, width=2),
                                    name=function_text, legendgroup="f", showlegend=index == 0), row=row, col=column)
        figure.add_trace(go.Scatter(x=inputs, y=derivatives, mode="lines",
                                    line=dict(color=DERIVATIVE_COLOUR, width=2, dash="dash"),
                                    name=derivative_text, legendgroup="d", showlegend=index == 0), row=row, col=column)
    figure.update_xaxes(zeroline=True, zerolinecolor="#999")
    figure.update_yaxes(zeroline=True, zerolinecolor="#999", range=[-1.5, 3.0])
    height = 260 * rows + 40
    # The legend sits above the panel titles: the top margin leaves it 40 pixels of its own.
    figure.update_layout(height=height, margin=dict(l=30, r=10, t=80, b=30),
                         legend=dict(orientation="h", yanchor="bottom", y=1.0 + 40 / (height - 110), x=0.0))
    return figure


def gradient_norm_figure(
    norms: Mapping[str, Sequence[float]],
    *,
    layer_text: str = "hidden layer (1 = nearest the input)",
    norm_text: str = "gradient norm (log scale)",
) -> go.Figure:
    """Gradient norm per hidden layer on a log scale, one line per activation.

    A line falling towards layer 1 by a constant factor per layer is the vanishing gradient.
    """
    figure = go.Figure()
    for index, (name, values) in enumerate(norms.items()):
        figure.add_trace(go.Scatter(
            x=list(range(1, len(values) + 1)), y=[max(value, 1e-30) for value in values], mode="lines+markers",
            line=dict(color=palette_colour(index), width=2.5), marker=dict(size=8), name=name,
        ))
    figure.update_yaxes(type="log", title_text=norm_text, exponentformat="power")
    figure.update_xaxes(title_text=layer_text, dtick=1 if max((len(v) for v in norms.values()), default=1) <= 20 else 5)
    figure.update_layout(height=420, margin=dict(l=40, r=20, t=20, b=40), legend=dict(orientation="h", y=1.08))
    return figure
