"""Charts of the activation explorer: activation curves with derivatives, and gradient norms per layer.

Vega-Lite specs (``st.vega_lite_chart``), like the race's chart on the same page. Compare draws only its open tab,
so the explorer's charts are the first of the page when its tab is opened, and the browser loads their chart library
then: plotly, the heaviest, made them appear 2.7-3.3 s after the click on 2 cores; Vega-Lite 1.7-1.9 s. The points
travel in the spec's ``datasets``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from playground.charts.palette import colour as palette_colour

FUNCTION_COLOUR = "#1f77b4"
DERIVATIVE_COLOUR = "#d62728"
Y_DOMAIN = (-1.5, 3.0)
"""Every activation panel's y axis: the same for all, so their slopes compare at a glance."""
PANEL_SIZE = 165
NORMS_HEIGHT = 380
ZERO_LINE_COLOUR = "#999999"


def activation_spec(
    curves: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    *,
    function_text: str = "f(x)",
    derivative_text: str = "f′(x)",
    columns: int = 4,
) -> dict[str, Any]:
    """One small panel per activation, in the order given: the function (solid) and its derivative (dashed).

    Args:
        curves: Activation name → (inputs, values, derivatives), e.g. from ``activation_curves``.
        function_text: Legend text of the function.
        derivative_text: Legend text of the derivative.
        columns: Panels per row.

    Returns:
        A faceted Vega-Lite spec; its ``datasets["activations"]`` holds one row per point (``activation``, ``x``,
        ``y``, ``curve``), the y values clipped to the panels' common axis only when drawn.
    """
    frames = []
    for name, (inputs, values, derivatives) in curves.items():
        for text, ys in ((function_text, values), (derivative_text, derivatives)):
            frames.append(pd.DataFrame({"activation": name, "x": np.asarray(inputs, dtype=float),
                                        "y": np.asarray(ys, dtype=float), "curve": text}))
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["activation", "x", "y", "curve"])
    texts = [function_text, derivative_text]
    return {
        "datasets": {"activations": data},
        "data": {"name": "activations"},
        "facet": {"field": "activation", "type": "nominal", "sort": list(curves), "title": None,
                  "header": {"labelFontSize": 13}},
        "columns": columns,
        "spec": {
            "width": PANEL_SIZE, "height": PANEL_SIZE,
            "mark": {"type": "line", "strokeWidth": 2, "clip": True},
            "encoding": {
                "x": {"field": "x", "type": "quantitative", "title": None, "axis": _zero_grid()},
                "y": {"field": "y", "type": "quantitative", "title": None,
                      "scale": {"domain": list(Y_DOMAIN), "nice": False}, "axis": _zero_grid()},
                "color": {"field": "curve", "type": "nominal", "title": None,
                          "scale": {"domain": texts, "range": [FUNCTION_COLOUR, DERIVATIVE_COLOUR]},
                          "legend": {"orient": "top", "symbolType": "stroke", "symbolStrokeWidth": 2}},
                "strokeDash": {"field": "curve", "type": "nominal", "title": None,
                               "scale": {"domain": texts, "range": [[1, 0], [6, 4]]}},
            },
        },
    }


def gradient_norm_spec(
    norms: Mapping[str, Sequence[float]],
    *,
    layer_text: str = "hidden layer (1 = nearest the input)",
    norm_text: str = "gradient norm (log scale)",
) -> dict[str, Any]:
    """Gradient norm per hidden layer on a log scale, one line per activation (the palette's colours, in order).

    A line falling towards layer 1 by a constant factor per layer is the vanishing gradient.

    Returns:
        A Vega-Lite spec; its ``datasets["norms"]`` holds one row per layer and activation (``activation``,
        ``layer`` from 1, ``norm``; a zero norm is drawn at 1e-30, where a log axis can show it).
    """
    names = list(norms)
    rows = [(name, layer, max(float(value), 1e-30))
            for name, values in norms.items() for layer, value in enumerate(values, start=1)]
    tooltip = [{"field": "activation", "type": "nominal", "title": " "},
               {"field": "layer", "type": "quantitative", "title": layer_text},
               {"field": "norm", "type": "quantitative", "title": norm_text, "format": ".3e"}]
    return {
        "datasets": {"norms": pd.DataFrame(rows, columns=["activation", "layer", "norm"])},
        "data": {"name": "norms"},
        "height": NORMS_HEIGHT,
        "mark": {"type": "line", "strokeWidth": 2.5, "point": {"size": 64, "filled": True}},
        "encoding": {
            "x": {"field": "layer", "type": "quantitative", "title": layer_text,
                  "axis": {"tickMinStep": 1, "format": "d"}, "scale": {"nice": False, "padding": 12}},
            "y": {"field": "norm", "type": "quantitative", "title": norm_text, "scale": {"type": "log"},
                  "axis": {"format": ".0e", "values": _powers_of_ten([row[2] for row in rows])}},
            "color": {"field": "activation", "type": "nominal", "title": None,
                      "scale": {"domain": names, "range": [palette_colour(index) for index in range(len(names))]},
                      "legend": {"orient": "top"}},
            "tooltip": tooltip,
        },
    }


def _powers_of_ten(values: Sequence[float]) -> list[float]:
    """The powers of ten that span ``values``: a log axis's ticks and grid lines (not one per 2, 3 … 9 of each)."""
    if not values:
        return [1.0]
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    return [10.0 ** exponent for exponent in range(low, max(high, low + 1) + 1)]


def _zero_grid() -> dict[str, Any]:
    """An axis whose grid line at 0 stands out (the plotly version's zero lines)."""
    return {"gridColor": {"condition": {"test": "datum.value === 0", "value": ZERO_LINE_COLOUR}, "value": "#eeeeee"},
            "tickCount": 5}
