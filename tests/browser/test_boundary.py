"""Browser: the Decision boundary page trains a lesson and shows the coloured boundary."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def test_a_lesson_trains_and_the_boundary_appears(page, app_url):
    """Clicks the XOR hidden-layer lesson, trains it and sees the epoch line and the heatmap."""
    page.goto(f"{app_url}/boundary")
    wait_for_app(page, 120_000)
    page.get_by_role("button", name="3. One hidden layer solves XOR").click()
    wait_for_app(page, 60_000)
    page.get_by_role("button", name="Train", exact=True).click()
    # The epoch counter goes past a few epochs while the job still trains (frames arrive live).
    page.get_by_text(re.compile(r"Epoch ([5-9]|[1-9]\d+) ·")).first.wait_for(timeout=120_000)
    page.get_by_text(re.compile(r"Epoch 60 ·")).first.wait_for(timeout=180_000)
    wait_for_app(page, 60_000)
    plane = page.locator('[data-testid="stPlotlyChart"]').first
    assert plane.locator(".heatmaplayer, .hm, image").count() >= 1  # The model's colours under the points.
    plane.screenshot(path=str(ARTIFACTS / "boundary-xor.png"))
    page.screenshot(path=str(ARTIFACTS / "boundary-page.png"), full_page=True)
