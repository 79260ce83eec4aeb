"""feature_maps on small real Keras models: every Conv2D / pooling layer, the right numbers, clear refusals."""

from __future__ import annotations

import numpy as np
import pytest

from playground.labs.convolution import ConvolutionError, conv2d, pool2d
from playground.labs.features import feature_maps, prepare_input

keras = pytest.importorskip("keras")


def small_model(input_shape=(10, 10, 1)):
    return keras.Sequential([
        keras.Input(shape=input_shape, name="image"),
        keras.layers.Conv2D(3, 3, use_bias=False, name="edges"),
        keras.layers.MaxPooling2D(2, name="pool"),
        keras.layers.Conv2D(2, 2, padding="same", name="more"),
        keras.layers.AveragePooling2D(2, name="average"),
        keras.layers.Flatten(name="flat"),
        keras.layers.Dense(2, name="out"),
    ], name="small")


def test_every_conv_and_pool_layer_is_returned_in_order_with_its_shape():
    maps = feature_maps(small_model(), np.random.default_rng(0).random((10, 10)))
    assert [(item.layer_name, item.layer_type) for item in maps] == [
        ("edges", "Conv2D"), ("pool", "MaxPooling2D"), ("more", "Conv2D"), ("average", "AveragePooling2D")]
    assert [item.maps.shape for item in maps] == [(8, 8, 3), (4, 4, 3), (4, 4, 2), (2, 2, 2)]


def test_maps_equal_the_numpy_convolution_of_the_layer_weights():
    model = small_model()
    image = np.random.default_rng(1).random((10, 10)).astype(np.float32)
    edges, pool = feature_maps(model, image)[:2]
    weights = model.get_layer("edges").get_weights()[0]  # (3, 3, 1, 3)
    for filter_index in range(3):
        expected = conv2d(image, weights[:, :, :, filter_index])
        np.testing.assert_allclose(edges.maps[:, :, filter_index], expected, atol=1e-5)
    np.testing.assert_allclose(pool.maps, pool2d(edges.maps, 2), atol=1e-6)


def test_any_image_is_adapted_to_the_model_input():
    rgb_photo = np.random.default_rng(2).random((40, 30, 3))
    maps = feature_maps(small_model(), rgb_photo)
    assert maps[0].maps.shape == (8, 8, 3)
    assert prepare_input(rgb_photo, (10, 10, 1)).shape == (10, 10, 1)
    assert prepare_input(np.ones((28, 28)), (32, 32, 3)).shape == (32, 32, 3)
    assert prepare_input(np.ones((28, 28, 1)), (28, 28)).shape == (28, 28)


def test_model_without_feature_layers_is_refused_plainly():
    dense = keras.Sequential([keras.Input(shape=(10, 10, 1)), keras.layers.Flatten(), keras.layers.Dense(2)])
    with pytest.raises(ConvolutionError, match="no Conv2D or pooling layer"):
        feature_maps(dense, np.ones((10, 10)))


def test_model_without_an_image_input_is_refused_plainly():
    flat_input = keras.Sequential([keras.Input(shape=(16,)), keras.layers.Reshape((4, 4, 1)), keras.layers.Conv2D(1, 2)])
    with pytest.raises(ConvolutionError) as caught:
        feature_maps(flat_input, np.ones((10, 10)))
    assert caught.value.key == "conv.error.model_input"
