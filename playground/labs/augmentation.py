"""Data augmentation: the notes' ``ImageDataGenerator`` arguments and their Keras 3 preprocessing layers.

The course notes augment with ``ImageDataGenerator(rotation_range=…, width_shift_range=…, …)``, which
Keras 3 no longer has. Its arguments map onto preprocessing layers that run on each batch while
training (and pass images through untouched at inference)::

    rotation_range=r (degrees)      → RandomRotation(factor=r / 360)      (factor is a share of a full turn)
    width_shift_range=w, height_…=h → RandomTranslation(height_factor=h, width_factor=w)
    shear_range=s (degrees)         → RandomShear(x_factor=tan(s))        (a shear as a share of the width)
    zoom_range=z                    → RandomZoom(height_factor=z, width_factor=z)   (±z)
    horizontal_flip=True            → RandomFlip("horizontal")
    rescale=1/255                   → Rescaling(1/255)

``fill_mode="nearest"`` everywhere, as ``ImageDataGenerator`` fills. ``AugmentationSettings`` holds the
notes' arguments once; ``augmentation_layers`` builds the layers, ``augmented_copies`` draws a grid of
random copies, and the two ``…_code`` functions print both ways of writing it. Keras is imported lazily.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

FILL_MODE = "nearest"  # ImageDataGenerator's default fill, so both ways give the same pictures.
SHEAR_LIMIT = 60.0  # Degrees: tan grows without bound towards 90.


@dataclass(frozen=True)
class AugmentationSettings:
    """The notes' ``ImageDataGenerator`` arguments (zero / False / None: that transformation is off).

    Attributes:
        rotation_range: Largest rotation either way, in degrees (0–180).
        width_shift_range: Largest horizontal shift, as a share of the width (0–1).
        height_shift_range: Largest vertical shift, as a share of the height (0–1).
        shear_range: Largest shear angle either way, in degrees (0–60).
        zoom_range: Largest zoom in or out, as a share (0–1): 0.2 zooms between 80 % and 120 %.
        horizontal_flip: Whether half the copies are mirrored left to right.
        rescale: A factor every pixel is multiplied by (the notes' ``1./255``), or None.
    """

    rotation_range: float = 0.0
    width_shift_range: float = 0.0
    height_shift_range: float = 0.0
    shear_range: float = 0.0
    zoom_range: float = 0.0
    horizontal_flip: bool = False
    rescale: float | None = None

    def __post_init__(self) -> None:
        limits = {"rotation_range": 180.0, "width_shift_range": 1.0, "height_shift_range": 1.0,
                  "shear_range": SHEAR_LIMIT, "zoom_range": 1.0}
        for name, limit in limits.items():
            value = getattr(self, name)
            if not 0.0 <= float(value) <= limit:
                raise ValueError(f"{name} must be between 0 and {limit:g}, not {value}.")

    @property
    def is_identity(self) -> bool:
        """Whether no random transformation is on (the copies equal the image, up to ``rescale``)."""
        return not (self.rotation_range or self.width_shift_range or self.height_shift_range
                    or self.shear_range or self.zoom_range or self.horizontal_flip)

    def describe(self) -> str:
        """The arguments that are on, as the notes write them: ``rotation_range=10, zoom_range=0.1``."""
        return ", ".join(_argument(name, getattr(self, name)) for name in _active(self)) or "—"


# The notes' light augmentation for digits: no flips (a mirrored 2 is not a 2).
DIGIT_AUGMENTATION = AugmentationSettings(rotation_range=10, width_shift_range=0.1, height_shift_range=0.1,
                                          zoom_range=0.1)


def augmentation_layers(settings: AugmentationSettings, seed: int | None = None,
                        with_rescaling: bool = True) -> list[Any]:
    """The Keras 3 preprocessing layers equal to ``settings``, in the order ``ImageDataGenerator`` applies them.

    Args:
        settings: The notes' arguments.
        seed: Seed of the random layers (each gets its own, derived from it), or None.
        with_rescaling: Whether to end with ``Rescaling(rescale)`` when ``rescale`` is set.

    Returns:
        A list of layers, empty when nothing is on.
    """
    import keras

    def layer_seed(offset: int) -> int | None:
        return None if seed is None else int(seed) + offset

    layers: list[Any] = []
    if settings.rotation_range:
        layers.append(keras.layers.RandomRotation(settings.rotation_range / 360.0, fill_mode=FILL_MODE,
                                                  seed=layer_seed(1), name="random_rotation"))
    if settings.width_shift_range or settings.height_shift_range:
        layers.append(keras.layers.RandomTranslation(settings.height_shift_range, settings.width_shift_range,
                                                     fill_mode=FILL_MODE, seed=layer_seed(2), name="random_translation"))
    if settings.shear_range:
        layers.append(keras.layers.RandomShear(x_factor=math.tan(math.radians(settings.shear_range)),
                                               fill_mode=FILL_MODE, seed=layer_seed(3), name="random_shear"))
    if settings.zoom_range:
        layers.append(keras.layers.RandomZoom(settings.zoom_range, settings.zoom_range, fill_mode=FILL_MODE,
                                              seed=layer_seed(4), name="random_zoom"))
    if settings.horizontal_flip:
        layers.append(keras.layers.RandomFlip("horizontal", seed=layer_seed(5), name="random_flip"))
    if with_rescaling and settings.rescale is not None:
        layers.append(keras.layers.Rescaling(settings.rescale, name="rescaling"))
    return layers


def make_augmenter(settings: AugmentationSettings, seed: int | None = None) -> Any:
    """A ``keras.Sequential`` of the random layers (no rescaling), to call on a batch with ``training=True``."""
    import keras

    return keras.Sequential(augmentation_layers(settings, seed, with_rescaling=False), name="augmentation")


def augmented_copies(image: np.ndarray, settings: AugmentationSettings, count: int = 8, seed: int = 0) -> np.ndarray:
    """``count`` random copies of one image, made by the Keras layers as training would make them.

    Args:
        image: (H, W) or (H, W, C) pixels in [0, 1] (or 0–255 when ``settings.rescale`` brings them back).
        settings: The notes' arguments.
        count: Copies to draw (1–64).
        seed: Seed of the random transformations (another seed, other copies).

    Returns:
        (count, H, W, C) float32: what the model would receive.
    """
    if not 1 <= int(count) <= 64:
        raise ValueError("count must be between 1 and 64.")
    pixels = np.asarray(image, dtype="float32")
    if pixels.ndim == 2:
        pixels = pixels[..., None]
    batch = np.repeat(pixels[None], int(count), axis=0)
    for layer in augmentation_layers(settings, seed):
        batch = layer(batch, training=True)
    return np.asarray(batch, dtype="float32")


def image_data_generator_code(settings: AugmentationSettings) -> str:
    """The notes' way (Keras 2 / ``tf.keras`` only): an ``ImageDataGenerator`` and ``flow``."""
    arguments = ",\n".join(f"    {_argument(name, getattr(settings, name))}" for name in _active(settings, True))
    lines = ["from tensorflow.keras.preprocessing.image import ImageDataGenerator  # Keras 2 only", "",
             f"datagen = ImageDataGenerator(\n{arguments},\n    fill_mode='nearest',\n)" if arguments
             else "datagen = ImageDataGenerator()",
             "model.fit(datagen.flow(x_train, y_train, batch_size=32), epochs=20,",
             "          validation_data=(x_val, y_val))"]
    return "\n".join(lines)


def keras_layers_code(settings: AugmentationSettings) -> str:
    """The Keras 3 way: preprocessing layers in front of the model (active only while training)."""
    lines = ["import keras", "from keras import layers", "", "augmentation = keras.Sequential(["]
    for text in _layer_texts(settings):
        code, _, comment = text.partition("  # ")
        lines.append(f"    {code},  # {comment}" if comment else f"    {code},")
    lines += ["])", "", "model = keras.Sequential()", "model.add(keras.Input(shape=(28, 28, 1)))",
              "model.add(augmentation)  # random copies while training; unchanged at inference",
              "# model.add(...) the model's own layers, then model.compile(...)",
              "model.fit(x_train, y_train, epochs=20, validation_data=(x_val, y_val))"]
    return "\n".join(lines)


def _layer_texts(settings: AugmentationSettings) -> list[str]:
    texts = []
    if settings.rotation_range:
        texts.append(f"layers.RandomRotation({settings.rotation_range:g} / 360, fill_mode='nearest')")
    if settings.width_shift_range or settings.height_shift_range:
        texts.append(f"layers.RandomTranslation(height_factor={settings.height_shift_range:g}, "
                     f"width_factor={settings.width_shift_range:g}, fill_mode='nearest')")
    if settings.shear_range:
        texts.append(f"layers.RandomShear(x_factor={math.tan(math.radians(settings.shear_range)):.3f}, "
                     f"fill_mode='nearest')  # tan({settings.shear_range:g}°)")
    if settings.zoom_range:
        texts.append(f"layers.RandomZoom({settings.zoom_range:g}, {settings.zoom_range:g}, fill_mode='nearest')")
    if settings.horizontal_flip:
        texts.append("layers.RandomFlip('horizontal')")
    if settings.rescale is not None:
        texts.append(f"layers.Rescaling({_number(settings.rescale)})")
    return texts


def _active(settings: AugmentationSettings, with_rescale: bool = True) -> list[str]:
    names = []
    for field in fields(settings):
        value = getattr(settings, field.name)
        if field.name == "rescale" and not with_rescale:
            continue
        if value not in (0, 0.0, False, None):
            names.append(field.name)
    return names


def _argument(name: str, value: Any) -> str:
    return f"{name}={_number(value) if name == 'rescale' else (value if isinstance(value, bool) else f'{value:g}')}"


def _number(value: float) -> str:
    """``1./255`` for the notes' rescale factor, else the number."""
    return "1./255" if abs(float(value) - 1 / 255) < 1e-9 else f"{float(value):g}"
