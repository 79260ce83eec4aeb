"""Benchmark of the Draw page's path: canvas image → 28×28 → probabilities, and model loading.

Run ``python bench/digits.py``. Prints ``name: value`` lines:
keras_import_s (paid once per process, before anything else), model_load_s (the default model,
first call), preprocess_ms_median and predict_ms_median (a 280×280 RGBA canvas drawing to ten
probabilities, preprocessing included), predict_ms_p95, and huge_preprocess_ms (a 7000×7000 uint8
photo of a digit to 28×28, median of 5: what a learner's camera picture costs before the model).
"""

from __future__ import annotations

import statistics
import time

import numpy as np


def main(repeats: int = 200) -> None:
    """Measures and prints the figures."""
    started = time.perf_counter()
    import keras  # noqa: F401 - imported first so model_load_s does not include it.

    print(f"keras_import_s: {time.perf_counter() - started:.2f}")
    from playground.labs.digits import load_default_model, predict_digit, preprocess
    from playground.labs.digits_augment import render_as_canvas
    from playground.labs.digits_training import load_bundled_digits

    started = time.perf_counter()
    model = load_default_model()
    print(f"model_load_s: {time.perf_counter() - started:.3f}")

    images, _ = load_bundled_digits()
    rng = np.random.default_rng(0)
    drawings = [render_as_canvas(images[index], rng) for index in range(20)]
    predict_digit(drawings[0], model)  # Traces the compiled function once, as the page's first stroke does.

    preprocess_times, predict_times = [], []
    for repeat in range(repeats):
        drawing = drawings[repeat % len(drawings)]
        started = time.perf_counter()
        preprocess(drawing)
        preprocess_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        predict_digit(drawing, model)
        predict_times.append(time.perf_counter() - started)
    print(f"preprocess_ms_median: {1000 * statistics.median(preprocess_times):.2f}")
    print(f"predict_ms_median: {1000 * statistics.median(predict_times):.2f}")
    print(f"predict_ms_p95: {1000 * sorted(predict_times)[int(0.95 * len(predict_times))]:.2f}")

    huge = np.kron((images[0] * 255).astype(np.uint8), np.ones((250, 250), dtype=np.uint8))  # 28×28 → 7000×7000.
    huge_times = []
    for _ in range(5):
        started = time.perf_counter()
        preprocess(huge)
        huge_times.append(time.perf_counter() - started)
    print(f"huge_preprocess_ms: {1000 * statistics.median(huge_times):.1f}")


if __name__ == "__main__":
    main()
