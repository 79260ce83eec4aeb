"""The installed package: a wheel built from this tree serves the app from any folder, with a fresh HOME.

Issue 11.1 (``pip install .`` / a wheel / ``pipx`` then ``playground``) and 12.1 (no "Email:" prompt):
the wheel is built from a copy of the sources, installed into a throwaway folder, and started as
``python -m playground`` from an unrelated folder with no terminal, so nothing from the repository
(its folder on ``sys.path``, a stale ``build/``, an editable install) can stand in for a missing file.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "playground", "playground_app")
HEALTH_SECONDS = 60.0
SCRIPT_SECONDS = 60.0
# What the app may leave in a fresh HOME: nothing. Streamlit's settings come as flags, so it never needs
# ~/.streamlit; anything else appearing here is a file a learner never asked for.
ALLOWED_IN_HOME: frozenset[str] = frozenset()
# Variables that would send caches and settings somewhere other than HOME and so hide what is written.
REDIRECTING_VARIABLES = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "KERAS_HOME",
                         "MPLCONFIGDIR", "PYTHONUSERBASE", "STREAMLIT_CONFIG")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _build_wheel(work: Path) -> Path:
    """Builds the wheel from a copy of the sources (a stale ``build/`` in the tree could hide a missing file)."""
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(origin, source / name)
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("*.whl")
    return wheel


def _shipped_files() -> set[str]:
    """Every file of the two packages in the tree, as a wheel names it: all of them are read at run time."""
    files = set()
    for package in ("playground", "playground_app"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add(path.relative_to(ROOT).as_posix())
    return files


def _clean_environment(home: Path, site: Path) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items()
                   if name not in REDIRECTING_VARIABLES and not name.startswith("STREAMLIT_")}
    environment.update(HOME=str(home), PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
    return environment


def _wait_healthy(url: str, process: subprocess.Popen) -> float:
    started = time.monotonic()
    while time.monotonic() - started < HEALTH_SECONDS:
        assert process.poll() is None, f"the server exited early with code {process.returncode}"
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url}/_stcore/health within {HEALTH_SECONDS:.0f} s")


def _run_home_page(port: int) -> list[str]:
    """Opens a session as a browser does and runs the home page's script; returns what went wrong.

    A GET of ``/`` only serves Streamlit's static page; the app's own script runs when a browser
    session asks for it over the websocket, so this is what proves the installed app works.
    """
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = ""
    problems: list[str] = []
    deadline = time.monotonic() + SCRIPT_SECONDS
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                 open_timeout=10, max_size=None) as websocket:
        websocket.send(request.SerializeToString())
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the home page's script did not finish within a minute"
            message = ForwardMsg()
            message.ParseFromString(websocket.recv(timeout=remaining))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    problems.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "page_not_found":
                problems.append("page not found")
            elif kind == "script_finished":
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    problems.append(f"script finished with status {message.script_finished}")
                return problems


def _stop(process: subprocess.Popen) -> int:
    """Stops the command as Ctrl+C in its terminal would (its whole process group), then harder if needed."""
    for signal_number, patience in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            break
        try:
            return process.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            continue
    return process.wait(timeout=5)


@pytest.mark.slow
def test_the_wheel_serves_the_app_from_any_folder_with_a_fresh_home(tmp_path):
    started = time.monotonic()
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "playground/assets/digit_model.keras" in names and "playground_app/main.py" in names
    missing = sorted(_shipped_files() - names)
    assert not missing, f"the wheel lacks files the app reads at run time: {missing}"

    site, home, elsewhere = tmp_path / "site", tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    environment = _clean_environment(home, site)
    where = subprocess.run([sys.executable, "-c", "import playground, playground_app; "
                            "print(playground.__file__); print(playground_app.__file__)"],
                           cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=60, check=True)
    assert all(line.startswith(str(site)) for line in where.stdout.split()), where.stdout

    port = _free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as output:
        # A new session: no controlling terminal, as when a desktop shortcut or an IDE starts it.
        process = subprocess.Popen([sys.executable, "-m", "playground", "--no-browser", "--port", str(port)],
                                   cwd=elsewhere, env=environment, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            health_seconds = _wait_healthy(f"http://127.0.0.1:{port}", process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                assert response.status == 200
            problems = _run_home_page(port)
        finally:
            exit_code = _stop(process)
    text = log.read_text(errors="replace")
    assert not problems, f"the home page failed: {problems}\n{text}"
    assert "Email" not in text and exit_code != 255, text
    written = sorted(path.relative_to(home).as_posix() for path in home.rglob("*"))
    unexpected = [path for path in written if path.split("/")[0] not in ALLOWED_IN_HOME]
    print(f"wheel test: {time.monotonic() - started:.1f} s, health after {health_seconds:.1f} s, "
          f"exit code {exit_code}, written into HOME: {written or 'nothing'}")
    assert not unexpected, f"the app wrote into a fresh HOME: {unexpected}"
