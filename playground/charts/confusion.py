"""The confusion matrix of a trained model's test set, as a Vega-Lite spec (``st.vega_lite_chart``).

Vega-Lite, like the run curves it appears under on the Train page (``playground.charts.curves``): with it the page
needs no second chart library, which the browser loaded when the first run ended (about 1 CPU-second, taken from
the trainings of other tabs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

CELL = 40
"""Side of a cell, in pixels."""
UPRIGHT_LABEL_CHARACTERS = 5
"""The longest class name written level under a cell."""
SCHEME = "blues"
GRID = "#d9d9d9"
"""The cells' outline (white cells need one)."""
ZERO_TEXT = "#9e9e9e"
"""An empty cell's 0 (grey: nothing fell there)."""


def confusion_spec(matrix: Sequence[Sequence[int]], class_names: Sequence[str],
                   axis_titles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A heatmap of the confusion matrix with the counts in the cells.

    Args:
        matrix: Rows are true classes, columns predicted classes.
        class_names: Names for the rows and columns (padded with numbers if short).
        axis_titles: Translated ``"true"`` and ``"predicted"`` axis titles.

    Returns:
        A layered spec (cells and counts) whose ``data.values`` hold one row per cell: ``true``, ``predicted``,
        ``count``.
    """
    titles = {"true": "true", "predicted": "predicted", **(axis_titles or {})}
    size = len(matrix)
    names = [str(name) for name in list(class_names)[:size]] + [str(index) for index in range(len(class_names), size)]
    cells = [{"true": names[row], "predicted": names[column], "count": int(matrix[row][column])}
             for row in range(size) for column in range(size)]
    largest = max((cell["count"] for cell in cells), default=0)
    # Names wider than a cell (iris's "versicolor") lean, and all are written (Vega-Lite left every other one out).
    upright = size <= 10 and max((len(name) for name in names), default=0) <= UPRIGHT_LABEL_CHARACTERS
    x = {"field": "predicted", "type": "ordinal", "sort": names, "title": titles["predicted"],
         "axis": {"labelAngle": 0 if upright else -45, "labelOverlap": False}}
    y = {"field": "true", "type": "ordinal", "sort": names, "title": titles["true"]}
    tooltip = [{"field": "true", "title": titles["true"]}, {"field": "predicted", "title": titles["predicted"]},
               {"field": "count", "type": "quantitative", "title": "#"}]
    return {
        "data": {"values": cells},
        # The cells' size, not the chart's: a chart 3 cells wide was 120 pixels with its axes, its cells a few pixels.
        "width": {"step": CELL}, "height": {"step": CELL},
        "encoding": {"x": x, "y": y},
        "layer": [
            # An empty cell stays white: the scheme's lightest blue made "never predicted" look like a few mistakes.
            {"mark": {"type": "rect", "stroke": GRID, "strokeWidth": 0.5},
             "encoding": {"color": {"condition": {"test": "datum.count === 0", "value": "white"},
                                    # No colour legend: the counts are written in the cells.
                                    "field": "count", "type": "quantitative", "legend": None,
                                    "scale": {"scheme": SCHEME}},
                          "tooltip": tooltip}},
            # Dark cells get white figures; an empty cell's 0 is grey.
            {"mark": {"type": "text", "fontSize": 12},
             "encoding": {"text": {"field": "count", "type": "quantitative"},
                          "color": {"condition": [{"test": f"datum.count > {largest / 2}", "value": "white"},
                                                  {"test": "datum.count === 0", "value": ZERO_TEXT}],
                                    "value": "black"}}},
        ],
    }
