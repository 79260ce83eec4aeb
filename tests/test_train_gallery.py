"""The misclassified gallery keeps each caption on one line: short captions, and fewer columns for long class names."""

from __future__ import annotations

from itertools import permutations

from playground.data.registry import DATASETS
from playground.i18n import t
from playground_app.train.results import GALLERY_ROW_CHARACTERS, gallery_columns


def _captions(names, lang="en"):
    return [t("train.misclassified_caption", lang, true=true, predicted=predicted) for true, predicted in permutations(names, 2)]


def test_digit_captions_are_short_and_fill_eight_columns():
    captions = _captions([str(digit) for digit in range(10)])
    assert captions[0] == "0 → 1"  # "true 0 → predicted 1" wrapped onto three lines in eight columns.
    assert gallery_columns(captions) == 8


def test_fashion_captions_get_columns_wide_enough_for_the_longest_name_pair():
    """In Chromium at 1400 px every "Pullover → T-shirt/top" caption was one line (26 px) in 5 columns."""
    captions = _captions(DATASETS["fashion_mnist"].class_names)
    columns = gallery_columns(captions)
    assert 3 <= columns < 8
    assert columns * max(len(caption) for caption in captions) <= GALLERY_ROW_CHARACTERS
