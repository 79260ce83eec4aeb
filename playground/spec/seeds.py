"""Explicit seeds for a model's random parts, so its initial weights and dropout masks depend on one number only.

Keras 3 gives an unseeded initializer (``Dense``'s default ``glorot_uniform``) or ``Dropout`` a seed drawn
from Python's global ``random`` when the layer is *constructed* (``keras.random.make_default_seed``).
``keras.utils.set_random_seed`` resets that global generator, but any other thread of the process may
draw from it between the reset and the build: in a Dask worker the event loop does, on every message
it sends (``dask.sizeof`` samples long lists with ``random.sample``). Two jobs with the same seed then
started from different weights. Seeding every random argument explicitly, from the lab's seed and
the layer's position, takes the global generator out of the build, in the engine and in the exported
code alike. Which arguments are random is the registry's ``LayerType.seeded``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playground.spec.layers import INITIALIZER_CLASSES, LAYER_TYPES, RANDOM_INITIALIZERS


@dataclass(frozen=True)
class SeededInitializer:
    """``keras.initializers.<class_name>(seed=seed)``: built for a model, or written out as code."""

    class_name: str
    seed: int

    def make(self) -> Any:
        """The Keras initializer object."""
        import keras

        return getattr(keras.initializers, self.class_name)(seed=self.seed)

    def code(self) -> str:
        """The same initializer as Python source."""
        return f"keras.initializers.{self.class_name}(seed={self.seed})"


def layer_seeds(layer: dict[str, Any], index: int, seed: int) -> dict[str, Any]:
    """The seeded arguments of the (validated) layer at 0-based ``index`` of a model seeded with ``seed``.

    Each layer gets ``seed + index``, so two layers of the same shape do not start equal.

    Returns:
        Argument name → ``SeededInitializer`` for a random initializer, or an int for a ``seed`` argument;
        empty for a layer without randomness (or with a ``zeros`` / ``ones`` initializer).
    """
    layer_type = LAYER_TYPES[layer["type"]]
    seeds: dict[str, Any] = {}
    for name in layer_type.seeded:
        field = layer_type.field(name)
        if field is None:
            seeds[name] = seed + index
            continue
        initializer = layer.get(name, field.default)
        if initializer in RANDOM_INITIALIZERS:
            seeds[name] = SeededInitializer(INITIALIZER_CLASSES[initializer], seed + index)
    return seeds


def keras_value(value: Any) -> Any:
    """A ``layer_seeds`` value as the layer's constructor takes it."""
    return value.make() if isinstance(value, SeededInitializer) else value


def source(value: Any) -> str:
    """A ``layer_seeds`` value as Python source."""
    return value.code() if isinstance(value, SeededInitializer) else repr(value)
