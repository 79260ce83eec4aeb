"""The three ways to learn from few pictures, as the notes teach them, built for the same data.

1. **From scratch**: the notes' dogs-vs-cats CNN (a ``playground.spec`` spec, so the Build page's code
   exporter and summary apply), all weights learned from the learner's pictures.
2. **Feature extraction**: the pretrained base frozen (``conv_base.trainable = False``), a new head
   (global average pooling, dropout, dense) trained on top.
3. **Fine-tuning**: the same, then the base's top block unfrozen and trained on at a low learning rate.

Each way is a ``Way`` (a registry entry): what model it starts from and how the engine's race trains
it (``RaceEntry``), so the page races all three on the same batches through ``playground.engine``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from playground.spec import tasks
from playground.transfer.bases import BASES, CONV_BASE_NAME, load_base, preprocessing_layers

# Epochs of feature extraction the fine-tuning way trains before it unfreezes (half the run, at least 1).
FINE_TUNE_SHARE = 0.5
# Adam's rates: the notes' default for a whole CNN; a new head on frozen features takes a larger step
# (measured on the offline base: 1e-3 leaves the head short of what its features allow in 30 epochs).
SCRATCH_RATE = 1e-3
HEAD_RATE = 3e-3
FINE_TUNE_RATE = 1e-4


@dataclass(frozen=True)
class Way:
    """One of the three ways.

    Attributes:
        key: Its name in ``WAYS`` (and the translation key ``transfer.way.<key>``).
        pretrained: Whether it starts from a pretrained base.
        learning_rate: Adam's learning rate while the base is frozen (or for the whole scratch run).
        fine_tune_rate: The low learning rate after unfreezing the top block, or None (never unfreezes).
    """

    key: str
    pretrained: bool
    learning_rate: float
    fine_tune_rate: float | None = None


WAYS: dict[str, Way] = {
    "scratch": Way("scratch", False, SCRATCH_RATE),
    "feature_extraction": Way("feature_extraction", True, HEAD_RATE),
    "fine_tuning": Way("fine_tuning", True, HEAD_RATE, FINE_TUNE_RATE),
}


def head_units(task: str, class_count: int) -> tuple[int, str]:
    """Units and activation of the new classifier: 1 sigmoid for two classes (the notes'), else softmax."""
    units, activation, _ = tasks.propose(task, class_count)
    return units, activation


def scratch_spec(input_shape: tuple[int, ...], task: str, class_count: int) -> dict[str, Any]:
    """The notes' small dogs-vs-cats CNN as a spec, sized for ``input_shape`` ('same' padding keeps it valid)."""
    units, activation = head_units(task, class_count)
    layers: list[dict[str, Any]] = []
    for filters in (32, 64, 128):
        layers += [{"type": "Conv2D", "filters": filters, "kernel_size": 3, "activation": "relu", "padding": "same"},
                   {"type": "MaxPooling2D", "pool_size": 2}]
    layers += [{"type": "Flatten"}, {"type": "Dropout", "rate": 0.5},
               {"type": "Dense", "units": 64, "activation": "relu"},
               {"type": "Dense", "units": units, "activation": activation}]
    return {"input_shape": list(input_shape), "layers": layers}


def transfer_model(base: Any, base_name: str, task: str, class_count: int) -> Any:
    """A frozen base under a new head: the feature-extraction model (fine-tuning starts from it too).

    The base is called with ``training=False`` so its BatchNormalization layers keep their ImageNet
    statistics even once the top block is unfrozen (the Keras transfer-learning guide's advice).
    """
    import keras
    from keras import layers

    units, activation = head_units(task, class_count)
    base.trainable = False
    inputs = keras.Input(BASES[base_name].input_shape, name="picture")
    features = inputs
    for layer in preprocessing_layers(base_name):
        features = layer(features)
    features = base(features, training=False)
    if BASES[base_name].flatten_head:
        features = layers.Flatten(name="pool_features")(features)
    else:
        features = layers.GlobalAveragePooling2D(name="pool_features")(features)
    features = layers.Dropout(0.2, name="head_dropout")(features)
    outputs = layers.Dense(units, activation=activation, name="classifier")(features)
    return keras.Model(inputs, outputs, name=f"transfer_{base_name}")


def unfreeze_top_block(model: Any, first_layer: str) -> None:
    """Fine-tuning's switch: the base's layers from ``first_layer`` on become trainable, the rest stay frozen.

    BatchNormalization layers stay frozen (their statistics are the base's knowledge, and a few
    pictures would ruin them). The model must be compiled again afterwards for this to take effect.

    Raises:
        ValueError: The model has no ``conv_base`` or the base has no layer of that name.
    """
    from keras import layers

    base = model.get_layer(CONV_BASE_NAME)
    names = [layer.name for layer in base.layers]
    if first_layer not in names:
        raise ValueError(f"The base has no layer {first_layer!r}.")
    base.trainable = True
    start = names.index(first_layer)
    for index, layer in enumerate(base.layers):
        layer.trainable = index >= start and not isinstance(layer, layers.BatchNormalization)


def fine_tune_switch(base_name: str) -> functools.partial:
    """The picklable switch a race entry calls at its unfreeze epoch."""
    return functools.partial(unfreeze_top_block, first_layer=BASES[base_name].top_block)


def unfreeze_epoch(epochs: int) -> int:
    """The epoch (0-based) at whose start fine-tuning unfreezes the top block."""
    return max(1, int(round(epochs * FINE_TUNE_SHARE))) if epochs > 1 else 0


def build_three(base_name: str, input_task: str, class_count: int, weights: Any = None) -> dict[str, Any]:
    """The starting models of the three ways (fine-tuning's is feature extraction's, same weights).

    Returns:
        ``{"scratch": model, "feature_extraction": model, "fine_tuning": model}``.
    """
    from playground.spec import build_model

    info = BASES[base_name]
    scratch = build_model(scratch_spec(info.input_shape, input_task, class_count), name="scratch")
    frozen = transfer_model(load_base(base_name, weights), base_name, input_task, class_count)
    tuned = transfer_model(load_base(base_name, weights), base_name, input_task, class_count)
    tuned.set_weights(frozen.get_weights())
    return {"scratch": scratch, "feature_extraction": frozen, "fine_tuning": tuned}


def parameter_counts(model: Any) -> tuple[int, int]:
    """(trainable, non-trainable) parameters, as ``model.summary()`` says them."""
    import numpy as np

    trainable = sum(int(np.prod(weight.shape)) for weight in model.trainable_weights)
    frozen = sum(int(np.prod(weight.shape)) for weight in model.non_trainable_weights)
    return trainable, frozen
