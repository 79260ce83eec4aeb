"""Augmentation for the default digit model: MNIST digits made to look like other people's handwriting.

``augment`` draws one variant of a 28×28 MNIST digit the way another writer (or the Draw page's brush)
would have made it:

- **elastic distortion** (Simard, Steinkraus and Platt 2003) on most copies: a random displacement per
  pixel and axis, uniform in [-1, 1], smoothed by a Gaussian and scaled, so strokes bend and loops change
  shape locally, which no affine map does;
- **slant and rotation**: shear of ±0.3 (real handwriting leans up to about that) and rotation of ±15°;
- **proportions**: height and width scaled independently by 0.8–1.2 (``preprocess`` keeps the aspect
  ratio, so a narrower or wider digit stays so);
- **stroke width**: strokes thickened (mostly) or thinned by grey dilation or erosion;
- **contrast**: a random gain makes grey scans solid like a canvas brush.

It works at ``UPSCALE``× the MNIST size (112 px) so that one pixel of dilation is a fine change of stroke
width. Position and overall size are not varied: ``preprocess`` crops every picture to its strokes, fits
them in 20×20 and centres them by mass, which undoes any shift or uniform scale (as MNIST's own
preprocessing did for its writers).

``render_as_canvas`` renders a digit as the Draw page's canvas returns it (for measuring, not training).
Everything random comes from the ``rng`` the caller passes, so a seed gives the same images.
"""

from __future__ import annotations

import numpy as np

from playground.labs.digits import DIGIT_SIZE

UPSCALE = 4  # Augment at 112×112 so that dilation by one pixel is a fine change in stroke width.
OUTPUT_SIZE = 160  # The augmented picture: room for the 112-px digit rotated, sheared and enlarged.
# Elastic distortion in MNIST pixels (28-px scale): Simard et al.'s sigma 4 with alpha 34 bends strokes
# visibly while every digit in a grid of 10 × 8 copies stayed legible (checked by eye and by the shipped
# model in tests/test_digit_augment.py). Alpha is drawn per copy up to ELASTIC_ALPHA, so some copies
# bend a little and some a lot.
ELASTIC_SIGMA = 4.0
ELASTIC_ALPHA = 34.0
ELASTIC_SHARE = 0.8  # The share of copies distorted; the rest keep the writer's own stroke shapes.
MAX_SHEAR = 0.3
MAX_ROTATION_DEGREES = 15.0


def augment(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draws one random "other writer" variant of a 28×28 MNIST digit, as a large light-on-dark image.

    Args:
        digit: (28, 28) float in [0, 1].
        rng: The random generator (seeded by the caller for reproducibility).

    Returns:
        (160, 160) float32 in [0, 1]: elastically distorted (most copies), rotated, slanted, scaled with
        aspect change, strokes dilated or eroded, contrast raised; ``preprocess`` then normalises it like
        a drawing.
    """
    from PIL import Image
    from scipy import ndimage

    size = DIGIT_SIZE * UPSCALE
    large = np.asarray(Image.fromarray(digit, mode="F").resize((size, size), Image.Resampling.BILINEAR))
    coordinates = _affine_coordinates(rng, size)
    if rng.random() < ELASTIC_SHARE:
        coordinates = coordinates + elastic_displacement(rng, alpha=rng.uniform(0.3, 1.0) * ELASTIC_ALPHA)
    # One resampling for the affine map and the elastic field together: cheaper and sharper than two.
    warped = ndimage.map_coordinates(large, coordinates, order=1, mode="constant", cval=0.0)
    # Stroke thickness: mostly thicker (people draw with a fat brush), sometimes thinner.
    change = int(rng.choice([-4, -2, 0, 0, 2, 4, 6, 8, 10]))
    if change > 0:
        warped = ndimage.grey_dilation(warped, footprint=_disk(change // 2))
    elif change < 0:
        warped = ndimage.grey_erosion(warped, footprint=_disk(-change // 2))
    # Canvas strokes are solid with soft edges, scans are grey: raise contrast by a random gain.
    gain = rng.uniform(1.0, 3.0)
    return np.clip(warped * gain, 0.0, 1.0).astype(np.float32)


def _affine_coordinates(rng: np.random.Generator, size: int) -> np.ndarray:
    """For each output pixel, where to read the (size × size) input: random rotation, shear and scale.

    Returns:
        (2, OUTPUT_SIZE, OUTPUT_SIZE) float input (row, column) coordinates, centre mapped to centre.
    """
    angle = np.deg2rad(rng.uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES))
    shear = rng.uniform(-MAX_SHEAR, MAX_SHEAR)
    scale_y, scale_x = rng.uniform(0.8, 1.2, size=2)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    forward = rotation @ np.array([[1.0, shear], [0.0, 1.0]]) @ np.diag([scale_y, scale_x])
    inverse = np.linalg.inv(forward)
    span = np.arange(OUTPUT_SIZE, dtype=np.float64) - OUTPUT_SIZE / 2
    output_rows, output_columns = np.meshgrid(span, span, indexing="ij")
    rows = inverse[0, 0] * output_rows + inverse[0, 1] * output_columns + size / 2
    columns = inverse[1, 0] * output_rows + inverse[1, 1] * output_columns + size / 2
    return np.stack([rows, columns])


def elastic_displacement(rng: np.random.Generator, alpha: float = ELASTIC_ALPHA,
                         sigma: float = ELASTIC_SIGMA) -> np.ndarray:
    """A smooth random displacement field for the augmented picture (Simard et al. 2003).

    One uniform [-1, 1] value per MNIST-sized pixel and axis, smoothed by a Gaussian of ``sigma`` and
    multiplied by ``alpha``, both in MNIST pixels. The field is drawn on a grid of MNIST-sized cells
    (``OUTPUT_SIZE / UPSCALE`` = 40 a side) and enlarged bilinearly: smoothed by sigma 4, it has no detail a
    finer grid would add, and smoothing a 160×160 grid with sigma 16 costs 4.8 ms instead of 0.4 ms.

    Args:
        rng: The random generator.
        alpha: Strength, in MNIST pixels (each axis moves by about alpha / 25 MNIST pixels on average:
            1.3 at alpha 34).
        sigma: Smoothness, in MNIST pixels: larger bends more gently.

    Returns:
        (2, OUTPUT_SIZE, OUTPUT_SIZE) float displacements (rows, columns) in output pixels.
    """
    from PIL import Image
    from scipy import ndimage

    cells = OUTPUT_SIZE // UPSCALE
    noise = rng.uniform(-1.0, 1.0, size=(2, cells, cells))
    fields = []
    for axis in range(2):
        smooth = ndimage.gaussian_filter(noise[axis], sigma, mode="reflect") * (alpha * UPSCALE)
        fields.append(np.asarray(Image.fromarray(smooth.astype(np.float32), mode="F")
                                 .resize((OUTPUT_SIZE, OUTPUT_SIZE), Image.Resampling.BILINEAR)))
    return np.stack(fields)


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
