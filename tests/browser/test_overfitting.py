"""Browser: the Overfitting page runs a two-variant one-click experiment and draws both panels and the table."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser

# Names and sizes of the traces of every plotly chart on the page, read from plotly.js itself.
TRACES_SCRIPT = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
    (plot.data || []).map(trace => [trace.name || '', (trace.x || []).length, trace.meta || '']))"""
EXPERIMENT = "▶ Run: Flatten vs GlobalAveragePooling2D (count the parameters)"


def test_the_global_pooling_experiment_trains_both_variants_side_by_side(page, app_url):
    """Clicks the Flatten-vs-GAP experiment; both variants finish with curves, a shaded gap and their parameter counts."""
    page.goto(f"{app_url}/overfitting")
    wait_for_app(page, 180_000)
    page.get_by_role("button", name=EXPERIMENT).wait_for(timeout=180_000)
    page.get_by_role("button", name=EXPERIMENT).click()
    page.get_by_text("Flatten hands the Dense layer every pixel").first.wait_for(timeout=120_000)
    # Done when Start is enabled again (the page reruns once when the variants end) and the GAP panel has curves.
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('Train the variants') && !b.disabled)"
        " && [...document.querySelectorAll('.js-plotly-plot')].some(p => (p.data || []).some("
        "t => (t.name || '') === 'GAP · validation' && (t.x || []).length >= 12))",
        timeout=420_000)
    wait_for_app(page, 120_000)
    chart = next(traces for traces in page.evaluate(TRACES_SCRIPT) if any(name == "GAP · train" for name, _, _ in traces))
    curves = {name: points for name, points, _ in chart}
    assert curves["base · train"] == curves["base · validation"] == 12, chart
    assert curves["GAP · train"] == 12, chart
    assert sum(meta == "gap" for _, _, meta in chart) == 2  # One shaded gap per variant.
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    # Parameters, as Keras counts them: GAP's Dense(64) takes 32 values instead of Flatten's 800.
    page.wait_for_function("() => document.body.innerText.includes('Flatten vs GlobalAveragePooling2D')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overfitting-gap-experiment.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
