"""The digit model's training augmentation: elastic bending, reproducibility, digits still legible."""

from __future__ import annotations

import numpy as np
import pytest

from playground.labs.digits import load_default_model, predict_preprocessed, preprocess
from playground.labs.digits_augment import augment
from playground.labs.digits_training import held_out_split, load_bundled_digits

# A straight stroke under any affine map (rotation, shear, scale) stays straight: the row centres of a
# near-vertical stroke lie on a line within rasterisation error, at most 0.53 px from it on the 160-px output
# (40 copies, each of six seeds) before elastic distortion existed. A copy more than three times that off
# the line is bent. Elastic distortion bent 52–75 % of copies for those seeds (70 % for the test's seed 3);
# the rest were left undistorted (one in five) or bent too gently to tell.
BENT_DEVIATION_PX = 1.5
BENT_SHARE_BAR = 0.4
# The shipped model (trained without elastic distortion) read 92.5 % of the 200 augmented held-out digits
# below (94–96 % with other seeds, 94.5 % of all 1,000; 97–98 % before elastic distortion was added). The
# bar leaves a margin of about four standard errors; stronger distortion falls below it (alpha 60: 79 %).
LEGIBLE_ACCURACY_BAR = 0.85


@pytest.fixture(scope="module")
def bundled():
    return load_bundled_digits()


def _straight_stroke() -> np.ndarray:
    """A 28×28 "1": a vertical bar two pixels wide, rows 2 to 25."""
    digit = np.zeros((28, 28), dtype=np.float32)
    digit[2:26, 13:15] = 1.0
    return digit


def _deviation_from_line(image: np.ndarray) -> float:
    """Largest distance (pixels) of a near-vertical stroke's row centres from their best-fitting line.

    The stroke's first and last tenth are left out: its rounded or cut ends shift the centres a little
    even when the stroke is straight.
    """
    ink = image > 0.5
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.arange(image.shape[1])
    centres = np.array([(columns * ink[row]).sum() / ink[row].sum() for row in rows])
    trim = len(rows) // 10
    rows, centres = rows[trim:len(rows) - trim], centres[trim:len(centres) - trim]
    slope, intercept = np.polyfit(rows, centres, 1)
    return float(np.abs(centres - (slope * rows + intercept)).max())


def test_many_augmented_copies_bend_a_straight_stroke():
    """Elastic distortion moves pixels non-affinely: a straight bar comes out curved, which no affine map does."""
    rng = np.random.default_rng(3)
    deviations = np.array([_deviation_from_line(augment(_straight_stroke(), rng)) for _ in range(40)])
    bent = float(np.mean(deviations > BENT_DEVIATION_PX))
    assert bent >= BENT_SHARE_BAR, f"only {bent:.0%} of copies bent (deviations {np.round(deviations, 2).tolist()})"


def test_augment_is_reproducible_for_a_seed_and_differs_between_seeds(bundled):
    images, _ = bundled
    first = [augment(images[index], np.random.default_rng(7)) for index in (0, 600, 1200)]
    again = [augment(images[index], np.random.default_rng(7)) for index in (0, 600, 1200)]
    other = [augment(images[index], np.random.default_rng(8)) for index in (0, 600, 1200)]
    for one, same, different in zip(first, again, other):
        np.testing.assert_array_equal(one, same)
        assert not np.array_equal(one, different)


def test_augmented_digits_stay_legible_to_the_shipped_model(bundled):
    """The distortion keeps digits readable: the shipped model still reads most augmented held-out digits."""
    images, labels = bundled
    _, held_out = held_out_split(labels)
    chosen = np.random.default_rng(0).choice(held_out, size=200, replace=False)
    rng = np.random.default_rng(0)
    model = load_default_model()
    predicted = np.array([np.argmax(predict_preprocessed(preprocess(augment(images[index], rng)), model))
                          for index in chosen])
    accuracy = float(np.mean(predicted == labels[chosen]))
    assert accuracy >= LEGIBLE_ACCURACY_BAR, f"accuracy {accuracy:.3f} on augmented held-out digits"
