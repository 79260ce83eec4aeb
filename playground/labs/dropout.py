"""Dropout made visible: one training step of the real ``keras.layers.Dropout``, and inference beside it.

At a training step Dropout(rate) sets each input to 0 with probability ``rate`` and multiplies the
others by 1 / (1 − rate) ("inverted dropout"), so the next layer receives the same total on average;
at inference it returns its input unchanged. ``dropout_step`` runs the Keras layer both ways on one
hidden layer's outputs and says which units were dropped and by how much the rest were scaled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_RATE = 0.9
MAX_UNITS = 256


@dataclass(frozen=True)
class DropoutStep:
    """What Dropout did to one example's activations.

    Attributes:
        rate: The Dropout rate.
        inputs: The layer's outputs fed to Dropout, (units,), all positive (so a 0 means dropped).
        training: Dropout's output at a training step (``training=True``).
        inference: Dropout's output at inference (``training=False``).
    """

    rate: float
    inputs: np.ndarray
    training: np.ndarray
    inference: np.ndarray

    @property
    def dropped(self) -> np.ndarray:
        """Boolean mask of the units this step zeroed."""
        return self.training == 0

    @property
    def scale(self) -> float:
        """What every kept unit was multiplied by: 1 / (1 − rate)."""
        return 1.0 / (1.0 - self.rate)

    @property
    def measured_scale(self) -> float | None:
        """The kept units' output / input as Keras computed it (None when every unit was dropped)."""
        kept = ~self.dropped
        if not kept.any():
            return None
        return float(np.median(self.training[kept] / self.inputs[kept]))


def dropout_step(rate: float, units: int = 64, seed: int = 0) -> DropoutStep:
    """Runs ``keras.layers.Dropout(rate)`` once in training mode and once in inference mode.

    Args:
        rate: Share of units to drop, 0 to ``MAX_RATE``.
        units: Units in the hidden layer, 1 to ``MAX_UNITS``.
        seed: Seed of the activations and of the step's random choice (another seed, another step).

    Raises:
        ValueError: ``rate`` or ``units`` out of range.
    """
    if not 0.0 <= float(rate) <= MAX_RATE:
        raise ValueError(f"rate must be between 0 and {MAX_RATE}, not {rate}.")
    if not 1 <= int(units) <= MAX_UNITS:
        raise ValueError(f"units must be between 1 and {MAX_UNITS}, not {units}.")
    import keras

    # Stand-ins for a ReLU layer's outputs on one example: positive, so a zero can only mean "dropped".
    inputs = np.random.default_rng(seed).uniform(0.1, 1.0, int(units)).astype("float32")
    layer = keras.layers.Dropout(float(rate), seed=int(seed))
    training = np.asarray(layer(inputs[None], training=True))[0]
    inference = np.asarray(layer(inputs[None], training=False))[0]
    return DropoutStep(float(rate), inputs, training, inference)
