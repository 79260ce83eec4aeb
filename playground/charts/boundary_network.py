"""The Decision boundary lab's network picture: every neuron's own map, laid out as the network.

Columns from left to right: the input features (each coloured by its value over the plane), each
hidden layer (each unit coloured by its activation), and the output (the decision map). A line joins
every drawn pair of units; its width is the weight's size (in ``WIDTH_LEVELS`` steps) and its colour the
weight's sign (blue positive, orange negative, as in tensorflow/playground). Hovering a neuron shows its
incoming weights and its bias. Everything lives on one pair of axes — one heatmap holding every map,
one trace per line width and sign, one of hover markers — so the figure stays light however many
layers there are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from playground.charts.boundary import CLASS_COLOURS
from playground.labs.boundary import (BOUNDS, FEATURES, MAX_DRAWN_UNITS, NEURON_RESOLUTION, BoundaryFrame, add_features,
                                      grid_points)

BOX = 1.0
"""Side of one neuron's map, in the figure's own units."""
ROW_STEP = 4 / 3
"""Distance between two neurons of a column (a box and a gap)."""
COLUMN_STEP = 3.25
"""Distance between two columns: room for the connections to be told apart."""
POSITIVE, NEGATIVE = CLASS_COLOURS[1], CLASS_COLOURS[0]
"""Blue for a positive weight or activation, orange for a negative one."""
WIDTH_LEVELS = 6
"""Line widths a weight's size is rounded to (0 → hairline, the largest weight → 5.4 px)."""
ACTIVATION_SCALE = [[0.0, NEGATIVE], [0.5, "#ffffff"], [1.0, POSITIVE]]


@dataclass(frozen=True)
class Layout:
    """Where every box goes, in whole cells of the maps (so all maps share one heatmap's cells).

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


def _hover(title: str, incoming: Sequence[str], kernel: np.ndarray, bias: float, labels: Mapping[str, str]) -> str:
    """A neuron's hover text: its name, each incoming weight with where it comes from, its bias."""
    lines = [f"<b>{title}</b>", f"{labels['weights']}:"]
    lines += [f"  {source}: {weight:+.3f}" for source, weight in zip(incoming, kernel)]
    lines.append(f"{labels['bias']}: {bias:+.3f}")
    return "<br>".join(lines)


def _edge_traces(sources: list[tuple[float, float]], targets: list[tuple[float, float]],
                 kernel: np.ndarray, largest: float) -> list[go.Scatter]:
    """Lines from the right edge of each source box to the left edge of each target box, one trace per look.

    A plotly line has one width per trace, so the weights' sizes are rounded to ``WIDTH_LEVELS`` widths
    and each (width, sign) pair is one trace of separate segments: a dozen traces instead of one per
    weight keeps the figure cheap to send every frame.
    """
    segments: dict[tuple[int, bool], tuple[list[float | None], list[float | None]]] = {}
    for source_index, (source_left, source_bottom) in enumerate(sources):
        for target_index, (target_left, target_bottom) in enumerate(targets):
            weight = float(kernel[source_index, target_index])
            level = int(round(abs(weight) / largest * (WIDTH_LEVELS - 1)))
            xs, ys = segments.setdefault((level, weight >= 0), ([], []))
            xs += [source_left + BOX, target_left, None]
            ys += [source_bottom + BOX / 2, target_bottom + BOX / 2, None]
    return [go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                       line={"color": POSITIVE if positive else NEGATIVE,
                             "width": 0.4 + 5.0 * level / (WIDTH_LEVELS - 1)})
            for (level, positive), (xs, ys) in sorted(segments.items())]


def network_figure(frame: BoundaryFrame, features: Sequence[str], units: Sequence[int],
                   labels: Mapping[str, str], bounds: Sequence[float] = BOUNDS) -> go.Figure:
    """The network as columns of neuron maps joined by weighted lines.

    All maps are cells of one heatmap (each scaled to its own largest size, white at 0; an output at
    probability 0.5), the lines a dozen traces, and the hover one trace of invisible markers, one per
    neuron: a few traces however large the network, so a frame is cheap to build and to send.

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

    canvas = np.full((layout.height_cells, (len(maps) - 1) * layout.column_cells + cells), np.nan, np.float32)
    for column, boxes in enumerate(maps):
        for row, values in enumerate(boxes):
            left, top = layout.box(column, row)
            # Canvas rows run upwards (row 0 is the figure's bottom); a map's row 0 is its lowest x₂.
            bottom = layout.height_cells - top - cells
            canvas[bottom:bottom + cells, left:left + cells] = values
    figure = go.Figure()
    largest = max((float(np.max(np.abs(kernel))) for kernel, _ in frame.weights), default=1.0) or 1.0
    for index, (kernel, _) in enumerate(frame.weights):
        shown = kernel[:len(corners[index]), :len(corners[index + 1])]
        figure.add_traces(_edge_traces(corners[index], corners[index + 1], shown, largest))
    figure.add_trace(go.Heatmap(
        x=(np.arange(canvas.shape[1]) + 0.5) / cells,
        y=(np.arange(canvas.shape[0]) + 0.5 - layout.height_cells) / cells, z=canvas, zmin=-1, zmax=1, colorscale=ACTIVATION_SCALE, showscale=False, hoverinfo="skip"))
    hovers = [f"<b>{labels['input']}: {name}</b>" for name in names[0]]
    for layer, (kernel, bias) in enumerate(frame.weights):
        incoming = names[layer] + ["…"] * max(0, kernel.shape[0] - len(names[layer]))
        hovers += [_hover(name, incoming, kernel[:, unit], float(bias[unit]), labels)
                   for unit, name in enumerate(names[layer + 1])]
    centres = [(left + BOX / 2, bottom + BOX / 2) for column in corners for left, bottom in column]
    figure.add_trace(go.Scatter(x=[x for x, _ in centres], y=[y for _, y in centres], mode="markers",
                                marker={"size": 40, "opacity": 0}, hovertext=hovers, hoverinfo="text",
                                showlegend=False, name="neurons"))
    for column in range(len(maps)):
        title = (labels["input"] if column == 0 else labels["output"] if column == len(maps) - 1
                 else labels["layer"].format(number=column) + (f" ({units[column - 1]})"
                                                                if units[column - 1] > MAX_DRAWN_UNITS else ""))
        figure.add_annotation(x=column * layout.column_cells / cells + BOX / 2, y=0.05, text=title, showarrow=False,
                              yanchor="bottom", font={"size": 12})
    height = int(110 + 62 * max(layout.counts))
    figure.update_layout(height=height, margin={"l": 5, "r": 5, "t": 5, "b": 5}, plot_bgcolor="#ffffff",
                         xaxis={"visible": False, "range": [-0.4, canvas.shape[1] / cells + 0.4]},
                         yaxis={"visible": False, "range": [-layout.height_cells / cells - 0.2, 0.6],
                                "scaleanchor": "x", "constrain": "domain"},  # Square maps, like the plane.
                         hoverlabel={"align": "left"}, hovermode="closest")
    return figure
