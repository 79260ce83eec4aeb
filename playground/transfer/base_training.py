"""Reproducible training of the offline base (``assets/fashion_base.keras``) and its transfer check.

Run ``python -m playground.transfer.base_training [--help]``. The data are the full Fashion-MNIST that
Debian's ``dataset-fashion-mnist`` installs (no internet). The base learns 8 of the 10 classes; the
two it never sees (``UNSEEN``) are what a learner transfers to: with 20 pictures of each, the frozen
base plus a new head beats the same data trained from scratch (``transfer_vs_scratch``, also the
test's measurement). Only the convolutional base is saved (no classifier, no optimizer state).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from playground.transfer.bases import OFFLINE_BASE_PATH

SEED = 2024
# Fashion-MNIST's class indices the base never sees: pullover and coat (close cousins of the
# shirts and T-shirts it does see, and hard to tell apart from 20 pictures alone).
UNSEEN = (2, 4)
SEEN = tuple(index for index in range(10) if index not in UNSEEN)
# Filters of each block's convolutions (VGG-style names: block1_conv1, block1_conv2, …).
BLOCKS = ((32,), (64,), (128,))
# Seeds of the 20 pictures per class the transfer check draws (the tests use the same).
CHECK_SEEDS = (0, 1, 2)


def build_base_architecture() -> tuple[Any, Any]:
    """The base (three named conv blocks, VGG-style names) and the 8-class classifier it is trained in.

    Returns:
        ``(base, classifier)``; the classifier's layers after the base are thrown away after training.
    """
    import keras
    from keras import layers

    inputs = keras.Input((28, 28, 1), name="image")
    features = inputs
    for block, convolutions in enumerate(BLOCKS, start=1):
        for number, filters in enumerate(convolutions, start=1):
            features = layers.Conv2D(filters, 3, padding="same", activation="relu",
                                     name=f"block{block}_conv{number}")(features)
        features = layers.MaxPooling2D(2, name=f"block{block}_pool")(features)
    base = keras.Model(inputs, features, name="fashion_base")
    pooled = layers.GlobalAveragePooling2D(name="pool")(base.output)
    pooled = layers.Dropout(0.3, name="dropout")(pooled)
    outputs = layers.Dense(len(SEEN), activation="softmax", name="classes")(pooled)
    return base, keras.Model(inputs, outputs, name="fashion_classifier")


def load_fashion() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The full installed Fashion-MNIST as float32 (N, 28, 28, 1) in [0, 1] and int labels."""
    from playground.data.core import images_to_unit_range
    from playground.data.installed import FASHION_MNIST_PACKAGE

    (x_train, y_train), (x_test, y_test) = FASHION_MNIST_PACKAGE.read()
    return (images_to_unit_range(x_train), y_train.astype(np.int64),
            images_to_unit_range(x_test), y_test.astype(np.int64))


def train_base(output: Path = OFFLINE_BASE_PATH, epochs: int = 6, seed: int = SEED,
               limit: int | None = None) -> dict[str, float]:
    """Trains the base on the 8 seen classes and saves it; returns the measured figures.

    Args:
        output: Where to save the base's ``.keras`` file.
        epochs: Training epochs.
        seed: Seeds Keras and the data order.
        limit: Train on the first ``limit`` seen-class images only (quick checks of the script).
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    started = time.perf_counter()
    x_train, y_train, x_test, y_test = load_fashion()
    seen_train = np.isin(y_train, SEEN)
    seen_test = np.isin(y_test, SEEN)
    remap = np.full(10, -1)
    remap[list(SEEN)] = np.arange(len(SEEN))
    x_seen, y_seen = x_train[seen_train][:limit], remap[y_train[seen_train]][:limit]
    base, classifier = build_base_architecture()
    classifier.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                       metrics=["accuracy"])
    classifier.fit(x_seen, y_seen, batch_size=128, epochs=epochs, shuffle=True, verbose=2)
    seen_accuracy = classifier.evaluate(x_test[seen_test], remap[y_test[seen_test]], verbose=0, return_dict=True)
    print(f"seen_classes_test_accuracy: {seen_accuracy['accuracy']:.4f}", flush=True)
    clean, _ = build_base_architecture()
    clean.set_weights(base.get_weights())
    output.parent.mkdir(parents=True, exist_ok=True)
    clean.save(output)
    print(f"saved: {output} ({output.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - started:.0f} s)", flush=True)
    figures = {"seen_classes_test_accuracy": float(seen_accuracy["accuracy"])}
    for check in CHECK_SEEDS:  # The tests' seeds: the same pictures, the same figures.
        measured = transfer_vs_scratch(per_class=20, seed=check, data=(x_train, y_train, x_test, y_test),
                                       base_path=output)
        figures.update({f"{name}_seed{check}": value for name, value in measured.items()})
    for name, value in figures.items():
        print(f"{name}: {value:.4f}", flush=True)
    return figures


def unseen_task(per_class: int, seed: int, data: tuple | None = None,
                unseen: tuple[int, int] = UNSEEN) -> tuple[np.ndarray, ...]:
    """``per_class`` training pictures of each unseen class and all their test pictures (labels 0/1)."""
    x_train, y_train, x_test, y_test = data if data is not None else load_fashion()
    rng = np.random.default_rng(seed)
    chosen = np.concatenate([rng.choice(np.flatnonzero(y_train == label), per_class, replace=False)
                             for label in unseen])
    rng.shuffle(chosen)
    test = np.flatnonzero(np.isin(y_test, unseen))
    binary = {unseen[0]: 0, unseen[1]: 1}
    return (x_train[chosen], np.array([binary[int(label)] for label in y_train[chosen]]),
            x_test[test], np.array([binary[int(label)] for label in y_test[test]]))


def transfer_vs_scratch(per_class: int = 20, seed: int = SEED, epochs: int = 30,
                        data: tuple | None = None, base_path: Path | None = None,
                        unseen: tuple[int, int] = UNSEEN) -> dict[str, float]:
    """Test accuracy on the two unseen classes: the frozen base + new head against the scratch CNN.

    Both see the same ``per_class`` pictures per class for the same epochs, with fixed seeds.
    """
    import keras

    from playground.spec import build_model
    from playground.transfer.bases import OFFLINE_BASE, load_base
    from playground.transfer.models import WAYS, scratch_spec, transfer_model

    x_few, y_few, x_eval, y_eval = unseen_task(per_class, seed, data, unseen)
    results = {}
    for way in ("feature_extraction", "scratch"):
        keras.utils.set_random_seed(seed)
        if way == "scratch":
            model = build_model(scratch_spec((28, 28, 1), "binary", 2), name="scratch")
        else:
            model = transfer_model(load_base(OFFLINE_BASE, base_path), OFFLINE_BASE, "binary", 2)
        model.compile(optimizer=keras.optimizers.Adam(WAYS[way].learning_rate), loss="binary_crossentropy",
                      metrics=["accuracy"])
        model.fit(x_few, y_few, batch_size=8, epochs=epochs, shuffle=True, verbose=0)
        results[f"unseen_{way}_accuracy"] = float(model.evaluate(x_eval, y_eval, verbose=0, return_dict=True)["accuracy"])
    return results


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m playground.transfer.base_training [--epochs N] [--limit N]``."""
    parser = argparse.ArgumentParser(prog="python -m playground.transfer.base_training",
                                     description="Re-makes the offline base of the transfer-learning page.")
    parser.add_argument("--output", type=Path, default=OFFLINE_BASE_PATH)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--limit", type=int, default=None, help="train on this many images only (quick check)")
    options = parser.parse_args(argv)
    train_base(options.output, options.epochs, options.seed, options.limit)


if __name__ == "__main__":
    main()
