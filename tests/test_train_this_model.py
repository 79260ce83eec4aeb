"""Build → "Train this model": Train opens with that model and data that fits its input (issue 12.3)."""

from __future__ import annotations

import pytest

from playground.data.registry import dataset_for_input_shape
from tests.helpers import open_page


@pytest.mark.parametrize(("shape", "dataset"), [
    ((28, 28, 1), "mnist"), ((28, 28), "mnist"), ((784,), "mnist"), ((4,), "iris"), ((30,), "breast_cancer"),
    ((13,), "wine"), ((8, 8, 1), "digits"), ((8, 8), "digits"), ((32, 32, 3), "cifar10"), ((7, 3), None),
])
def test_the_dataset_for_a_model_input_is_the_one_it_fits(shape, dataset):
    assert dataset_for_input_shape(shape) == dataset


def test_train_this_model_opens_train_with_the_build_model_and_fitting_data():
    at = open_page("build")  # The Build page starts with the MNIST CNN: input (28, 28, 1).
    at.button(key="build_train_this").click().run()
    assert not at.exception, at.exception
    assert at.session_state["train_model_source"] == "build"
    assert at.session_state["train_dataset"] == "mnist"
    assert at.title[0].value == "Train", "the Train page did not open"
    captions = " ".join(caption.value for caption in at.caption)
    assert "Model from the Build page" in captions and "6 layers" in captions and "34,826 parameters" in captions


def test_train_this_model_takes_the_model_as_edited_with_the_click():
    """An input shape typed just before the click, whose run of the page the click cut short, picks the data Train
    opens with (4 features: iris), and the model Train gets is the edited one."""
    at = open_page("build")
    at.selectbox(key="build_preset").set_value("mnist_dnn")
    at.button(key="build_load_preset").click().run()
    (shape,) = [box for box in at.text_input if box.key.startswith("build_input_shape")]
    shape.set_value("4")
    at.button(key="build_train_this").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Train", "the Train page did not open"
    assert at.session_state["shared"].spec["input_shape"] == [4], "Train got the model as it was before the edit"
    assert at.session_state["train_dataset"] == "iris", "Train opened with data for the model shown before the edit"


def test_a_click_that_came_with_an_edit_that_broke_the_model_is_not_acted_on_later():
    """The click and an input shape that breaks the model reach the server together: the page cannot train it and
    draws no button. Once the learner has mended the model a few edits later, the page must not jump to Train."""
    at = open_page("build")
    (shape,) = [box for box in at.text_input if box.key.startswith("build_input_shape")]
    shape.set_value("7, 3")  # The MNIST CNN's Conv2D needs an image: the stack is invalid.
    at.button(key="build_train_this").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Build" and "build_train_this" not in [button.key for button in at.button]
    for _ in range(4):  # The learner looks at the message and the page runs again.
        at.run()
    (shape,) = [box for box in at.text_input if box.key.startswith("build_input_shape")]
    shape.set_value("28, 28, 1").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Build", "a click from minutes ago opened the Train page"
