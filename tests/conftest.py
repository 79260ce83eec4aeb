"""Shared fixtures: a running app server and a headless Chromium page for browser tests."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from playground_app import streamlit_command

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
# Runs are kept on disk (playground.engine.workspace): no test writes to the user's real data folder.
# Servers started by browser tests inherit this; each test in this process gets its own (below).
os.environ["PLAYGROUND_HOME"] = tempfile.mkdtemp(prefix="playground-home-")
atexit.register(shutil.rmtree, os.environ["PLAYGROUND_HOME"], True)  # Removed when the run ends (errors ignored).


@pytest.fixture(autouse=True)
def _own_workspace_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Gives every test an empty workspace folder, so runs kept by one test never show up in another."""
    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path_factory.mktemp("playground-home")))


CHROMIUM = os.environ.get("PLAYGROUND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url} within {timeout} s")


@contextlib.contextmanager
def serve_app(log_name: str = "streamlit-server.log") -> Iterator[str]:
    """Runs the app's Streamlit server (as the ``playground`` command does) on a free loopback port; yields its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", *streamlit_command(port)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """A real app server shared by the browser tests of one pytest session."""
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (never ``playwright install``)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page (its own Streamlit session); a screenshot is saved when the test ends."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}-final.png"), full_page=True)
    finally:
        context.close()
