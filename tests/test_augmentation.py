"""Augmentation: the notes' ImageDataGenerator arguments become Keras 3 layers with the same settings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground.labs.augmentation import (AugmentationSettings, augmentation_layers, augmented_copies,
                                          image_data_generator_code, keras_layers_code)
from playground.data.samples import mnist_digit

DIGIT = np.asarray(mnist_digit(7), dtype="float32")


def _configs(settings: AugmentationSettings) -> dict[str, dict]:
    return {layer.__class__.__name__: layer.get_config() for layer in augmentation_layers(settings)}


def test_nothing_on_is_the_identity():
    assert augmentation_layers(AugmentationSettings()) == []
    copies = augmented_copies(DIGIT, AugmentationSettings(), count=4)
    assert copies.shape == (4, 28, 28, 1)
    np.testing.assert_array_equal(copies[..., 0], np.repeat(DIGIT[None], 4, axis=0))


def test_a_rotation_of_zero_degrees_leaves_the_digit_as_it_was_while_twenty_degrees_moves_it():
    # The rotation slider at 0 adds no rotation layer: every copy is the digit itself.
    zero = augmented_copies(DIGIT, AugmentationSettings(rotation_range=0.0), count=3, seed=1)
    np.testing.assert_array_equal(zero[..., 0], np.repeat(DIGIT[None], 3, axis=0))
    turned = augmented_copies(DIGIT, AugmentationSettings(rotation_range=20.0), count=6, seed=1)
    changes = np.abs(turned[..., 0] - DIGIT).max(axis=(1, 2))
    assert (changes > 0.2).sum() >= 4  # Most copies are visibly turned (a draw near 0° may not be).
    # The ink is kept, only moved: the total brightness changes by little.
    assert np.allclose(turned.sum(axis=(1, 2, 3)), DIGIT.sum(), rtol=0.15)


def test_each_argument_maps_to_its_layer_with_the_same_setting():
    settings = AugmentationSettings(rotation_range=36, width_shift_range=0.1, height_shift_range=0.2, shear_range=45,
                                    zoom_range=0.3, horizontal_flip=True, rescale=1 / 255)
    layers = {layer.__class__.__name__: layer for layer in augmentation_layers(settings)}
    assert list(layers) == ["RandomRotation", "RandomTranslation", "RandomShear", "RandomZoom", "RandomFlip", "Rescaling"]
    # The ranges each layer draws from, as the layer itself holds them.
    assert np.allclose(layers["RandomRotation"].factor, (-0.1, 0.1))  # ±36° is ±0.1 of a full turn
    translation, zoom = layers["RandomTranslation"], layers["RandomZoom"]
    assert np.allclose((translation.height_lower, translation.height_upper), (-0.2, 0.2))
    assert np.allclose((translation.width_lower, translation.width_upper), (-0.1, 0.1))
    assert np.allclose(layers["RandomShear"].x_factor, (-1.0, 1.0))  # tan 45° = 1, either way
    assert np.allclose((zoom.height_lower, zoom.height_upper, zoom.width_lower, zoom.width_upper), (-0.3, 0.3, -0.3, 0.3))
    assert layers["RandomFlip"].mode == "horizontal"
    assert math.isclose(layers["Rescaling"].scale, 1 / 255)
    assert all(layer.fill_mode == "nearest" for layer in layers.values() if hasattr(layer, "fill_mode"))


def test_a_horizontal_flip_gives_the_image_or_its_mirror_and_rescale_brings_0_255_to_0_1():
    copies = augmented_copies(DIGIT, AugmentationSettings(horizontal_flip=True), count=16, seed=3)[..., 0]
    mirrored = [bool(np.array_equal(copy, DIGIT[:, ::-1])) for copy in copies]
    same = [bool(np.array_equal(copy, DIGIT)) for copy in copies]
    assert all(left or right for left, right in zip(mirrored, same))
    assert any(mirrored) and any(same)
    rescaled = augmented_copies(DIGIT * 255.0, AugmentationSettings(rescale=1 / 255), count=2)
    np.testing.assert_allclose(rescaled[0, ..., 0], DIGIT, atol=1e-5)


def test_another_seed_draws_other_copies_and_the_same_seed_the_same():
    settings = AugmentationSettings(rotation_range=30, zoom_range=0.2)
    first, again, other = (augmented_copies(DIGIT, settings, 4, seed) for seed in (5, 5, 6))
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


def test_the_keras_3_code_builds_the_same_layers_and_the_notes_code_names_every_argument():
    settings = AugmentationSettings(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1, shear_range=10,
                                    zoom_range=0.2, horizontal_flip=True, rescale=1 / 255)
    namespace: dict = {}
    exec(keras_layers_code(settings).split("\nmodel = ")[0], namespace)
    built = {layer.__class__.__name__: layer.get_config() for layer in namespace["augmentation"].layers}
    expected = _configs(settings)
    assert list(built) == list(expected)
    for name, config in expected.items():
        for key in ("factor", "height_factor", "width_factor", "mode", "scale", "fill_mode"):
            if key in config:
                assert np.allclose(built[name][key], config[key], atol=1e-3) if not isinstance(config[key], str) \
                    else built[name][key] == config[key]
    old = image_data_generator_code(settings)
    for argument in ("rotation_range=20", "width_shift_range=0.1", "height_shift_range=0.1", "shear_range=10",
                     "zoom_range=0.2", "horizontal_flip=True", "rescale=1./255", "fill_mode='nearest'"):
        assert argument in old


def test_settings_out_of_range_are_refused():
    with pytest.raises(ValueError):
        AugmentationSettings(rotation_range=-5)
    with pytest.raises(ValueError):
        AugmentationSettings(zoom_range=1.5)
    with pytest.raises(ValueError):
        augmented_copies(DIGIT, AugmentationSettings(), count=0)
