"""What one redraw of a live chart costs the browser, by how the chart reaches it.

The issue asks to draw the live chart cheaply — "fewer traces and points, a lighter chart type, or incremental
updates — measure which". This measures the ways Streamlit (the installed version) offers. A minimal Streamlit app
(written to a temporary folder and served with the app's own ``streamlit run`` options) redraws one fragment every
``--interval`` seconds; one fresh headless Chromium tab (Playwright, Debian Chromium) watches it per way, and the
CPU of all Chromium processes is read from ``/proc`` over ``--seconds`` of watching, after a few seconds of
warm-up. The ways, each with the same points (one run: a batch curve that gains ``BATCHES_PER_REDRAW`` batches
every redraw, and its epoch curves; loss and accuracy panels):

- ``text``: the fragment draws only a line of text: what any redraw costs (the baseline).
- ``text_long_page``: the same fragment on a page with 150 other elements (as long as the Train page): what a
  redraw costs there. Streamlit's browser side handles every run of a fragment over the whole page.
- ``progress_stop``: the fragment draws a progress bar with its text and a Stop button (the Train page's line).
- ``table``: the fragment draws a two-row table whose figures change (the runs table).
- ``plotly_new``: the same points as a plotly figure of two panels (as the Train page drew its live chart until it
  became ``vega_new``), new points in every redraw. Streamlit counts the figure in the element's identity, so the
  browser mounts a new plotly chart.
- ``plotly_same``: the same chart, drawn again unchanged (the figure of the first redraw): the browser keeps it.
- ``plotly_every_4th``: the chart gets new points every fourth redraw only, the same figure in between (what a page
  that ticks often but changes its chart rarely pays).
- ``vega_new``: the Train page's live chart (``playground.charts.curves.curves_spec``, a Vega-Lite chart of two
  panels), new points in every redraw: Streamlit keeps the chart and updates its data in place.
- ``boundary_plane``: the Decision boundary lab's plane (``playground.charts.boundary.plane_spec``: the model's
  colours as one 50×50 picture under 200 XOR points), a new picture in every redraw. (As a plotly heatmap under the
  same points, before the lab moved to Vega-Lite, a redraw cost 0.26 CPU-seconds.)

Prints ``name: value`` lines: ``<way>_browser_cpu_share`` (CPU seconds per wall second of all Chromium processes,
1.0 = one core; the median over ``--repeats`` tabs, the ways interleaved, each tab's figure in ``_each``) and
``<way>_cpu_seconds_per_redraw`` (the share less the ``text`` baseline, times ``--interval``: what the element adds to
each redraw). The server's CPU is not counted: the charts' JSON is built in the app script either way.

Usage: ``python bench/chart_updates.py [--seconds 12] [--interval 1] [--repeats 2] [--ways WAY ...]`` from the
repository root (about 6 minutes on 2 cores). Needs Chromium at ``$PLAYGROUND_CHROMIUM`` (default
``/usr/bin/chromium``) and the ``playwright`` and ``psutil`` packages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from process_cpu import chromium_pids, cpu_of  # noqa: E402 - bench/ is on the path.

CHROMIUM = os.environ.get("PLAYGROUND_CHROMIUM", "/usr/bin/chromium")
WAYS = ("text", "text_long_page", "progress_stop", "table", "plotly_new", "plotly_same", "plotly_every_4th",
        "vega_new", "boundary_plane")
BATCHES_PER_REDRAW = 5
WARM_UP_SECONDS = 4.0

APP = '''
import time

import numpy as np
import pandas as pd
import streamlit as st

from playground.charts.curves import batch_points, curves_spec, epoch_points
from playground.engine.runs import Run, RunConfig

WAY = st.query_params.get("way", "text")
STEPS = 100  # Batches per epoch.
if "redraws" not in st.session_state:
    st.session_state.redraws = 0


def snapshot(redraws: int):
    """One run after ``redraws`` redraws: BATCHES_PER_REDRAW more batches each (and an epoch every STEPS)."""
    run = Run(RunConfig(label="#1 Adam", spec=None, dataset="mnist", loss="sparse_categorical_crossentropy",
                        optimizer="Adam", learning_rate=0.001, epochs=20))
    run.mark_started(STEPS)
    for index in range(100 + BATCHES_PER_REDRAW * redraws):
        epoch, batch = divmod(index, STEPS)
        run.add_batch(epoch, batch, {"loss": 2.0 / (1 + index / 50), "accuracy": 1 - 1 / (1 + index / 50)})
        if batch == STEPS - 1:
            run.add_epoch(epoch, {"loss": 2.0 / (2 + epoch), "accuracy": 1 - 1 / (2 + epoch),
                                  "val_loss": 2.2 / (2 + epoch), "val_accuracy": 1 - 1.2 / (2 + epoch)})
    return run.snapshot()


def plotly_panels(shot):
    """The points of ``curves_spec`` as plotly panels: loss and accuracy, each per batch, per epoch, validation."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=1, cols=2, subplot_titles=["loss", "accuracy"])
    for column, metric in enumerate(("loss", "accuracy"), start=1):
        for points, style in ((batch_points(shot, metric), {"width": 1}), (epoch_points(shot, metric), {"width": 2.5}),
                              (epoch_points(shot, f"val_{metric}"), {"width": 2.5, "dash": "dash"})):
            if points:
                x_values, y_values = zip(*points)
                figure.add_trace(go.Scatter(x=x_values, y=y_values, mode="lines", line=style), row=1, col=column)
    figure.update_layout(height=380, uirevision="curves")
    return figure


if WAY == "text_long_page":  # As many elements around the fragment as the Train page has: 150.
    for index in range(50):
        st.markdown(f"**Setting {index}**: some words about it, as a page explains its controls.")
        st.slider(f"value {index}", 0, 100, 50, key=f"slider{index}")
        st.caption("a caption")


@st.fragment(run_every=INTERVAL)
def redraw() -> None:
    st.session_state.redraws += 1
    count = st.session_state.redraws
    st.write(f"redraw {count}")
    if WAY in ("text", "text_long_page"):
        return
    if WAY == "progress_stop":
        st.progress(min(count / 500, 1.0), text=f"#1 Adam: training · epoch 1/20 · batch {count}/100 · {count} s elapsed")
        st.button("Stop", key="stop")
        return
    if WAY == "table":
        st.dataframe([{"run": "#1 Adam", "epochs": count // 20, "loss": 2.0 / (1 + count), "status": "training"},
                      {"run": "#2 SGD", "epochs": 3, "loss": 0.31, "status": "finished"}], hide_index=True)
        return
    if WAY == "vega_new":
        st.vega_lite_chart(spec=curves_spec([snapshot(count)]), key="curves")
        return
    if WAY == "boundary_plane":
        from playground.charts.boundary import plane_spec
        from playground.labs.boundary_setup import BoundarySetup

        setup = BoundarySetup()
        axis = np.linspace(-1, 1, 50)
        grid = 1 / (1 + np.exp(-np.outer(axis, axis) * (2 + count % 7)))  # A new picture every redraw.
        st.vega_lite_chart(spec=plane_spec(grid, *setup.data(), {"train": "train", "test": "test", "class": "{label}"},
                                           setup.bounds), key="plane", width="content")
        return
    changes = {"plotly_new": count, "plotly_same": 1, "plotly_every_4th": count // 4 * 4}[WAY]
    if st.session_state.get("figure_for") != changes:
        st.session_state.figure = plotly_panels(snapshot(changes))
        st.session_state.figure_for = changes
    st.plotly_chart(st.session_state.figure, key="curves", width="stretch")


redraw()
'''


def _serve(script: Path, port: int) -> subprocess.Popen:
    """Serves ``script`` as the app is served (its ``streamlit run`` options) on ``port``; returns once healthy."""
    from playground_app import streamlit_options
    from tests.conftest import _wait_healthy

    flags = [f"--{name}={value}" for name, value in streamlit_options(port, "127.0.0.1").items()]
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), *flags], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process)
    except BaseException:
        process.kill()
        raise
    return process


def _watch(browser, url: str, way: str, seconds: float) -> float:
    """One fresh tab on ``way``: Chromium's CPU seconds per wall second over ``seconds`` after the warm-up."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/?way={way}")
        page.get_by_text("redraw ").first.wait_for(timeout=120_000)
        if way.startswith(("plotly", "vega", "boundary")):
            page.locator('[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]').first.wait_for(timeout=120_000)
        page.wait_for_timeout(WARM_UP_SECONDS * 1000)
        pids = chromium_pids()
        before = cpu_of(pids)
        began = time.perf_counter()
        page.wait_for_timeout(seconds * 1000)  # Playwright keeps serving the page's events meanwhile.
        wall = time.perf_counter() - began
        after = cpu_of(pids)
        return sum(value - before.get(pid, 0.0) for pid, value in after.items()) / wall
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="seconds of watching per tab")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between two redraws")
    parser.add_argument("--repeats", type=int, default=2, help="tabs per way (the ways interleaved)")
    parser.add_argument("--ways", nargs="+", choices=WAYS, default=list(WAYS), help="ways to measure (text always)")
    options = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"Chromium not found at {CHROMIUM} (set PLAYGROUND_CHROMIUM); this benchmark needs a real browser.")

    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, _free_port

    ways = ["text", *(way for way in options.ways if way != "text")]
    shares: dict[str, list[float]] = {way: [] for way in ways}
    with tempfile.TemporaryDirectory(prefix="playground-bench-") as folder:
        script = Path(folder) / "chart_updates_app.py"
        script.write_text(APP.replace("BATCHES_PER_REDRAW", str(BATCHES_PER_REDRAW))
                          .replace("INTERVAL", repr(options.interval)), encoding="utf-8")
        port = _free_port()
        server = _serve(script, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
                try:
                    _watch(browser, f"http://127.0.0.1:{port}", "plotly_new", 2.0)  # Warm-up: imports, plotly.js.
                    for _ in range(options.repeats):
                        for way in ways:
                            shares[way].append(_watch(browser, f"http://127.0.0.1:{port}", way, options.seconds))
                finally:
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = statistics.median(shares["text"])
    for way in ways:
        share = statistics.median(shares[way])
        print(f"{way}_browser_cpu_share: {share:.3f}")
        print(f"{way}_browser_cpu_share_each: {', '.join(f'{value:.3f}' for value in shares[way])}")
        if way != "text":
            print(f"{way}_cpu_seconds_per_redraw: {(share - baseline) * options.interval:.3f}", flush=True)


if __name__ == "__main__":
    main()
