"""The Decision boundary lab's network picture: every neuron's own map, laid out as the network.

Columns from left to right: the input features (each coloured by its value over the plane), each
hidden layer (each unit coloured by its activation), and the output (the decision map). A line joins
every drawn pair of units; its width is the weight's size and its colour the weight's sign (blue
positive, orange negative, as in tensorflow/playground). Hovering a neuron shows its incoming weights
and its bias. Everything lives on one pair of axes — one trace per map and per connection — so the
figure stays a single plotly chart however many layers there are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from playground.charts.boundary import CLASS_COLOURS
from playground.labs.boundary import BOUNDS, FEATURES, MAX_DRAWN_UNITS, BoundaryFrame, add_features, grid_points

BOX = 1.0
"""Side of one neuron's map, in the figure's own units."""
ROW_STEP = 1.35
"""Distance between two neurons of a column (a box and a gap)."""
COLUMN_STEP = 3.2
"""Distance between two columns: room for the connections to be told apart."""
POSITIVE, NEGATIVE = CLASS_COLOURS[1], CLASS_COLOURS[0]
"""Blue for a positive weight or activation, orange for a negative one."""
ACTIVATION_SCALE = [[0.0, NEGATIVE], [0.5, "#ffffff"], [1.0, POSITIVE]]


def _column_boxes(count: int, column: int, tallest: int) -> list[tuple[float, float]]:
    """The lower-left corners of ``count`` boxes in ``column``, centred against the tallest column."""
    top = (tallest - count) * ROW_STEP / 2
    return [(column * COLUMN_STEP, -(top + row * ROW_STEP) - BOX) for row in range(count)]


def _map_trace(values: np.ndarray, corner: tuple[float, float], hover: str, bounded: float | None) -> go.Heatmap:
    """One neuron's map as a small heatmap in its box; white is 0, the colour's depth the size."""
    size = values.shape[0]
    left, bottom = corner
    limit = bounded if bounded is not None else float(np.max(np.abs(values))) or 1.0
    return go.Heatmap(x=np.linspace(left, left + BOX, size), y=np.linspace(bottom, bottom + BOX, size),
                      z=np.asarray(values, dtype=np.float32), zmin=-limit, zmax=limit, colorscale=ACTIVATION_SCALE,
                      showscale=False, hovertemplate=hover + "<extra></extra>")


def _hover(title: str, incoming: Sequence[str], kernel: np.ndarray, bias: float, labels: Mapping[str, str]) -> str:
    """A neuron's hover text: its name, each incoming weight with where it comes from, its bias."""
    lines = [f"<b>{title}</b>", f"{labels['weights']}:"]
    lines += [f"  {source}: {weight:+.3f}" for source, weight in zip(incoming, kernel)]
    lines.append(f"{labels['bias']}: {bias:+.3f}")
    return "<br>".join(lines)


def _edge_traces(sources: list[tuple[float, float]], targets: list[tuple[float, float]],
                 kernel: np.ndarray, largest: float) -> list[go.Scatter]:
    """One line per connection from the right edge of a source box to the left edge of a target box."""
    traces = []
    for source_index, (source_left, source_bottom) in enumerate(sources):
        for target_index, (target_left, target_bottom) in enumerate(targets):
            weight = float(kernel[source_index, target_index])
            traces.append(go.Scatter(
                x=[source_left + BOX, target_left], y=[source_bottom + BOX / 2, target_bottom + BOX / 2],
                mode="lines", hoverinfo="skip", showlegend=False,
                line={"color": POSITIVE if weight >= 0 else NEGATIVE, "width": 0.4 + 5.0 * abs(weight) / largest}))
    return traces


def network_figure(frame: BoundaryFrame, features: Sequence[str], units: Sequence[int],
                   labels: Mapping[str, str], bounds: Sequence[float] = BOUNDS) -> go.Figure:
    """The network as columns of neuron maps joined by weighted lines.

    Args:
        frame: What the worker published (``BoundaryFrame``: grid, neuron maps, weights).
        features: The model's input features (``FEATURES`` keys), one input column each.
        units: Units of each hidden layer (all of them; only ``MAX_DRAWN_UNITS`` of each are drawn).
        labels: Words on the chart: ``input``, ``layer`` (with ``{number}``), ``unit`` (with
            ``{number}``), ``output``, ``weights``, ``bias``.
        bounds: The plane the maps cover.
    """
    drawn = [min(count, MAX_DRAWN_UNITS) for count in units]
    grid = np.asarray(frame.grid, dtype=np.float32)
    # The output column: one sigmoid unit (class 1's probability) or one softmax unit per class.
    output_maps = [grid] if grid.ndim == 2 else [grid[..., index] for index in range(grid.shape[-1])]
    counts = [len(features), *drawn, len(output_maps)]
    tallest = max(counts)
    columns = [_column_boxes(count, index, tallest) for index, count in enumerate(counts)]
    names = [[FEATURES[name].label for name in features]]
    names += [[labels["unit"].format(number=f"{index + 1}.{unit + 1}") for unit in range(count)]
              for index, count in enumerate(drawn)]
    names.append([labels["output"]] if len(output_maps) == 1 else
                 [f"{labels['output']} {index}" for index in range(len(output_maps))])
    figure = go.Figure()
    largest = max((float(np.max(np.abs(kernel))) for kernel, _ in frame.weights), default=1.0) or 1.0
    for index, (kernel, _) in enumerate(frame.weights):
        shown = kernel[:len(columns[index]), :len(columns[index + 1])]
        figure.add_traces(_edge_traces(columns[index], columns[index + 1], shown, largest))
    # Input maps: each feature's value over the plane.
    axis1, axis2 = grid_points(bounds, frame.neurons[0].shape[0] if frame.neurons else grid.shape[0])
    first, second = np.meshgrid(axis1, axis2)
    inputs = add_features(np.stack([first.ravel(), second.ravel()], axis=1), features)
    for column, (name, corner) in enumerate(zip(names[0], columns[0])):
        values = inputs[:, column].reshape(first.shape)
        figure.add_trace(_map_trace(values, corner, f"<b>{labels['input']}: {name}</b>", None))
    maps_by_layer = [*[[layer[..., unit] for unit in range(layer.shape[-1])] for layer in frame.neurons],
                     [values - 0.5 for values in output_maps]]  # A probability: white at 0.5.
    for layer, maps in enumerate(maps_by_layer):
        kernel, bias = frame.weights[layer]
        incoming = names[layer] + ["…"] * max(0, kernel.shape[0] - len(names[layer]))
        output = layer == len(maps_by_layer) - 1
        for unit, corner in enumerate(columns[layer + 1]):
            hover = _hover(names[layer + 1][unit], incoming, kernel[:, unit], float(bias[unit]), labels)
            figure.add_trace(_map_trace(np.asarray(maps[unit], dtype=np.float32), corner, hover,
                                        0.5 if output else None))
    for column in range(len(columns)):
        title = (labels["input"] if column == 0 else labels["output"] if column == len(columns) - 1
                 else labels["layer"].format(number=column) + (f" ({units[column - 1]})"
                                                                if units[column - 1] > MAX_DRAWN_UNITS else ""))
        figure.add_annotation(x=column * COLUMN_STEP + BOX / 2, y=0.35, text=title, showarrow=False,
                              yanchor="bottom", font={"size": 12})
    height = int(110 + 62 * tallest)
    figure.update_layout(height=height, margin={"l": 5, "r": 5, "t": 5, "b": 5}, plot_bgcolor="#ffffff",
                         xaxis={"visible": False, "range": [-0.4, (len(columns) - 1) * COLUMN_STEP + BOX + 0.4]},
                         yaxis={"visible": False, "range": [-(tallest * ROW_STEP) - 0.2, 0.9]},
                         hoverlabel={"align": "left"})
    return figure
