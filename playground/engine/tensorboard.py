"""Optional TensorBoard logs of the Train page's runs, so that ``tensorboard --logdir DIR`` shows the same runs.

Off by default. ``playground --tensorboard DIR`` (or ``$PLAYGROUND_TENSORBOARD=DIR``) turns it on: the
server gives each Train run (a ``FitJob``) its own folder ``DIR/<label>_<id>`` when it submits it
(``playground.engine.runner``), and the worker that trains it adds ``keras.callbacks.TensorBoard``
writing there (``playground.engine.training``) — the callback the notes would add to ``fit``.
``DIR`` is a folder of the machine the workers run on: the learner's own computer with the embedded
cluster; with ``--scheduler``, each worker machine's (a shared folder gathers them).

Keras's callback needs the ``tensorboard`` package (``pip install "deep-learning-playground[tensorboard]"``),
which TensorFlow no longer installs: the command refuses the option without it, and a worker without it
trains without logs rather than failing the learner's run.

This module imports only the standard library: the ``playground`` command reads the variable's name
from here without loading the engine.
"""

from __future__ import annotations

import importlib.util
import os
import re
from typing import Any

TENSORBOARD_VARIABLE = "PLAYGROUND_TENSORBOARD"


def tensorboard_installed() -> bool:
    """Whether the ``tensorboard`` package that Keras's callback writes through is installed here."""
    return importlib.util.find_spec("tensorboard") is not None


def log_root() -> str | None:
    """The folder under which runs write TensorBoard logs (absolute), or None when logging is off."""
    root = os.environ.get(TENSORBOARD_VARIABLE, "").strip()
    return os.path.abspath(os.path.expanduser(root)) if root else None


def run_folder(root: str, label: str, uid: str) -> str:
    """The log folder of one run: its label made safe for a file name, and the start of its unique id.

    ``#2 relu+Adam`` with id ``3f2a…`` gives ``ROOT/2-relu-Adam_3f2a9c1b``: TensorBoard lists the runs
    by these names, and two runs with the same label (two sessions) never share a folder.
    """
    name = re.sub(r"[^A-Za-z0-9.]+", "-", label).strip("-.") or "run"
    return os.path.join(root, f"{name}_{uid[:8]}")


def tensorboard_callback(log_dir: str) -> Any:
    """``keras.callbacks.TensorBoard`` writing the epoch curves (``epoch_loss``, ``epoch_accuracy`` …)
    under ``log_dir/train`` and ``log_dir/validation``, or None where ``tensorboard`` is not installed."""
    if not tensorboard_installed():
        return None
    import keras

    return keras.callbacks.TensorBoard(log_dir=log_dir)
