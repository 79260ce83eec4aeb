"""The shipped offline base transfers: 20 pictures per unseen Fashion-MNIST class, frozen base beats scratch."""

from __future__ import annotations

import numpy as np
import pytest

from playground.data.installed import FASHION_MNIST_PACKAGE
from playground.transfer.base_training import CHECK_SEEDS, SEEN, UNSEEN, load_fashion, transfer_vs_scratch

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not FASHION_MNIST_PACKAGE.available(),
                                 reason="needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)")]


def test_the_base_never_saw_the_two_classes_it_transfers_to():
    assert set(UNSEEN).isdisjoint(SEEN) and len(SEEN) == 8


def test_with_20_pictures_per_class_feature_extraction_beats_from_scratch_on_every_seed():
    data = load_fashion()
    results = [transfer_vs_scratch(per_class=20, seed=seed, data=data) for seed in CHECK_SEEDS]
    transfer = np.array([result["unseen_feature_extraction_accuracy"] for result in results])
    scratch = np.array([result["unseen_scratch_accuracy"] for result in results])
    print({"transfer": transfer.round(3).tolist(), "scratch": scratch.round(3).tolist()})
    assert (transfer > scratch).all()
    assert transfer.mean() - scratch.mean() >= 0.01
