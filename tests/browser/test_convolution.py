"""Browser test of the Convolution lab: the animation really plays in Chromium."""

from __future__ import annotations

import time

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def open_lab(page, app_url: str) -> None:
    # Through the navigation, as a learner arrives from the home page.
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("link", name="Convolution lab").first.click()
    page.wait_for_selector(".js-plotly-plot .slider-container", timeout=120_000)
    wait_for_app(page)


def test_playing_the_animation_moves_the_window(page, app_url):
    """Pressing Play moves the window and the output cell: the animation's pixels and position label change."""
    open_lab(page, app_url)
    animation = page.locator(".js-plotly-plot").filter(has=page.locator(".slider-container")).first
    animation.scroll_into_view_if_needed()
    label = animation.locator(".slider-group > text.slider-label").first  # "Output cell: (row,col)"
    assert "(0,0)" in label.text_content()
    ARTIFACTS.mkdir(exist_ok=True)
    before = animation.screenshot(path=str(ARTIFACTS / "convolution-animation-before.png"))
    animation.locator(".updatemenu-button").nth(0).click()
    time.sleep(2.5)
    animation.locator(".updatemenu-button").nth(1).click()
    time.sleep(0.5)
    after = animation.screenshot(path=str(ARTIFACTS / "convolution-animation-after.png"))
    assert "(0,0)" not in label.text_content()
    assert before != after
