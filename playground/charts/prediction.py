"""The bar chart of one prediction: the model's probability for each class."""

from __future__ import annotations

import plotly.graph_objects as go

from playground.labs.prediction import Prediction

BAR_COLOUR = "#1f77b4"
BEST_COLOUR = "#d62728"


def probabilities_figure(prediction: Prediction, axis_title: str = "probability") -> go.Figure:
    """Horizontal bars, one per class, the most probable in red; the x axis runs from 0 to 1.

    Args:
        prediction: What ``predict_one`` returned (classification).
        axis_title: The translated word for "probability".
    """
    best = prediction.best
    colours = [BEST_COLOUR if name == best else BAR_COLOUR for name in prediction.class_names]
    figure = go.Figure(go.Bar(
        x=list(prediction.probabilities), y=list(prediction.class_names), orientation="h", marker_color=colours,
        text=[f"{value:.1%}" for value in prediction.probabilities], textposition="auto",
    ))
    figure.update_layout(
        height=max(160, 28 * len(prediction.class_names) + 60), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"range": [0, 1], "title": axis_title}, yaxis={"type": "category", "autorange": "reversed"},
    )
    return figure
