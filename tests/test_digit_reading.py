"""``read_digit``: what the Draw page does with a picture, without Streamlit or TensorFlow."""

from __future__ import annotations

import numpy as np

from playground.labs.digit_reading import read_digit
from playground.labs.digits import DigitModelError, ImageError


def _stroke() -> np.ndarray:
    """A white vertical bar on black: a drawn "1"."""
    picture = np.zeros((280, 280), dtype=np.uint8)
    picture[60:220, 130:150] = 255
    return picture


def test_no_picture_reads_as_nothing():
    reading = read_digit(None, model=object())
    assert reading.digit is None and reading.probabilities is None and reading.error is None
    assert not reading.picture_refused


def test_a_blank_canvas_gets_no_guess_and_no_error():
    reading = read_digit(np.zeros((280, 280, 4), dtype=np.uint8), model=object())
    assert reading.digit is not None and not reading.digit.any()
    assert reading.probabilities is None and reading.error is None


def test_a_file_that_is_not_a_picture_is_refused_in_the_learners_language():
    reading = read_digit(np.zeros(5), model=object())
    assert isinstance(reading.error, ImageError) and reading.picture_refused
    assert reading.error.text("en").startswith("This file could not be read as a picture (this is not a picture")
    assert "이미지가 아닙니다" in reading.error.text("ko")


def test_a_model_that_cannot_read_digits_is_refused_but_the_digit_is_kept():
    reading = read_digit(_stroke(), model=object())
    assert isinstance(reading.error, DigitModelError) and not reading.picture_refused
    assert reading.digit is not None and reading.digit.shape == (28, 28) and reading.digit.any()
    assert reading.probabilities is None
