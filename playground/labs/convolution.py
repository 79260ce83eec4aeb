"""Convolution and pooling in numpy, exactly as Keras computes them, and the frames that animate them.

``conv2d`` equals a one-filter ``keras.layers.Conv2D`` without bias (a cross-correlation: the kernel is
not flipped), including Keras's asymmetric 'same' padding (the extra row/column goes to the bottom/right
when the total padding is odd) and dilation. ``pool2d`` equals ``MaxPooling2D`` / ``AveragePooling2D``
per channel; like Keras, average pooling with 'same' padding averages only over real (non-padding) cells.

Everything is vectorised with ``numpy.lib.stride_tricks.sliding_window_view``: no Python loop runs over
pixels. The animation frames (``convolution_frames``, ``pooling_frames``) are plain arrays, one row per
output cell; ``playground.charts.convolution`` turns them into plotly figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from playground.errors import LearnerError

PADDINGS = ("valid", "same")
POOL_MODES = ("max", "average")
STRIDE_RANGE = (1, 4)
DILATION_RANGE = (1, 3)


class ConvolutionError(LearnerError):
    """Bad input for the convolution lab, with a message a learner can act on (a ``conv.error.*`` key)."""


@dataclass(frozen=True)
class Padding:
    """Zeros added around the input, in pixels, on each side (as Keras adds them)."""

    top: int = 0
    bottom: int = 0
    left: int = 0
    right: int = 0

    @property
    def total(self) -> int:
        """Padding pixels on all four sides together (0 for 'valid', and for 'same' when the windows fit)."""
        return self.top + self.bottom + self.left + self.right


@dataclass(frozen=True)
class SizeFormula:
    """The numbers of ``out = floor((n + p_before + p_after - d*(k-1) - 1) / s) + 1`` for one axis.

    Attributes:
        size: Input size n along the axis.
        kernel: Kernel (or pool) size k.
        stride: Stride s.
        dilation: Dilation d (1 for pooling).
        pad_before: Padding Keras adds at the top / left.
        pad_after: Padding Keras adds at the bottom / right (one more than ``pad_before`` when the total is odd).
        output: The output size.
    """

    size: int
    kernel: int
    stride: int
    dilation: int
    pad_before: int
    pad_after: int
    output: int


def _check_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low or (high and value > high):
        raise ConvolutionError("conv.error.integer", name=name, value=value, low=low, high=high or "∞")
    return int(value)


def _check_padding(padding: str) -> str:
    if padding not in PADDINGS:
        raise ConvolutionError("conv.error.padding", value=padding)
    return padding


def axis_formula(size: int, kernel: int, stride: int = 1, padding: str = "valid", dilation: int = 1) -> SizeFormula:
    """Computes the output size and the padding Keras adds along one axis.

    Args:
        size: Input size n.
        kernel: Kernel size k.
        stride: Stride s.
        padding: "valid" (no padding) or "same" (output = ceil(n / s)).
        dilation: Dilation d; the kernel then reaches d*(k-1)+1 pixels.

    Returns:
        The formula's numbers, including the output size.

    Raises:
        ConvolutionError: When the (dilated) kernel is bigger than a 'valid' input, or for bad arguments.
    """
    _check_padding(padding)
    reach = dilation * (kernel - 1) + 1
    if padding == "same":
        output = math.ceil(size / stride)
        # TensorFlow's rule: pad just enough that the last window fits; odd totals put the extra at the end.
        total = max((output - 1) * stride + reach - size, 0)
        before, after = total // 2, total - total // 2
    else:
        if reach > size:
            raise ConvolutionError("conv.error.kernel_too_big", kernel=kernel, reach=reach, size=size)
        before = after = 0
    output = (size + before + after - reach) // stride + 1
    return SizeFormula(size, kernel, stride, dilation, before, after, output)


def _as_image(image: Any) -> np.ndarray:
    """Returns ``image`` as a finite float64 (H, W, C) array."""
    array = np.asarray(image, dtype=np.float64)
    if array.ndim == 2:
        array = array[:, :, np.newaxis]
    if array.ndim != 3 or min(array.shape) < 1:
        raise ConvolutionError("conv.error.image_shape", shape=tuple(np.shape(image)))
    if not np.all(np.isfinite(array)):
        raise ConvolutionError("conv.error.not_finite")
    return array


def _as_kernel(kernel: Any, channels: int) -> np.ndarray:
    """Returns ``kernel`` as a float64 (kh, kw, C) array; a 2-D kernel is used for every channel."""
    array = np.asarray(kernel, dtype=np.float64)
    if array.ndim == 2:
        array = np.repeat(array[:, :, np.newaxis], channels, axis=2)
    if array.ndim != 3 or min(array.shape) < 1:
        raise ConvolutionError("conv.error.kernel_shape", shape=tuple(np.shape(kernel)))
    if array.shape[2] != channels:
        raise ConvolutionError("conv.error.kernel_channels", kernel_channels=array.shape[2], channels=channels)
    if not np.all(np.isfinite(array)):
        raise ConvolutionError("conv.error.not_finite")
    return array


def _check_stride_dilation(stride: int, dilation: int) -> tuple[int, int]:
    stride = _check_int("stride", stride, 1)
    dilation = _check_int("dilation", dilation, 1)
    if stride > 1 and dilation > 1:
        # Keras's Conv2D rejects this combination too; mirror it so results always have a Keras twin.
        raise ConvolutionError("conv.error.stride_and_dilation", stride=stride, dilation=dilation)
    return stride, dilation


@dataclass(frozen=True)
class _Windows:
    """Every window of a padded input: ``values[i, j, c, a, b]`` is tap (a, b) of output cell (i, j)."""

    padded: np.ndarray
    padding: Padding
    values: np.ndarray
    rows: SizeFormula
    cols: SizeFormula


def _windows(image: np.ndarray, kernel_shape: tuple[int, int], stride: int, padding: str, dilation: int,
             fill: float = 0.0) -> _Windows:
    rows = axis_formula(image.shape[0], kernel_shape[0], stride, padding, dilation)
    cols = axis_formula(image.shape[1], kernel_shape[1], stride, padding, dilation)
    pad = Padding(rows.pad_before, rows.pad_after, cols.pad_before, cols.pad_after)
    padded = np.pad(image, ((pad.top, pad.bottom), (pad.left, pad.right), (0, 0)), constant_values=fill)
    reach = (dilation * (kernel_shape[0] - 1) + 1, dilation * (kernel_shape[1] - 1) + 1)
    view = sliding_window_view(padded, reach, axis=(0, 1))
    # Keep every stride-th window and every dilation-th tap; both are views, nothing is copied.
    view = view[::stride, ::stride, :, ::dilation, ::dilation][: rows.output, : cols.output]
    return _Windows(padded, pad, view, rows, cols)


def conv2d(image: Any, kernel: Any, stride: int = 1, padding: str = "valid", dilation: int = 1) -> np.ndarray:
    """Convolves like a one-filter ``keras.layers.Conv2D(use_bias=False)``.

    Args:
        image: (H, W) or (H, W, C) numbers.
        kernel: (kh, kw) — used for every channel, summed like Keras sums channels — or (kh, kw, C).
        stride: Step of the window, 1 or more (same for both axes).
        padding: "valid" or "same" (Keras's asymmetric zero padding).
        dilation: Gap between kernel taps, 1 or more; Keras forbids stride > 1 together with dilation > 1.

    Returns:
        The (out_h, out_w) float64 feature map.

    Raises:
        ConvolutionError: (a ``ValueError``) for bad shapes or arguments, or a kernel bigger than the input.
    """
    array = _as_image(image)
    weights = _as_kernel(kernel, array.shape[2])
    stride, dilation = _check_stride_dilation(stride, dilation)
    windows = _windows(array, weights.shape[:2], stride, _check_padding(padding), dilation)
    return np.einsum("hwcij,ijc->hw", windows.values, weights)


def _pool_arguments(pool_size: int, stride: int | None, padding: str, mode: str) -> tuple[int, int, str, str]:
    pool_size = _check_int("pool_size", pool_size, 1)
    stride = pool_size if stride is None else _check_int("stride", stride, 1)
    if mode not in POOL_MODES:
        raise ConvolutionError("conv.error.pool_mode", value=mode)
    return pool_size, stride, _check_padding(padding), mode


def pool2d(image: Any, pool_size: int = 2, stride: int | None = None, padding: str = "valid",
           mode: str = "max") -> np.ndarray:
    """Pools each channel like ``keras.layers.MaxPooling2D`` / ``AveragePooling2D``.

    Args:
        image: (H, W) or (H, W, C) numbers.
        pool_size: Side of the square window.
        stride: Step of the window; ``pool_size`` when None (Keras's default).
        padding: "valid" or "same". With 'same', padding never wins a max and is left out of an average.
        mode: "max" or "average".

    Returns:
        An array of the input's rank: (out_h, out_w) or (out_h, out_w, C).

    Raises:
        ConvolutionError: (a ``ValueError``) for bad shapes or arguments, or a window bigger than the input.
    """
    array = _as_image(image)
    pool_size, stride, padding, mode = _pool_arguments(pool_size, stride, padding, mode)
    if mode == "max":
        windows = _windows(array, (pool_size, pool_size), stride, padding, 1, fill=-np.inf)
        result = windows.values.max(axis=(3, 4))
    else:
        windows = _windows(array, (pool_size, pool_size), stride, padding, 1)
        ones = _windows(np.ones(array.shape[:2] + (1,)), (pool_size, pool_size), stride, padding, 1)
        counts = ones.values.sum(axis=(3, 4))
        result = windows.values.sum(axis=(3, 4)) / counts
    return result if np.ndim(image) == 3 else result[:, :, 0]


@dataclass(frozen=True)
class WindowFrames:
    """One animation frame per output cell, in row-major order (the order Keras's output is read).

    Coordinates are in the padded input: the real image starts at (padding.top, padding.left).

    Attributes:
        operation: "conv", "max" or "average".
        padded: The padded input (H + pads, W + pads, C); padding cells are 0 (also for max pooling, where
            they are drawn as zeros but never win).
        padding: Padding added on each side.
        kernel: (kh, kw, C) weights for "conv"; ones for pooling.
        stride: Window step.
        dilation: Gap between taps.
        output: The full result, (out_h, out_w) for "conv", (out_h, out_w, C) for pooling.
        rows: Output row of each frame, shape (n,).
        cols: Output column of each frame, shape (n,).
        values: Input values under the taps, shape (n, kh, kw, C).
        products: values × kernel for "conv" (same shape), else equal to ``values``.
        results: The value written at each frame's output cell, shape (n,) for conv or (n, C) for pooling.
        winners: For "max", the (tap row, tap col) of the winning value per frame and channel, (n, C, 2).
        is_padding: True where a tap lies on padding, shape (n, kh, kw).
    """

    operation: str
    padded: np.ndarray
    padding: Padding
    kernel: np.ndarray
    stride: int
    dilation: int
    output: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    products: np.ndarray
    results: np.ndarray
    winners: np.ndarray | None
    is_padding: np.ndarray

    @property
    def count(self) -> int:
        """Number of frames (= output cells)."""
        return int(self.rows.size)

    def receptive_field(self, frame: int) -> tuple[int, int, int, int]:
        """Returns (top, left, bottom, right) of a frame's window in padded coordinates, inclusive."""
        top = int(self.rows[frame]) * self.stride
        left = int(self.cols[frame]) * self.stride
        height = self.dilation * (self.kernel.shape[0] - 1)
        width = self.dilation * (self.kernel.shape[1] - 1)
        return top, left, top + height, left + width

    def receptive_field_in_image(self, frame: int) -> tuple[int, int, int, int]:
        """Like ``receptive_field`` but in the unpadded image's coordinates (negative on top/left padding)."""
        top, left, bottom, right = self.receptive_field(frame)
        return (top - self.padding.top, left - self.padding.left,
                bottom - self.padding.top, right - self.padding.left)


def _frames(operation: str, array: np.ndarray, weights: np.ndarray, stride: int, padding: str,
            dilation: int) -> WindowFrames:
    kernel_shape = weights.shape[:2]
    windows = _windows(array, kernel_shape, stride, padding, dilation)
    mask_windows = _windows(np.zeros(array.shape[:2] + (1,)), kernel_shape, stride, padding, dilation, fill=1.0)
    out_h, out_w = windows.rows.output, windows.cols.output
    rows, cols = np.divmod(np.arange(out_h * out_w), out_w)
    # (n, C, kh, kw) → (n, kh, kw, C): one row per frame, taps first, like the kernel.
    values = windows.values.reshape(out_h * out_w, array.shape[2], *kernel_shape).transpose(0, 2, 3, 1)
    is_padding = mask_windows.values.reshape(out_h * out_w, *kernel_shape).astype(bool)
    winners = None
    if operation == "conv":
        products = values * weights
        results = products.sum(axis=(1, 2, 3))
        output = results.reshape(out_h, out_w)
    else:
        products = values
        if operation == "max":
            candidates = np.where(is_padding[..., np.newaxis], -np.inf, values)
            flat = candidates.reshape(values.shape[0], -1, array.shape[2])
            best = flat.argmax(axis=1)
            winners = np.stack(np.divmod(best, kernel_shape[1]), axis=-1)
            results = flat.max(axis=1)
        else:
            real = ~is_padding[..., np.newaxis]
            results = (values * real).sum(axis=(1, 2)) / real.sum(axis=(1, 2))
        output = results.reshape(out_h, out_w, array.shape[2])
    return WindowFrames(operation, windows.padded, windows.padding, weights, stride, dilation, output,
                        rows, cols, values, products, results, winners, is_padding)


def convolution_frames(image: Any, kernel: Any, stride: int = 1, padding: str = "valid",
                       dilation: int = 1) -> WindowFrames:
    """Builds the frames of a convolution animation (arguments as for ``conv2d``).

    Returns:
        ``WindowFrames`` whose ``output`` equals ``conv2d`` with the same arguments.
    """
    array = _as_image(image)
    weights = _as_kernel(kernel, array.shape[2])
    stride, dilation = _check_stride_dilation(stride, dilation)
    return _frames("conv", array, weights, stride, _check_padding(padding), dilation)


def pooling_frames(image: Any, pool_size: int = 2, stride: int | None = None, padding: str = "valid",
                   mode: str = "max") -> WindowFrames:
    """Builds the frames of a pooling animation (arguments as for ``pool2d``).

    Returns:
        ``WindowFrames`` whose ``output`` equals ``pool2d`` (as (H, W, C)) with the same arguments.
    """
    array = _as_image(image)
    pool_size, stride, padding, mode = _pool_arguments(pool_size, stride, padding, mode)
    return _frames(mode, array, np.ones((pool_size, pool_size, array.shape[2])), stride, padding, 1)


def crop(image: Any, top: int, left: int, size: int) -> np.ndarray:
    """Returns the ``size``×``size`` region at (top, left), moved inside the image if it would stick out.

    Args:
        image: (H, W) or (H, W, C) array.
        top: Requested top row.
        left: Requested left column.
        size: Side of the region; clipped to the image.
    """
    array = np.asarray(image)
    height, width = min(size, array.shape[0]), min(size, array.shape[1])
    top = int(np.clip(top, 0, array.shape[0] - height))
    left = int(np.clip(left, 0, array.shape[1] - width))
    return array[top: top + height, left: left + width]
