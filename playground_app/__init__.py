"""The Streamlit app: the entry script, one folder per page, and the Streamlit-side helpers.

Importing this package (not its modules) never imports Streamlit: the ``playground`` command reads
``MAIN_SCRIPT`` and ``streamlit_options`` from here and starts Streamlit as a child process.
"""

from __future__ import annotations

from pathlib import Path

MAIN_SCRIPT = Path(__file__).resolve().parent / "main.py"
PAGE_NAMES = ("build", "train", "convolution", "draw", "compare", "boundary", "overfitting", "transfer")
"""The pages the home page links to, in order; each is ``<name>/page.py`` with texts ``nav.<name>``, ``home.<name>``."""


def streamlit_options(port: int = 8501, address: str = "127.0.0.1") -> dict[str, str]:
    """Streamlit's settings for this app, passed as ``--section.option=value`` flags.

    They live here, not in a ``.streamlit/config.toml``, so an installed app (a wheel, pipx) runs with
    them from any folder.

    Args:
        port: The port to serve on.
        address: The address to serve on (127.0.0.1 on a desktop; another for a class server).
    """
    return {
        "server.address": address,
        "server.port": str(port),
        # Headless: Streamlit never asks for an email address (it would wait for a terminal that an
        # IDE or a desktop shortcut does not have); the ``playground`` command opens the browser itself.
        "server.headless": "true",
        # Uploads bigger than this are refused by Streamlit itself; pages check sizes again with a clear message.
        "server.maxUploadSize": "50",
        "server.fileWatcherType": "none",
        "browser.gatherUsageStats": "false",
        "browser.serverAddress": address,
        # After every script run (each live chart refresh too) Streamlit runs a full gc.collect(2) by
        # default; with TensorFlow's object graph in memory that holds the interpreter for long.
        "runner.postScriptGC": "false",
        # Switching the language gives every choice its own value again through the Session State API, so the
        # browser shows its options in the new language (``common._note_language_change``); Build's layer fields,
        # drawn from the model's spec with ``value=``, then have a value set for them, equal to the spec's, and
        # Streamlit warned in the server's terminal about a default it ignores.
        "global.disableWidgetStateDuplicationWarning": "true",
        "client.showErrorDetails": "false",
        "client.toolbarMode": "minimal",
        "theme.base": "light",
    }


def streamlit_command(port: int = 8501, address: str = "127.0.0.1") -> list[str]:
    """The ``streamlit run`` arguments (after ``python -m``) that serve this app."""
    flags = [f"--{name}={value}" for name, value in streamlit_options(port, address).items()]
    return ["streamlit", "run", str(MAIN_SCRIPT), *flags]
