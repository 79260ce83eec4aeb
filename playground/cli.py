"""The ``playground`` console command: serves the app on 127.0.0.1 and opens the browser.

Streamlit runs as a child process so that this package never imports it. Streamlit itself runs
headless (it never stops at its "Email:" question, with or without a terminal); this command opens
the browser once the server answers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser

from playground.engine.tensorboard import TENSORBOARD_VARIABLE, tensorboard_installed

# The environment variable the app's server reads to join an existing Dask scheduler.
SCHEDULER_VARIABLE = "PLAYGROUND_SCHEDULER"
# Seconds to wait for the server before giving up on opening the browser.
BROWSER_WAIT_SECONDS = 60.0


def streamlit_arguments(port: int = 8501, address: str = "127.0.0.1") -> list[str]:
    """Returns the ``streamlit run`` arguments the command uses (tested without starting a server)."""
    from playground_app import streamlit_command

    return streamlit_command(port, address)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Reads the command line."""
    parser = argparse.ArgumentParser(prog="playground", description="Deep Learning Playground")
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="address to serve on (default 127.0.0.1; 0.0.0.0 serves a class on the network)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    parser.add_argument("--scheduler", default=os.environ.get(SCHEDULER_VARIABLE, ""),
                        help="train on an existing Dask scheduler, e.g. tcp://HOST:8786 "
                             f"(default: ${SCHEDULER_VARIABLE}, else workers on this computer)")
    parser.add_argument("--tensorboard", metavar="DIR", default=os.environ.get(TENSORBOARD_VARIABLE, ""),
                        help="also write each Train run's TensorBoard logs to DIR/<run>, for "
                             f"'tensorboard --logdir DIR' (default: ${TENSORBOARD_VARIABLE}, else off)")
    options = parser.parse_args(argv)
    if options.tensorboard and not tensorboard_installed():
        parser.error("--tensorboard needs the tensorboard package: "
                     'pip install "deep-learning-playground[tensorboard]" (or pip install tensorboard)')
    return options


def server_environment(options: argparse.Namespace, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the app's server runs with: ours, plus the scheduler and TensorBoard folder asked for."""
    environment = dict(os.environ if base is None else base)
    if options.scheduler:
        environment[SCHEDULER_VARIABLE] = options.scheduler
    if options.tensorboard:
        # Absolute: the workers that write the logs need not share this command's working folder.
        environment[TENSORBOARD_VARIABLE] = os.path.abspath(os.path.expanduser(options.tensorboard))
    return environment


def _open_browser_when_ready(url: str, process: subprocess.Popen) -> None:
    """Opens ``url`` in the learner's browser as soon as the server answers its health check."""
    deadline = time.monotonic() + BROWSER_WAIT_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    webbrowser.open(url)
                    return
        except OSError:
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> None:
    """Runs the app's Streamlit server until it is stopped (Ctrl+C)."""
    options = parse_arguments(argv)
    environment = server_environment(options)
    command = [sys.executable, "-m", *streamlit_arguments(options.port, options.address)]
    host = "127.0.0.1" if options.address in ("0.0.0.0", "::") else options.address
    url = f"http://{host}:{options.port}"
    print(f"Deep Learning Playground: {url}  (Ctrl+C stops it)", flush=True)
    # No standard input for the server: nothing it runs can wait for an answer from a terminal.
    process = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL)
    if not options.no_browser:
        threading.Thread(target=_open_browser_when_ready, args=(url, process), daemon=True).start()
    try:
        sys.exit(process.wait())
    except KeyboardInterrupt:
        process.terminate()
        sys.exit(130)


if __name__ == "__main__":
    main()
