"""The activation explorer: activation curves with their derivatives, and gradient norms per layer.

The notes say sigmoid's derivative is at most 1/4, so in a deep stack the gradient reaching the
first layers shrinks by about that factor at every layer. ``layer_gradient_norms`` measures it on a
freshly initialised Dense stack with ``tf.GradientTape`` on a real batch of digits.

TensorFlow and Keras are imported lazily, inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.labs.errors import CompareError

MIN_DEPTH = 1
MAX_DEPTH = 50
MAX_UNITS = 512


def activation_curves(name: str, inputs: Sequence[float] | np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluates a Keras activation and its derivative (by automatic differentiation).

    Args:
        name: A name in ``HIDDEN_ACTIVATIONS`` (as Keras spells it).
        inputs: Points to evaluate at; -5 to 5 in 201 steps when None.

    Returns:
        (inputs, values, derivatives) as float64 arrays of the same length.

    Raises:
        CompareError: For an activation the app does not offer.
    """
    if name not in HIDDEN_ACTIVATIONS:
        raise CompareError("compare.error.unknown_activation", name=name, choices=", ".join(HIDDEN_ACTIVATIONS))
    import keras
    import tensorflow as tf

    points = np.linspace(-5.0, 5.0, 201) if inputs is None else np.asarray(inputs, dtype=np.float64)
    variable = tf.constant(points, dtype=tf.float32)
    function = keras.activations.get(name)
    with tf.GradientTape() as tape:
        tape.watch(variable)
        values = function(variable)
    # Each output depends only on its own input, so the gradient of the sum is the elementwise derivative.
    derivatives = tape.gradient(values, variable)
    return points, np.asarray(values, dtype=np.float64), np.asarray(derivatives, dtype=np.float64)


def layer_gradient_norms(
    activation: str,
    depth: int,
    x: np.ndarray,
    y: np.ndarray,
    units: int = 32,
    seed: int = 0,
) -> list[float]:
    """Measures the gradient reaching each hidden layer of a freshly initialised Dense stack.

    The stack is ``depth`` × Dense(``units``, activation) → Dense(classes, softmax) on the
    flattened inputs, with Keras's default initialisation (Glorot uniform, seeded), as a learner
    would write it. The loss is
    sparse categorical cross-entropy on one batch.

    Args:
        activation: The hidden activation, a name in ``HIDDEN_ACTIVATIONS``.
        depth: Number of hidden layers, ``MIN_DEPTH`` to ``MAX_DEPTH``.
        x: A batch of inputs (any shape per sample; flattened).
        y: Their integer class labels.
        units: Units per hidden layer, 1 to ``MAX_UNITS``.
        seed: Seed of the initial weights (the same seed gives the same weights for every activation).

    Returns:
        The L2 norm of the loss gradient with respect to each hidden layer's kernel, from the layer
        nearest the input (index 0) to the one nearest the output.

    Raises:
        CompareError: For an unknown activation, or depth / units out of range.
    """
    if activation not in HIDDEN_ACTIVATIONS:
        raise CompareError("compare.error.unknown_activation", name=activation, choices=", ".join(HIDDEN_ACTIVATIONS))
    if not MIN_DEPTH <= int(depth) <= MAX_DEPTH or not 1 <= int(units) <= MAX_UNITS:
        raise CompareError("compare.error.stack_size", max_depth=MAX_DEPTH, max_units=MAX_UNITS)
    import keras
    import tensorflow as tf

    inputs = np.asarray(x, dtype=np.float32).reshape(len(x), -1)
    labels = np.asarray(y).reshape(-1).astype(np.int64)
    classes = int(labels.max()) + 1
    # Seeded initialisers, not keras.utils.set_random_seed: the weights are the same for every
    # activation (a fair comparison) without touching the global seeds other sessions' trainings use.
    hidden = [keras.layers.Dense(int(units), activation=activation, name=f"hidden_{index + 1}",
                                 kernel_initializer=keras.initializers.GlorotUniform(seed=seed + index))
              for index in range(int(depth))]
    output = keras.layers.Dense(classes, activation="softmax", name="output",
                                kernel_initializer=keras.initializers.GlorotUniform(seed=seed + int(depth)))
    model = keras.Sequential([keras.Input(shape=(inputs.shape[1],)), *hidden, output], name="gradient_probe")
    loss_function = keras.losses.SparseCategoricalCrossentropy()
    kernels = [layer.kernel for layer in hidden]
    with tf.GradientTape() as tape:
        loss = loss_function(labels, model(inputs, training=True))
    gradients = tape.gradient(loss, kernels)
    return [float(tf.norm(gradient)) for gradient in gradients]


def sample_batch(size: int = 256, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A batch of real handwritten digits (bundled MNIST; never downloads), flattened to 784 values in [0, 1].

    Args:
        size: Number of digits.
        seed: Seed of the choice.
    """
    from playground.data.registry import load, subsample

    digits = subsample(load("mnist", allow_download=False), size, n_test=1, seed=seed)
    return np.asarray(digits.x_train, dtype=np.float32).reshape(len(digits.x_train), -1), np.asarray(digits.y_train)
