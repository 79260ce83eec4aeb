"""conv2d / pool2d against real Keras layers (property-based), the size formula, kernels, samples."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground.labs.convolution import ConvolutionError, axis_formula, conv2d, pool2d
from playground.labs.kernels import KERNEL_SIZES, KERNELS, make_kernel
from playground.data.samples import SAMPLES, SampleError, decode_upload, load_sample

keras = pytest.importorskip("keras")

KERAS_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def keras_conv(image: np.ndarray, kernel: np.ndarray, stride: int, padding: str, dilation: int) -> np.ndarray:
    """One-filter Keras Conv2D without bias, with ``kernel`` as its weights."""
    layer = keras.layers.Conv2D(1, kernel.shape[:2], strides=stride, padding=padding, dilation_rate=dilation,
                                use_bias=False)
    layer.build((1, *image.shape))
    layer.set_weights([kernel[..., np.newaxis].astype("float32")])
    return np.asarray(layer(image[np.newaxis].astype("float32")))[0, :, :, 0]


@st.composite
def conv_cases(draw: st.DrawFn) -> tuple:
    height = draw(st.integers(1, 12))
    width = draw(st.integers(1, 12))
    channels = draw(st.sampled_from([1, 2, 3]))
    kernel_h = draw(st.integers(1, 5))
    kernel_w = draw(st.integers(1, 5))
    padding = draw(st.sampled_from(["valid", "same"]))
    # Keras rejects stride > 1 together with dilation > 1; draw only combinations Keras accepts.
    stride, dilation = draw(st.sampled_from([(1, 1), (2, 1), (3, 1), (4, 1), (1, 2), (1, 3)]))
    if padding == "valid":
        # The dilated kernel must fit; shrink it until it does.
        kernel_h = max(1, min(kernel_h, (height - 1) // dilation + 1))
        kernel_w = max(1, min(kernel_w, (width - 1) // dilation + 1))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    image = rng.normal(size=(height, width, channels))
    kernel = rng.normal(size=(kernel_h, kernel_w, channels))
    return image, kernel, stride, padding, dilation


@KERAS_SETTINGS
@given(conv_cases())
def test_conv2d_equals_keras_conv2d(case):
    image, kernel, stride, padding, dilation = case
    expected = keras_conv(image, kernel, stride, padding, dilation)
    result = conv2d(image, kernel, stride, padding, dilation)
    assert result.shape == expected.shape
    np.testing.assert_allclose(result, expected, atol=1e-4, rtol=1e-4)


@KERAS_SETTINGS
@given(height=st.integers(1, 12), width=st.integers(1, 12), channels=st.sampled_from([1, 3]),
       pool_size=st.integers(1, 4), stride=st.one_of(st.none(), st.integers(1, 4)),
       padding=st.sampled_from(["valid", "same"]), mode=st.sampled_from(["max", "average"]),
       seed=st.integers(0, 2**16))
def test_pool2d_equals_keras_pooling(height, width, channels, pool_size, stride, padding, mode, seed):
    if padding == "valid":
        pool_size = min(pool_size, height, width)
    image = np.random.default_rng(seed).normal(size=(height, width, channels))
    layer_class = keras.layers.MaxPooling2D if mode == "max" else keras.layers.AveragePooling2D
    layer = layer_class(pool_size=pool_size, strides=stride, padding=padding)
    expected = np.asarray(layer(image[np.newaxis].astype("float32")))[0]
    result = pool2d(image, pool_size, stride, padding, mode)
    assert result.shape == expected.shape
    np.testing.assert_allclose(result, expected, atol=1e-4, rtol=1e-4)


@settings(max_examples=60, deadline=None)
@given(size=st.integers(1, 40), kernel=st.integers(1, 7), padding=st.sampled_from(["valid", "same"]),
       stride_dilation=st.sampled_from([(1, 1), (2, 1), (3, 1), (4, 1), (1, 2), (1, 3)]))
def test_formula_matches_keras_output_shape(size, kernel, padding, stride_dilation):
    stride, dilation = stride_dilation
    if padding == "valid" and dilation * (kernel - 1) + 1 > size:
        with pytest.raises(ConvolutionError):
            axis_formula(size, kernel, stride, padding, dilation)
        return
    formula = axis_formula(size, kernel, stride, padding, dilation)
    layer = keras.layers.Conv2D(1, (kernel, 1), strides=(stride, 1), padding=padding, dilation_rate=(dilation, 1))
    expected_rows = layer.compute_output_shape((1, size, 1, 1))[1]
    assert formula.output == expected_rows
    # The formula as the page prints it gives the same number.
    assert (size + formula.pad_before + formula.pad_after - dilation * (kernel - 1) - 1) // stride + 1 == expected_rows


def test_same_padding_puts_the_extra_pixel_at_the_bottom_right():
    # 6 pixels, kernel 2, stride 1: total padding 1, Keras adds it after the image.
    formula = axis_formula(6, 2, 1, "same")
    assert (formula.pad_before, formula.pad_after) == (0, 1)
    # A 2-D impulse at the top-left corner: only a kernel applied with asymmetric padding keeps it there.
    image = np.zeros((4, 4))
    image[0, 0] = 1.0
    kernel = np.array([[1.0, 2.0], [3.0, 4.0]])
    result = conv2d(image, kernel, padding="same")
    assert result[0, 0] == 1.0  # Window at (0, 0) covers the impulse with its top-left weight.


def test_a_2d_kernel_is_used_for_every_channel():
    image = np.random.default_rng(1).random((5, 5, 3))
    kernel = make_kernel("sobel_x", 3)
    assert np.allclose(conv2d(image, kernel), conv2d(image, np.repeat(kernel[:, :, None], 3, axis=2)))


@pytest.mark.parametrize("arguments, key", [
    (dict(image=np.ones((3, 3)), kernel=np.ones((5, 5))), "conv.error.kernel_too_big"),
    (dict(image=np.ones((9, 9)), kernel=np.ones((3, 3)), stride=2, dilation=2), "conv.error.stride_and_dilation"),
    (dict(image=np.ones((9, 9)), kernel=np.ones((3, 3)), padding="full"), "conv.error.padding"),
    (dict(image=np.ones((9, 9, 3)), kernel=np.ones((3, 3, 2))), "conv.error.kernel_channels"),
    (dict(image=np.ones((9, 9)), kernel=np.array([[1.0, np.nan], [0.0, 1.0]])), "conv.error.not_finite"),
    (dict(image=np.ones((9, 9)), kernel=np.ones((3, 3)), stride=0), "conv.error.integer"),
    (dict(image=np.ones(9), kernel=np.ones((3, 3))), "conv.error.image_shape"),
])
def test_bad_input_raises_a_plain_value_error(arguments, key):
    with pytest.raises(ValueError) as caught:
        conv2d(**arguments)
    assert caught.value.key == key
    assert caught.value.text("ko") != str(caught.value)  # Translated for Korean learners.


def test_kernel_too_big_message_says_how_to_fix():
    with pytest.raises(ConvolutionError, match="smaller kernel.*'same' padding"):
        conv2d(np.ones((4, 4)), np.ones((3, 3)), dilation=2)


def test_classic_presets_have_their_textbook_values():
    assert make_kernel("sobel_x", 3).tolist() == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    assert make_kernel("sobel_y", 3).tolist() == [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
    assert make_kernel("emboss", 3).tolist() == [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]
    assert make_kernel("laplacian", 3).tolist() == [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]


@pytest.mark.parametrize("name", list(KERNELS))
@pytest.mark.parametrize("size", KERNEL_SIZES)
def test_every_preset_does_its_job_at_every_size(name, size):
    kernel = make_kernel(name, size)
    assert kernel.shape == (size, size)
    flat = np.full((size + 4, size + 4), 0.7)
    response = conv2d(flat, kernel)
    if name in ("sobel_x", "sobel_y", "laplacian"):
        assert np.allclose(response, 0.0)  # Edge detectors see nothing on a flat image.
    elif name != "emboss":
        assert np.allclose(response, 0.7)  # Blurs, sharpen and identity keep a flat image's brightness.
    ramp = np.tile(np.arange(size + 4, dtype=float), (size + 4, 1))  # Brighter to the right.
    if name == "sobel_x":
        assert (conv2d(ramp, kernel) > 0).all()
    if name == "sobel_y":
        assert np.allclose(conv2d(ramp, kernel), 0.0)


def test_unknown_preset_or_size_is_refused():
    with pytest.raises(ConvolutionError):
        make_kernel("blur_everything")
    with pytest.raises(ConvolutionError):
        make_kernel("identity", 4)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_samples_load_offline_in_range(name):
    image = load_sample(name)
    assert image.ndim in (2, 3) and image.dtype == np.float32
    assert 0.0 <= image.min() and image.max() <= 1.0 and image.max() > image.min()
    assert max(image.shape[:2]) <= 256


def test_upload_of_a_big_png_is_downscaled_and_rgba_becomes_rgb():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (600, 300), (255, 0, 0, 128)).save(buffer, format="PNG")
    loaded = decode_upload(buffer.getvalue(), "big.png")
    assert loaded.downscaled and loaded.original_size == (300, 600)
    assert loaded.pixels.shape == (128, 256, 3)
    assert loaded.pixels[..., 0].min() > 0.99 and 0.4 < loaded.pixels[..., 1].mean() < 0.6  # Red over white.


@pytest.mark.parametrize("data, key", [
    (b"", "conv.error.upload_empty"),
    (b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "conv.error.upload_not_image"),
    (b"name,value\n1,2\n", "conv.error.upload_not_image"),
])
def test_corrupt_uploads_get_a_clear_message(data, key):
    with pytest.raises(SampleError) as caught:
        decode_upload(data, "photo.png")
    assert caught.value.key == key


def test_a_palette_decompression_bomb_is_refused_by_the_one_pixel_cap(monkeypatch):
    from PIL import ImageFile

    from playground.data.images import MAX_UPLOAD_MEGAPIXELS
    from tests.helpers import palette_bomb_png

    bomb = palette_bomb_png(13_000)
    assert len(bomb) < 1024 * 1024  # a small file that is 169 megapixels

    def decoded(*args, **kwargs):
        raise AssertionError("the bomb's pixels were being decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)  # refused from the header, never decoded
    with pytest.raises(SampleError) as caught:
        decode_upload(bomb, "tiny.png")
    assert caught.value.key == "conv.error.upload_too_many_pixels"
    assert caught.value.fields["pixels"] == "169" and caught.value.fields["limit"] == f"{MAX_UPLOAD_MEGAPIXELS:.0f}"
    assert "'tiny.png' is too large (169 megapixels" in str(caught.value)
