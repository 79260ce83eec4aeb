"""Smoke test: every page of the navigation opens at its address in Chromium, without an exception box or Streamlit's
"Page not found"; a screenshot of each."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser

# Home is the default page: Streamlit serves it at the root only ("/home" said "Page not found").
PAGES = ["", "build", "train", "convolution", "draw", "compare", "boundary", "overfitting", "transfer"]


@pytest.mark.parametrize("url_path", PAGES)
def test_page_opens_without_an_exception(page, app_url, url_path):
    """Opens one page, waits for its script run to end, and checks no traceback is shown."""
    page.goto(f"{app_url}/{url_path}")
    wait_for_app(page, timeout=180_000)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    # A second check after the page had time for follow-up runs (widgets settling, fragments).
    page.wait_for_timeout(1500)
    wait_for_app(page, timeout=180_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"smoke-{url_path or 'home'}.png"), full_page=True)
    assert page.get_by_text("Page not found").count() == 0
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()[:2000]
