"""Augmentation for the default digit model, and canvas renderings of MNIST digits for measuring it.

``augment`` draws one variant of a 28×28 MNIST digit the way drawn digits differ from MNIST scans;
``render_as_canvas`` renders a digit as the Draw page's canvas returns it. Everything random comes from the
``rng`` the caller passes, so a seed gives the same images.
"""

from __future__ import annotations

import numpy as np

from playground.labs.digits import DIGIT_SIZE

UPSCALE = 4  # Augment at 112×112 so that dilation by one pixel is a fine change in stroke width.


def augment(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draws one random "hand-drawn" variant of a 28×28 MNIST digit, as a large light-on-dark image.

    Args:
        digit: (28, 28) float in [0, 1].
        rng: The random generator (seeded by the caller for reproducibility).

    Returns:
        (160, 160) float32 in [0, 1]: rotated ±15°, sheared, scaled with aspect change, strokes
        dilated or eroded, contrast raised; ``preprocess`` then normalises it like a drawing.
    """
    from PIL import Image
    from scipy import ndimage

    size = DIGIT_SIZE * UPSCALE
    large = np.asarray(Image.fromarray(digit, mode="F").resize((size, size), Image.Resampling.BILINEAR))
    angle = np.deg2rad(rng.uniform(-15, 15))
    shear = rng.uniform(-0.2, 0.2)
    scale_y, scale_x = rng.uniform(0.8, 1.2, size=2)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    forward = rotation @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([scale_y, scale_x])
    inverse = np.linalg.inv(forward)
    output_size = 160
    centre_in = np.array([size / 2, size / 2])
    centre_out = np.array([output_size / 2, output_size / 2])
    offset = centre_in - inverse @ centre_out
    warped = ndimage.affine_transform(large, inverse, offset=offset, output_shape=(output_size, output_size), order=1)
    # Stroke thickness: mostly thicker (people draw with a fat brush), sometimes thinner.
    change = int(rng.choice([-4, -2, 0, 0, 2, 4, 6, 8, 10]))
    if change > 0:
        warped = ndimage.grey_dilation(warped, footprint=_disk(change // 2))
    elif change < 0:
        warped = ndimage.grey_erosion(warped, footprint=_disk(-change // 2))
    # Canvas strokes are solid with soft edges, scans are grey: raise contrast by a random gain.
    gain = rng.uniform(1.0, 3.0)
    return np.clip(warped * gain, 0.0, 1.0).astype(np.float32)


def _disk(radius: int) -> np.ndarray:
    span = np.arange(-radius, radius + 1)
    return (span[:, None] ** 2 + span[None, :] ** 2) <= radius**2


def render_as_canvas(digit: np.ndarray, rng: np.random.Generator, brush: int = 18) -> np.ndarray:
    """Renders a 28×28 digit as the Draw page's canvas would return it.

    The digit is upscaled into a 280×280 black canvas at a random size and place, its strokes
    thickened to roughly ``brush`` pixels, white, and returned as opaque RGBA uint8.
    """
    from PIL import Image
    from scipy import ndimage

    glyph_size = int(rng.integers(110, 220))
    large = np.asarray(
        Image.fromarray(digit, mode="F").resize((glyph_size, glyph_size), Image.Resampling.BILINEAR)
    )
    strokes = (large > 0.35).astype(np.float32)
    strokes = ndimage.grey_dilation(strokes, footprint=_disk(max(1, brush // 6)))
    canvas = np.zeros((280, 280), dtype=np.float32)
    top, left = (int(value) for value in rng.integers(0, 280 - glyph_size + 1, size=2))
    canvas[top : top + glyph_size, left : left + glyph_size] = strokes
    gray = (canvas * 255).astype(np.uint8)
    return np.dstack([gray, gray, gray, np.full_like(gray, 255)])
