"""The overfitting lab's model variants: one base model, and the notes' cures applied to it one at a time.

A ``Variant`` says what changes — + Dropout(rate) after every hidden Dense layer, + BatchNormalization
after every hidden Conv2D / Dense layer (placed Conv → BN → Activation, "C+B+A", or Conv(activation)
→ BN, "C+A+B"), Flatten → GlobalAveragePooling2D, + L2 (``kernel_regularizer='l2'``, Keras's 0.01) on
every Conv2D and Dense, + data augmentation (``playground.labs.augmentation``) on every training batch.
``variant_spec`` turns a base spec into the variant's spec and says where each layer came from, so
the race (``playground.engine.race``) starts every variant from the base model's weights wherever
their layers coincide. ``VariantEntry`` is a race entry; the variants train together on the same
batches. ``EXPERIMENTS`` are the one-click experiments (their point is in ``playground/i18n/overfitting.py``).

Nothing here imports TensorFlow at import time.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from playground.engine.race import RaceEntry, Watch
from playground.errors import LearnerError
from playground.labs.augmentation import DIGIT_AUGMENTATION, AugmentationSettings
from playground.spec import validate

BATCH_NORM_PLACEMENTS = ("CBA", "CAB")
"""Conv → BatchNormalization → Activation ("C+B+A"), or Conv(activation) → BatchNormalization ("C+A+B")."""
WEIGHTED_TYPES = ("Conv2D", "Dense")  # The layers a cure is applied after (BatchNormalization) or on (L2).
FEATURE_MAP_TYPES = ("Conv2D", "MaxPooling2D", "AveragePooling2D")  # What gives GlobalAveragePooling2D its maps.
MAX_DROPOUT = 0.9
# Keras's default momentum (0.99) lets the moving mean and variance — what validation and inference
# use — lag hundreds of steps behind: an experiment of a few hundred batches then validates with
# statistics still near their start (0 and 1) and scores about chance. 0.9 catches up within an epoch.
BATCH_NORM_LAYER: dict[str, Any] = {"type": "BatchNormalization", "momentum": 0.9}


class VariantError(LearnerError):
    """A variant that cannot be applied to this model (e.g. global pooling without any convolution)."""


@dataclass(frozen=True)
class Variant:
    """What one variant changes in the base model (all off: the base model itself).

    Attributes:
        dropout: Dropout rate after every hidden Dense layer (existing Dropout layers take it too), or None.
        batch_norm: "CBA" or "CAB" (see ``BATCH_NORM_PLACEMENTS``), or None.
        global_pooling: Whether Flatten becomes GlobalAveragePooling2D.
        l2: Whether every Conv2D and Dense kernel gets ``kernel_regularizer='l2'``.
        augmentation: Random transformations of every training batch, or None.
    """

    dropout: float | None = None
    batch_norm: str | None = None
    global_pooling: bool = False
    l2: bool = False
    augmentation: AugmentationSettings | None = None

    def __post_init__(self) -> None:
        if self.dropout is not None and not 0.0 < float(self.dropout) <= MAX_DROPOUT:
            raise VariantError("overfit.error.dropout_rate", maximum=MAX_DROPOUT)
        if self.batch_norm is not None and self.batch_norm not in BATCH_NORM_PLACEMENTS:
            raise VariantError("overfit.error.batch_norm", placement=self.batch_norm)

    @property
    def label(self) -> str:
        """A legend label such as ``+Dropout(0.3)`` or ``+BN C+B+A +L2``; ``base`` when nothing changes."""
        parts = []
        if self.dropout is not None:
            parts.append(f"+Dropout({self.dropout:g})")
        if self.batch_norm is not None:
            parts.append("+BN " + "+".join(self.batch_norm))
        if self.global_pooling:
            parts.append("GAP")
        if self.l2:
            parts.append("+L2")
        if self.augmentation is not None:
            parts.append("+augmentation")
        return " ".join(parts) or "base"


BASE = Variant()


def variant_spec(spec: dict[str, Any], variant: Variant) -> tuple[dict[str, Any], tuple[int | None, ...]]:
    """The variant's model spec, and for each of its layers the base layer it came from (None: added).

    Args:
        spec: The base model spec (validated first).
        variant: What changes.

    Returns:
        ``(spec, origins)``; ``origins[i]`` is the index in the (validated) base spec of layer ``i``.

    Raises:
        VariantError: Global pooling asked without a convolution before Flatten, or no Flatten at all.
        playground.spec.SpecError: The base spec is invalid.
    """
    base = validate(spec)
    layers = base["layers"]
    output = len(layers) - 1
    built: list[dict[str, Any]] = []
    origins: list[int | None] = []

    def add(layer: dict[str, Any], origin: int | None) -> None:
        built.append(layer)
        origins.append(origin)

    if variant.global_pooling and not any(layer["type"] == "Flatten" for layer in layers):
        raise VariantError("overfit.error.no_flatten")
    dropout_after = _dropout_positions(layers) if variant.dropout is not None else set()
    for index, original in enumerate(layers):
        layer = copy.deepcopy(original)
        kind = layer["type"]
        following = layers[index + 1]["type"] if index < output else None
        if kind == "Flatten" and variant.global_pooling:
            if not any(earlier["type"] in FEATURE_MAP_TYPES for earlier in layers[:index]):
                raise VariantError("overfit.error.gap_needs_conv")
            add({"type": "GlobalAveragePooling2D"}, index)
            continue
        if variant.l2 and kind in WEIGHTED_TYPES:
            layer["kernel_regularizer"] = "l2"
        if kind == "Dropout" and variant.dropout is not None:
            layer["rate"] = float(variant.dropout)
        if variant.batch_norm and kind in WEIGHTED_TYPES and index != output and following != "BatchNormalization":
            _add_with_batch_norm(layer, index, variant.batch_norm, add)
        else:
            add(layer, index)
        if index in dropout_after:
            add({"type": "Dropout", "rate": float(variant.dropout)}, None)
    result = {**{key: value for key, value in base.items() if key != "layers"}, "layers": built}
    validate(result)  # A variant of a valid model is valid; this says so before anything is built.
    return result, tuple(origins)


def _add_with_batch_norm(layer: dict[str, Any], index: int, placement: str, add: Any) -> None:
    """Adds ``layer`` with BatchNormalization after it, or between it and its activation ("CBA")."""
    activation = layer.get("activation") or "linear"
    if placement == "CBA" and activation != "linear":
        layer["activation"] = "linear"
        add(layer, index)
        add(dict(BATCH_NORM_LAYER), None)
        add({"type": "Activation", "activation": activation}, None)
        return
    add(layer, index)
    add(dict(BATCH_NORM_LAYER), None)


def _dropout_positions(layers: list[dict[str, Any]]) -> set[int]:
    """Indices of the layers a new Dropout follows: every hidden Dense not already followed by one.

    A model with Dropout layers of its own only has their rate changed; one without any hidden Dense
    (Flatten → Dense(10)) gets one Dropout just before its output layer.
    """
    output = len(layers) - 1
    if any(layer["type"] == "Dropout" for layer in layers):
        return set()
    hidden = {index for index, layer in enumerate(layers[:output]) if layer["type"] == "Dense"}
    return hidden or {output - 1}


@dataclass(frozen=True)
class VariantEntry(RaceEntry):
    """A race entry that trains one variant of the race's base model (with Adam unless told otherwise).

    Attributes:
        variant: What this copy changes.
    """

    optimizer: str = "Adam"
    variant: Variant = BASE

    @property
    def label(self) -> str:
        """The variant's label (every variant shares the optimizer, so it is left out)."""
        return self.variant.label

    def model_spec(self, spec: dict[str, Any]) -> tuple[dict[str, Any], tuple[int | None, ...]]:
        """The variant's spec and where its layers came from (see ``variant_spec``)."""
        return variant_spec(spec, self.variant)

    def augmenter(self) -> Any:
        """The variant's augmentation layers, applied to each of its training batches, or None."""
        if self.variant.augmentation is None or self.variant.augmentation.is_identity:
            return None
        from playground.labs.augmentation import make_augmenter

        return make_augmenter(self.variant.augmentation, seed=0)


def entries_for(variants: tuple[Variant, ...] | list[Variant], optimizer: str = "Adam",
                learning_rate: float | None = None) -> tuple[VariantEntry, ...]:
    """One race entry per variant, all with the same optimizer."""
    return tuple(VariantEntry(optimizer, learning_rate, variant=variant) for variant in variants)


@dataclass(frozen=True)
class VariantExperiment:
    """A one-click experiment: a base model, its variants, the data and how long.

    Attributes:
        model: A key of ``BASE_MODELS``: the base model.
        dataset: A key of ``playground.data.registry.DATASETS``.
        variants: The variants raced (the base model is usually the first).
        train_samples: Training samples: few, so that the base model overfits within a minute.
        validation_samples: Samples held out of the training split for validation.
        epochs: Epochs to train.
        batch_size: Samples per batch.
        patience: EarlyStopping's patience (on ``val_loss``).
    """

    model: str
    dataset: str
    variants: tuple[Variant, ...]
    train_samples: int = 1000
    validation_samples: int = 1000
    epochs: int = 10
    batch_size: int = 32
    patience: int = 3

    @property
    def spec(self) -> dict[str, Any]:
        """The base model's spec."""
        return BASE_MODELS[self.model]

    @property
    def watch(self) -> Watch:
        """What EarlyStopping and ModelCheckpoint watch in this experiment."""
        return Watch("val_loss", self.patience)


def _dense(units: int, activation: str) -> dict[str, Any]:
    return {"type": "Dense", "units": units, "activation": activation}


# The notes' Fashion-MNIST model before its Dropout(0.3), and a small CNN for the digits.
FASHION_DNN: dict[str, Any] = {"input_shape": [28, 28, 1],
                               "layers": [{"type": "Flatten"}, _dense(100, "relu"), _dense(10, "softmax")]}
SMALL_CNN: dict[str, Any] = {"input_shape": [28, 28, 1], "layers": [
    {"type": "Conv2D", "filters": 16, "kernel_size": 3, "activation": "relu"}, {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Conv2D", "filters": 32, "kernel_size": 3, "activation": "relu"}, {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Flatten"}, _dense(64, "relu"), _dense(10, "softmax")]}
WIDE_DNN: dict[str, Any] = {"input_shape": [28, 28, 1],
                            "layers": [{"type": "Flatten"}, _dense(256, "relu"), _dense(10, "softmax")]}
BASE_MODELS: dict[str, dict[str, Any]] = {"small_cnn": SMALL_CNN, "fashion_dnn": FASHION_DNN, "wide_dnn": WIDE_DNN}
"""The lab's base models (titles ``overfit.model.<name>``), each small enough to overfit within a minute."""
BASE_MODEL_DATASETS: dict[str, str] = {"small_cnn": "mnist", "fashion_dnn": "fashion_mnist", "wide_dnn": "mnist"}

EXPERIMENTS: dict[str, VariantExperiment] = {
    "dropout_fashion": VariantExperiment("fashion_dnn", "fashion_mnist", (BASE, Variant(dropout=0.3), Variant(dropout=0.5)),
                                         train_samples=2000, epochs=20),
    "batch_norm_placement": VariantExperiment("small_cnn", "mnist", (BASE, Variant(batch_norm="CBA"),
                                                                   Variant(batch_norm="CAB")),
                                              train_samples=1000, validation_samples=500, epochs=6),
    "global_pooling": VariantExperiment("small_cnn", "mnist", (BASE, Variant(global_pooling=True)),
                                        train_samples=1000, validation_samples=500, epochs=12),
    "augmentation_500": VariantExperiment("small_cnn", "mnist", (BASE, Variant(augmentation=DIGIT_AUGMENTATION)),
                                          train_samples=500, validation_samples=500, epochs=12),
    "early_stopping": VariantExperiment("wide_dnn", "mnist", (BASE, Variant(dropout=0.5)),
                                        train_samples=500, validation_samples=1000, epochs=30, patience=3),
}
"""Experiment name → experiment; titles and points are ``overfit.experiment.<name>.title`` / ``.point``."""
