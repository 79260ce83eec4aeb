"""Kernel presets: a name a learner picks → a square kernel of a chosen size (3, 5 or 7).

Each preset is a function of the size, so every classic 3×3 kernel also has a 5×5 and 7×7 version that
does the same job (a wider blur, a smoother edge detector). Kernels are 2-D; for an RGB image the lab
uses the same kernel for every channel unless the learner edits one per channel.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from playground.labs.convolution import ConvolutionError

KERNEL_SIZES = (3, 5, 7)


def _binomial(length: int) -> np.ndarray:
    """Row ``length - 1`` of Pascal's triangle: 1 2 1, 1 4 6 4 1, … (a discrete Gaussian)."""
    row = np.array([1.0])
    for _ in range(length - 1):
        row = np.convolve(row, [1.0, 1.0])
    return row


def _identity(size: int) -> np.ndarray:
    kernel = np.zeros((size, size))
    kernel[size // 2, size // 2] = 1.0
    return kernel


def _box_blur(size: int) -> np.ndarray:
    return np.full((size, size), 1.0 / size**2)


def _gaussian_blur(size: int) -> np.ndarray:
    row = _binomial(size)
    kernel = np.outer(row, row)
    return kernel / kernel.sum()


def _sharpen(size: int) -> np.ndarray:
    # Twice the pixel minus its neighbourhood average: for 3×3 this is the familiar centre-5, cross −1
    # kernel's cousin with all eight neighbours; the weights sum to 1 so brightness is kept.
    return 2.0 * _identity(size) - _box_blur(size)


def _sobel_x(size: int) -> np.ndarray:
    # Smooth along rows (binomial), differentiate along columns; 3×3 gives [[-1,0,1],[-2,0,2],[-1,0,1]].
    derivative = np.convolve(_binomial(size - 1), [-1.0, 1.0])
    return np.outer(_binomial(size), derivative)


def _sobel_y(size: int) -> np.ndarray:
    return _sobel_x(size).T


def _laplacian(size: int) -> np.ndarray:
    # Centre minus every neighbour: flat regions give 0, edges and outlines light up.
    kernel = -np.ones((size, size))
    kernel[size // 2, size // 2] = size**2 - 1
    return kernel


def _emboss(size: int) -> np.ndarray:
    # Weights grow from the top-left to the bottom-right; 3×3 gives [[-2,-1,0],[-1,1,1],[0,1,2]].
    offsets = np.arange(size) - size // 2
    kernel = (offsets[:, np.newaxis] + offsets[np.newaxis, :]).astype(float)
    kernel[size // 2, size // 2] = 1.0
    return kernel


KERNELS: dict[str, Callable[[int], np.ndarray]] = {
    "identity": _identity,
    "box_blur": _box_blur,
    "gaussian_blur": _gaussian_blur,
    "sharpen": _sharpen,
    "sobel_x": _sobel_x,
    "sobel_y": _sobel_y,
    "laplacian": _laplacian,
    "emboss": _emboss,
}


def make_kernel(name: str, size: int = 3) -> np.ndarray:
    """Returns the preset ``name`` as a (size, size) float64 array.

    Args:
        name: A key of ``KERNELS``.
        size: One of ``KERNEL_SIZES``.

    Raises:
        ConvolutionError: For an unknown preset or size.
    """
    if name not in KERNELS:
        raise ConvolutionError("conv.error.unknown_kernel", name=name)
    if size not in KERNEL_SIZES:
        raise ConvolutionError("conv.error.kernel_size", sizes=", ".join(map(str, KERNEL_SIZES)), size=size)
    return KERNELS[name](size)
