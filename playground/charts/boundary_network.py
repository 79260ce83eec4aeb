"""The Decision boundary lab's network picture: every neuron's own map, laid out as the network.

Columns from left to right: the input features (each coloured by its value over the plane), each
hidden layer (each unit coloured by its activation), and the output (the decision map). A line joins
every drawn pair of units; its width is the weight's size (in ``WIDTH_LEVELS`` steps) and its colour the
weight's sign (blue positive, orange negative, as in tensorflow/playground). Hovering a neuron shows its
incoming weights and its bias. A Vega-Lite spec, like the plane's (``playground.charts.boundary``): it is redrawn
while a job trains, and the browser keeps a Vega-Lite chart whose spec stays the same and takes the new data, where
it drew a new plotly figure each time (about 0.5 CPU-seconds a redraw, ``bench/live_pages.py``). Every map is one
picture (all boxes on one canvas, sent as a PNG), the lines and the neurons' hover areas are rows of data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from playground.charts.boundary import CLASS_COLOURS, colour_picture
from playground.data.points import BOUNDS
from playground.labs.boundary import (FEATURES, MAX_DRAWN_UNITS, NEURON_RESOLUTION, BoundaryFrame, add_features,
                                      grid_points)

BOX = 1.0
"""Side of one neuron's map, in the figure's own units."""
ROW_STEP = 4 / 3
"""Distance between two neurons of a column (a box and a gap)."""
COLUMN_STEP = 3.25
"""Distance between two columns: room for the connections to be told apart."""
POSITIVE, NEGATIVE = CLASS_COLOURS[1], CLASS_COLOURS[0]
"""Blue for a positive weight or activation, orange for a negative one."""
MAX_WIDTH = 760
"""The picture's largest width in pixels (the page's main column is about 800 wide)."""
WIDTH_LEVELS = 6
"""Line widths a weight's size is rounded to (0 → hairline, the largest weight → 5.4 px)."""


@dataclass(frozen=True)
class Layout:
    """Where every box goes, in whole cells of the maps (so all maps share one picture's pixels).

    Attributes:
        counts: Boxes per column (inputs, each hidden layer, outputs).
        cells: Cells per side of one map.
    """

    counts: tuple[int, ...]
    cells: int

    @property
    def row_cells(self) -> int:
        return round(ROW_STEP * self.cells)

    @property
    def column_cells(self) -> int:
        return round(COLUMN_STEP * self.cells)

    @property
    def height_cells(self) -> int:
        return max(self.counts) * self.row_cells

    def box(self, column: int, row: int) -> tuple[int, int]:
        """The (left, top) cell of a box; rows count down from the top, columns are centred vertically."""
        top = (max(self.counts) - self.counts[column]) * self.row_cells // 2 + row * self.row_cells
        return column * self.column_cells, top

    def corner(self, column: int, row: int) -> tuple[float, float]:
        """The box's lower-left corner in the figure's units (y runs upwards from -height to 0)."""
        left, top = self.box(column, row)
        return left / self.cells, -(top + self.cells) / self.cells


def _scaled(values: np.ndarray, bound: float | None) -> np.ndarray:
    """A map scaled to [-1, 1] by its bound, or by its own largest size (white stays 0)."""
    values = np.asarray(values, dtype=np.float32)
    limit = bound if bound is not None else float(np.max(np.abs(values))) or 1.0
    return np.clip(values / limit, -1.0, 1.0)


def _resampled(values: np.ndarray, cells: int) -> np.ndarray:
    """A square map at ``cells`` per side (nearest cell), so the output grid fits a neuron's box."""
    picks = np.linspace(0, values.shape[0] - 1, cells).round().astype(int)
    return values[np.ix_(picks, picks)]


def _weights_text(incoming: Sequence[str], kernel: np.ndarray) -> str:
    """A neuron's incoming weights, each with where it comes from: ``x₁ +0.123 · x₂ -0.301``."""
    return " · ".join(f"{source} {weight:+.3f}" for source, weight in zip(incoming, kernel))


def _edges(sources: list[tuple[float, float]], targets: list[tuple[float, float]], kernel: np.ndarray,
           largest: float) -> list[dict[str, object]]:
    """One line per weight, from the right edge of its source box to the left edge of its target box: its width
    follows the weight's size (rounded to ``WIDTH_LEVELS`` widths), its colour the weight's sign."""
    rows = []
    for source_index, (source_left, source_bottom) in enumerate(sources):
        for target_index, (target_left, target_bottom) in enumerate(targets):
            weight = float(kernel[source_index, target_index])
            level = int(round(abs(weight) / largest * (WIDTH_LEVELS - 1)))
            rows.append({"x": source_left + BOX, "y": source_bottom + BOX / 2, "x2": target_left,
                         "y2": target_bottom + BOX / 2, "width": 0.4 + 5.0 * level / (WIDTH_LEVELS - 1),
                         "colour": POSITIVE if weight >= 0 else NEGATIVE})
    return rows


def network_spec(frame: BoundaryFrame, features: Sequence[str], units: Sequence[int],
                 labels: Mapping[str, str], bounds: Sequence[float] = BOUNDS) -> dict[str, object]:
    """The network as columns of neuron maps joined by weighted lines, as a Vega-Lite spec.

    All maps are one picture (each scaled to its own largest size, white at 0; an output at probability 0.5), the
    lines and the neurons rows of the spec's ``datasets`` (``picture``, ``edges``, ``neurons``, ``titles``); the spec
    itself depends only on the network's shape and the words, so the browser keeps the chart from frame to frame.

    Args:
        frame: What the worker published (``BoundaryFrame``: grid, neuron maps, weights).
        features: The model's input features (``FEATURES`` keys), one input column each.
        units: Units of each hidden layer (all of them; only ``MAX_DRAWN_UNITS`` of each are drawn).
        labels: Words on the chart: ``input``, ``layer`` (with ``{number}``), ``unit`` (with
            ``{number}``), ``output``, ``weights``, ``bias``.
        bounds: The plane the maps cover.
    """
    grid = np.asarray(frame.grid, dtype=np.float32)
    cells = frame.neurons[0].shape[0] if frame.neurons else NEURON_RESOLUTION
    # The output column: one sigmoid unit (class 1's probability) or one softmax unit per class.
    outputs = [grid] if grid.ndim == 2 else [grid[..., index] for index in range(grid.shape[-1])]
    axis1, axis2 = grid_points(bounds, cells)
    first, second = np.meshgrid(axis1, axis2)
    inputs = add_features(np.stack([first.ravel(), second.ravel()], axis=1), features)
    maps = [[_scaled(inputs[:, column].reshape(first.shape), None) for column in range(len(features))]]
    maps += [[_scaled(layer[..., unit], None) for unit in range(layer.shape[-1])] for layer in frame.neurons]
    maps.append([_scaled(_resampled(values, cells) - 0.5, 0.5) for values in outputs])
    layout = Layout(tuple(len(column) for column in maps), cells)
    corners = [[layout.corner(column, row) for row in range(len(boxes))] for column, boxes in enumerate(maps)]
    names = [[FEATURES[name].label for name in features]]
    names += [[labels["unit"].format(number=f"{index + 1}.{unit + 1}") for unit in range(len(boxes))]
              for index, boxes in enumerate(maps[1:-1])]
    names.append([labels["output"]] if len(outputs) == 1 else
                 [f"{labels['output']} {index}" for index in range(len(outputs))])

    # The picture: row 0 at the top, every box at its place, nothing (transparent) between the boxes.
    canvas = np.full((layout.height_cells, (len(maps) - 1) * layout.column_cells + cells), np.nan, np.float32)
    for column, boxes in enumerate(maps):
        for row, values in enumerate(boxes):
            left, top = layout.box(column, row)
            canvas[top:top + cells, left:left + cells] = values[::-1]  # A map's row 0 is its lowest x₂.
    width, height = canvas.shape[1] / cells, layout.height_cells / cells

    largest = max((float(np.max(np.abs(kernel))) for kernel, _ in frame.weights), default=1.0) or 1.0
    edges = []
    for index, (kernel, _) in enumerate(frame.weights):
        shown = kernel[:len(corners[index]), :len(corners[index + 1])]
        edges += _edges(corners[index], corners[index + 1], shown, largest)
    neurons = [{"x": left, "x2": left + BOX, "y": bottom, "y2": bottom + BOX, "name": name, "weights": "", "bias": ""}
               for (left, bottom), name in zip(corners[0], names[0])]
    for layer, (kernel, bias) in enumerate(frame.weights):
        incoming = names[layer] + ["…"] * max(0, kernel.shape[0] - len(names[layer]))
        neurons += [{"x": left, "x2": left + BOX, "y": bottom, "y2": bottom + BOX, "name": name,
                     "weights": _weights_text(incoming, kernel[:, unit]), "bias": f"{float(bias[unit]):+.3f}"}
                    for unit, ((left, bottom), name) in enumerate(zip(corners[layer + 1], names[layer + 1]))]
    titles = [{"x": column * layout.column_cells / cells + BOX / 2, "y": 0.05,
               "text": (labels["input"] if column == 0 else labels["output"] if column == len(maps) - 1
                        else labels["layer"].format(number=column)
                        + (f" ({units[column - 1]})" if units[column - 1] > MAX_DRAWN_UNITS else ""))}
              for column in range(len(maps))]

    x_domain, y_domain = [-0.4, width + 0.4], [-height - 0.2, 0.6]
    # Pixels per unit (a box's side): as tall as the column of most boxes needs, no wider than the page.
    pixels = min((50 + 62 * max(layout.counts)) / (y_domain[1] - y_domain[0]), MAX_WIDTH / (x_domain[1] - x_domain[0]))
    x = {"type": "quantitative", "axis": None, "scale": {"domain": x_domain, "nice": False, "zero": False}}
    y = {"type": "quantitative", "axis": None, "scale": {"domain": y_domain, "nice": False, "zero": False}}
    tooltip = [{"field": "name", "type": "nominal", "title": " "},
               {"field": "weights", "type": "nominal", "title": labels["weights"]},
               {"field": "bias", "type": "nominal", "title": labels["bias"]}]
    return {
        "width": round(pixels * (x_domain[1] - x_domain[0])), "height": round(pixels * (y_domain[1] - y_domain[0])),
        "autosize": {"type": "pad"}, "view": {"stroke": None},
        "datasets": {
            "picture": pd.DataFrame({"x": [0.0], "x2": [width], "y": [0.0], "y2": [-height],
                                     "url": [colour_picture(canvas, (NEGATIVE, POSITIVE), 1.0)]}),
            "edges": pd.DataFrame(edges, columns=["x", "y", "x2", "y2", "width", "colour"]),
            "neurons": pd.DataFrame(neurons, columns=["x", "x2", "y", "y2", "name", "weights", "bias"]),
            "titles": pd.DataFrame(titles),
        },
        "layer": [
            {"data": {"name": "edges"}, "mark": {"type": "rule"},
             "encoding": {"x": {**x, "field": "x"}, "y": {**y, "field": "y"}, "x2": {"field": "x2"},
                          "y2": {"field": "y2"}, "strokeWidth": {"field": "width", "type": "quantitative", "scale": None},
                          "color": {"field": "colour", "type": "nominal", "scale": None}}},
            {"data": {"name": "picture"}, "mark": {"type": "image", "aspect": False, "smooth": False},
             "encoding": {"x": {**x, "field": "x"}, "x2": {"field": "x2"}, "y": {**y, "field": "y"},
                          "y2": {"field": "y2"}, "url": {"field": "url", "type": "nominal"}}},
            # Each neuron's box, all but invisible: what the pointer hovers for the neuron's weights and bias.
            {"data": {"name": "neurons"}, "mark": {"type": "rect", "fill": "#ffffff", "opacity": 0.01},
             "encoding": {"x": {**x, "field": "x"}, "x2": {"field": "x2"}, "y": {**y, "field": "y"},
                          "y2": {"field": "y2"}, "tooltip": tooltip}},
            {"data": {"name": "titles"}, "mark": {"type": "text", "baseline": "bottom", "fontSize": 12},
             "encoding": {"x": {**x, "field": "x"}, "y": {**y, "field": "y"}, "text": {"field": "text"}}},
        ],
    }
