"""Which pages can use a trained model: the Train page's promise must match what Draw and the Convolution lab accept."""

from __future__ import annotations

import numpy as np
import pytest

from playground.labs.digits import check_digit_model, predict_digit
from playground.labs.features import feature_maps
from playground.labs.model_uses import ModelShapes, model_uses
from playground.spec import build_model
from playground.spec.presets import PRESETS


@pytest.mark.parametrize(("preset", "pages"), [
    ("iris", ()),                                # Four numbers in, three flowers out: neither page.
    ("breast_cancer", ()),
    ("text_lstm", ()),
    ("mnist_dnn", ("draw",)),                    # Reads digits, but has no convolution to show.
    ("fashion_mnist_dnn", ("draw",)),            # 28×28 in, 10 out: Draw can run it (it reads digits badly).
    ("mnist_cnn", ("draw", "convolution")),
    ("deep_cnn_bn", ("draw", "convolution")),
    ("dogs_vs_cats_cnn", ("convolution",)),      # An image model, but 150×150×3 in and 1 out.
])
def test_each_preset_is_offered_only_to_the_pages_that_accept_it(preset, pages):
    assert model_uses(ModelShapes.of_spec(PRESETS[preset])) == pages


@pytest.mark.parametrize("preset", ["iris", "mnist_dnn", "mnist_cnn", "dogs_vs_cats_cnn"])
def test_the_promise_matches_what_the_pages_do_with_the_built_model(preset):
    """Decided from the spec without TensorFlow, it agrees with Draw's check and the lab's feature maps on the real model."""
    model = build_model(PRESETS[preset])
    pages = model_uses(ModelShapes.of_spec(PRESETS[preset]))
    assert model_uses(ModelShapes.of_model(model)) == pages
    assert (check_digit_model(model) is None) == ("draw" in pages)
    if "draw" in pages:
        assert predict_digit(np.eye(28), model).shape == (10,)
    try:
        feature_maps(model, np.zeros((28, 28), dtype="float32"))
        shows_maps = True
    except ValueError:  # ConvolutionError: no Conv2D/pooling layer, or not an image model.
        shows_maps = False
    assert shows_maps == ("convolution" in pages)
