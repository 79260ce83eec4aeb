"""Figure of the transfer page: each way's validation accuracy against the pictures per class it had."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from playground.charts.palette import colour as palette_colour


def pictures_figure(counts: Sequence[int], accuracies: Mapping[str, Sequence[float | None]],
                    labels: Mapping[str, str], x_title: str = "pictures per class",
                    y_title: str = "validation accuracy") -> go.Figure:
    """One line per way: accuracy after training on ``counts[i]`` pictures per class (gaps while training).

    Args:
        counts: Pictures per class, ascending.
        accuracies: Way → one accuracy (or None, not yet) per count; ways in the race's order (colours follow it).
        labels: Way → legend name.
        x_title: Title of the x axis.
        y_title: Title of the y axis.
    """
    figure = go.Figure()
    # Distinct dashes and markers: two ways that score alike (few validation pictures) stay visible.
    dashes, symbols = ("solid", "dash", "dot"), ("circle", "square", "diamond")
    for index, (way, values) in enumerate(accuracies.items()):
        figure.add_trace(go.Scatter(x=list(counts), y=list(values), mode="lines+markers", name=labels.get(way, way),
                                    line=dict(color=palette_colour(index), width=2, dash=dashes[index % 3]),
                                    marker=dict(symbol=symbols[index % 3], size=9), connectgaps=False))
    figure.update_xaxes(title_text=x_title, tickvals=list(counts), type="log")
    figure.update_yaxes(title_text=y_title, range=[0, 1.02])
    figure.update_layout(height=340, margin=dict(l=40, r=20, t=20, b=40), legend=dict(orientation="h", y=-0.25))
    return figure
