"""The k-fold estimate of the digit model's recipe: near-duplicates never straddle folds; folds are stratified."""

from __future__ import annotations

import numpy as np

from playground.labs.digits import preprocess
from playground.labs.digits_kfold import grouped_folds, near_duplicate_groups
from playground.labs.digits_training import load_bundled_digits


def test_a_digit_and_its_near_copy_share_a_group_and_others_do_not():
    images, _ = load_bundled_digits()
    digits = np.stack([preprocess(digit) for digit in images[:40]])
    rng = np.random.default_rng(0)
    near_copy = np.clip(digits[3] + rng.normal(0, 0.02, digits[3].shape), 0, 1).astype(np.float32)
    groups = near_duplicate_groups(np.concatenate([digits, near_copy[np.newaxis]]))
    assert groups[40] == groups[3]
    assert len(set(groups[:40].tolist())) == 40  # Forty different writings: forty groups.


def test_folds_keep_each_group_together_and_each_digit_balanced():
    _, labels = load_bundled_digits()
    groups = np.arange(len(labels)) // 2  # Pairs, as if every digit had a near-copy beside it.
    folds = grouped_folds(labels, groups, 5)
    seen = np.concatenate(folds)
    assert sorted(seen.tolist()) == list(range(len(labels)))  # Every digit tested exactly once.
    fold_of = np.empty(len(labels), dtype=int)
    for index, test in enumerate(folds):
        fold_of[test] = index
    assert (fold_of[0::2] == fold_of[1::2]).all(), "a near-duplicate pair was split across folds"
    for test in folds:
        counts = np.bincount(labels[test], minlength=10)
        assert counts.min() >= 80 and counts.max() <= 120  # 100 per digit per fold, give or take the pairs.
