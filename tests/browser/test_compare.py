"""Browser: the Compare page — a two-optimizer race draws both curves; the surface animation plays."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser

# Names and sizes of the traces of every plotly chart on the page, read from plotly.js itself.
TRACES_SCRIPT = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
    (plot.data || []).map(trace => [trace.name || '', (trace.x || []).length]))"""


def _open_compare_page(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page, 120_000)
    navigation = page.get_by_test_id("stSidebarNav")
    navigation.get_by_role("link", name="Compare", exact=True).wait_for(timeout=120_000)
    navigation.get_by_role("link", name="Compare", exact=True).click()
    page.get_by_role("button", name="▶ Start the race").wait_for(timeout=120_000)
    wait_for_app(page, 120_000)


def _set_number(page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_for_app(page, 60_000)


def test_two_optimizer_race_for_one_epoch_shows_both_curves(page, app_url):
    """Races SGD against Adam for one epoch on 64 digits and finds both training curves and a finished table."""
    _open_compare_page(page, app_url)
    _set_number(page, "Training samples (fewer = faster)", "64")
    _set_number(page, "Epochs", "1")
    page.get_by_role("button", name="▶ Start the race").click()
    # The race is over when Start is enabled again (the page reruns once at the end).
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Start the race') && !b.disabled)"
        " && [...document.querySelectorAll('.js-plotly-plot')].some(p => (p.data || []).some(t => (t.name || '').startsWith('Adam lr=')))",
        timeout=180_000)
    wait_for_app(page, 120_000)
    charts = page.evaluate(TRACES_SCRIPT)
    race_chart = next(traces for traces in charts if any(name.startswith("Adam lr=") for name, _ in traces))
    curves: dict[str, int] = {}
    for name, points in race_chart:  # The per-batch curve and the per-epoch curve share the entry's name.
        curves[name] = curves.get(name, 0) + points
    # One epoch of 64 digits: each contestant has its batch points plus the epoch's end.
    assert curves.get("SGD lr=0.01", 0) >= 2, race_chart
    assert curves.get("Adam lr=0.001", 0) >= 2, race_chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-race.png"), full_page=True)


def test_surface_animation_plays_over_the_surface(page, app_url):
    """Presses Play under the Rosenbrock contour; the step advances and the surface image stays."""
    _open_compare_page(page, app_url)
    page.get_by_role("tab", name="Loss-surface lab").click()
    play = page.get_by_text("▶ Play", exact=True)
    play.wait_for(timeout=120_000)
    play.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.annotation-text')].some(n => /step [1-9]/.test(n.textContent))",
        timeout=60_000)
    # The surface is a layout image, which animation frames never remove.
    assert page.locator(".js-plotly-plot .imagelayer image").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "compare-surface-playing.png"), full_page=True)


def test_clicking_the_surface_moves_the_start_point(page, app_url):
    """Clicks three quarters across and down the Rosenbrock plot; the start point becomes (1, 0)."""
    _open_compare_page(page, app_url)
    page.get_by_role("tab", name="Loss-surface lab").click()
    plot = page.locator(".js-plotly-plot >> visible=true").first
    plot.wait_for(timeout=120_000)
    plot.scroll_into_view_if_needed()
    wait_for_app(page, 60_000)
    area = plot.locator(".nsewdrag").first.bounding_box()
    # Rosenbrock is drawn on x in [-2, 2] and y in [-1, 3].
    page.mouse.click(area["x"] + area["width"] * 0.75, area["y"] + area["height"] * 0.75)
    for _ in range(60):
        page.wait_for_timeout(1_000)
        if page.get_by_label("start x").input_value() == "1.00":
            break
    assert page.get_by_label("start x").input_value() == "1.00"
    assert page.get_by_label("start y").input_value() == "0.00"
