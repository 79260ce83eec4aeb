"""preprocess: any picture of a digit becomes an MNIST-style 28×28 image (no TensorFlow needed)."""

from __future__ import annotations


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from scipy import ndimage

from playground.labs.digits import MAX_WORKING_SIDE, ImageError, is_blank, preprocess, to_grayscale


def canvas(strokes: np.ndarray) -> np.ndarray:
    """Wraps a (H, W) stroke mask as the canvas returns it: opaque RGBA, white on black."""
    gray = (np.clip(strokes, 0, 1) * 255).astype(np.uint8)
    return np.dstack([gray, gray, gray, np.full_like(gray, 255)])


def seven(size: int = 280, top: int = 40, left: int = 60, height: int = 160, width: int = 120) -> np.ndarray:
    """A thick hand-drawn-like '7' mask placed anywhere on a size×size canvas."""
    stroke = max(2, height // 9)  # Strokes scale with the digit, like MNIST's.
    mask = np.zeros((size, size), dtype=np.float32)
    mask[top : top + stroke, left : left + width] = 1.0
    for row in range(height):
        column = left + width - stroke - int(row * (width - 2 * stroke) / height)
        mask[top + row, column : column + stroke] = 1.0
    return mask


def bounding_box(digit: np.ndarray) -> tuple[int, int]:
    rows = np.flatnonzero(digit.any(axis=1))
    columns = np.flatnonzero(digit.any(axis=0))
    return rows[-1] - rows[0] + 1, columns[-1] - columns[0] + 1


def test_output_is_28_by_28_float_in_unit_range():
    digit = preprocess(canvas(seven()))
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert 0.0 <= digit.min() and digit.max() == pytest.approx(1.0)


@pytest.mark.parametrize("top,left", [(5, 5), (100, 150), (110, 10)])
def test_centred_by_centre_of_mass_wherever_it_was_drawn(top, left):
    digit = preprocess(canvas(seven(top=top, left=left)))
    row, column = ndimage.center_of_mass(digit)
    assert abs(row - 13.5) <= 1.0 and abs(column - 13.5) <= 1.0


def test_same_digit_anywhere_and_any_size_gives_the_same_image():
    small_corner = preprocess(canvas(seven(top=5, left=5, height=80, width=60)))
    large_middle = preprocess(canvas(seven(top=60, left=80, height=200, width=150)))
    # Same shape up to stroke thickness relative to size: most pixels agree.
    assert np.mean(np.abs(small_corner - large_middle) < 0.5) > 0.9


@pytest.mark.parametrize("height,width", [(200, 40), (40, 200), (100, 100)])
def test_fits_the_longer_side_in_20_pixels_keeping_the_aspect_ratio(height, width):
    mask = np.zeros((280, 280), dtype=np.float32)
    mask[30 : 30 + height, 50 : 50 + width] = 1.0
    box_height, box_width = bounding_box(preprocess(canvas(mask)))
    assert max(box_height, box_width) == 20
    assert box_height / box_width == pytest.approx(height / width, rel=0.25)


def test_dark_ink_on_paper_equals_light_ink_on_black():
    mask = seven()
    light_on_dark = preprocess(canvas(mask))
    dark_on_light = preprocess((255 - mask * 255).astype(np.uint8))
    np.testing.assert_allclose(light_on_dark, dark_on_light, atol=1e-5)


def test_rgba_rgb_gray_float_and_pil_inputs_agree():
    mask = seven()
    expected = preprocess(canvas(mask))
    gray = (mask * 255).astype(np.uint8)
    for picture in [
        gray,
        gray[..., np.newaxis],
        np.dstack([gray] * 3),
        mask.astype(np.float64),
        Image.fromarray(gray),
        Image.fromarray(canvas(mask), mode="RGBA"),
    ]:
        np.testing.assert_allclose(preprocess(picture), expected, atol=1e-5)


def test_16_bit_scans_are_read_without_clipping():
    mask = seven()
    scan = Image.fromarray((60000 - mask * 50000).astype(np.uint16))  # Dark ink on a 16-bit page.
    assert scan.mode.startswith("I")
    np.testing.assert_allclose(preprocess(scan), preprocess(canvas(mask)), atol=1e-4)


def test_transparent_png_strokes_are_read_by_colour_not_lost():
    mask = seven()
    black_strokes = np.zeros((280, 280, 4), dtype=np.uint8)
    black_strokes[..., 3] = (mask * 255).astype(np.uint8)  # Black ink, transparent elsewhere.
    np.testing.assert_allclose(preprocess(black_strokes), preprocess(canvas(mask)), atol=1e-5)


@pytest.mark.parametrize("background", [0, 255, 128])
def test_blank_pictures_are_blank(background):
    empty = np.full((280, 280, 4), background, dtype=np.uint8)
    empty[..., 3] = 255
    digit = preprocess(empty)
    assert is_blank(digit) and not digit.any()


def test_faint_noise_alone_is_blank():
    noise = np.random.default_rng(0).normal(235, 3, size=(300, 400)).clip(0, 255).astype(np.uint8)
    assert is_blank(preprocess(noise))


def test_a_single_pixel_dot_is_a_centred_non_blank_image():
    mask = np.zeros((280, 280), dtype=np.float32)
    mask[17, 250] = 1.0
    digit = preprocess(canvas(mask))
    assert not is_blank(digit)
    assert np.isfinite(digit).all() and digit.max() <= 1.0
    row, column = ndimage.center_of_mass(digit)
    assert abs(row - 13.5) <= 1.0 and abs(column - 13.5) <= 1.0


def test_noisy_photo_with_a_speck_is_cropped_to_the_digit():
    rng = np.random.default_rng(1)
    mask = seven(size=600, top=150, left=200, height=300, width=220)
    photo = 200 - 150 * ndimage.grey_dilation(mask, size=5) + rng.normal(0, 8, size=mask.shape)
    photo[20:23, 20:23] = 40  # A dark speck of dust far from the digit.
    digit = preprocess(photo.clip(0, 255).astype(np.uint8))
    clean = preprocess(canvas(seven()))
    assert max(bounding_box(digit)) == 20
    assert np.mean(np.abs(digit - clean) < 0.5) > 0.9


def test_huge_input_is_subsampled_first_and_matches_the_small_one():
    # How long a huge photo takes is measured in bench/digits.py (huge_preprocess_ms); here, that
    # its float work runs on a picture no larger than MAX_WORKING_SIDE, and the digit is the same.
    small = seven()
    huge = (np.kron(small, np.ones((25, 25), dtype=np.float32)) * 255).astype(np.uint8)  # 7000×7000
    assert max(to_grayscale(huge).shape) <= MAX_WORKING_SIDE
    digit = preprocess(huge)
    assert np.mean(np.abs(digit - preprocess(canvas(small))) < 0.5) > 0.9


@pytest.mark.parametrize("not_a_picture", [np.zeros((5,)), np.zeros((4, 4, 7)), np.zeros((0, 10)), np.array([["a"]])])
def test_arrays_that_are_not_pictures_are_refused_with_a_reason(not_a_picture):
    with pytest.raises(ImageError, match="not a picture"):
        preprocess(not_a_picture)


@settings(max_examples=40, deadline=None)
@given(
    height=st.integers(1, 90),
    width=st.integers(1, 90),
    channels=st.sampled_from([0, 1, 3, 4]),
    seed=st.integers(0, 10_000),
)
def test_any_picture_gives_a_valid_image(height, width, channels, seed):
    rng = np.random.default_rng(seed)
    shape = (height, width) if channels == 0 else (height, width, channels)
    digit = preprocess(rng.integers(0, 256, size=shape).astype(np.uint8))
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert np.isfinite(digit).all() and 0.0 <= digit.min() and digit.max() <= 1.0
    if digit.any():
        assert max(bounding_box(digit)) <= 20
