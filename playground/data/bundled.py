"""The loaders of the data that ships with the installed packages or with the playground itself (no download).

- ``sklearn_table``: scikit-learn's bundled tables, split 80/20 stratified with a fixed seed, features standardised
  with the training part's statistics.
- ``load_digits``: scikit-learn's 8×8 digit images, as images ``(8, 8, 1)`` in [0, 1], split the same way.
- ``lab_points``: the Decision boundary lab's point sets as the lab draws them by default.

``playground.data.registry`` names them in its ``DATASETS`` entries (``DatasetInfo.bundled``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from playground.data.core import Dataset, freeze, images_to_unit_range, split_indices, standardisation, standardise


def sklearn_table(name: str, loader_name: str, task: str) -> Callable[[], Dataset]:
    """Makes the loader of a scikit-learn table: stratified 80/20 split, standardised features."""

    def load_table() -> Dataset:
        import sklearn.datasets

        bunch = getattr(sklearn.datasets, loader_name)()
        features = np.asarray(bunch.data, dtype=np.float64)
        labels = np.asarray(bunch.target, dtype=np.int64)
        train, test = split_indices(labels, stratify=True)
        x_train, x_test = standardise(features[train], features[test])
        mean, deviation = standardisation(features[train])
        y_train, y_test = labels[train], labels[test]
        freeze(x_train, y_train, x_test, y_test)
        return Dataset(
            name=name, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, task=task,
            class_names=tuple(str(class_name) for class_name in bunch.target_names),
            input_shape=(features.shape[1],), kind="tabular", source_key="datasets.source.sklearn_table",
            source_fields={"loader": f"sklearn.datasets.{loader_name}()", "samples": f"{len(labels):,}",
                           "features": features.shape[1], "train": f"{len(y_train):,}", "test": f"{len(y_test):,}"},
            feature_names=tuple(str(feature) for feature in bunch.feature_names),
            feature_mean=tuple(float(value) for value in mean), feature_scale=tuple(float(value) for value in deviation),
        )

    return load_table


def load_digits() -> Dataset:
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


def lab_points(point_set: str) -> Callable[[], Dataset]:
    """Makes the loader of a Decision boundary lab point set, drawn as the lab draws it by default."""

    def load_points() -> Dataset:
        from playground.labs.boundary_setup import BoundarySetup  # The lab's defaults: points, split, seed.

        dataset = BoundarySetup(point_set=point_set).dataset()
        freeze(dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test)
        return replace(dataset, source_key="datasets.source.boundary_points",
                       source_fields={"set": point_set, "train": len(dataset.y_train), "test": len(dataset.y_test)})

    return load_points


def point_set_dataset(point_set: str) -> str:
    """The registry name of the Decision boundary lab's point set ``point_set`` ("xor" → "xor_points")."""
    return f"{point_set}_points"
