"""The Draw page in a real browser: draw a digit with the mouse, see the prediction, undo it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def draw_seven(page) -> None:
    """Draws a '7' with mouse down / move / up over the canvas (Fabric's top canvas takes the events)."""
    canvas = page.locator("canvas").last
    canvas.wait_for()
    box = canvas.bounding_box()
    left, top = box["x"], box["y"]
    page.mouse.move(left + 70, top + 60)
    page.mouse.down()
    for step in range(20):
        page.mouse.move(left + 70 + 7 * step, top + 60)
    for step in range(25):
        page.mouse.move(left + 210 - 4 * step, top + 60 + 7.5 * step)
    page.mouse.up()


def prediction_metric(page):
    return page.locator('[data-testid="stMetric"]').filter(has_text="Prediction")


def test_drawing_a_digit_shows_its_prediction_and_the_28x28_input(page, app_url):
    """A '7' drawn with the mouse is predicted as 7, with the 28×28 preview and the probability chart."""
    page.goto(f"{app_url}/draw")
    wait_for_app(page)
    page.get_by_text("Draw a digit — the canvas is empty").wait_for()
    draw_seven(page)
    prediction_metric(page).wait_for(timeout=60_000)
    wait_for_app(page)
    value = prediction_metric(page).locator('[data-testid="stMetricValue"]').inner_text()
    assert value.strip() == "7"
    assert page.get_by_text("What the model sees (28×28)").is_visible()
    # The 28×28 preview (a heatmap image) and the probability bars; plotly draws them a moment later.
    page.locator('[data-testid="stPlotlyChart"] .hm image, [data-testid="stPlotlyChart"] .heatmaplayer').first.wait_for()
    page.locator('[data-testid="stPlotlyChart"] .barlayer').first.wait_for()
    assert re.search(r"\d+\.\d%", page.locator('[data-testid="stMetric"]').filter(has_text="Confidence").inner_text())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "draw-prediction.png"), full_page=True)

    page.get_by_role("button", name="Undo").click()
    page.get_by_text("Draw a digit — the canvas is empty").wait_for(timeout=60_000)
    assert prediction_metric(page).count() == 0

    # Draw again, then clear everything with the toolbar's bin.
    draw_seven(page)
    prediction_metric(page).wait_for(timeout=60_000)
    page.get_by_role("button", name="Reset canvas & history").click()
    page.get_by_text("Draw a digit — the canvas is empty").wait_for(timeout=60_000)
    assert prediction_metric(page).count() == 0
