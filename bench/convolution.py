"""Benchmark of the Convolution lab's numpy core.

Run ``python bench/convolution.py``. Prints ``name: value`` lines, each the median of several runs:
conv2d_512x512x3_k5_ms (a 512×512 RGB image, a 5×5×3 kernel, 'same' padding; target well under 100 ms),
frames_28x28_ms (every animation frame of a 28×28 digit with a 3×3 kernel and 'same' padding, 784 frames;
target under 50 ms), pool2d_512x512x3_ms (2×2 max pooling of the same image), and
animation_figure_12x12_ms (the plotly figure of a 12×12 region, what the page actually animates).
"""

from __future__ import annotations

import numpy as np

from timing import median_ms  # bench/ is on the path when a benchmark runs.


def main(repeats: int = 15) -> None:
    """Measures and prints the figures."""
    from playground.charts.convolution import animation_figure
    from playground.labs.convolution import conv2d, convolution_frames, pool2d
    from playground.data.samples import mnist_digit

    rng = np.random.default_rng(0)
    image = rng.random((512, 512, 3))
    kernel = rng.normal(size=(5, 5, 3))
    digit = mnist_digit(7)
    region = digit[8:20, 8:20]
    print(f"conv2d_512x512x3_k5_ms: {median_ms(lambda: conv2d(image, kernel, padding='same'), repeats):.1f}")
    print(f"frames_28x28_ms: {median_ms(lambda: convolution_frames(digit, np.ones((3, 3)), padding='same'), repeats):.1f}")
    print(f"pool2d_512x512x3_ms: {median_ms(lambda: pool2d(image, 2), repeats):.1f}")
    frames = convolution_frames(region, np.ones((3, 3)), padding="same")
    print(f"animation_figure_12x12_ms: {median_ms(lambda: animation_figure(frames), 3):.1f}")


if __name__ == "__main__":
    main()
