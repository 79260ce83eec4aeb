"""Plotly figure of a trained model's results: the confusion matrix of its test set.

The curves of a run, live and after it, are ``playground.charts.curves``.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go


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
