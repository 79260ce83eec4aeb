"""What the Draw page does with a picture: preprocess it, and read it with a model unless it is blank.

The page only draws; the decisions live here so that they are tested without Streamlit: a picture
that is not an image is refused with the upload message, a blank canvas gets no guess (and no
error), and a model that cannot read 28×28 digits (it may change between the check and the call)
is refused with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.errors import LearnerError, Translated
from playground.labs.digits import DigitModelError, ImageError, is_blank, predict_preprocessed, preprocess


# Below this confidence the page says the model is unsure instead of presenting a guess as an answer.
UNSURE_BELOW = 0.5
# Share of the 28×28 input that is ink (> 0.5): 95 % of the bundled MNIST digits have at least 0.069.
THIN_INK_BELOW = 0.06


@dataclass(frozen=True)
class Note:
    """A message for the learner: a translation key and its fields."""

    key: str
    fields: dict[str, Any]


def uncertainty_notes(digit: np.ndarray, probabilities: np.ndarray) -> list[Note]:
    """What is true to say when the model is unsure: its two candidates, and thin strokes if they are thin.

    Every digit is scaled to the same 20×20 box before the model sees it, so "draw bigger" would be
    false advice; strokes thinner than almost any MNIST digit's are a real, fixable difference.

    Returns:
        No note when the model is confident; else the candidates, then the stroke advice if it applies.
    """
    order = np.argsort(probabilities)[::-1]
    if float(probabilities[order[0]]) >= UNSURE_BELOW:
        return []
    notes = [Note("draw.unsure_between", {"first": int(order[0]), "first_p": f"{float(probabilities[order[0]]):.0%}",
                                          "second": int(order[1]), "second_p": f"{float(probabilities[order[1]]):.0%}"})]
    if float((np.asarray(digit) > 0.5).mean()) < THIN_INK_BELOW:
        notes.append(Note("draw.unsure_thin", {}))
    return notes


@dataclass(frozen=True)
class DigitReading:
    """The outcome of reading one picture.

    Attributes:
        digit: The (28, 28) image the model sees, or None when there was no usable picture.
        probabilities: (10,) probabilities, or None when nothing was drawn or the model was refused.
        error: Why the picture or the model could not be used (shown to the learner), or None.
    """

    digit: np.ndarray | None = None
    probabilities: np.ndarray | None = None
    error: LearnerError | None = None

    @property
    def picture_refused(self) -> bool:
        """True when the picture itself was unusable: the page then says why instead of "draw a digit"."""
        return self.error is not None and self.digit is None


def read_digit(picture: Any, model: Any) -> DigitReading:
    """Preprocesses ``picture`` and predicts it with ``model`` (never raises a learner's mistake).

    Args:
        picture: The canvas's RGBA array, an uploaded picture, or None when there is none yet.
        model: A Keras model for 28×28 digits; None means the shipped default model.

    Returns:
        The reading; ``error`` holds an ``ImageError`` for a file that is not a picture and a
        ``DigitModelError`` for a model that cannot read digits.
    """
    if picture is None:
        return DigitReading()
    try:
        digit = preprocess(picture)
    except ImageError as error:
        # Said as an upload problem: the learner chose the file, the shape is only the detail.
        refused = ImageError("draw.upload_bad", detail=Translated(error.key, **error.fields))
        return DigitReading(error=refused)
    if is_blank(digit):
        return DigitReading(digit=digit)
    try:
        return DigitReading(digit=digit, probabilities=predict_preprocessed(digit, model))
    except DigitModelError as error:
        return DigitReading(digit=digit, error=error)
