"""Every preset builds in Keras with the parameters the course notes print, and has a title in both languages."""

from __future__ import annotations

import pytest

from playground.i18n import LANGUAGES, TABLE
from playground.spec.presets import PRESET_DATASETS, PRESET_TITLES, PRESETS
from playground.spec import summarize
from tests.test_layers import assert_matches_keras

EXPECTED_KEYS = {"mnist_dnn", "mnist_cnn", "fashion_mnist_dnn", "iris", "breast_cancer", "dogs_vs_cats_cnn",
                 "deep_cnn_bn", "text_lstm"}


def test_preset_names_are_the_ones_other_pages_rely_on():
    assert set(PRESETS) == set(PRESET_TITLES) == set(PRESET_DATASETS) == EXPECTED_KEYS


@pytest.mark.parametrize("name", sorted(EXPECTED_KEYS))
def test_preset_builds_with_keras_exact_counts(name):
    assert_matches_keras(PRESETS[name])


@pytest.mark.parametrize("name", sorted(EXPECTED_KEYS))
def test_preset_has_a_title_in_every_language(name):
    assert all(TABLE[PRESET_TITLES[name]].get(language) for language in LANGUAGES)


def test_dogs_vs_cats_has_the_parameter_count_printed_in_deep_learning_with_python():
    # Chollet's book prints 3,453,121 parameters for this network; learners compare against it.
    assert summarize(PRESETS["dogs_vs_cats_cnn"]).total_params == 3_453_121


def test_the_shapes_the_notes_describe():
    assert summarize(PRESETS["mnist_dnn"]).rows[0].output_shape == (None, 784)
    deep = summarize(PRESETS["deep_cnn_bn"])
    assert deep.non_trainable_params > 0, "BatchNormalization's moving statistics are not trained"
    assert deep.rows[0].output_shape == (None, 28, 28, 50), "'same' padding keeps the size"
    assert summarize(PRESETS["text_lstm"]).rows[0].output_shape == (None, 100, 32)
