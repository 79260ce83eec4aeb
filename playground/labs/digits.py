"""Handwritten digits: canvas/photo preprocessing, the default digit model, and fast prediction.

``preprocess`` turns any picture of one digit into what an MNIST model expects, the way MNIST
itself was made: find the strokes, crop to them, fit them in a 20×20 box keeping the aspect
ratio (antialiased), and place that box in a 28×28 field so that the strokes' centre of mass is
in the middle. Light-on-dark and dark-on-light pictures both work: the border tells which is the
background.

``predict_digit`` calls the model through a ``tf.function`` traced once per model (``model.predict``
costs tens of milliseconds of set-up per call, too slow for a prediction after every stroke).

Run ``python -m playground.labs.digits_training`` to re-make ``assets/digit_model.keras``. This module
never imports the training script (it imports this one). TensorFlow and Keras are imported lazily.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from playground.errors import LearnerError

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "assets" / "digit_model.keras"
# Measured by ``digits_training`` when the shipped model was made: accuracy on the 1,000 bundled
# MNIST digits held out from its training (``digits_training.held_out_split``).
DEFAULT_MODEL_HELD_OUT_ACCURACY = 0.991
DIGIT_SIZE = 28
BOX_SIZE = 20
# Pictures larger than this (on their longest side) are subsampled first: a 12-megapixel photo
# would otherwise cost seconds of float arithmetic for a 28×28 result.
MAX_WORKING_SIDE = 560
# After scaling ink to [0, 1], weaker values are paper texture, sensor noise or JPEG ringing.
INK_THRESHOLD = 0.2
# A picture whose brightest ink is this close to the background has nothing drawn on it.
MIN_CONTRAST = 0.08
# Specks smaller than this fraction of the largest stroke are dropped before cropping, so that
# one stray dot in a photo does not stretch the bounding box.
MIN_COMPONENT_FRACTION = 0.05


@dataclass(frozen=True)
class ModelProblem:
    """Why a model cannot read drawn digits; ``key`` and ``fields`` go through the translation table."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """Returns the message in ``lang``."""
        from playground.i18n import t

        return t(self.key, lang, **self.fields)


class DigitModelError(LearnerError):
    """Raised when a model given to ``predict_digit`` cannot read 28×28 digits.

    Attributes:
        problem: The reason, with a translation key and fields (what ``check_digit_model`` returns).
    """

    def __init__(self, problem: ModelProblem) -> None:
        self.problem = problem
        super().__init__(problem.key, **problem.fields)


class ImageError(LearnerError):
    """Raised when the input is not a picture (wrong shape or type); carries a ``draw.*`` translation key."""


# ----------------------------------------------------------------------------------- preprocess


def to_grayscale(image: Any) -> np.ndarray:
    """Converts an array or PIL image to float32 luminance in [0, 1], subsampling huge inputs.

    RGBA is read by luminance, not by alpha: the canvas paints its background colour in, so alpha
    is 255 everywhere. Where alpha does vary (a transparent PNG), the transparent part is filled
    with the colour opposite to the strokes so that the strokes stand out.

    Args:
        image: (H, W), (H, W, 1), (H, W, 3) or (H, W, 4); uint8 0–255 or float 0–1 (or 0–255);
            or a PIL image.

    Returns:
        (h, w) float32 in [0, 1], with h, w ≤ ``MAX_WORKING_SIDE``-ish.

    Raises:
        ImageError: for arrays that are not pictures.
    """
    if hasattr(image, "mode") and hasattr(image, "size"):  # A PIL image.
        image = _pil_to_array(image)
    array = np.asarray(image)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ImageError("draw.error_not_image", detail=str(array.dtype))
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise ImageError("draw.error_not_image", detail=f"shape {tuple(array.shape)}")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ImageError("draw.error_not_image", detail=f"shape {tuple(array.shape)}")
    # Subsample before any float work; the 20×20 result cannot use the detail anyway.
    step = int(np.ceil(max(array.shape[:2]) / MAX_WORKING_SIDE))
    if step > 1:
        array = array[::step, ::step]
    values = array.astype(np.float32)
    if values.size and np.nanmax(values) > 1.0:
        values = values / 255.0
    values = np.nan_to_num(np.clip(values, 0.0, 1.0))
    if values.ndim == 2:
        return values
    luminance = values[:, :, :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if values.shape[2] == 4:
        alpha = values[:, :, 3]
        if alpha.min() < 0.98:
            strokes = luminance[alpha > 0.5]
            # Dark strokes on a transparent background go on white paper, light strokes on black.
            backdrop = 1.0 if strokes.size and float(strokes.mean()) < 0.5 else 0.0
            luminance = alpha * luminance + (1.0 - alpha) * backdrop
    return luminance.astype(np.float32)


def _pil_to_array(picture: Any) -> np.ndarray:
    """Converts a PIL image of any mode to an L/RGB/RGBA uint8 (or 0–1 float) array, shrinking huge ones."""
    from PIL import Image

    if max(picture.size) > 2 * MAX_WORKING_SIDE:
        picture = picture.copy()
        picture.thumbnail((2 * MAX_WORKING_SIDE, 2 * MAX_WORKING_SIDE), Image.Resampling.BOX)
    if picture.mode in ("I", "F") or picture.mode.startswith("I;"):
        # 16-bit and float scans: scale by their own maximum (converting to 8 bits would clip them).
        values = np.asarray(picture, dtype=np.float32)
        top = float(values.max()) if values.size else 0.0
        return values / top if top > 0 else values
    if picture.mode not in ("L", "RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    return np.asarray(picture)


def ink_map(gray: np.ndarray) -> np.ndarray:
    """Turns a luminance picture into ink in [0, 1] (1 = full stroke), whatever its polarity.

    The background is whatever fills the border; if the border is light the picture is dark ink on
    paper and is inverted. Ink is then measured from the background level (the median, as the
    background covers most of a digit picture) to the strongest stroke, and faint values are cut.
    """
    border = np.concatenate([gray[0, :], gray[-1, :], gray[:, 0], gray[:, -1]])
    if float(np.median(border)) > 0.5:
        gray = 1.0 - gray
    background = float(np.median(gray))
    peak = float(np.percentile(gray, 99.9)) if gray.size > 1000 else float(gray.max())
    peak = max(peak, float(gray.max()) * 0.9)
    if peak - background < MIN_CONTRAST:
        return np.zeros_like(gray)
    ink = np.clip((gray - background) / (peak - background), 0.0, 1.0)
    ink[ink < INK_THRESHOLD] = 0.0
    return ink


def _drop_specks(ink: np.ndarray) -> np.ndarray:
    """Removes connected specks much smaller than the largest stroke."""
    from scipy import ndimage

    labels, count = ndimage.label(ink > 0)
    if count <= 1:
        return ink
    areas = np.bincount(labels.ravel())[1:]
    keep = np.flatnonzero(areas >= MIN_COMPONENT_FRACTION * areas.max()) + 1
    return np.where(np.isin(labels, keep), ink, 0.0).astype(np.float32)


def fit_and_centre(ink: np.ndarray) -> np.ndarray:
    """Crops ink to its strokes, fits them in a 20×20 box and centres them by mass in 28×28.

    Args:
        ink: (h, w) float ink in [0, 1], background 0.

    Returns:
        (28, 28) float32 in [0, 1]; all zeros when there is no ink.
    """
    from PIL import Image
    from scipy import ndimage

    result = np.zeros((DIGIT_SIZE, DIGIT_SIZE), dtype=np.float32)
    rows = np.flatnonzero(ink.any(axis=1))
    columns = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return result
    crop = ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
    height, width = crop.shape
    scale = BOX_SIZE / max(height, width)
    new_height = max(1, min(BOX_SIZE, round(height * scale)))
    new_width = max(1, min(BOX_SIZE, round(width * scale)))
    # LANCZOS antialiases when shrinking; its overshoot is clipped below.
    glyph = np.asarray(
        Image.fromarray(crop.astype(np.float32), mode="F").resize((new_width, new_height), Image.Resampling.LANCZOS)
    )
    glyph = np.clip(glyph, 0.0, None)
    if glyph.max() <= 0:
        return result
    glyph = np.clip(glyph / glyph.max(), 0.0, 1.0)
    centre_row, centre_column = ndimage.center_of_mass(glyph)
    middle = (DIGIT_SIZE - 1) / 2
    top = int(np.clip(round(middle - centre_row), 0, DIGIT_SIZE - new_height))
    left = int(np.clip(round(middle - centre_column), 0, DIGIT_SIZE - new_width))
    result[top : top + new_height, left : left + new_width] = glyph
    return result


def preprocess(image: Any) -> np.ndarray:
    """Turns a picture of one digit into the 28×28 image an MNIST model reads.

    Args:
        image: The canvas's RGBA array, or a grayscale/RGB/RGBA photo or scan (array or PIL image),
            any size, light-on-dark or dark-on-light.

    Returns:
        (28, 28) float32 in [0, 1], strokes bright on black, fitted in 20×20 and centred by mass;
        all zeros when nothing is drawn (see ``is_blank``).

    Raises:
        ImageError: when ``image`` is not a picture.
    """
    return fit_and_centre(_drop_specks(ink_map(to_grayscale(image))))


def is_blank(digit: np.ndarray) -> bool:
    """Tells whether a preprocessed digit is empty (nothing was drawn)."""
    return not bool(np.asarray(digit).any())


# ---------------------------------------------------------------------------------------- models

_load_lock = threading.Lock()
_default_model: Any = None
_predictors: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()
_predictor_lock = threading.Lock()


def load_default_model() -> Any:
    """Returns the shipped digit model (loaded once per process; thread-safe).

    Raises:
        FileNotFoundError: when ``assets/digit_model.keras`` is missing (make it with
            ``python -m playground.labs.digits_training``).
    """
    global _default_model
    if _default_model is None:
        with _load_lock:
            if _default_model is None:
                if not DEFAULT_MODEL_PATH.exists():
                    raise FileNotFoundError(
                        f"{DEFAULT_MODEL_PATH} is missing; run `python -m playground.labs.digits_training`."
                    )
                import keras

                _default_model = keras.saving.load_model(DEFAULT_MODEL_PATH, compile=False)
    return _default_model


def check_digit_model(model: Any) -> ModelProblem | None:
    """Tells why ``model`` cannot read drawn digits, or returns None when it can.

    A digit model takes 28×28 (or 28×28×1) images and has 10 outputs, one per digit.
    """
    input_shape = getattr(model, "input_shape", None)
    output_shape = getattr(model, "output_shape", None)
    if input_shape is None or output_shape is None or not callable(model):
        return ModelProblem("draw.model_not_built")
    if isinstance(input_shape, list) or isinstance(output_shape, list):
        return ModelProblem("draw.model_several_inputs")
    return digit_shapes_problem(tuple(input_shape), tuple(output_shape))


def digit_shapes_problem(input_shape: tuple, output_shape: tuple) -> ModelProblem | None:
    """The one rule for "this model can read drawn digits", on shapes alone (no model needed).

    The Draw page applies it to a loaded model (``check_digit_model``); the Train page to a trained
    spec's shapes, before it tells the learner that Draw can use the model.

    Args:
        input_shape: The model's input shape with the batch axis, e.g. ``(None, 28, 28, 1)``.
        output_shape: Its output shape with the batch axis, e.g. ``(None, 10)``.

    Returns:
        None when the input is 28×28 or 28×28×1 and there are 10 outputs; else the reason.
    """
    shape = tuple(input_shape[1:])
    if shape not in ((DIGIT_SIZE, DIGIT_SIZE, 1), (DIGIT_SIZE, DIGIT_SIZE)):
        return ModelProblem("draw.model_wrong_input", {"shape": _shape_text(shape)})
    if len(output_shape) != 2 or output_shape[-1] != 10:
        return ModelProblem("draw.model_wrong_output", {"shape": _shape_text(tuple(output_shape[1:]))})
    return None


def _shape_text(shape: tuple) -> str:
    return "×".join("?" if size is None else str(size) for size in shape) or "()"


def _predictor(model: Any) -> Any:
    """Returns a ``tf.function`` for ``model`` on one (1, 28, 28, 1) image, traced once per model."""
    with _predictor_lock:
        function = _predictors.get(model)
        if function is None:
            import tensorflow as tf

            wants_channel = len(model.input_shape) == 4
            reference = weakref.ref(model)  # A strong reference would keep the model alive forever.

            @tf.function(input_signature=[tf.TensorSpec([1, DIGIT_SIZE, DIGIT_SIZE], tf.float32)], reduce_retracing=True)
            def function(batch: Any) -> Any:
                inputs = batch[..., tf.newaxis] if wants_channel else batch
                return reference()(inputs, training=False)

            _predictors[model] = function
    return function


def predict_preprocessed(digit: np.ndarray, model: Any = None) -> np.ndarray:
    """Probabilities of the ten digits for an already preprocessed (28, 28) image.

    Args:
        digit: (28, 28) float32 in [0, 1] from ``preprocess``.
        model: A compatible Keras model; None means the default model.

    Returns:
        (10,) float32 probabilities summing to 1, or all zeros for a blank image (no guess).

    Raises:
        DigitModelError: when ``model`` cannot read 28×28 digits.
    """
    if model is None:
        model = load_default_model()
    problem = check_digit_model(model)
    if problem is not None:
        raise DigitModelError(problem)
    if is_blank(digit):
        return np.zeros(10, dtype=np.float32)
    batch = np.asarray(digit, dtype=np.float32).reshape(1, DIGIT_SIZE, DIGIT_SIZE)
    outputs = np.asarray(_predictor(model)(batch)).reshape(10).astype(np.float64)
    # A model that ends in logits (no softmax) still gets probabilities.
    if outputs.min() < 0 or abs(outputs.sum() - 1.0) > 1e-3:
        outputs = np.exp(outputs - outputs.max())
        outputs = outputs / outputs.sum()
    return outputs.astype(np.float32)


def predict_digit(image: Any, model: Any = None) -> np.ndarray:
    """Probabilities of the ten digits for a picture of one digit.

    Args:
        image: Anything ``preprocess`` accepts (the canvas's RGBA array, a photo, ...).
        model: A Keras model with 28×28(×1) input and 10 outputs; None means the default model.

    Returns:
        (10,) float32 probabilities; all zeros when nothing is drawn.

    Raises:
        DigitModelError: when ``model`` cannot read 28×28 digits.
        ImageError: when ``image`` is not a picture.
    """
    return predict_preprocessed(preprocess(image), model)
