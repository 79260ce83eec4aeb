"""Speed of the model-spec core: summary without Keras, refusal of absurd specs, real builds.

Run: python bench/spec.py — prints `name: value` lines.
"""

import time
import timeit

from playground.spec.presets import PRESETS
from playground.spec import SpecError, build_model, spec_to_url_param, summarize, validate

ABSURD = {"input_shape": [4096], "layers": [{"type": "Dense", "units": 8192}, {"type": "Dense", "units": 8192}]}


def refuse_absurd() -> None:
    try:
        validate(ABSURD)
    except SpecError:
        return
    raise AssertionError("a 100 M-parameter spec was accepted")


def main() -> None:
    repeats = 250
    seconds = timeit.timeit(lambda: [summarize(spec) for spec in PRESETS.values()], number=repeats)
    print(f"summarize_preset_us: {seconds / repeats / len(PRESETS) * 1e6:.1f}")
    print(f"refuse_100M_param_spec_us: {timeit.timeit(refuse_absurd, number=1000) / 1000 * 1e6:.1f}")
    started = time.perf_counter()
    import keras  # noqa: F401 - timed on purpose.

    print(f"import_keras_s: {time.perf_counter() - started:.2f}")
    build_model(PRESETS["iris"])  # The first build pays for TensorFlow's lazy initialisation.
    for name, spec in PRESETS.items():
        started = time.perf_counter()
        build_model(spec)
        print(f"build_model_{name}_s: {time.perf_counter() - started:.3f}")
    print(f"url_param_chars_max: {max(len(spec_to_url_param(spec)) for spec in PRESETS.values())}")


if __name__ == "__main__":
    main()
