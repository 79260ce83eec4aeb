"""The shipped digit model: accuracy on held-out digits drawn like on the canvas, speed, model checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from playground.labs import digits
from playground.labs.digits import (
    DEFAULT_MODEL_HELD_OUT_ACCURACY,
    DEFAULT_MODEL_PATH,
    DigitModelError,
    check_digit_model,
    load_default_model,
    predict_digit,
    predict_preprocessed,
    preprocess,
)
from playground.labs.digits_augment import render_as_canvas
from playground.labs.digits_training import build_training_set, held_out_split, load_bundled_digits

ROOT = Path(__file__).resolve().parent.parent
# Measured for the shipped model (see README): 99.1 % on the 1,000 held-out digits as MNIST images,
# 98.5 % rendered as canvas drawings by digits_training (fixed seed). The bar is the 98 %.
CANVAS_ACCURACY_BAR = 0.98


@pytest.fixture(scope="module")
def bundled():
    return load_bundled_digits()


def test_the_model_file_is_shipped_and_small():
    assert DEFAULT_MODEL_PATH.exists(), "run `python -m playground.labs.digits_training`"
    assert DEFAULT_MODEL_PATH.stat().st_size < 5_000_000


def test_held_out_digits_drawn_on_the_canvas_are_recognised(bundled):
    images, labels = bundled
    _, held_out = held_out_split(labels)
    rng = np.random.default_rng(2024)
    model = load_default_model()
    predicted = np.array([np.argmax(predict_digit(render_as_canvas(images[index], rng, brush=int(rng.integers(12, 30))), model)) for index in held_out])
    accuracy = float(np.mean(predicted == labels[held_out]))
    assert accuracy >= CANVAS_ACCURACY_BAR, f"accuracy {accuracy:.3f} on held-out canvas drawings"


def test_the_accuracy_the_draw_page_claims_is_what_the_shipped_model_scores(bundled):
    """The Draw page and the README quote DEFAULT_MODEL_HELD_OUT_ACCURACY: it must be the shipped model's own figure."""
    images, labels = bundled
    _, held_out = held_out_split(labels)
    digits = np.stack([preprocess(images[index]) for index in held_out])[..., np.newaxis]
    predicted = np.argmax(load_default_model().predict(digits, verbose=0), axis=-1)
    accuracy = float(np.mean(predicted == labels[held_out]))
    assert abs(accuracy - DEFAULT_MODEL_HELD_OUT_ACCURACY) < 0.0015, f"the shipped model scores {accuracy:.3f}"


def test_held_out_split_is_fixed_stratified_and_disjoint(bundled):
    _, labels = bundled
    train, held_out = held_out_split(labels)
    again_train, again_held_out = held_out_split(labels)
    assert np.array_equal(held_out, again_held_out) and np.array_equal(train, again_train)
    assert len(held_out) == 1000 and not set(train) & set(held_out)
    assert np.bincount(labels[held_out]).tolist() == [100] * 10


def test_augmented_training_data_is_reproducible(bundled):
    images, labels = bundled
    first_x, first_y = build_training_set(images[:3], labels[:3], copies=2, seed=5)
    second_x, second_y = build_training_set(images[:3], labels[:3], copies=2, seed=5)
    np.testing.assert_array_equal(first_x, second_x)
    assert first_x.shape == (9, 28, 28, 1) and first_y.tolist() == [labels[0]] * 3 + [labels[1]] * 3 + [labels[2]] * 3
    different_x, _ = build_training_set(images[:3], labels[:3], copies=2, seed=6)
    assert not np.array_equal(first_x, different_x)


def test_probabilities_sum_to_one_and_a_blank_canvas_gets_no_guess():
    blank = np.zeros((280, 280, 4), dtype=np.uint8)
    blank[..., 3] = 255
    assert not predict_digit(blank).any()
    drawn = blank.copy()
    drawn[40:240, 130:150, :3] = 255  # A plain "1".
    probabilities = predict_digit(drawn)
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1.0, abs=1e-4)
    assert int(np.argmax(probabilities)) == 1


def test_prediction_is_traced_once_and_reused_for_every_stroke():
    # How fast a stroke's prediction is: bench/digits.py (predict_ms_median; the target is 20 ms).
    model = load_default_model()
    digit = preprocess(np.eye(280, dtype=np.float32))
    first = predict_preprocessed(digit, model)
    for _ in range(5):
        assert np.allclose(predict_preprocessed(digit, model), first)
    assert digits._predictor(model).experimental_get_tracing_count() == 1


def test_models_that_cannot_read_digits_are_refused_with_the_reason():
    import keras

    def model(input_shape, units):
        return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(), keras.layers.Dense(units)])

    assert check_digit_model(model((28, 28, 1), 10)) is None
    assert check_digit_model(model((28, 28), 10)) is None
    wrong_input = check_digit_model(model((32, 32, 3), 10))
    assert wrong_input.key == "draw.model_wrong_input" and "32×32×3" in wrong_input.text("en")
    wrong_output = check_digit_model(model((28, 28, 1), 3))
    assert wrong_output.key == "draw.model_wrong_output" and "3" in wrong_output.fields["shape"]
    assert check_digit_model(keras.Sequential([keras.layers.Dense(10)])).key == "draw.model_not_built"
    assert check_digit_model("not a model").key == "draw.model_not_built"
    with pytest.raises(DigitModelError, match="28×28×1") as raised:
        predict_digit(np.ones((28, 28)), model((32, 32, 3), 10))
    assert "32×32×3" in raised.value.problem.text("ko")


def test_a_model_ending_in_logits_still_gives_probabilities():
    import keras

    logits = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)])
    probabilities = predict_digit(np.eye(50), logits)
    assert probabilities.min() >= 0 and probabilities.sum() == pytest.approx(1.0, abs=1e-4)


def test_a_missing_model_file_says_how_to_make_it(monkeypatch, tmp_path):
    monkeypatch.setattr(digits, "DEFAULT_MODEL_PATH", tmp_path / "missing.keras")
    monkeypatch.setattr(digits, "_default_model", None)
    with pytest.raises(FileNotFoundError, match="playground.labs.digits_training"):
        load_default_model()


def test_the_training_command_explains_its_usage():
    command = [sys.executable, "-m", "playground.labs.digits_training", "--help"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "usage: python -m playground.labs.digits_training" in result.stdout


def test_the_digit_module_does_not_import_its_training_script():
    """digits_training imports digits; the other way round would be an import loop."""
    import ast

    tree = ast.parse(Path(digits.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not any(name and "digits_training" in name for name in imported)


@pytest.mark.slow
def test_the_training_script_is_reproducible(tmp_path):
    """Two runs of the training script with the same seed save identical weights."""
    import keras

    outputs = [tmp_path / f"{name}.keras" for name in ("first", "second")]
    # The two runs at once (each mostly imports TensorFlow and loads the digits, on one core).
    runs = [subprocess.Popen([sys.executable, "-m", "playground.labs.digits_training", "--limit", "200", "--copies", "1",
                              "--epochs", "1", "--output", str(output)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for output in outputs]
    weights = []
    for run, output in zip(runs, outputs):
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr[-2000:]
        assert "held_out_accuracy:" in stdout
        weights.append(keras.saving.load_model(output, compile=False).get_weights())
    for first, second in zip(*weights):
        np.testing.assert_array_equal(first, second)


def _arc(centre_x, centre_y, radius_x, radius_y, start, end, points=30):
    """Points along an elliptic arc (angles in degrees, y down as on screen)."""
    angles = np.radians(np.linspace(start, end, points))
    return list(zip(centre_x + radius_x * np.cos(angles), centre_y + radius_y * np.sin(angles)))


# Mouse-like stroke paths in a unit box, one list of strokes per digit.
STROKE_DIGITS = {
    0: [_arc(0.5, 0.5, 0.3, 0.45, 0, 360)],
    1: [[(0.5, 0.05), (0.5, 0.95)]],
    2: [_arc(0.5, 0.3, 0.3, 0.25, 190, 360) + [(0.2, 0.95), (0.85, 0.95)]],
    3: [_arc(0.45, 0.28, 0.3, 0.23, 200, 450), _arc(0.45, 0.72, 0.33, 0.23, 270, 520)],
    4: [[(0.6, 0.05), (0.15, 0.65), (0.85, 0.65)], [(0.6, 0.3), (0.6, 0.95)]],
    5: [[(0.8, 0.05), (0.25, 0.05), (0.22, 0.45)] + _arc(0.48, 0.66, 0.3, 0.29, 220, 500)],
    6: [[(0.7, 0.05)] + _arc(0.5, 0.7, 0.28, 0.26, 200, 560)],
    7: [[(0.15, 0.05), (0.85, 0.05), (0.4, 0.95)]],
    8: [_arc(0.5, 0.27, 0.22, 0.22, 90, 450), _arc(0.5, 0.72, 0.28, 0.23, -90, 270)],
    9: [_arc(0.5, 0.3, 0.27, 0.25, 0, 360), [(0.77, 0.3), (0.7, 0.95)]],
}


def test_mouse_drawn_digits_of_any_size_thickness_and_place_are_recognised():
    """Digits stroked on a 280×280 canvas: 70–250 px tall, brush 8–35 px, anywhere, squeezed."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(11)
    model = load_default_model()
    right = total = 0
    for _ in range(5):
        for digit, strokes in STROKE_DIGITS.items():
            size, brush = int(rng.integers(70, 250)), int(rng.integers(8, 35))
            left, top = rng.integers(0, 280 - size, size=2)
            aspect = rng.uniform(0.6, 1.0)
            picture = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
            pen = ImageDraw.Draw(picture)
            for stroke in strokes:
                points = [(left + size * (aspect * x + (1 - aspect) / 2), top + size * y) for x, y in stroke]
                pen.line(points, fill="white", width=brush, joint="curve")
            right += int(np.argmax(predict_digit(np.asarray(picture), model))) == digit
            total += 1
    assert right / total >= 0.95, f"{right}/{total} drawn digits recognised"
