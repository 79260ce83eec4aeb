"""The bare side of ``bench/app_overhead.py``: the same fit as the app's, in child processes with no app around it.

Each child imports TensorFlow, prepares the data exactly as the Train page chooses it, warms up as the app's Dask
workers do (one tiny fit), says "ready", and on "go" builds, compiles and fits the ``mnist_cnn`` preset, then
evaluates and predicts the test samples as the app's job does. ``bare_fits`` starts several at once and times them.
``python bench/bare_fit.py --epochs N --samples N`` is one such child (it waits for "go" on stdin).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRESET = "mnist_cnn"
DATASET = "mnist"
BATCH_SIZE = 32
VALIDATION_SPLIT = 0.2
TEST_SAMPLES = 1000  # What the Train page keeps of the test part (DEFAULT_TEST_SAMPLES).


def app_data(samples: int):
    """The training data exactly as the Train page chooses it (``setup.choose_data``)."""
    from playground.data.registry import load, subsample

    dataset = load(DATASET, allow_download=False)
    if samples >= len(dataset.y_train) and len(dataset.y_test) <= TEST_SAMPLES:
        return dataset
    return subsample(dataset, samples, min(len(dataset.y_test), TEST_SAMPLES))


def child(epochs: int, samples: int) -> None:
    """Imports TF, prepares the data, warms up like a worker, says ready; on 'go' times build+compile+fit."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import numpy as np

    from playground.engine.optimizers import make_optimizer
    from playground.spec import build_model, tasks
    from playground.spec.presets import PRESETS

    dataset = app_data(samples)
    warm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
    warm.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    warm.fit(np.zeros((8, 2), "float32"), np.zeros(8, "int64"), epochs=1, verbose=0)
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.time()
    model = build_model(PRESETS[PRESET])
    x = tasks.fit_inputs(np.asarray(dataset.x_train), tuple(model.input_shape[1:]))
    model.compile(optimizer=make_optimizer("Adam", 0.001), loss="sparse_categorical_crossentropy",
                  metrics=tasks.metrics_for(dataset.task))
    model.fit(x, np.asarray(dataset.y_train), batch_size=BATCH_SIZE, epochs=epochs,
              validation_split=VALIDATION_SPLIT, verbose=0)
    fitted = time.time()
    # What the app's job does after fit (playground.engine.training.evaluate): test metrics and predictions.
    x_test = tasks.fit_inputs(np.asarray(dataset.x_test), tuple(model.input_shape[1:]))
    model.evaluate(x_test, np.asarray(dataset.y_test), verbose=0, return_dict=True, batch_size=256)
    model.predict(x_test, verbose=0, batch_size=256)
    end = time.time()
    print(json.dumps({"start": start, "fitted": fitted, "end": end, "samples": int(len(dataset.y_train))}), flush=True)


def bare_fits(count: int, epochs: int, samples: int) -> dict[str, float]:
    """Runs ``count`` bare fits at once in child processes.

    Returns:
        ``fit``: wall seconds from the first start to the last fit's end; ``fit_and_evaluate``: the same to
        the last evaluation's end (the work the app's job does too); ``each``: each child's fit seconds.
    """
    children = [subprocess.Popen([sys.executable, __file__, "--epochs", str(epochs),
                                  "--samples", str(samples)], cwd=ROOT, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True) for _ in range(count)]
    try:
        for child in children:
            line = child.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"bare child did not get ready (said {line!r}, code {child.poll()})")
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = []
        for child in children:
            line = child.stdout.readline().strip()
            if not line:
                raise RuntimeError(f"bare child failed (code {child.wait(timeout=60)})")
            results.append(json.loads(line))
            child.wait(timeout=120)
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    start = min(result["start"] for result in results)
    return {"fit": max(result["fitted"] for result in results) - start,
            "fit_and_evaluate": max(result["end"] for result in results) - start,
            "each": [result["fitted"] - result["start"] for result in results]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="one bare fit, started by bare_fits")
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--samples", type=int, required=True)
    arguments = parser.parse_args()
    child(arguments.epochs, arguments.samples)
