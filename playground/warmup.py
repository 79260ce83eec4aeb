"""Warms TensorFlow in the background, so the first page that needs it does not wait for the import.

The pages render without TensorFlow (it is imported lazily everywhere). Importing it, building a first
Keras model and drawing a first diagram cost 9–16 s on a busy 2-core machine, and that used to land on the
learner's first click on Build. ``warm_in_background()`` starts that work on a daemon thread once per process,
after the first page has been drawn (the app's frame calls it after every page, since a link may open any page
first); a page that needs TensorFlow meanwhile simply waits on Python's import lock for the rest of the import
instead of doing it twice.
"""

from __future__ import annotations

import logging
import os
import threading

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None


def keras_already_set_up() -> bool:
    """Whether Keras has its folder already (``$KERAS_HOME`` or ``~/.keras``).

    Importing TensorFlow imports Keras, which writes ``keras.json`` into that folder. On a fresh
    machine the warm-up must not be what creates it: opening the home page writes nothing into the
    learner's home; the first page that really uses Keras does.
    """
    folder = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return os.path.isdir(folder)


def warm_in_background() -> threading.Thread | None:
    """Starts the warm-up once per process (later calls return the same thread) and returns at once.

    Returns None, warming nothing, when Keras has no folder yet (see ``keras_already_set_up``).
    """
    global _thread
    if not keras_already_set_up():
        return None
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_warm, name="playground-warmup", daemon=True)
            _thread.start()
    return _thread


def _warm() -> None:
    """Imports TensorFlow and Keras, builds the Build page's default model and draws its diagram once."""
    try:
        from playground.spec import build_model
        from playground.spec.diagrams import layered_view_png
        from playground.spec.presets import PRESETS

        layered_view_png(build_model(PRESETS["mnist_cnn"]), legend=True, show_dimension=True)
    except Exception:  # noqa: BLE001 - warming is an optimisation: a failure here must never reach a page.
        _log.exception("Background warm-up failed; pages will import TensorFlow when they need it")
