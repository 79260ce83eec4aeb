"""Helpers shared by the page tests: opening a page in AppTest, and waiting in a real browser."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Mapping
from typing import Any

from streamlit.testing.v1 import AppTest

from playground_app import MAIN_SCRIPT

APP = str(MAIN_SCRIPT)


def open_page(page: str, *, session_state: Mapping[str, Any] | None = None,
              query_params: Mapping[str, str] | None = None) -> AppTest:
    """Runs the app as a new session, opens ``playground_app/<page>/page.py`` and checks it raised nothing.

    Args:
        page: The page's file name without ``.py`` (``"train"``).
        session_state: Values to put in the session before the first run (e.g. ``{"lang": "ko"}``).
        query_params: The link's query parameters (e.g. ``{"model": ...}``).
    """
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in (session_state or {}).items():
        at.session_state[key] = value
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"{page}/page.py").run()
    assert not at.exception, at.exception
    return at


def top_level_place(at: AppTest, key: str) -> int:
    """Which of the page's top-level elements holds the widget ``key``. The browser places elements by their path
    and keeps the last run's until a run ends: a widget whose place changed shows twice meanwhile."""
    def holds(node) -> bool:
        return getattr(node, "key", None) == key or any(holds(child) for child in getattr(node, "children", {}).values())

    return next(index for index, child in at.main.children.items() if holds(child))


def queue_jobs(monkeypatch) -> list:
    """Replaces the engine's ``runner.submit``: each job submitted gets a handle whose runs stay queued (nothing
    trains). Returns the list the handles go to; ``end_jobs`` ends them."""
    from playground.engine import runner
    from playground.engine.jobs import RaceJob
    from playground.engine.runner import Handle, RaceHandle
    from playground.engine.runs import Run

    handles: list = []

    def queued(job, dataset, on_end=None):
        handle = (RaceHandle if isinstance(job, RaceJob) else Handle)(job, [Run(config) for config in job.configs])
        handle.on_end = on_end
        handle.submitted_data = dataset  # (What the job would have trained on.)
        handles.append(handle)
        return handle

    monkeypatch.setattr(runner, "submit", queued)
    return handles


def end_jobs(handles: list) -> None:
    """Ends ``queue_jobs``'s handles as the engine would (a page's training leaves the list of live ones)."""
    for handle in handles:
        handle.done.set()
        if handle.on_end is not None:
            handle.on_end(handle)


def count_calls(monkeypatch, module: Any, name: str) -> list:
    """Counts the calls of ``module.name`` (one per run of a page that calls it once): returns the list that grows."""
    calls: list = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def fragment_paces(monkeypatch) -> list:
    """Notes the ``run_every`` of every ``st.fragment`` a page makes from now on: returns the list that grows."""
    import streamlit as st

    paces: list = []
    fragment = st.fragment

    def noted(function=None, *, run_every=None):
        paces.append(run_every)
        return fragment(function, run_every=run_every) if function is not None else fragment(run_every=run_every)

    monkeypatch.setattr(st, "fragment", noted)
    return paces


def wait_for_app(tab, timeout: float = 60_000) -> None:
    """Waits until Streamlit has finished the current script run (no 'running' indicator)."""
    tab.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )


@functools.lru_cache(maxsize=2)
def palette_bomb_png(side: int = 13_000) -> bytes:
    """A real ``side``×``side`` palette PNG of one colour: about 20 KB that decode to ``side``² bytes or more."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("P", (side, side), 0).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG with only its signature and size header (and an end): enough for a reader to learn its size.

    A 20000×20000 picture would take 400 MB to make; its header says the same to an opener that
    refuses by size before decoding.
    """
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def plotly_specs(at: AppTest) -> list[dict]:
    """Every plotly chart on the page, as the figure JSON the browser receives."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_rows(chart, name: str | None = None) -> list[dict]:
    """The rows of a Vega-Lite chart's dataset ``name``, or of its own data when None, as Streamlit sent them (Arrow)."""
    import pyarrow

    data = chart.proto.data.data if name is None else next(
        item for item in chart.proto.datasets if item.name == name).data.data
    return pyarrow.ipc.open_stream(data).read_all().to_pylist()


def vega_charts_with(at: AppTest, name: str) -> list:
    """The Vega-Lite charts on the page that have a dataset ``name``."""
    return [chart for chart in at.get("vega_lite_chart") if name in [data.name for data in chart.proto.datasets]]


def curves_charts(at: AppTest) -> list[tuple[dict, list[dict]]]:
    """Every run-curves chart on the page (``playground.charts.curves``): its Vega-Lite spec as the browser receives
    it (without the points) and its points, one dict per row."""
    from playground.charts.curves import CURVES

    return [(json.loads(chart.proto.spec), chart_rows(chart, CURVES)) for chart in vega_charts_with(at, CURVES)]


def table_starting_with(at: AppTest, first_column: str):
    """The dataframe whose first column is ``first_column``."""
    for frame in at.dataframe:
        if frame.value.columns[0] == first_column:
            return frame.value
    raise AssertionError(f"no table starting with {first_column!r}")


def wait_until_ended(handle: Any, timeout: float = 120.0, what: str = "the job") -> None:
    """Waits for an engine handle to end, saying a page watches it (``handle.touch``) meanwhile."""
    deadline = time.monotonic() + timeout
    while handle.active:
        assert time.monotonic() < deadline, f"{what} did not end in time"
        handle.touch()
        time.sleep(0.05)
