"""Browser: the Overfitting page runs a two-variant one-click experiment and draws both panels and the table."""

from __future__ import annotations

import pytest

from playground.charts.palette import colour as palette_colour
from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser

# The variants chart (Vega-Lite, drawn as SVG): each line's colour and number of points, and the shaded gaps.
LINES_SCRIPT = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] .mark-line path')]
    .map(path => [(path.getAttribute('stroke') || '').toLowerCase(), (path.getAttribute('d') || '').split(/[ML]/).length - 1])"""
GAPS_SCRIPT = "() => document.querySelectorAll('[data-testid=stVegaLiteChart] .mark-area path').length"
EXPERIMENT = "▶ Run: Flatten vs GlobalAveragePooling2D (count the parameters)"


def test_the_global_pooling_experiment_trains_both_variants_side_by_side(page, app_url):
    """Clicks the Flatten-vs-GAP experiment; both variants finish with curves, a shaded gap and their parameter counts."""
    page.goto(f"{app_url}/overfitting")
    wait_for_app(page, 180_000)
    page.get_by_role("button", name=EXPERIMENT).wait_for(timeout=180_000)
    page.get_by_role("button", name=EXPERIMENT).click()
    page.get_by_text("Flatten hands the Dense layer every pixel").first.wait_for(timeout=120_000)
    # Done when Start is enabled again (the page reruns once when the variants end).
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Train the variants') && !b.disabled)",
        timeout=420_000)
    wait_for_app(page, 120_000)
    page.locator('[data-testid="stVegaLiteChart"] .mark-line path').first.wait_for(timeout=60_000)
    lines = page.evaluate(LINES_SCRIPT)
    points: dict[str, list[int]] = {}
    for colour, count in lines:
        points.setdefault(colour, []).append(count)
    # Each variant (the palette's first two colours): its train and validation curves over all 12 epochs.
    assert sorted(points.get(palette_colour(0).lower(), [])) == [12, 12], lines
    assert sorted(points.get(palette_colour(1).lower(), [])) == [12, 12], lines
    assert page.evaluate(GAPS_SCRIPT) == 2  # One shaded gap per variant.
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    # Parameters, as Keras counts them: GAP's Dense(64) takes 32 values instead of Flatten's 800.
    page.wait_for_function("() => document.body.innerText.includes('Flatten vs GlobalAveragePooling2D')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overfitting-gap-experiment.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
