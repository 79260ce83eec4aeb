"""Real data for the Decision boundary lab: two columns of a bundled table, or a learner's 2-column CSV.

A table comes from the one dataset registry (``playground.data.registry``: split 80/20 stratified, and
standardised with the training part's statistics), so the points sit around 0 like the lab's own sets.
A CSV goes through the one CSV reader (``playground.data.csv_upload.load_csv``) and its checks; this
module adds only what a plane needs: exactly two number columns and a few classes. Each source also
writes the code that makes the same points, for the exported code.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground.data.core import TEST_FRACTION, SPLIT_SEED, CsvError, Dataset

MAX_CLASSES = 6
"""The most classes a plane shows (one colour each)."""
TABLE_COLUMNS: dict[str, tuple[int, int]] = {"iris": (2, 3), "wine": (0, 9), "breast_cancer": (0, 1)}
"""The tables the lab offers and the two columns each starts with (iris: petal length × petal width)."""
_LOADERS = {"iris": "load_iris", "wine": "load_wine", "breast_cancer": "load_breast_cancer"}


@dataclass(frozen=True, eq=False)
class TablePoints:
    """Points read from a table: two standardised feature columns, the classes, the split.

    Two are equal when their points are (a fingerprint of the arrays), so the page restarts training
    only when the data really changed.

    Attributes:
        name: Where the points came from: a registry key, or the uploaded file's name.
        columns: The two column names (x₁, x₂).
        class_names: One name per class.
        x_train: (n, 2) float32.
        y_train: (n,) int.
        x_test: (m, 2) float32.
        y_test: (m,) int.
        code: Python lines that make ``x_train, y_train, x_test, y_test`` the same way (numpy as ``np``).
        indices: The two columns' positions in a bundled table (what a link carries), or () for a CSV.
    """

    name: str
    columns: tuple[str, str]
    class_names: tuple[str, ...]
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    code: str
    indices: tuple[int, ...] = ()

    @property
    def fingerprint(self) -> str:
        """A digest of the points and their classes (equal data, equal fingerprint)."""
        digest = hashlib.sha1()
        for array in (self.x_train, self.y_train, self.x_test, self.y_test):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TablePoints) and (self.name, self.columns, self.fingerprint) == (
            other.name, other.columns, other.fingerprint)

    def __hash__(self) -> int:
        return hash((self.name, self.columns))

    @property
    def limit(self) -> float:
        """Half the side of a square around 0 holding every point (at least 3, the lab's own square)."""
        largest = float(max(np.abs(self.x_train).max(), np.abs(self.x_test).max()))
        return max(3.0, math.ceil(largest * 2 + 1) / 2)


def _split_code() -> str:
    """The split and scaling ``playground.data.core`` does (stratified 80/20, seed 0; training statistics)."""
    return (f"train, test = train_test_split(np.arange(len(y)), test_size={TEST_FRACTION}, random_state={SPLIT_SEED},"
            " stratify=y)\n"
            "mean, deviation = x[train].mean(axis=0), x[train].std(axis=0)\n"
            "deviation[deviation == 0] = 1.0\n"
            "x = ((x - mean) / deviation).astype('float32')\n"
            "x_train, y_train, x_test, y_test = x[train], y[train], x[test], y[test]")


def table_points(name: str, columns: tuple[int, int] | None = None) -> TablePoints:
    """Two feature columns of the bundled table ``name`` (a key of ``TABLE_COLUMNS``) as points.

    Args:
        name: "iris", "wine" or "breast_cancer".
        columns: Indices of the two feature columns; None takes the table's usual pair.

    Raises:
        ValueError: For another table, the same column twice, or a column the table lacks.
    """
    from playground.data.registry import load

    if name not in TABLE_COLUMNS:
        raise ValueError(f"Unknown table {name!r}; choose one of {', '.join(TABLE_COLUMNS)}.")
    first, second = columns if columns is not None else TABLE_COLUMNS[name]
    dataset = load(name, allow_download=False)
    count = dataset.x_train.shape[1]
    if first == second or not (0 <= first < count and 0 <= second < count):
        raise ValueError(f"Choose two different columns of {name!r} between 0 and {count - 1}.")
    chosen = [int(first), int(second)]
    code = (f"from sklearn.datasets import {_LOADERS[name]}\n"
            "from sklearn.model_selection import train_test_split\n\n"
            f"bunch = {_LOADERS[name]}()\n"
            f"x, y = bunch.data[:, {chosen}], bunch.target  # {dataset.feature_names[first]} × "
            f"{dataset.feature_names[second]}\n" + _split_code())
    return TablePoints(name, (dataset.feature_names[first], dataset.feature_names[second]), dataset.class_names,
                       np.ascontiguousarray(dataset.x_train[:, chosen]), np.asarray(dataset.y_train),
                       np.ascontiguousarray(dataset.x_test[:, chosen]), np.asarray(dataset.y_test), code,
                       (chosen[0], chosen[1]))


def table_column_names(name: str) -> tuple[str, ...]:
    """The feature columns of the bundled table ``name``, in order (for the column pickers)."""
    from playground.data.registry import load

    return load(name, allow_download=False).feature_names


def csv_points(data: bytes, label_column: str, file_name: str = "points.csv") -> TablePoints:
    """A learner's CSV as points: exactly two number columns besides ``label_column``, 2 to 6 classes.

    Every check of the Train page's CSV reader applies first (empty, not text, too large, text in a
    column, too few rows …), each with its own message.

    Raises:
        CsvError: With a message naming the problem and the fix (``boundary.csv.*`` for what only a
            plane needs).
    """
    from playground.data.csv_upload import load_csv

    dataset: Dataset = load_csv(data, label_column, name=file_name)
    if dataset.input_shape != (2,):
        raise CsvError("boundary.csv.not_two_columns", count=dataset.input_shape[0],
                       columns=", ".join(dataset.feature_names))
    if dataset.task == "regression":
        raise CsvError("boundary.csv.regression", column=label_column)
    if dataset.num_classes > MAX_CLASSES:
        raise CsvError("boundary.csv.too_many_classes", column=label_column, count=dataset.num_classes,
                       most=MAX_CLASSES)
    first, second = dataset.feature_names
    code = ("import pandas as pd\n"
            "from sklearn.model_selection import train_test_split\n\n"
            f"table = pd.read_csv({file_name!r}).dropna()\n"
            f"x = table[[{first!r}, {second!r}]].to_numpy('float64')\n"
            f"y = pd.factorize(table[{label_column!r}], sort=True)[0]\n" + _split_code())
    return TablePoints(file_name, (first, second), dataset.class_names, np.asarray(dataset.x_train, np.float32),
                       np.asarray(dataset.y_train), np.asarray(dataset.x_test, np.float32),
                       np.asarray(dataset.y_test), code)


def csv_label_columns(data: bytes) -> list[str]:
    """The columns of an uploaded CSV, for the label picker (raises ``CsvError`` for an unusable file)."""
    from playground.data.csv_upload import csv_columns

    return csv_columns(data)

