"""What watching a live lab costs: the CPU of the browser, the server and the training while one tab watches.

``bench/app_overhead.py`` measures the Train page; this measures the other pages that train live, the same way.
For each page a fresh tab (a real ``streamlit run`` server, Debian Chromium driven by Playwright, everything on
this machine) starts a long training, waits until its first epoch is shown, then reads ``/proc`` CPU seconds over
``--seconds`` of watching, and presses Stop. Prints ``name: value`` lines (CPU seconds per wall second, 1.0 = one
core), the median over ``--repeats`` tabs, and each tab's figure as ``<name>_each``:

- ``boundary_browser_cpu_share`` / ``boundary_server_cpu_share`` / ``boundary_worker_cpu_share``: the Decision
  boundary lab's default set-up (XOR points, 1 hidden layer of 4 tanh units) trained for 2,000 epochs: all
  Chromium processes, the Streamlit server process (its threads; not its Dask worker processes), and the Dask
  cluster's processes (the training itself, and its scheduler).
- ``race_browser_cpu_share`` / ``race_server_cpu_share`` / ``race_worker_cpu_share``: the Compare page's optimizer
  race with its default model, data and contestants, 4,000 samples, 100 epochs.
- ``overfitting_browser_cpu_share`` / ``overfitting_server_cpu_share`` / ``overfitting_worker_cpu_share``: the
  Overfitting page's variants side by side with its defaults (its base model and data, the cures ticked at first),
  100 epochs.

The issue's target for a watched live chart: under 0.05 in the server and under 0.10 in the browser.

Usage: ``python bench/live_pages.py [--seconds 8] [--repeats 3] [--pages boundary race overfitting]`` from the repository root
(about 3 minutes on 2 cores). Needs Chromium at ``$PLAYGROUND_CHROMIUM`` (default ``/usr/bin/chromium``) and the
``playwright`` package.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from process_cpu import chromium_pids, cpu_of, server_pid_and_workers  # noqa: E402 - bench/ is on the path.

CHROMIUM = os.environ.get("PLAYGROUND_CHROMIUM", "/usr/bin/chromium")
TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class Start:
    """How a tab starts a page's long training: the page's path, the tab to open on it (or None), the number boxes
    to type into (label, value), the button to press, the text that says it trains (a regular expression), and its
    Stop button's key."""

    path: str
    tab: str | None
    numbers: tuple[tuple[str, int], ...]
    button: str
    training: str
    stop: str

    def __call__(self, page, url: str) -> None:
        page.goto(f"{url}/{self.path}")
        _idle(page)
        if self.tab is not None:
            page.get_by_role("tab", name=self.tab).click()
        for label, value in self.numbers:
            _type(page, label, value)
        page.get_by_role("button", name=self.button, exact=True).click()
        page.wait_for_function(f"() => /{self.training}/.test(document.body.innerText)", timeout=TIMEOUT_MS)


PAGES = {
    "boundary": Start("boundary", None, (("Epochs per Train", 2000),), "Train", r"Epoch \d+ ·", "boundary_stop"),
    "race": Start("compare", "Optimizer race", (("Training samples (fewer = faster)", 4000), ("Epochs", 100)),
                  "▶ Start the race", "Racing: epoch [2-9]", "compare_race_stop"),
    "overfitting": Start("overfitting", None, (("Epochs", 100),), "▶ Train the variants", "together: epoch [2-9]",
                         "overfit_variants_stop"),
}


def _type(page, label: str, value: int) -> None:
    """Types ``value`` into the (first) number box labelled ``label`` and waits for the page's run."""
    box = page.get_by_label(label, exact=True).first
    box.fill(str(value))
    box.press("Enter")
    page.wait_for_timeout(800)
    _idle(page)


def _idle(page) -> None:
    from tests.helpers import wait_for_app

    wait_for_app(page, TIMEOUT_MS)


def watch(browser, url: str, start: Start, seconds: float) -> dict[str, float]:
    """One fresh tab starts a long training with ``start``; CPU shares while it is watched, then its Stop button ends
    the training (it must still train: the figures are of a running training)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        start(page, url)
        page.wait_for_timeout(2000)  # The first redraws of the running job, then the steady state.
        server, workers = server_pid_and_workers(int(url.rsplit(":", 1)[1]))
        groups = {"browser": chromium_pids(), "server": [server], "worker": workers}
        before = {name: cpu_of(pids) for name, pids in groups.items()}
        began = time.perf_counter()
        page.wait_for_timeout(seconds * 1000)  # Playwright keeps serving the page's events meanwhile.
        wall = time.perf_counter() - began
        shares = {}
        for name, pids in groups.items():
            after = cpu_of(pids)
            shares[name] = sum(value - before[name].get(pid, 0.0) for pid, value in after.items()) / wall
        page.locator(f".st-key-{start.stop} button").click()
        page.wait_for_timeout(1500)
        return shares
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds of watching per tab")
    parser.add_argument("--repeats", type=int, default=3, help="tabs per page")
    parser.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=list(PAGES), help="pages to measure")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, serve_app

    with serve_app("bench-live-pages.log") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            watch(browser, url, PAGES["boundary"], 2.0)  # Warm-up: starts the embedded cluster and its workers.
            for name in options.pages:
                figures = [watch(browser, url, PAGES[name], options.seconds) for _ in range(options.repeats)]
                for group in ("browser", "server", "worker"):
                    values = [figure[group] for figure in figures]
                    print(f"{name}_{group}_cpu_share: {statistics.median(values):.3f}")
                    print(f"{name}_{group}_cpu_share_each: {', '.join(f'{value:.3f}' for value in values)}", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
