"""The Decision boundary lab's charts: the plane (the model's colours as one picture under the points) and the
losses, as Vega-Lite specs that stay the same while their data change (the browser keeps the chart)."""

from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image, ImageColor

from playground.charts.boundary import CLASS_COLOURS, loss_spec, plane_spec
from playground.data.points import make_points
from playground.labs.boundary import grid_points

LABELS = {"train": "train", "test": "test", "class": "class {label}", "epoch": "epoch", "loss": "loss",
          "model": "the model says"}
BOUNDS = (-3.0, 3.0, -3.0, 3.0)


def _picture(spec: dict) -> np.ndarray:
    url = spec["datasets"]["plane"]["url"][0]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")).astype(int)


def _rgb(colour: str) -> np.ndarray:
    return np.array(ImageColor.getrgb(colour))


def test_the_planes_legend_sits_above_it_clear_of_the_x1_axis_title():
    """Below the plane the legend ("test · class 0") covered the x₁ axis title."""
    x, y = make_points("xor", n=40, seed=1)
    spec = plane_spec(None, x, y, x, y, LABELS, BOUNDS)
    (points,) = [layer["encoding"] for layer in spec["layer"] if layer["data"] == {"name": "points"}]
    assert points["x"]["title"] == "x₁"
    assert points["color"]["legend"]["orient"] == "top"
    assert points["color"]["scale"]["domain"] == ["train · class 0", "train · class 1", "test · class 0",
                                                  "test · class 1"]


def test_the_picture_shows_class_1_where_the_model_says_it_with_x2_high_at_the_top():
    """A model sure of class 1 above x₂ = 0 and of class 0 below: blue on top, orange at the bottom, as the axes say."""
    x, y = make_points("xor", n=40, seed=1)
    _, axis2 = grid_points(BOUNDS, 50)
    grid = np.repeat((axis2 > 0).astype(np.float32)[:, None], 50, axis=1)  # Row i is x₂ = axis2[i].
    picture = _picture(plane_spec(grid, x, y, x, y, LABELS, BOUNDS))
    assert picture.shape[:2] == (50, 50)
    blue, orange = _rgb(CLASS_COLOURS[1]), _rgb(CLASS_COLOURS[0])
    assert np.abs(picture[0, 0] - blue).max() < 3 and np.abs(picture[-1, -1] - orange).max() < 3
    undecided = _picture(plane_spec(np.full((50, 50), 0.5), x, y, x, y, LABELS, BOUNDS))
    assert (undecided > 250).all()  # White where the model hesitates.


def test_three_classes_colour_each_cell_by_its_winner():
    x, y = make_points("xor", n=40, seed=1)
    grid = np.zeros((50, 50, 3), dtype=np.float32)
    grid[:, :, 2] = 0.9  # Class 2 wins everywhere…
    grid[:, :25, 0] = 1.0  # …but on the left half, class 0.
    picture = _picture(plane_spec(grid, x, y, x, y, LABELS, BOUNDS))
    assert np.abs(picture[10, 0] - _rgb(CLASS_COLOURS[0])).max() < 3
    assert np.abs(picture[10, -1] - _rgb(CLASS_COLOURS[2])).max() < 3


def test_a_new_epoch_changes_the_charts_data_and_nothing_else():
    """Streamlit keeps a Vega-Lite chart whose spec did not change and gives it the new data; a new spec every
    redraw would make the browser draw a new chart (what a plotly chart cost: 0.26 CPU-seconds a redraw)."""
    x, y = make_points("circles", n=60, seed=2)
    first = plane_spec(np.full((50, 50), 0.2), x, y, x[:20], y[:20], LABELS, BOUNDS)
    second = plane_spec(np.full((50, 50), 0.7), x, y, x[:20], y[:20], LABELS, BOUNDS)
    assert {**first, "datasets": None} == {**second, "datasets": None}
    assert first["datasets"]["plane"]["url"][0] != second["datasets"]["plane"]["url"][0]
    one = loss_spec([{"loss": 0.7, "val_loss": 0.8}], LABELS)
    two = loss_spec([{"loss": 0.7, "val_loss": 0.8}, {"loss": 0.5, "val_loss": 0.6}], LABELS)
    assert {**one, "datasets": None} == {**two, "datasets": None}
    assert len(two["datasets"]["losses"]) == 4 and set(two["datasets"]["losses"]["curve"]) == {"train", "test"}


def test_before_the_first_epoch_the_plane_has_its_points_and_no_picture():
    x, y = make_points("xor", n=40, seed=1)
    spec = plane_spec(None, x, y, x[:10], y[:10], LABELS, BOUNDS)
    assert spec["datasets"]["plane"].empty
    assert len(spec["datasets"]["points"]) == 50


def _hovered(spec: dict, x1: float, x2: float) -> dict:
    """What a pointer at (x₁, x₂) over the plane reads: the tooltip of the cell under it."""
    cells = spec["datasets"]["cells"]
    under = cells[(cells.x <= x1) & (x1 < cells.x2) & (cells.y2 <= x2) & (x2 < cells.y)]
    assert len(under) == 1, f"{len(under)} cells under ({x1}, {x2})"
    (layer,) = [layer for layer in spec["layer"] if layer["data"] == {"name": "cells"}]
    fields = [entry["field"] for entry in layer["encoding"]["tooltip"]]
    return {field: under.iloc[0][field] for field in fields}


def test_a_trained_plane_says_what_the_model_answers_where_the_pointer_is():
    """Over a trained model's plane the pointer reads the model's answer there (the plotly heatmap had this hover):
    class and probability, left orange (class 0), right blue (class 1) for a model that splits at x₁ = 0."""
    x, y = make_points("xor", n=40, seed=1)
    axis1, _ = grid_points(BOUNDS, 50)
    grid = np.tile(1 / (1 + np.exp(-4 * axis1)), (50, 1))  # Rows are x₂, columns x₁: P(class 1) grows with x₁.
    spec = plane_spec(grid, x, y, x[:10], y[:10], LABELS, BOUNDS, hover=True)
    left, right = _hovered(spec, -2.0, 1.0), _hovered(spec, 2.0, -1.0)
    assert left["answer"] == "class 0 · 100%" and right["answer"] == "class 1 · 100%"
    near = axis1[27]  # A cell's centre, just right of x₁ = 0.
    assert _hovered(spec, near, 0.0)["answer"] == f"class 1 · {1 / (1 + np.exp(-4 * near)):.0%}"
    # The points stay above the cells: over a point its own tooltip shows.
    names = [layer["data"]["name"] for layer in spec["layer"]]
    assert names.index("cells") < names.index("points")


def test_while_training_the_plane_sends_no_cells_and_keeps_its_spec():
    """While a job trains the plane is redrawn every few seconds: its cells (2,500 marks) would cost every redraw, so
    they come with the trained plane only, in a spec the browser already has."""
    x, y = make_points("circles", n=60, seed=2)
    grid = np.full((50, 50), 0.3)
    live = plane_spec(grid, x, y, x[:20], y[:20], LABELS, BOUNDS, hover=False)
    trained = plane_spec(grid, x, y, x[:20], y[:20], LABELS, BOUNDS, hover=True)
    assert live["datasets"]["cells"].empty and len(trained["datasets"]["cells"]) == 2500
    assert {**live, "datasets": None} == {**trained, "datasets": None}
    three = plane_spec(np.dstack([np.full((50, 50), 0.2), np.full((50, 50), 0.5), np.full((50, 50), 0.3)]),
                       x, y, x[:20], y[:20], LABELS, BOUNDS, hover=True)
    assert _hovered(three, 0.0, 0.0)["answer"] == "class 1 · 50%"
