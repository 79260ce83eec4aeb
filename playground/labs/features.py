"""Feature maps of a real Keras model: what every Conv2D and pooling layer outputs for one image.

``feature_maps(model, image)`` builds (once per model) a ``keras.Model`` from the model's input to the
outputs of its convolution and pooling layers, and runs it on one image. ``prepare_input`` adapts any lab
image (grayscale or RGB, any size) to the model's input shape.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.labs.convolution import ConvolutionError

FEATURE_LAYER_TYPES = frozenset({
    "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose",
    "MaxPooling2D", "AveragePooling2D",
})

_extractors: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


@dataclass(frozen=True)
class FeatureMap:
    """The output of one layer for one image.

    Attributes:
        layer_name: The Keras layer's name.
        layer_type: Its class name (``Conv2D``, ``MaxPooling2D``, …).
        maps: float32 (height, width, channels): one 2-D map per filter / channel.
    """

    layer_name: str
    layer_type: str
    maps: np.ndarray

    @property
    def channels(self) -> int:
        """Number of maps (filters of a Conv2D, channels passing through a pooling layer)."""
        return int(self.maps.shape[-1])


def feature_layers(model: Any) -> list[Any]:
    """Returns the model's Conv2D / pooling layers, in order."""
    return [layer for layer in model.layers if type(layer).__name__ in FEATURE_LAYER_TYPES]


def image_input_shape(model: Any) -> tuple[int, ...]:
    """Returns the model's input shape without the batch axis: (H, W) or (H, W, C).

    Raises:
        ConvolutionError: When the model does not take a single image.
    """
    shape = getattr(model, "input_shape", None)
    if not takes_an_image(shape):
        raise ConvolutionError("conv.error.model_input", expected=str(shape))
    return tuple(int(size) for size in shape[1:])


def takes_an_image(input_shape: Any) -> bool:
    """Whether a model with this input shape (batch axis included) takes one image: (H, W) or (H, W, C)."""
    return (isinstance(input_shape, tuple) and len(input_shape) in (3, 4)
            and all(size is not None for size in input_shape[1:]))


def prepare_input(image: Any, input_shape: tuple[int, ...]) -> np.ndarray:
    """Resizes and converts ``image`` to ``input_shape`` ((H, W) or (H, W, C), C = 1 or 3).

    Args:
        image: (H, W) or (H, W, C) values in [0, 1].
        input_shape: The model's input shape without the batch axis.

    Returns:
        float32 array of exactly ``input_shape``.
    """
    from PIL import Image

    array = np.asarray(image, dtype=np.float32)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    height, width = input_shape[:2]
    channels = input_shape[2] if len(input_shape) == 3 else None
    if array.ndim == 3 and channels != 3:
        array = array @ np.array([0.299, 0.587, 0.114], dtype=np.float32)  # RGB → luma, as PIL does.
    if array.shape[:2] != (height, width):
        # PIL's float mode resizes each channel exactly, without a round trip through 8 bits.
        planes = [array] if array.ndim == 2 else [array[:, :, index] for index in range(array.shape[2])]
        resized = [np.asarray(Image.fromarray(plane, mode="F").resize((width, height), Image.Resampling.BILINEAR))
                   for plane in planes]
        array = resized[0] if array.ndim == 2 else np.stack(resized, axis=-1)
    if channels is None:
        return array.astype(np.float32)
    if array.ndim == 2:
        array = np.repeat(array[:, :, np.newaxis], channels, axis=2)
    if array.shape[2] != channels:
        raise ConvolutionError("conv.error.model_input", expected=str(tuple(input_shape)))
    return array.astype(np.float32)


def _extractor(model: Any, layers: list[Any]) -> Any:
    """Returns (and caches per model) a ``keras.Model`` from the model's input to ``layers``' outputs."""
    with _lock:
        extractor = _extractors.get(model)
        if extractor is None:
            import keras

            # A single input is passed bare: Keras warns when the structure differs from the model's.
            inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
            extractor = keras.Model(inputs=inputs, outputs=[layer.output for layer in layers],
                                    name=f"{model.name}_feature_maps")
            _extractors[model] = extractor
    return extractor


def feature_maps(model: Any, image: Any) -> list[FeatureMap]:
    """Runs ``image`` through ``model`` and returns the output of every Conv2D / pooling layer.

    Args:
        model: A built Keras model taking one image input (a Sequential from ``playground.spec``, the default
            digit model, or a model trained on the Train page).
        image: One image, any size, grayscale or RGB, values in [0, 1]; it is adapted with ``prepare_input``.

    Returns:
        One ``FeatureMap`` per Conv2D / pooling layer, in layer order.

    Raises:
        ConvolutionError: When the model has no such layer or does not take an image.
    """
    layers = feature_layers(model)
    if not layers:
        raise ConvolutionError("conv.error.no_feature_layers")
    batch = prepare_input(image, image_input_shape(model))[np.newaxis]
    outputs = _extractor(model, layers)(batch, training=False)
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    return [FeatureMap(layer.name, type(layer).__name__, np.asarray(output)[0].astype(np.float32))
            for layer, output in zip(layers, outputs)]
