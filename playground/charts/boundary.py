"""Figures of the Decision boundary lab: the plane coloured by the model's answer, and the loss curves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from playground.labs.boundary import BOUNDS, grid_points
from playground.numbers import NUMBER_D3_FORMAT

CLASS_COLOURS: tuple[str, ...] = ("#f28e2b", "#4e79a7", "#59a14f")
"""Class 0 orange, class 1 blue (tensorflow/playground's pair), class 2 green."""


def boundary_figure(grid: np.ndarray | None, x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray,
                    y_test: np.ndarray, labels: Mapping[str, str], bounds: Sequence[float] = BOUNDS) -> go.Figure:
    """The plane coloured by the model (if any) with the training points (dots) and test points (crosses).

    Args:
        grid: ``decision_grid`` output: (r, r) positive-class probabilities, (r, r, classes), or None
            before the first epoch (points only).
        x_train: Training points (n, 2) as (x₁, x₂), whatever features the model sees.
        y_train: Their classes.
        x_test: Test points.
        y_test: Their classes.
        labels: Words on the chart: ``train``, ``test`` and ``class`` (with a ``{label}`` field).
        bounds: The (low, high) of both axes.
    """
    figure = go.Figure()
    if grid is not None:
        grid = np.asarray(grid, dtype=np.float32)
        axis1, axis2 = grid_points(bounds, grid.shape[0])
        if grid.ndim == 2:
            # Probability of class 1: orange (0) through white (undecided) to blue (1).
            figure.add_trace(go.Heatmap(x=axis1, y=axis2, z=grid, zmin=0, zmax=1, showscale=False, opacity=0.75,
                                        colorscale=[[0, CLASS_COLOURS[0]], [0.5, "#ffffff"], [1, CLASS_COLOURS[1]]],
                                        hovertemplate="x₁ %{x:.2f}, x₂ %{y:.2f}: %{z:.2f}<extra></extra>"))
        else:
            # The winning class, paler where the model hesitates.
            winner = grid.argmax(axis=-1).astype(float)
            classes = grid.shape[-1]
            scale = [[index / (classes - 1), CLASS_COLOURS[index]] for index in range(classes)]
            figure.add_trace(go.Heatmap(x=axis1, y=axis2, z=winner, zmin=0, zmax=classes - 1, showscale=False,
                                        colorscale=scale, opacity=0.55, hoverinfo="skip"))
    for name, points, classes, symbol in (("train", x_train, y_train, "circle"), ("test", x_test, y_test, "x")):
        for label in np.unique(classes):
            chosen = points[classes == label]
            figure.add_trace(go.Scatter(
                x=chosen[:, 0], y=chosen[:, 1], mode="markers", name=f"{labels[name]} · {labels['class'].format(label=label)}",
                marker={"color": CLASS_COLOURS[int(label) % len(CLASS_COLOURS)], "symbol": symbol, "size": 7,
                        "line": {"color": "#222222", "width": 1}}))
    figure.update_layout(height=460, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         legend={"orientation": "h", "x": 0, "y": 1.01, "yanchor": "bottom"},  # Clear of x₁'s title.
                         xaxis={"range": list(bounds[:2]), "title": "x₁", "constrain": "domain"},
                         yaxis={"range": list(bounds[-2:]), "title": "x₂", "scaleanchor": "x"})
    return figure


def loss_figure(history: Sequence[Mapping[str, float]], labels: Mapping[str, str]) -> go.Figure:
    """Training and test loss per epoch (``history`` holds Keras's epoch logs: ``loss``, ``val_loss``)."""
    epochs = list(range(1, len(history) + 1))
    figure = go.Figure()
    for key, name, colour in (("loss", labels["train"], "#4e79a7"), ("val_loss", labels["test"], "#e15759")):
        figure.add_trace(go.Scatter(x=epochs, y=[logs.get(key) for logs in history], mode="lines", name=name,
                                    line={"color": colour}))
    figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         xaxis={"title": labels["epoch"]}, yaxis={"title": labels["loss"], "rangemode": "tozero",
                                "hoverformat": NUMBER_D3_FORMAT, "exponentformat": "e"},
                         legend={"orientation": "h", "y": 1.12})
    return figure
