"""Figures of the Draw page: the ten digit probabilities and the 28×28 image the model reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from playground.i18n import t

if TYPE_CHECKING:
    import plotly.graph_objects as go

HIGHLIGHT = "#e4572e"
OTHERS = "#4c78a8"


def probability_figure(probabilities: np.ndarray, lang: str = "en") -> "go.Figure":
    """Bar chart of the probability of each digit, the most likely one highlighted.

    Args:
        probabilities: (10,) values in [0, 1] (all zeros draws empty bars).
        lang: Language of the titles.

    Returns:
        A plotly figure with digits 0–9 on the x axis and probability (0–1) on the y axis.
    """
    import plotly.graph_objects as go

    values = np.asarray(probabilities, dtype=float).reshape(10)
    best = int(np.argmax(values)) if values.any() else -1
    figure = go.Figure(
        go.Bar(
            x=[str(digit) for digit in range(10)],
            y=values,
            marker_color=[HIGHLIGHT if digit == best else OTHERS for digit in range(10)],
            text=[f"{value:.0%}" if value >= 0.01 else "" for value in values],
            textposition="outside",
            hovertemplate=t("draw.chart_digit", lang) + " %{x}: %{y:.3f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=t("draw.chart_title", lang),
        xaxis_title=t("draw.chart_digit", lang),
        # Percent ticks say "probability" without a rotated axis title (unreadable in Korean).
        yaxis={"range": [0, 1.12], "tickformat": ".0%", "dtick": 0.25},
        xaxis_type="category",
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=False,
    )
    return figure


def digit_preview_figure(digit: np.ndarray, lang: str = "en", size: int = 280) -> "go.Figure":
    """The 28×28 model input enlarged with square, unblurred pixels; hovering shows each value.

    Args:
        digit: (28, 28) values in [0, 1], bright strokes on black.
        lang: Language of the hover label.
        size: Side of the plot area in screen pixels.

    Returns:
        A plotly heatmap figure in grayscale with row 0 at the top.
    """
    import plotly.graph_objects as go

    values = np.asarray(digit, dtype=float)
    figure = go.Figure(
        go.Heatmap(
            z=values,
            colorscale="gray",
            zmin=0.0,
            zmax=1.0,
            showscale=False,
            xgap=0,
            ygap=0,
            hovertemplate="(%{y}, %{x}) " + t("draw.pixel_value", lang) + " %{z:.2f}<extra></extra>",
        )
    )
    figure.update_layout(
        width=size + 20,
        height=size + 20,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "constrain": "domain"},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x", "constrain": "domain"},
        plot_bgcolor="black",
    )
    return figure
