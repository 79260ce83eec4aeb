"""A learner's own CSV as a ``Dataset``: pick the label column, the rest become features.

Every way a file can be unusable — empty, too large, not text, not a table, a missing label column,
text in a feature column, a label with one value — raises ``CsvError`` whose message names the
problem and the fix, in English or Korean. Files saved by Korean Excel (CP949, EUC-KR) are read too,
even with a stray byte, and European files with decimal commas.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from playground.data.core import TASKS, CsvError, Dataset, split_indices, standardise
from playground.errors import first_line

MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_CSV_ROWS = 200_000
MAX_CLASSES = 20
MIN_ROWS = 10
# Korean files come as UTF-8 (with or without Excel's BOM) or CP949 / EUC-KR; latin-1 decodes anything,
# so it comes last, and only when no Korean encoding reads the file nearly cleanly.
_ENCODINGS = ("utf-8-sig", "cp949", "euc-kr")
_FALLBACK_ENCODING = "latin-1"
# A file with a few bytes no Korean encoding accepts (a cell pasted from elsewhere, a cut) is still
# Korean text; mojibake in every column name is worse than one "\ufffd" in one cell.
_MAX_REPLACED_SHARE = 0.01
_INFINITE_ROWS_SHOWN = 5


def _read_bytes(file_or_bytes: Any) -> bytes:
    """Returns the raw bytes of a path, bytes, or file-like object (e.g. Streamlit's UploadedFile)."""
    if isinstance(file_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(file_or_bytes)
    if isinstance(file_or_bytes, (str, os.PathLike)):
        if os.path.getsize(file_or_bytes) > MAX_CSV_BYTES:
            raise CsvError("datasets.csv.too_large", size=_megabytes(os.path.getsize(file_or_bytes)),
                           limit=_megabytes(MAX_CSV_BYTES))
        with open(file_or_bytes, "rb") as handle:
            return handle.read()
    if hasattr(file_or_bytes, "getvalue"):
        return bytes(file_or_bytes.getvalue())
    if hasattr(file_or_bytes, "read"):
        if hasattr(file_or_bytes, "seek"):
            file_or_bytes.seek(0)
        data = file_or_bytes.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    raise TypeError(f"Expected a path, bytes or a file, got {type(file_or_bytes).__name__}.")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _read_table(file_or_bytes: Any):
    """Parses the CSV into a pandas DataFrame, turning every failure into a ``CsvError``."""
    import pandas as pd

    data = _read_bytes(file_or_bytes)
    if len(data) > MAX_CSV_BYTES:
        raise CsvError("datasets.csv.too_large", size=_megabytes(len(data)), limit=_megabytes(MAX_CSV_BYTES))
    if not data.strip():
        raise CsvError("datasets.csv.empty")
    # Text files never contain NUL bytes; images, spreadsheets (.xlsx) and archives nearly always do.
    if b"\x00" in data[:8192]:
        raise CsvError("datasets.csv.not_text")
    text = _decode(data)
    separator = _separator(text)
    try:
        header = pd.read_csv(io.StringIO(text), sep=separator, header=None, nrows=1, dtype=str)
        table = pd.read_csv(io.StringIO(text), sep=separator, nrows=MAX_CSV_ROWS + 1)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, UnicodeError, TypeError) as error:
        raise CsvError("datasets.csv.unreadable", detail=first_line(error)) from error
    if len(table) > MAX_CSV_ROWS:
        raise CsvError("datasets.csv.too_many_rows", limit=f"{MAX_CSV_ROWS:,}")
    # pandas renames a repeated header ("a", "a.1"); the raw first row shows what the file says.
    names = [str(name).strip() for name in header.iloc[0].tolist()]
    if len(names) < 2:
        raise CsvError("datasets.csv.one_column", column=names[0] if names else "")
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise CsvError("datasets.csv.duplicate_columns", columns=", ".join(duplicated))
    table.columns = [str(column).strip() for column in table.columns]
    if separator != ",":
        _read_decimal_commas(table)
    return table


def _decode(data: bytes) -> str:
    """Decodes the file's text: strict Korean-friendly encodings, then nearly-clean ones, then latin-1."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = min((data.decode(encoding, errors="replace") for encoding in _ENCODINGS),
               key=lambda text: text.count("\ufffd"))
    non_ascii = sum(1 for byte in data if byte > 0x7F) or 1
    if best.count("\ufffd") <= max(1, non_ascii * _MAX_REPLACED_SHARE):
        return best
    return data.decode(_FALLBACK_ENCODING)


def _read_decimal_commas(table: Any) -> None:
    """Turns text columns such as "1,5" into numbers (1.5), as European Excel writes them with ';'.

    Only when every filled cell of the column reads as a number once its comma is a point: a column
    of real text stays text (and is named by ``load_csv``'s message).
    """
    import pandas as pd

    for column in table.columns:
        values = table[column]
        if pd.api.types.is_numeric_dtype(values) or not values.astype(str).str.contains(",", regex=False).any():
            continue
        numbers = pd.to_numeric(values.astype(str).str.strip().str.replace(",", ".", regex=False), errors="coerce")
        if numbers.notna().sum() == values.notna().sum():
            table[column] = numbers.where(values.notna())


def _separator(text: str) -> str:
    """Guesses the separator among comma, semicolon, tab and bar (European Excel uses ';')."""
    import csv

    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def csv_columns(file_or_bytes: Any) -> list[str]:
    """Lists the columns of a CSV, for the picker's label-column choice.

    Raises:
        CsvError: The file is empty, too large, not text, or not a table of two or more columns.
    """
    return list(_read_table(file_or_bytes).columns)


def infer_task(labels) -> str:
    """Guesses the task from a label column: text or few whole numbers → classification.

    Args:
        labels: A pandas Series without missing values.

    Returns:
        "binary" for two distinct values, "multiclass" for 3–20 distinct text or whole-number
        values, otherwise "regression".
    """
    import pandas as pd

    distinct = labels.nunique()
    if distinct <= 2:
        return "binary"
    if not pd.api.types.is_numeric_dtype(labels) or pd.api.types.is_bool_dtype(labels):
        return "multiclass"
    whole = bool(np.all(np.mod(labels.to_numpy(dtype=np.float64), 1) == 0))
    return "multiclass" if whole and distinct <= MAX_CLASSES else "regression"


def load_csv(file_or_bytes: Any, label_column: str, task: str | None = None,
             drop_columns: Sequence[str] = (), name: str = "csv") -> Dataset:
    """Turns a CSV into a ``Dataset``: features standardised, stratified 80/20 split, fixed seed.

    Rows with a missing value are left out (and counted in the source text); infinite values are refused
    with their columns and rows. Decimal commas ("1,5" in a ";" file) are read as numbers.

    Args:
        file_or_bytes: A path, the file's bytes, or a file-like object (Streamlit's UploadedFile).
        label_column: Name of the column to predict.
        task: "binary", "multiclass" or "regression"; None infers it (see ``infer_task``).
        drop_columns: Columns to leave out of the features (e.g. names or ids).
        name: The ``Dataset.name`` to give (shown as the file name).

    Returns:
        The dataset, ``kind="tabular"``; class names are the label's distinct values, sorted.

    Raises:
        CsvError: With a message naming the problem and its fix (empty, too large, corrupt, missing
            label column, text in feature columns, too few rows, a task that does not fit the labels).
    """
    import pandas as pd

    table = _read_table(file_or_bytes)
    if label_column not in table.columns:
        raise CsvError("datasets.csv.no_label_column", column=label_column, columns=", ".join(table.columns))
    if task is not None and task not in TASKS:
        raise CsvError("datasets.csv.bad_task", task=task, tasks=", ".join(TASKS))
    features = table.drop(columns=[label_column, *[c for c in drop_columns if c != label_column]],
                          errors="ignore")
    if features.shape[1] == 0:
        raise CsvError("datasets.csv.no_features", column=label_column)
    text_columns = [column for column in features.columns
                    if not pd.api.types.is_numeric_dtype(features[column])
                    or pd.api.types.is_bool_dtype(features[column])]
    text_columns = [column for column in text_columns
                    if pd.to_numeric(features[column], errors="coerce").notna().sum()
                    < features[column].notna().sum()]
    if text_columns:
        raise CsvError("datasets.csv.text_features", columns=", ".join(text_columns[:8]))
    features = features.apply(pd.to_numeric, errors="coerce")
    _refuse_infinite(features, table[label_column])
    complete = features.notna().all(axis=1) & table[label_column].notna()
    dropped = int((~complete).sum())
    features, labels = features[complete], table.loc[complete, label_column]
    if len(labels) < MIN_ROWS:
        raise CsvError("datasets.csv.too_few_rows", rows=len(labels), minimum=MIN_ROWS, dropped=dropped)
    if labels.nunique() < 2:
        raise CsvError("datasets.csv.one_label", column=label_column, value=str(labels.iloc[0]))
    task = task or infer_task(labels)
    targets, class_names = _encode_labels(labels, task, label_column)
    train, test = split_indices(targets, stratify=task != "regression")
    x_train, x_test = standardise(features.to_numpy(np.float64)[train], features.to_numpy(np.float64)[test])
    return Dataset(
        name=name, x_train=x_train, y_train=targets[train], x_test=x_test, y_test=targets[test], task=task,
        class_names=class_names, input_shape=(features.shape[1],), kind="tabular",
        source_key="datasets.source.csv",
        source_fields={"file": name, "rows": f"{len(labels):,}", "features": features.shape[1],
                       "label": label_column, "dropped": f"{dropped:,}", "train": f"{len(train):,}", "test": f"{len(test):,}"},
        feature_names=tuple(features.columns),
    )


def _refuse_infinite(features: Any, labels: Any) -> None:
    """Refuses infinite numbers ("inf", "1e999"), naming each column and its first rows as the file counts them.

    Training on them gives NaN losses, which look like a learning rate far too high; the learner
    needs to know it is the file, and where.

    Raises:
        CsvError: ``datasets.csv.infinite`` with places such as "'height' (4, 9)" (file rows).
    """
    import pandas as pd

    columns = {name: features[name] for name in features.columns}
    if pd.api.types.is_numeric_dtype(labels) and not pd.api.types.is_bool_dtype(labels):
        columns[str(labels.name)] = labels
    places = []
    for name, values in columns.items():
        infinite = np.isinf(values.to_numpy(dtype=np.float64, na_value=np.nan))
        if infinite.any():
            # Row 1 of the file is its header; the table's first row is the file's row 2.
            rows = [str(index + 2) for index in np.flatnonzero(infinite)[:_INFINITE_ROWS_SHOWN]]
            more = " …" if infinite.sum() > _INFINITE_ROWS_SHOWN else ""
            places.append(f"'{name}' ({', '.join(rows)}{more})")
    if places:
        raise CsvError("datasets.csv.infinite", places="; ".join(places))


def _encode_labels(labels, task: str, label_column: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Returns integer class indices and class names, or float targets for regression."""
    import pandas as pd

    if task == "regression":
        numbers = pd.to_numeric(labels, errors="coerce")
        if numbers.isna().any():
            raise CsvError("datasets.csv.text_regression", column=label_column)
        return numbers.to_numpy(np.float32), ()
    distinct = labels.nunique()
    if task == "binary" and distinct != 2:
        raise CsvError("datasets.csv.not_binary", column=label_column, count=distinct)
    if distinct > MAX_CLASSES * 5:
        raise CsvError("datasets.csv.too_many_classes", column=label_column, count=distinct)
    codes, uniques = pd.factorize(labels, sort=True)
    return codes.astype(np.int64), tuple(str(value) for value in uniques)
