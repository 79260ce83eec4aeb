"""The bar chart of one prediction: the model's probability for each class, as a Vega-Lite spec
(``st.vega_lite_chart``; see ``playground.charts.confusion`` for why not plotly)."""

from __future__ import annotations

from typing import Any

from playground.labs.prediction import Prediction

BAR_COLOUR = "#1f77b4"
BEST_COLOUR = "#d62728"
BAR_HEIGHT = 26


def probabilities_spec(prediction: Prediction, axis_title: str = "probability") -> dict[str, Any]:
    """Horizontal bars, one per class in the model's order, the most probable in red, its share written beside it; the
    x axis runs from 0 to 1.

    Args:
        prediction: What ``predict_one`` returned (classification).
        axis_title: The translated word for "probability".

    Returns:
        A layered spec whose ``data.values`` hold one row per class: ``class``, ``probability``, ``best``, ``text``.
    """
    names = [str(name) for name in prediction.class_names]
    rows = [{"class": name, "probability": float(value), "best": name == str(prediction.best), "text": f"{value:.1%}"}
            for name, value in zip(names, prediction.probabilities)]
    y = {"field": "class", "type": "nominal", "sort": names, "title": None}
    x = {"field": "probability", "type": "quantitative", "scale": {"domain": [0, 1]}, "title": axis_title,
         "axis": {"format": ".0%"}}
    return {
        "data": {"values": rows},
        "height": {"step": BAR_HEIGHT},
        "encoding": {"y": y, "x": x},
        "layer": [
            {"mark": "bar", "encoding": {"color": {"condition": {"test": "datum.best", "value": BEST_COLOUR},
                                                   "value": BAR_COLOUR}}},
            {"mark": {"type": "text", "align": "left", "dx": 4}, "encoding": {"text": {"field": "text"}}},
        ],
    }
