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


def test_an_unsure_model_names_its_two_candidates_and_never_says_draw_bigger():
    from playground.labs.digit_reading import uncertainty_notes
    from playground.i18n import t

    thick = np.zeros((28, 28), "float32")
    thick[4:24, 10:18] = 1.0  # A bold stroke: as much ink as a typical MNIST digit.
    probabilities = np.full(10, 0.02, "float32")
    probabilities[7], probabilities[1] = 0.40, 0.44
    notes = uncertainty_notes(thick, probabilities)
    texts = [t(note.key, "en", **note.fields) for note in notes]
    assert texts == ["The model is unsure: 1 (44%) or 7 (40%)."]
    assert not any("bigger" in text for text in texts)
    thin = np.zeros((28, 28), "float32")
    thin[4:24, 14] = 1.0  # One pixel wide: thinner than almost any MNIST digit.
    assert [note.key for note in uncertainty_notes(thin, probabilities)] == ["draw.unsure_between", "draw.unsure_thin"]
    confident = np.eye(10, dtype="float32")[3]
    assert uncertainty_notes(thick, confident) == []
