"""Preset model specs: the course notes' own models, ready to load on the Build page.

``PRESETS`` maps a stable name to a spec (see ``playground.spec``); ``PRESET_TITLES`` maps the same
names to translation keys of their titles; ``PRESET_DATASETS`` names the dataset of
``playground.data.registry`` each preset was written for (None when the playground has no offline copy).
Pages must copy a preset before editing it (``copy.deepcopy``): these dicts are shared.
"""

from __future__ import annotations

from typing import Any


def _dense(units: int, activation: str, **extra: Any) -> dict[str, Any]:
    return {"type": "Dense", "units": units, "activation": activation, **extra}


def _conv(filters: int, **extra: Any) -> dict[str, Any]:
    return {"type": "Conv2D", "filters": filters, "kernel_size": 3, **extra}


_POOL: dict[str, Any] = {"type": "MaxPooling2D", "pool_size": 2}
_FLATTEN: dict[str, Any] = {"type": "Flatten"}


def _conv_bn_relu(filters: int) -> list[dict[str, Any]]:
    """The notes' deep-CNN block: convolution without activation → BatchNormalization → relu."""
    return [_conv(filters, padding="same", kernel_initializer="he_normal"), {"type": "BatchNormalization"},
            {"type": "Activation", "activation": "relu"}]


PRESETS: dict[str, dict[str, Any]] = {
    "mnist_dnn": {
        "input_shape": [28, 28],
        "layers": [_FLATTEN, _dense(16, "relu"), _dense(8, "relu"), _dense(10, "softmax")],
    },
    "mnist_cnn": {
        "input_shape": [28, 28, 1],
        "layers": [_conv(32, activation="relu"), _POOL, _conv(64, activation="relu"), _POOL, _FLATTEN,
                   _dense(10, "softmax")],
    },
    "fashion_mnist_dnn": {
        "input_shape": [28, 28],
        "layers": [_FLATTEN, _dense(100, "relu"), {"type": "Dropout", "rate": 0.3}, _dense(10, "softmax")],
    },
    "iris": {
        "input_shape": [4],
        "layers": [_dense(10, "relu"), _dense(20, "relu"), _dense(10, "relu"), _dense(3, "softmax")],
    },
    "breast_cancer": {
        "input_shape": [30],
        "layers": [_dense(16, "relu"), _dense(8, "relu"), _dense(1, "sigmoid")],
    },
    "dogs_vs_cats_cnn": {
        "input_shape": [150, 150, 3],
        "layers": [_conv(32, activation="relu"), _POOL, _conv(64, activation="relu"), _POOL,
                   _conv(128, activation="relu"), _POOL, _conv(128, activation="relu"), _POOL, _FLATTEN,
                   {"type": "Dropout", "rate": 0.5}, _dense(512, "relu"), _dense(1, "sigmoid")],
    },
    "deep_cnn_bn": {
        "input_shape": [28, 28, 1],
        "layers": [*_conv_bn_relu(50), *_conv_bn_relu(50), _POOL, *_conv_bn_relu(100), *_conv_bn_relu(100), _POOL,
                   _FLATTEN, _dense(100, "linear", kernel_initializer="he_normal"), {"type": "BatchNormalization"},
                   {"type": "Activation", "activation": "relu"}, {"type": "Dropout", "rate": 0.5},
                   _dense(10, "softmax")],
    },
    "text_lstm": {
        "input_shape": [100],
        "layers": [{"type": "Embedding", "input_dim": 10000, "output_dim": 32}, {"type": "LSTM", "units": 32},
                   _dense(1, "sigmoid")],
    },
}

PRESET_TITLES: dict[str, str] = {name: f"spec.preset.{name}" for name in PRESETS}
"""Preset name → translation key of its title (``playground/strings/spec.py``)."""

PRESET_DATASETS: dict[str, str | None] = {
    "mnist_dnn": "mnist",
    "mnist_cnn": "mnist",
    "fashion_mnist_dnn": "fashion_mnist",
    "iris": "iris",
    "breast_cancer": "breast_cancer",
    "dogs_vs_cats_cnn": None,
    "deep_cnn_bn": "mnist",
    "text_lstm": None,
}
"""Preset name → the ``playground.data.registry`` name it was written for, or None."""


def matching_preset(spec: dict[str, Any]) -> str | None:
    """Returns the name of the preset whose model ``spec`` is, or None for a learner's own stack.

    Specs are compared after validation, so a preset that arrives through a link or a file (with
    defaults spelled out or left out) still counts as that preset. An invalid stack matches none.
    """
    from playground.spec import SpecError, validate  # Lazy: playground.spec does not import presets.

    try:
        normalized = validate(spec)
    except SpecError:
        return None
    return next((name for name, preset in PRESETS.items() if validate(preset) == normalized), None)
