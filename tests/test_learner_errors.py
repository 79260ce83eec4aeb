"""Every error meant for the learner is a ``LearnerError`` that reads in English and Korean."""

from __future__ import annotations

import pytest

from playground.data.core import CsvError, DatasetError, DatasetUnavailable
from playground.data.images import ImageOpenError
from playground.data.samples import SampleError
from playground.engine.model_files import ModelFileError
from playground.errors import LearnerError, first_line
from playground.labs.convolution import ConvolutionError
from playground.labs.digits import DigitModelError, ImageError, ModelProblem
from playground.labs.errors import CompareError
from playground.spec import SpecError

# One real instance of every learner error class, made as the code that raises it makes it.
EXAMPLES: dict[str, LearnerError] = {
    "SpecError": SpecError("spec.error.not_a_dict", got="5"),
    "SpecError (layer)": SpecError("spec.error.not_a_dict", layer_index=2, layer_type="Dense", got="5"),
    "DatasetError": DatasetError("datasets.csv.empty"),
    "DatasetUnavailable": DatasetUnavailable("datasets.error.offline_only", dataset="CIFAR-10", host="example.org"),
    "CsvError": CsvError("datasets.csv.unreadable", detail="bad row"),
    "ImageOpenError": ImageOpenError("too_many_pixels", megapixels=50.0),
    "ImageOpenError (empty)": ImageOpenError("empty"),
    "ImageOpenError (not an image)": ImageOpenError("not_image", "cannot identify image file"),
    "ConvolutionError": ConvolutionError("conv.error.padding", value="full"),
    "SampleError": SampleError("conv.error.upload_not_image", name="cat.txt"),
    "CompareError": CompareError("compare.error.optimizer_count", minimum=1, maximum=9),
    "DigitModelError": DigitModelError(ModelProblem("draw.model_wrong_input", {"shape": "32×32×3"})),
    "ImageError": ImageError("draw.error_not_image", detail="shape (3,)"),
    "ModelFileError": ModelFileError("train.upload_corrupt", "The model file is damaged: x", detail="x"),
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_learner_error_is_a_learner_error_that_reads_in_both_languages(name):
    error = EXAMPLES[name]
    assert isinstance(error, LearnerError) and isinstance(error, ValueError)
    english, korean = error.text("en"), error.text("ko")
    assert english and korean and english != korean
    assert "{" not in english and "{" not in korean, "a field was left unfilled"
    assert error.key and isinstance(error.fields, dict)


@pytest.mark.parametrize("name", [name for name in EXAMPLES if name != "ModelFileError"])
def test_the_english_text_is_the_errors_own_text(name):
    error = EXAMPLES[name]
    assert str(error) == error.text("en")


def test_the_spec_error_keeps_its_layer():
    error = EXAMPLES["SpecError (layer)"]
    assert (error.layer_index, error.layer_type) == (2, "Dense")


def test_compare_error_is_still_importable_from_the_surface_lab():
    from playground.labs.surfaces import CompareError as FromSurfaces

    assert FromSurfaces is CompareError


def test_the_diagram_error_is_a_learner_error():
    from playground.spec.diagrams import DiagramTooLargeError

    assert issubclass(DiagramTooLargeError, LearnerError)


@pytest.mark.parametrize(("error", "expected"), [
    (ValueError("first\nsecond"), "first"),
    (ValueError("\n  \n  spaced  \nmore"), "spaced"),
    (ValueError(""), "ValueError"),
    (KeyError(), "KeyError"),
    (RuntimeError("x" * 500), "x" * 200),
])
def test_first_line_is_the_first_non_empty_line_or_the_type(error, expected):
    assert first_line(error) == expected
