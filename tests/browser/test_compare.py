"""Browser: the Compare page — a two-optimizer race draws both curves; the surface animation plays."""

from __future__ import annotations

import pytest

from playground.charts.palette import colour as palette_colour
from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


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
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Start the race') && !b.disabled)",
        timeout=180_000)
    wait_for_app(page, 120_000)
    # The race chart (Vega-Lite, drawn as SVG): every line it draws, by colour, with how many points it has.
    page.locator('[data-testid="stVegaLiteChart"] .mark-line path').first.wait_for(timeout=60_000)
    lines = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] .mark-line path')]
        .map(path => [(path.getAttribute('stroke') || '').toLowerCase(), (path.getAttribute('d') || '').split(/[ML]/).length - 1])""")
    points: dict[str, int] = {}
    for colour, count in lines:  # The per-batch curve and the per-epoch curves share the entry's colour.
        points[colour] = points.get(colour, 0) + count
    # One epoch of 64 digits: each contestant (the palette's first two colours) has its batch points and the epoch's end.
    assert points.get(palette_colour(0).lower(), 0) >= 2 and points.get(palette_colour(1).lower(), 0) >= 2, lines
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
