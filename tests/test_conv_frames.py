"""The animation frame builder and its plotly figure: one frame per output cell, windows in the right place."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.io
import pytest

from playground.charts.convolution import WINDOW_COLOUR, animation_figure, feature_map_grid
from playground.labs.convolution import (ConvolutionError, conv2d, convolution_frames, crop, pool2d,
                                    pooling_frames)
from playground.labs.features import FeatureMap


def decoded(array: object) -> np.ndarray:
    """A plotly JSON array: a plain list, or plotly's typed-array form ``{dtype, bdata, shape}``."""
    if isinstance(array, dict):
        values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        shape = array.get("shape")
        return values.reshape([int(size) for size in str(shape).split(",")]) if shape else values
    return np.array(array, dtype=float)


def test_one_frame_per_output_cell_in_reading_order():
    image = np.arange(49, dtype=float).reshape(7, 7)
    frames = convolution_frames(image, np.ones((3, 3)), stride=2)
    assert frames.output.shape == (3, 3)
    assert frames.count == 9
    assert list(zip(frames.rows.tolist(), frames.cols.tolist()))[:4] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    np.testing.assert_allclose(frames.output, conv2d(image, np.ones((3, 3)), stride=2))


def test_products_and_sums_are_the_arithmetic_of_each_position():
    rng = np.random.default_rng(3)
    image, kernel = rng.random((6, 5, 3)), rng.normal(size=(3, 3, 3))
    frames = convolution_frames(image, kernel, padding="same")
    frame = 7  # Output cell (1, 2).
    assert (frames.rows[frame], frames.cols[frame]) == (1, 2)
    window = image[0:3, 1:4, :]  # 'same' pads 1 on each side, so cell (1, 2) reads rows 0-2, cols 1-3.
    np.testing.assert_allclose(frames.values[frame], window)
    np.testing.assert_allclose(frames.products[frame], window * kernel)
    assert frames.results[frame] == pytest.approx((window * kernel).sum())


def test_receptive_field_at_the_borders_with_same_padding():
    # 5×5 image, 3×3 kernel, 'same': 1 pixel of zeros on each side.
    frames = convolution_frames(np.ones((5, 5)), np.ones((3, 3)), padding="same")
    assert frames.padded.shape[:2] == (7, 7)
    assert frames.receptive_field(0) == (0, 0, 2, 2)
    assert frames.receptive_field_in_image(0) == (-1, -1, 1, 1)
    assert frames.receptive_field_in_image(frames.count - 1) == (3, 3, 5, 5)
    # The corner window has 5 padding taps (top row and left column) and sums the 4 real pixels.
    assert frames.is_padding[0].sum() == 5
    assert frames.results[0] == 4.0
    assert frames.padded[0, 0, 0] == 0.0


def test_asymmetric_padding_shows_in_the_last_window():
    # 6 wide, kernel 2, 'same': no padding before, one column after (Keras's rule).
    frames = convolution_frames(np.ones((6, 6)), np.ones((2, 2)), padding="same")
    assert (frames.padding.top, frames.padding.bottom, frames.padding.left, frames.padding.right) == (0, 1, 0, 1)
    assert frames.receptive_field_in_image(0) == (0, 0, 1, 1)
    assert frames.receptive_field_in_image(frames.count - 1) == (5, 5, 6, 6)
    assert frames.is_padding[-1].tolist() == [[False, True], [True, True]]


def test_dilated_window_spans_the_dilated_reach():
    frames = convolution_frames(np.ones((9, 9)), np.ones((3, 3)), dilation=3)
    assert frames.count == 9  # (9 - 3·2 - 1) / 1 + 1 = 3 per axis.
    assert frames.receptive_field(0) == (0, 0, 6, 6)


def test_max_pooling_frames_name_the_winner_and_ignore_padding():
    image = -np.arange(1, 10, dtype=float).reshape(3, 3)  # All negative: a padding zero must never win.
    frames = pooling_frames(image, pool_size=2, padding="same", mode="max")
    np.testing.assert_allclose(frames.output[:, :, 0], pool2d(image, 2, padding="same"))
    last = frames.count - 1  # Bottom-right window: only image[2, 2] is real.
    assert frames.results[last, 0] == -9.0
    assert tuple(frames.winners[last, 0]) == (0, 0)
    assert tuple(frames.winners[0, 0]) == (0, 0)  # Top-left window: -1 is the largest of -1, -2, -4, -5.


def test_average_pooling_frames_average_only_real_cells():
    image = np.full((3, 3), 6.0)
    frames = pooling_frames(image, pool_size=2, padding="same", mode="average")
    assert np.allclose(frames.results, 6.0)


def test_invalid_settings_raise_like_conv2d():
    with pytest.raises(ConvolutionError):
        convolution_frames(np.ones((3, 3)), np.ones((5, 5)))


def test_crop_stays_inside_the_image():
    image = np.arange(400).reshape(20, 20)
    region = crop(image, 15, -3, 12)
    assert region.shape == (12, 12)
    assert region[0, 0] == image[8, 0]


def test_animation_figure_has_a_frame_per_cell_with_moving_outlines():
    image = np.random.default_rng(0).random((6, 6))
    frames = convolution_frames(image, np.ones((3, 3)), padding="same")
    # What the browser gets: the JSON Streamlit sends.
    figure = json.loads(plotly.io.to_json(animation_figure(frames), validate=False))
    assert len(figure["frames"]) == 36
    assert len(figure["layout"]["sliders"][0]["steps"]) == 36
    def window(frame: dict) -> dict:
        return next(shape for shape in frame["layout"]["shapes"] if shape["line"]["color"] == WINDOW_COLOUR)

    first_box, last_box = window(figure["frames"][0]), window(figure["frames"][-1])
    assert (first_box["x0"], first_box["y0"]) == (-0.5, -0.5)
    assert (last_box["x0"], last_box["y0"]) == (4.5, 4.5)  # Padded 8×8 input: last window starts at column 5.
    # The output fills in: one revealed cell in the first frame, all in the last (hidden cells are null).
    assert np.isfinite(decoded(figure["frames"][0]["data"][0]["z"])).sum() == 1
    assert np.isfinite(decoded(figure["frames"][-1]["data"][0]["z"])).sum() == 36
    assert any("sum" in note["text"] for note in figure["frames"][5]["layout"]["annotations"])


def test_pooling_animation_outlines_the_winner():
    image = np.random.default_rng(1).random((4, 4, 3))
    figure = animation_figure(pooling_frames(image, 2, mode="max"), channel=2).to_dict()
    assert len(figure["frames"]) == 4
    assert any(shape["line"]["color"] == "#ffd23f" for shape in figure["frames"][0]["layout"]["shapes"])


def test_feature_map_grid_draws_at_most_the_requested_maps():
    maps = FeatureMap("conv", "Conv2D", np.random.default_rng(2).random((5, 5, 20)).astype(np.float32))
    figure = feature_map_grid(maps, max_maps=6, label="map")
    assert len(figure.data) == 6
    assert sorted(note.text for note in figure.layout.annotations)[:2] == ["map 1", "map 2"]


def test_padding_is_marked_off_from_the_image_only_when_there_is_padding():
    def dotted(figure_dict: dict) -> list[dict]:
        return [shape for shape in figure_dict["frames"][0]["layout"]["shapes"] if shape["line"].get("dash") == "dot"]

    padded = animation_figure(convolution_frames(np.ones((5, 5)), np.ones((3, 3)), padding="same")).to_dict()
    (outline,) = dotted(padded)
    assert (outline["x0"], outline["x1"]) == (0.5, 5.5)  # Columns 1-5 of the 7-wide padded input.
    unpadded = animation_figure(convolution_frames(np.ones((5, 5)), np.ones((3, 3)))).to_dict()
    assert dotted(unpadded) == []


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_the_input_title_speaks_of_padding_only_when_there_is_some(padding):
    """Pooling 5×5 by 2: 'valid' adds nothing (no talk of padding); 'same' pads one column and row."""
    figure = animation_figure(pooling_frames(np.ones((5, 5)), 2, padding=padding, mode="max"))
    input_title = figure.layout.annotations[0].text
    assert ("padding: the 0s" in input_title) == (padding == "same")
    # 'same' whose windows already fit (4×4 by 2) adds no padding either.
    fitting = animation_figure(pooling_frames(np.ones((4, 4)), 2, padding="same", mode="average"))
    assert fitting.layout.annotations[0].text == "Input (no padding)"
    # Pooling multiplies by no kernel: its third panel is the window itself.
    assert figure.layout.annotations[2].text == "Window"
