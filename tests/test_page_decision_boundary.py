"""The Decision boundary page through AppTest: it renders, a lesson fills the controls, it speaks Korean, it trains."""

from __future__ import annotations

import time

import pytest

from playground.i18n import t
from playground.labs.boundary_setup import LESSONS
from tests.helpers import open_page

pytestmark = pytest.mark.timeout(300)


def test_the_page_renders_with_points_and_code():
    at = open_page("boundary")
    assert [chart for chart in at.get("plotly_chart")]  # The plane and the loss curves.
    assert any("model.fit(" in code.value for code in at.code)
    assert at.selectbox(key="boundary_set").value == "xor"


def test_a_lesson_button_fills_the_controls():
    at = open_page("boundary")
    at.button(key="boundary_lesson_circles_squares").click().run()
    assert not at.exception, at.exception
    setup = LESSONS["circles_squares"].setup
    assert at.selectbox(key="boundary_set").value == "circles"
    assert at.number_input(key="boundary_layers").value == 0
    assert at.multiselect(key="boundary_features").value == list(setup.features)
    assert any(t("boundary.lesson.circles_squares.text") in info.value for info in at.info)
    assert any("x1 ** 2" in code.value for code in at.code)


def test_the_page_speaks_korean():
    at = open_page("boundary", session_state={"lang": "ko"})
    assert at.title[0].value == t("nav.boundary", "ko")
    assert at.button(key="boundary_train").label == t("boundary.train", "ko")


def test_one_epoch_trains_through_the_engine_and_counts():
    at = open_page("boundary")
    at.button(key="boundary_lesson_hidden_xor").click().run()
    at.button(key="boundary_one_epoch").click().run()
    deadline = time.monotonic() + 120
    while "boundary_train" in [button.key for button in at.button] and at.button(key="boundary_train").disabled:
        assert time.monotonic() < deadline
        time.sleep(0.5)
        at.run()
    at.run()
    assert not at.exception, at.exception
    state = at.session_state["boundary"]
    assert len(state.history) == 1 and state.frame is not None and state.model_bytes
    assert any(t("boundary.status", epoch=1, loss="", test_loss="", accuracy="")[:8] in md.value for md in at.markdown)
