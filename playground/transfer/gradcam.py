"""Grad-CAM: where a convolutional model looked when it chose a class (Selvaraju et al., 2017).

The gradient of the class's score with respect to a convolutional layer's output says how much each
feature map matters for that class; averaged over the map it is the map's weight. The weighted sum of
the maps, with negative parts cut off (ReLU), is the class activation map: high where the evidence for
the class lies. Scaled to [0, 1] and stretched over the picture it is the heatmap pages overlay.

Works on the models of this app: a chain of layers (Sequential, like the digit model and the scratch
CNN) or a chain holding a nested convolutional base (``conv_base``, the transfer models). Keras and
TensorFlow are imported inside the functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

_CONV_CLASSES = ("Conv2D", "SeparableConv2D", "DepthwiseConv2D")


@dataclass(frozen=True)
class GradCam:
    """One explanation.

    Attributes:
        heatmap: (height, width) float32 in [0, 1] at the picture's size (the map stretched bilinearly).
        coarse: The map at the layer's own resolution, in [0, 1].
        class_index: The class explained.
        probabilities: The model's class probabilities for the picture (two for a sigmoid output).
        layer: The layer whose maps were weighed.
    """

    heatmap: np.ndarray
    coarse: np.ndarray
    class_index: int
    probabilities: np.ndarray
    layer: str


def gradcam(model: Any, image: np.ndarray, class_index: int | None = None, layer: str | None = None) -> GradCam:
    """Explains the model's choice for one picture.

    Args:
        model: A Keras model taking ``image`` (a chain of layers, possibly with a nested ``conv_base``).
        image: One input, shaped as the model takes it without the batch axis, e.g. (28, 28, 1).
        class_index: The class to explain; the predicted one when None.
        layer: The convolutional layer to weigh (top level or inside the nested base); the last
            convolution when None.

    Raises:
        ValueError: The model has no convolutional layer of that name (or none at all).
    """
    import tensorflow as tf

    name = layer or last_conv_layer(model)
    batch = tf.convert_to_tensor(np.asarray(image, dtype=np.float32)[np.newaxis])
    with tf.GradientTape() as tape:
        maps, outputs = _forward(model, batch, name, tape)
        probabilities = _probabilities(outputs[0].numpy())
        chosen = int(np.argmax(probabilities)) if class_index is None else int(class_index)
        score = _score(outputs, chosen)
    gradients = tape.gradient(score, maps)
    if gradients is None:
        raise ValueError(f"The output does not depend on layer {name!r}.")
    weights = tf.reduce_mean(gradients, axis=(1, 2))  # One weight per feature map.
    cam = tf.nn.relu(tf.reduce_sum(maps * weights[:, tf.newaxis, tf.newaxis, :], axis=-1))[0].numpy()
    coarse = _unit(cam)
    return GradCam(stretch(coarse, image.shape[:2]), coarse, chosen, probabilities, name)


def last_conv_layer(model: Any) -> str:
    """The name of the model's last convolutional layer (looking inside a nested base too).

    Raises:
        ValueError: The model has no convolution.
    """
    found = None
    for item in model.layers:
        if hasattr(item, "layers"):
            inner = [sub.name for sub in item.layers if type(sub).__name__ in _CONV_CLASSES]
            found = inner[-1] if inner else found
        elif type(item).__name__ in _CONV_CLASSES:
            found = item.name
    if found is None:
        raise ValueError("The model has no convolutional layer to explain.")
    return found


def stretch(coarse: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A coarse map stretched to ``size`` (height, width) bilinearly, kept in [0, 1]."""
    from PIL import Image

    image = Image.fromarray(np.asarray(coarse, dtype=np.float32), mode="F")
    stretched = np.asarray(image.resize((int(size[1]), int(size[0])), Image.Resampling.BILINEAR), dtype=np.float32)
    return np.clip(stretched, 0.0, 1.0)


def overlay(picture: np.ndarray, heatmap: np.ndarray, strength: float = 0.45) -> np.ndarray:
    """The picture (uint8 RGB or grey) under the heatmap in a blue→green→red ramp (``strength`` opaque), uint8 RGB."""
    grey = np.asarray(picture)
    if grey.dtype != np.uint8:
        grey = (np.clip(grey, 0, 1) * 255).astype(np.uint8)
    rgb = np.repeat(grey[..., :1], 3, axis=-1) if grey.ndim == 3 and grey.shape[-1] == 1 else grey
    rgb = np.stack([rgb] * 3, axis=-1) if rgb.ndim == 2 else rgb[..., :3]
    heat = stretch(heatmap, rgb.shape[:2]) if heatmap.shape != rgb.shape[:2] else heatmap
    colours = _ramp(heat)
    blended = (1 - strength) * rgb + strength * colours
    return np.clip(blended, 0, 255).astype(np.uint8)


def _ramp(values: np.ndarray) -> np.ndarray:
    """Blue (0) → green (0.5) → red (1), as float 0–255 RGB."""
    red = np.clip(2 * values - 1, 0, 1)
    blue = np.clip(1 - 2 * values, 0, 1)
    green = 1 - red - blue
    return np.stack([red, green, blue], axis=-1) * 255.0


def _forward(model: Any, batch: Any, name: str, tape: Any) -> tuple[Any, Any]:
    """Runs the chain of layers, watching the named layer's output; returns (maps, outputs)."""
    maps = None
    values = batch
    for item in model.layers:
        if type(item).__name__ == "InputLayer":
            continue
        if hasattr(item, "layers") and name in [sub.name for sub in item.layers]:
            maps = _inner_model(item, name)(values, training=False)
            tape.watch(maps)
            # Recompute the base's output from the watched maps, so the gradient flows through them.
            values = _after(item, name, maps)
            continue
        values = item(values, training=False)
        if item.name == name:
            maps = values
            tape.watch(maps)
    if maps is None:
        raise ValueError(f"The model has no layer {name!r} to explain.")
    return maps, values


def _inner_model(base: Any, name: str) -> Any:
    import keras

    return keras.Model(base.inputs, base.get_layer(name).output)


def _after(base: Any, name: str, maps: Any) -> Any:
    """The base's layers after ``name`` applied to ``maps`` (every base is a chain after its last conv)."""
    values = maps
    seen = False
    for item in base.layers:
        if seen:
            values = item(values, training=False)
        seen = seen or item.name == name
    return values


def _probabilities(output: np.ndarray) -> np.ndarray:
    """Class probabilities: a sigmoid's one output becomes two (class 0, class 1)."""
    output = np.asarray(output, dtype=np.float32).reshape(-1)
    return np.array([1 - output[0], output[0]], dtype=np.float32) if output.size == 1 else output


def _score(outputs: Any, class_index: int) -> Any:
    """The explained class's score (a sigmoid's class 0 is ``1 - p``)."""
    if outputs.shape[-1] == 1:
        return outputs[:, 0] if class_index == 1 else 1.0 - outputs[:, 0]
    return outputs[:, class_index]


def _unit(cam: np.ndarray) -> np.ndarray:
    """Scales a map to [0, 1] (an all-zero map stays zero)."""
    peak = float(cam.max()) if cam.size else 0.0
    return (cam / peak).astype(np.float32) if peak > 0 else np.zeros_like(cam, dtype=np.float32)
