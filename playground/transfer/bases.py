"""The pretrained convolutional bases a learner can build on: one registry entry each, the whole truth.

Online bases come from ``keras.applications`` with ImageNet weights (without the classifier on top),
downloaded once into the Keras cache (``~/.keras/models``, or ``$KERAS_HOME/models``) by
``ensure_weights`` with a progress callback. The offline base is a small CNN the project trains on
8 of the 10 Fashion-MNIST classes and ships in ``playground/assets/`` (``base_training`` re-makes it),
so transfer learning works with no internet at all.

Every base here takes pictures in [0, 1]; the scaling each base was trained with is done by layers in
front of it (``preprocessing_layers``), so a saved model carries it and needs no Python function.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playground.errors import LearnerError

ASSETS = Path(__file__).resolve().parent.parent / "assets"
OFFLINE_BASE_PATH = ASSETS / "fashion_base.keras"
_GOOGLE = "https://storage.googleapis.com/tensorflow/keras-applications/"
# The name of the base inside every transfer model (the notes' ``conv_base``).
CONV_BASE_NAME = "conv_base"


class BaseError(LearnerError):
    """A base that cannot be had (no internet, a failed download, a damaged weights file)."""


@dataclass(frozen=True)
class BaseInfo:
    """One pretrained base.

    Attributes:
        title: What the page shows, e.g. "MobileNetV2".
        application: The ``keras.applications`` class, or None for the shipped offline base.
        module: The ``keras.applications`` module (for the exported code's ``preprocess_input``).
        input_size: The side of the square pictures it takes.
        channels: 3 (colour) or 1 (grey).
        scale: Pictures in [0, 1] are scaled by this, then ``offset`` is added (the base's own scaling).
        offset: See ``scale``.
        caffe_means: VGG's per-channel means (RGB) subtracted from 0–255 pictures, or None.
        top_block: The first layer of the top block, unfrozen by fine-tuning (with all that follow).
        last_conv: The layer whose activations Grad-CAM weighs (the base's last convolutional output).
        weights_file: The ImageNet weights' file name in the Keras cache, or None (offline).
        download_mb: About how many megabytes the download is (0 offline).
        flatten_head: The new head flattens the base's maps (the notes' VGG16 head) instead of averaging
            them: a small base's few positions still say where things are.
    """

    title: str
    application: str | None
    module: str
    input_size: int
    channels: int
    scale: float
    offset: float
    top_block: str
    last_conv: str
    caffe_means: tuple[float, float, float] | None = None
    weights_file: str | None = None
    download_mb: float = 0.0
    flatten_head: bool = False

    @property
    def online(self) -> bool:
        """Whether its weights must be downloaded once."""
        return self.application is not None

    @property
    def weights_url(self) -> str | None:
        """Where Keras downloads the weights from."""
        if self.weights_file is None:
            return None
        return f"{_GOOGLE}{self.module}/{self.weights_file}"

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """The shape of one picture it takes."""
        return (self.input_size, self.input_size, self.channels)


BASES: dict[str, BaseInfo] = {
    "fashion_offline": BaseInfo(
        "Fashion-MNIST CNN (offline)", None, "", 28, 1, 1.0, 0.0,
        top_block="block3_conv1", last_conv="block3_conv1", flatten_head=True,
    ),
    "mobilenet_v2": BaseInfo(
        "MobileNetV2", "MobileNetV2", "mobilenet_v2", 96, 3, 2.0, -1.0,
        top_block="block_16_expand", last_conv="out_relu",
        weights_file="mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96_no_top.h5", download_mb=9.4,
    ),
    "vgg16": BaseInfo(
        "VGG16", "VGG16", "vgg16", 150, 3, 255.0, 0.0,
        top_block="block5_conv1", last_conv="block5_conv3", caffe_means=(123.68, 116.779, 103.939),
        weights_file="vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", download_mb=58.9,
    ),
    "xception": BaseInfo(
        "Xception", "Xception", "xception", 150, 3, 2.0, -1.0,
        top_block="block14_sepconv1", last_conv="block14_sepconv2_act",
        weights_file="xception_weights_tf_dim_ordering_tf_kernels_notop.h5", download_mb=83.7,
    ),
}
OFFLINE_BASE = "fashion_offline"
DEFAULT_ONLINE_BASE = "mobilenet_v2"


def cache_folder() -> Path:
    """Where Keras keeps downloaded weights: ``$KERAS_HOME/models`` or ``~/.keras/models``."""
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "models"


def cached_weights(name: str) -> Path | None:
    """The base's weights file when it is already in the Keras cache (or shipped), else None."""
    info = BASES[name]
    if not info.online:
        return OFFLINE_BASE_PATH if OFFLINE_BASE_PATH.is_file() else None
    path = cache_folder() / info.weights_file
    return path if path.is_file() and path.stat().st_size > 0 else None


def ensure_weights(name: str, progress: Callable[[int, int], None] | None = None,
                   url: str | None = None) -> Path:
    """Returns the base's weights file, downloading it into the Keras cache once.

    Args:
        name: A key of ``BASES``.
        progress: Called as ``progress(bytes_done, bytes_total)`` while downloading (total 0 if unknown).
        url: Download from here instead of Keras's address (tests use a local ``file://`` address).

    Raises:
        BaseError: The download failed (no internet, say); nothing half-written is left in the cache.
    """
    found = cached_weights(name)
    if found is not None:
        return found
    info = BASES[name]
    if not info.online:
        raise BaseError("transfer.error.offline_base_missing", path=str(OFFLINE_BASE_PATH))
    target = cache_folder() / info.weights_file
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        with urllib.request.urlopen(url or info.weights_url, timeout=15) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(1 << 20):
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        partial.replace(target)
    except (OSError, ValueError) as error:
        partial.unlink(missing_ok=True)
        raise BaseError("transfer.error.download_failed", base=info.title, size=f"{info.download_mb:.0f}",
                        detail=str(error)[:160]) from error
    return target


def load_base(name: str, weights: Path | None = None) -> Any:
    """Builds the base (without its classifier) with its pretrained weights, named ``conv_base``.

    Args:
        name: A key of ``BASES``.
        weights: The weights file (``ensure_weights``); found in the cache when None.

    Raises:
        BaseError: The weights are not there (call ``ensure_weights`` first) or cannot be read.
    """
    import keras

    info = BASES[name]
    path = weights or cached_weights(name)
    if path is None:
        raise BaseError("transfer.error.needs_download", base=info.title, size=f"{info.download_mb:.0f}")
    try:
        if not info.online:
            base = keras.saving.load_model(path, compile=False, safe_mode=True)
        else:
            application = getattr(keras.applications, info.application)
            base = application(include_top=False, weights=str(path), input_shape=info.input_shape)
        base.name = CONV_BASE_NAME
    except (OSError, ValueError) as error:
        raise BaseError("transfer.error.weights_damaged", base=info.title, detail=str(error)[:160]) from error
    if info.caffe_means is not None:
        _accept_rgb(base)
    return base


def _accept_rgb(base: Any) -> None:
    """Reverses the first convolution's input channels, so a caffe-style (BGR) base takes RGB pictures.

    VGG16 was trained on BGR pictures (``vgg16.preprocess_input`` flips RGB to BGR). Flipping the
    first kernel's channel axis once gives the same outputs for RGB input, so the model needs no
    custom layer to flip every picture.
    """
    first = next(layer for layer in base.layers if layer.weights)
    kernel, bias = first.get_weights()
    first.set_weights([kernel[:, :, ::-1, :], bias])


def preprocessing_layers(name: str) -> list[Any]:
    """The layers that turn [0, 1] pictures into what the base was trained on."""
    from keras import layers

    info = BASES[name]
    stack: list[Any] = []
    if info.scale != 1.0 or info.offset != 0.0:
        stack.append(layers.Rescaling(info.scale, info.offset, name="scale_for_base"))
    if info.caffe_means is not None:
        stack.append(layers.Normalization(mean=list(info.caffe_means), variance=[1.0, 1.0, 1.0],
                                          name="subtract_imagenet_means"))
    return stack
