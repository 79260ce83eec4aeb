"""Charts of the Decision boundary lab: the plane coloured by the model's answer, and the loss curves.

Both are Vega-Lite specs (``st.vega_lite_chart``), not plotly figures like most other charts: they are redrawn every
few seconds while a job trains, and Streamlit keeps a Vega-Lite chart whose spec stays the same and gives it the new
data, where it mounts a new plotly chart for every new figure. With the model's colours as one small picture instead
of 2,500 cells, a redraw of the plane costs the browser about 0.06 CPU-seconds against 0.26 as a plotly heatmap
(``bench/chart_updates.py``). The data travel as the spec's named ``datasets`` (data frames), which Streamlit sends
apart from the spec.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from PIL import Image, ImageColor

from playground.data.points import BOUNDS
from playground.labs.boundary import axis_bounds, grid_points
from playground.numbers import NUMBER_D3_FORMAT

CLASS_COLOURS: tuple[str, ...] = ("#f28e2b", "#4e79a7", "#59a14f")
"""Class 0 orange, class 1 blue (tensorflow/playground's pair), class 2 green."""
TRAIN_SHAPE = "circle"
TRAIN_SIZE, TEST_SIZE = 45, 70
"""Marks' areas in square pixels (a cross needs more than a dot to show its colour inside its outline)."""
TEST_SHAPE = "M-1,-0.5L-0.5,-1L0,-0.5L0.5,-1L1,-0.5L0.5,0L1,0.5L0.5,1L0,0.5L-0.5,1L-1,0.5L-0.5,0Z"
"""Test points are crosses (×): a filled outline, so that they take their class's colour like the dots."""
PROBABILITY_OPACITY = 0.75
"""How strongly a two-class plane is coloured (white where the model hesitates)."""
WINNER_OPACITY = 0.55
"""How strongly a plane of three or more classes is coloured by the winning class."""
PLANE_SIZE = 400
"""The plane's side in pixels: square, so that a circle of points looks round."""
LOSS_HEIGHT = 240


def plane_spec(grid: np.ndarray | None, x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray,
               y_test: np.ndarray, labels: Mapping[str, str], bounds: Sequence[float] = BOUNDS,
               hover: bool = False) -> dict[str, Any]:
    """The plane coloured by the model (if any) with the training points (dots) and test points (crosses).

    Args:
        grid: ``decision_grid`` output: (r, r) positive-class probabilities, (r, r, classes), or None
            before the first epoch (points only).
        x_train: Training points (n, 2) as (x₁, x₂), whatever features the model sees.
        y_train: Their classes.
        x_test: Test points.
        y_test: Their classes.
        labels: Words on the chart: ``train``, ``test``, ``class`` (with a ``{label}`` field) and ``model`` (the
            title of the model's answer under the pointer).
        bounds: The (low, high) of both axes, or (x₁ low, x₁ high, x₂ low, x₂ high).
        hover: Whether the pointer reads the model's answer (class and probability) anywhere on the plane: one
            invisible mark per cell, 2,500 of them, sent for a trained plane only (not at every redraw of a live one).

    Returns:
        A Vega-Lite spec whose ``datasets`` hold the picture (``plane``: one row, empty before the first epoch),
        the cells under the pointer (``cells``: empty without ``hover``) and the points (``points``). The spec itself
        depends only on the points' classes and the bounds.
    """
    low1, high1, low2, high2 = axis_bounds(bounds)
    names, colours, shapes, sizes = [], [], [], []
    points = []
    for name, xs, classes, shape, size in (("train", x_train, y_train, TRAIN_SHAPE, TRAIN_SIZE),
                                           ("test", x_test, y_test, TEST_SHAPE, TEST_SIZE)):
        for label in np.unique(classes):
            entry = f"{labels[name]} · {labels['class'].format(label=label)}"
            names.append(entry)
            colours.append(CLASS_COLOURS[int(label) % len(CLASS_COLOURS)])
            shapes.append(shape)
            sizes.append(size)
            chosen = np.asarray(xs)[np.asarray(classes) == label]
            points.append(pd.DataFrame({"x1": chosen[:, 0], "x2": chosen[:, 1], "name": entry}))
    plane = pd.DataFrame(columns=["x", "x2", "y", "y2", "url"])
    cells = pd.DataFrame(columns=["x", "x2", "y", "y2", "answer"])
    if grid is not None:
        axis1, axis2 = grid_points(bounds, np.asarray(grid).shape[0])
        # Each cell is centred on its grid point, as a heatmap draws it: the picture reaches half a cell past the axes.
        half1, half2 = (axis1[1] - axis1[0]) / 2, (axis2[1] - axis2[0]) / 2
        plane = pd.DataFrame({"x": [low1 - half1], "x2": [high1 + half1], "y": [high2 + half2],
                              "y2": [low2 - half2], "url": [grid_picture(grid)]})
        if hover:
            cells = answer_cells(grid, axis1, axis2, labels)
    scale = {"nice": False, "zero": False}
    x_axis = {"field": "x1", "type": "quantitative", "title": "x₁", "scale": {"domain": [low1, high1], **scale}}
    y_axis = {"field": "x2", "type": "quantitative", "title": "x₂", "scale": {"domain": [low2, high2], **scale}}
    # Above the plane (below it covered x₁'s title), one row for the training points and one for the test points.
    legend = {"orient": "top", "title": None, "direction": "horizontal", "columns": len(names) // 2 or 1,
              "symbolSize": 90, "symbolStrokeWidth": 0.6}
    return {
        "width": PLANE_SIZE, "height": PLANE_SIZE, "autosize": {"type": "pad"},  # The size is the plane's.
        "datasets": {"plane": plane, "cells": cells, "points": pd.concat(points, ignore_index=True)},
        "layer": [
            {"data": {"name": "plane"},
             "mark": {"type": "image", "aspect": False, "smooth": False, "clip": True},
             "encoding": {"x": {**x_axis, "field": "x"}, "x2": {"field": "x2"},
                          "y": {**y_axis, "field": "y"}, "y2": {"field": "y2"},
                          "url": {"field": "url", "type": "nominal"}}},
            # Under the points, whose own tooltips win where they are.
            {"data": {"name": "cells"},
             "mark": {"type": "rect", "opacity": 0, "clip": True},
             "encoding": {"x": {**x_axis, "field": "x"}, "x2": {"field": "x2"},
                          "y": {**y_axis, "field": "y"}, "y2": {"field": "y2"},
                          "tooltip": [{"field": "answer", "type": "nominal", "title": labels["model"]}]}},
            {"data": {"name": "points"},
             "mark": {"type": "point", "filled": True, "stroke": "#222222", "strokeWidth": 0.8,
                      "opacity": 1, "clip": True},
             "encoding": {"x": x_axis, "y": y_axis,
                          "color": {"field": "name", "type": "nominal", "legend": legend,
                                    "scale": {"domain": names, "range": colours}},
                          "shape": {"field": "name", "type": "nominal", "legend": legend,
                                    "scale": {"domain": names, "range": shapes}},
                          "size": {"field": "name", "type": "nominal", "legend": None,
                                   "scale": {"domain": names, "range": sizes}},
                          "tooltip": [{"field": "name", "type": "nominal", "title": " "},
                                      {"field": "x1", "type": "quantitative", "title": "x₁", "format": ".2f"},
                                      {"field": "x2", "type": "quantitative", "title": "x₂", "format": ".2f"}]}},
        ],
    }


def answer_cells(grid: np.ndarray, axis1: np.ndarray, axis2: np.ndarray, labels: Mapping[str, str]) -> pd.DataFrame:
    """One row per cell of ``grid`` (rows x₂, columns x₁, on ``axis2`` × ``axis1``): its corners and the model's answer
    there, "class 1 · 73%" (the class it picks and that class's probability). Cells without a number are left out."""
    grid = np.asarray(grid, dtype=np.float64)
    if grid.ndim == 2:  # P(class 1).
        picked = (grid >= 0.5).astype(int)
        probability = np.where(picked == 1, grid, 1 - grid)
    else:
        picked, probability = np.nan_to_num(grid, nan=-1.0).argmax(axis=-1), grid.max(axis=-1)
    half1, half2 = (axis1[1] - axis1[0]) / 2, (axis2[1] - axis2[0]) / 2
    centre1, centre2 = np.meshgrid(axis1, axis2)
    known = np.isfinite(probability)
    answers = [f"{labels['class'].format(label=label)} · {share:.0%}"
               for label, share in zip(picked[known].tolist(), probability[known].tolist())]
    return pd.DataFrame({"x": centre1[known] - half1, "x2": centre1[known] + half1, "y": centre2[known] + half2,
                         "y2": centre2[known] - half2, "answer": answers})


def grid_picture(grid: np.ndarray) -> str:
    """The model's colours over the plane as a PNG data URL, one pixel a cell, x₂ high at the top.

    Two classes (r, r): the probability of class 1 from orange (0) through white (undecided) to blue (1). More
    classes (r, r, classes): the winning class's colour.
    """
    grid = np.asarray(grid, dtype=np.float32)
    if grid.ndim == 2:
        return colour_picture(grid[::-1] * 2 - 1, CLASS_COLOURS[:2], PROBABILITY_OPACITY)
    palette = np.array([_rgb(CLASS_COLOURS[index % len(CLASS_COLOURS)]) for index in range(grid.shape[-1])])
    rgb = palette[np.nan_to_num(grid).argmax(axis=-1)][::-1]
    return _png(np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255 * WINNER_OPACITY)], axis=-1))


def colour_picture(values: np.ndarray, colours: Sequence[str], opacity: float) -> str:
    """A PNG data URL of ``values`` in [-1, 1] (row 0 at the top): ``colours[0]`` at -1 through white at 0 to
    ``colours[1]`` at 1, at ``opacity``; NaN cells are transparent."""
    values = np.asarray(values, dtype=np.float32)
    low, high, white = _rgb(colours[0]), _rgb(colours[1]), np.full(3, 255.0)
    v = np.clip(np.nan_to_num(values), -1, 1)[..., None]
    rgb = np.where(v < 0, white + (low - white) * -v, white + (high - white) * v)
    alpha = np.where(np.isnan(values), 0.0, 255 * opacity)[..., None]
    return _png(np.concatenate([rgb, alpha], axis=-1))


def _png(rgba: np.ndarray) -> str:
    buffer = io.BytesIO()
    Image.fromarray(np.round(rgba).astype(np.uint8), "RGBA").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _rgb(colour: str) -> np.ndarray:
    return np.array(ImageColor.getrgb(colour), dtype=np.float64)


def loss_spec(history: Sequence[Mapping[str, float]], labels: Mapping[str, str]) -> dict[str, Any]:
    """Training and test loss per epoch (``history`` holds Keras's epoch logs: ``loss``, ``val_loss``), as a
    Vega-Lite spec whose ``datasets`` hold the curves (the spec itself is the same for every history)."""
    rows = [{"epoch": epoch, "loss": logs.get(key), "curve": labels[name]}
            for epoch, logs in enumerate(history, start=1)
            for key, name in (("loss", "train"), ("val_loss", "test")) if logs.get(key) is not None]
    curves = [labels["train"], labels["test"]]
    return {
        "height": LOSS_HEIGHT,
        "datasets": {"losses": pd.DataFrame(rows, columns=["epoch", "loss", "curve"])},
        "data": {"name": "losses"},
        "mark": {"type": "line"},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "title": labels["epoch"], "axis": {"tickMinStep": 1}},
            "y": {"field": "loss", "type": "quantitative", "title": labels["loss"], "scale": {"zero": True},
                  "axis": {"format": NUMBER_D3_FORMAT}},
            "color": {"field": "curve", "type": "nominal", "scale": {"domain": curves, "range": ["#4e79a7", "#e15759"]},
                      "legend": {"orient": "top", "title": None}},
            "tooltip": [{"field": "curve", "type": "nominal", "title": " "},
                        {"field": "epoch", "type": "quantitative", "title": labels["epoch"]},
                        {"field": "loss", "type": "quantitative", "title": labels["loss"],
                         "format": NUMBER_D3_FORMAT}],
        },
    }
