"""Stops Streamlit from resetting Keras under running trainings.

After every script run of every session, Streamlit calls ``keras.backend.clear_session()``
(``streamlit.runtime.scriptrunner.script_runner._clean_problem_modules``). Trainings here run in
background threads that live across reruns, and several sessions may train at once: a global reset
under them reset Keras's name counters (builds failed with duplicate layer names) and TensorFlow's
kernel cache (a 9 s fit took 178 s). We replace that hook with one that keeps its harmless half
(closing matplotlib figures) and never touches Keras. Models are garbage-collected normally when a
session drops them, so nothing accumulates.
"""

from __future__ import annotations

import sys
from typing import Any

from streamlit.runtime.scriptrunner import script_runner


def _close_matplotlib_figures() -> None:
    """Does what Streamlit's hook does, minus the global Keras reset."""
    if "matplotlib.pyplot" in sys.modules:
        try:
            pyplot: Any = sys.modules["matplotlib.pyplot"]
            pyplot.close("all")
        except Exception:  # noqa: BLE001 - a failure to close figures must never break a page.
            pass


def install() -> None:
    """Replaces Streamlit's post-run hook; safe to call on every run."""
    if script_runner._clean_problem_modules is not _close_matplotlib_figures:
        script_runner._clean_problem_modules = _close_matplotlib_figures


def is_installed() -> bool:
    """Tells whether the Keras-safe hook is in place."""
    return script_runner._clean_problem_modules is _close_matplotlib_figures
