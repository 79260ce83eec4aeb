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
SCHEME = "blues"


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
    x = {"field": "predicted", "type": "ordinal", "sort": names, "title": titles["predicted"],
         "axis": {"labelAngle": 0 if size <= 10 else -45}}
    y = {"field": "true", "type": "ordinal", "sort": names, "title": titles["true"]}
    tooltip = [{"field": "true", "title": titles["true"]}, {"field": "predicted", "title": titles["predicted"]},
               {"field": "count", "type": "quantitative", "title": "#"}]
    return {
        "data": {"values": cells},
        "width": CELL * size, "height": CELL * size,
        "encoding": {"x": x, "y": y},
        "layer": [
            {"mark": "rect", "encoding": {"color": {"field": "count", "type": "quantitative", "title": None,
                                                    "scale": {"scheme": SCHEME}},
                                          "tooltip": tooltip}},
            # Dark cells get white figures.
            {"mark": {"type": "text", "fontSize": 12},
             "encoding": {"text": {"field": "count", "type": "quantitative"},
                          "color": {"condition": {"test": f"datum.count > {largest / 2}", "value": "white"},
                                    "value": "black"}}},
        ],
    }
