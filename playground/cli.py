"""The ``playground`` console command: starts the app on 127.0.0.1 and opens the browser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP_PATH = Path(__file__).resolve().parent.parent / "app.py"


def streamlit_arguments(port: int = 8501, open_browser: bool = True) -> list[str]:
    """Returns the ``streamlit run`` arguments the command uses (tested without starting a server)."""
    return [
        "streamlit",
        "run",
        str(APP_PATH),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        f"--server.headless={'false' if open_browser else 'true'}",
        "--browser.gatherUsageStats=false",
        "--browser.serverAddress=127.0.0.1",
    ]


def main(argv: list[str] | None = None) -> None:
    """Runs ``python -m streamlit run app.py`` with the app's settings until it is stopped.

    Streamlit runs as a child process so that this package never imports it.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="playground", description="Deep Learning Playground")
    parser.add_argument("--port", type=int, default=8501, help="port on 127.0.0.1 (default 8501)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    options = parser.parse_args(argv)
    if not APP_PATH.exists():
        sys.exit(f"app.py not found at {APP_PATH}: install the project from its source folder (pip install -e .).")
    command = [sys.executable, "-m", *streamlit_arguments(options.port, open_browser=not options.no_browser)]
    try:
        # Streamlit reads .streamlit/config.toml (upload limit, hidden error details) from the working folder.
        sys.exit(subprocess.call(command, cwd=APP_PATH.parent))
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
