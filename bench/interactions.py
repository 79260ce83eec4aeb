"""How long a learner waits after each kind of click: real server, real headless Chromium (issue 12.20).

Everything runs on this machine; on a shared machine the figures are noisy, so each is measured
``--repeats`` times and the median is printed (with the load average beside it). Prints ``name: value`` lines:

- ``page_load_ms``: a new tab opens the home page of the warm server; from ``goto`` until the first script
  run has finished (new session: sidebar, navigation, home page).
- ``page_switch_ms``: a click on a sidebar link (Home → Build → Train → Convolution lab → Draw → Home, in
  turn; Compare is timed by its own control below) until the new page's script run has finished. ``page_switch_server_ms``: the same switch
  from the moment the browser hears the run started until it hears it finished — the server's share
  (target ≤ 500 ms).
- ``conv_control_ms`` / ``conv_control_server_ms``: in the Convolution lab, one step of the stride slider
  (arrow key) until the redraw has finished (target ≤ 300 ms).
- ``surface_change_ms`` / ``surface_change_server_ms``: in the loss-surface lab, another function in the
  selectbox until the paths and the contour are redrawn.
- ``build_first_diagram_ms``: on a fresh server, the home page is shown for ``--home-seconds`` (a learner
  reading it), then a click on Build until the first diagram image is on screen (the first diagram needs
  TensorFlow).

"Finished" is read off Streamlit's own ``data-test-script-state`` attribute on ``stApp`` with a
MutationObserver, so a run that starts and ends between two polls is still seen.

An action that starts no script run within 45 s (a click lost while the browser still laid out the last page) is
repeated once, timed from the repeat, and said on stderr.

Usage: ``python bench/interactions.py [--repeats 5] [--home-seconds 8]`` from the repository root. Needs
Chromium at ``$PLAYGROUND_CHROMIUM`` (default ``/usr/bin/chromium``) and the ``playwright`` package.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, serve_app  # noqa: E402

TIMEOUT_MS = 180_000
RETRY_MS = 45_000
SWITCHES = ["Build", "Train", "Convolution lab", "Draw", "Home"]
SURFACES = ["Convex bowl", "Beale", "Rosenbrock (banana valley)"]

# Records every change of Streamlit's script state with its time (performance.now()).
OBSERVER = """
() => {
  window.__runs = [];
  const app = document.querySelector('[data-testid="stApp"]');
  const note = () => window.__runs.push([app.getAttribute('data-test-script-state'), performance.now()]);
  new MutationObserver(note).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}
"""


def _install_observer(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT_MS)
    page.evaluate(OBSERVER)


def _quiet(page, ms: int = 400) -> None:
    """Waits until no script run has been going for ``ms`` (reruns the app makes by itself end first)."""
    page.wait_for_function(
        """(ms) => { const runs = window.__runs; const last = runs[runs.length - 1];
                     const state = document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state');
                     return state !== 'running' && (!last || performance.now() - last[1] > ms); }""",
        arg=ms, timeout=TIMEOUT_MS)


def _timed(page, action) -> tuple[float, float]:  # noqa: C901 - one retry, see below
    """Runs ``action`` (a click or key press); returns (ms until the run it caused finished, ms the server ran).

    Waits for the first "running" after the action and the "notRunning" after it, then for quiet (a page
    that reruns itself, e.g. after setting a link parameter, is counted until its last run ends).
    """
    page.evaluate("() => { window.__runs = []; }")
    start = page.evaluate("() => performance.now()")
    action()
    try:
        page.wait_for_function("() => window.__runs.some(r => r[0] === 'notRunning')", timeout=RETRY_MS)
    except PlaywrightTimeout:
        # Seen on a loaded machine: a click landing while the browser still laid out the last page was lost.
        print("  (no run followed the action; repeated it, timed from the repeat)", file=sys.stderr, flush=True)
        page.evaluate("() => { window.__runs = []; }")
        start = page.evaluate("() => performance.now()")  # The wait for a lost click is not the app's time.
        action()
        page.wait_for_function("() => window.__runs.some(r => r[0] === 'notRunning')", timeout=TIMEOUT_MS)
    _quiet(page)
    runs = page.evaluate("() => window.__runs")
    first_running = next((t for state, t in runs if state == "running"), start)
    last_done = max(t for state, t in runs if state == "notRunning")
    return last_done - start, last_done - first_running


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}"


def _nav(page, name: str):
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True)


def measure_pages(browser, url: str, repeats: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"page_load_ms": [], "page_switch_ms": [], "page_switch_server_ms": []}
    for _ in range(repeats):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        start = time.perf_counter()
        page.goto(url)
        _install_observer(page)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-script-state') === 'notRunning'",
            timeout=TIMEOUT_MS)
        _nav(page, "Build").wait_for()
        figures["page_load_ms"].append((time.perf_counter() - start) * 1000)
        _quiet(page)
        for name in SWITCHES:
            total, server = _timed(page, lambda: _nav(page, name).click())
            print(f"  switch to {name}: {total:.0f} ms (server {server:.0f})", file=sys.stderr, flush=True)
            figures["page_switch_ms"].append(total)
            figures["page_switch_server_ms"].append(server)
        context.close()
    return figures


def measure_convolution(browser, url: str, repeats: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"conv_control_ms": [], "conv_control_server_ms": []}
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/convolution")
    _install_observer(page)
    slider = page.get_by_role("slider").first
    slider.wait_for()
    _quiet(page, 1000)
    for step in range(repeats * 2):  # Stride 1 → 2 → 1 → 2 …: every step redraws.
        key = "ArrowRight" if step % 2 == 0 else "ArrowLeft"
        total, server = _timed(page, lambda: (slider.focus(), slider.press(key)))
        if step:  # The first change also warms what the page caches.
            figures["conv_control_ms"].append(total)
            figures["conv_control_server_ms"].append(server)
    context.close()
    return figures


def measure_surface(browser, url: str, repeats: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"surface_change_ms": [], "surface_change_server_ms": []}
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/compare")
    _install_observer(page)
    page.get_by_role("tab", name="Loss-surface lab").click()
    page.locator(".js-plotly-plot >> visible=true").first.wait_for()
    _quiet(page, 1000)
    for step in range(repeats):
        name = SURFACES[step % len(SURFACES)]

        def pick() -> None:
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Function").click()
            page.get_by_role("option", name=name, exact=True).click()

        total, server = _timed(page, pick)
        figures["surface_change_ms"].append(total)
        figures["surface_change_server_ms"].append(server)
    context.close()
    return figures


def measure_first_diagram(playwright, home_seconds: float) -> float:
    """On a fresh server: home shown for ``home_seconds``, then Build until the first diagram is drawn."""
    with serve_app("bench-interactions-fresh.log") as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url)
        _nav(page, "Build").wait_for()
        page.wait_for_timeout(home_seconds * 1000)
        start = time.perf_counter()
        _nav(page, "Build").click()
        page.get_by_role("tab", name="Layered view").wait_for()
        page.locator('[data-testid="stImage"] img').first.wait_for()
        elapsed = (time.perf_counter() - start) * 1000
        browser.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--home-seconds", type=float, default=8.0)
    parser.add_argument("--skip-fresh", action="store_true", help="skip build_first_diagram_ms (a second server)")
    parser.add_argument("--only-fresh", action="store_true", help="measure build_first_diagram_ms only")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load_average_before: {_load()}")
    with sync_playwright() as playwright:
        if not arguments.skip_fresh:
            print(f"build_first_diagram_ms: {measure_first_diagram(playwright, arguments.home_seconds):.0f}")
        if arguments.only_fresh:
            print(f"load_average_after: {_load()}")
            return
        with serve_app("bench-interactions.log") as url:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            # Warm the server: every page once (imports, caches, TensorFlow), as a learner's first minute does.
            measure_pages(browser, url, 1)
            figures: dict[str, list[float]] = {}
            figures.update(measure_pages(browser, url, arguments.repeats))
            figures.update(measure_convolution(browser, url, arguments.repeats))
            figures.update(measure_surface(browser, url, arguments.repeats))
            browser.close()
    for name, values in figures.items():
        print(f"{name}: {_median(values)}")
        print(f"{name}_range: {min(values):.0f}-{max(values):.0f} (n={len(values)})")
    print(f"load_average_after: {_load()}")


if __name__ == "__main__":
    main()
