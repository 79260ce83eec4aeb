"""Datasets that keras.datasets downloads (MNIST, Fashion-MNIST, CIFAR-10): cache, probe, download.

Each registry entry that can be downloaded carries an ``OnlineSource``; this module only knows how
to use one (``playground.data.registry`` decides what to do when nothing works). Before asking Keras
for a download we check, with a short timeout, whether the host it downloads from answers: Keras's own ``get_file`` has no timeout and would leave the learner staring at a
spinner. A file already in the Keras cache (``$KERAS_HOME/datasets``, by default
``~/.keras/datasets``) is used without any network.

Nothing here imports TensorFlow at module level: ``reachable`` and ``is_cached`` serve the
sidebar's data status, which must render without it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass

import numpy as np

GOOGLE_STORAGE = "storage.googleapis.com"
TORONTO = "www.cs.toronto.edu"
PROBE_TIMEOUT_SECONDS = 1.5
PROBE_MEMORY_SECONDS = 300.0


@dataclass(frozen=True)
class OnlineSource:
    """Where keras.datasets gets one dataset and where it caches it.

    Attributes:
        keras_module: Module name under ``keras.datasets``.
        host: The host the download comes from (probed before downloading).
        cache_files: Paths under the Keras cache folder that mean "already downloaded".
        train_size: Number of training samples of the full dataset.
        test_size: Number of test samples of the full dataset.
    """

    keras_module: str
    host: str
    cache_files: tuple[str, ...]
    train_size: int
    test_size: int


# host -> (answered, monotonic time of the probe). Shared by every session of the server.
_probe_memory: dict[str, tuple[bool, float]] = {}
_probe_lock = threading.Lock()


def keras_cache_dir() -> str:
    """Returns the Keras home folder, found the way Keras finds it, without importing Keras.

    When Keras is already imported its own answer wins (it may have fallen back to /tmp).
    """
    import sys

    config = sys.modules.get("keras.src.backend.config")
    if config is not None and hasattr(config, "keras_home"):
        return os.path.expanduser(config.keras_home())
    if "KERAS_HOME" in os.environ:
        return os.path.expanduser(os.environ["KERAS_HOME"])
    home = os.path.expanduser("~")
    base = home if os.access(home, os.W_OK) else "/tmp"
    return os.path.join(base, ".keras")


def is_cached(source: OnlineSource) -> bool:
    """Tells whether every file keras.datasets needs for ``source`` is already in the Keras cache."""
    root = keras_cache_dir()
    return all(os.path.isfile(os.path.join(root, path)) for path in source.cache_files)


def _probe(host: str, port: int, timeout: float) -> bool:
    """Opens and closes one TCP connection to ``host``; never waits much longer than ``timeout``.

    Name resolution ignores socket timeouts (a broken DNS can stall for many seconds), so the
    connection is attempted in a daemon thread and abandoned when the time is up.
    """
    answer: list[bool] = []

    def attempt() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                answer.append(True)
        except OSError:
            answer.append(False)

    worker = threading.Thread(target=attempt, name=f"probe-{host}", daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    return bool(answer and answer[0])


def reachable(host: str = GOOGLE_STORAGE, port: int = 443, timeout: float = PROBE_TIMEOUT_SECONDS,
              refresh: bool = False) -> bool:
    """Tells whether ``host`` accepts connections, remembering the answer for five minutes.

    Args:
        host: Host to probe (by default the one keras.datasets downloads MNIST from).
        port: TCP port (HTTPS).
        timeout: Seconds to wait at most (plus half a second for the thread to report).
        refresh: Probe again even if a recent answer is remembered.

    Returns:
        True when a TCP connection could be opened.
    """
    now = time.monotonic()
    with _probe_lock:
        remembered = _probe_memory.get(host)
    if remembered is not None and not refresh and now - remembered[1] < PROBE_MEMORY_SECONDS:
        return remembered[0]
    answered = _probe(host, port, timeout)
    with _probe_lock:
        _probe_memory[host] = (answered, time.monotonic())
    return answered


def forget_probes() -> None:
    """Forgets remembered probe answers (tests, or a learner who just plugged in a cable)."""
    with _probe_lock:
        _probe_memory.clear()


def from_keras(source: OnlineSource) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Runs the real keras.datasets loader (from its cache, or downloading) and returns what it returns.

    Raises:
        Exception: Whatever Keras raises when the download or the file fails; the caller says so plainly.
    """
    from importlib import import_module

    module = import_module(f"keras.datasets.{source.keras_module}")
    return module.load_data()
