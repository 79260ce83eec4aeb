"""The dataset picker the Train and Compare pages share: registry datasets or the learner's CSV.

Usage on a page (keep this signature stable — pages rely on it)::

    from playground_app.widgets.dataset_picker import pick_dataset

    dataset = pick_dataset("train", allowed_tasks={"binary", "multiclass"})
    if dataset is None:
        st.stop()          # the picker already said why (offline, bad CSV, nothing uploaded yet)

The picker draws into the current container (main area, a column, or ``with st.sidebar:``), shows
where the data came from, the offline notice when a bundled stand-in replaced a download, a one-line
summary and a few samples. Every problem is shown as ``st.error`` with its fix; it never raises.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection

import numpy as np
import streamlit as st

from playground.data.registry import DATASETS, TASKS, Dataset, DatasetError, csv_columns, load, load_csv
from playground_app.common import lang, tr
from playground_app.errors import show_error
from playground_app.state import hold_value

CSV_OPTION = "csv"
HANDED_OPTION = "handed"  # The data another page handed over with its model (``pick_dataset``'s ``handed``).
AUTO_TASK = "auto"
EXAMPLE_COUNT = 8


def pick_dataset(key_prefix: str, allowed_tasks: Collection[str] | None = None,
                 show_examples: bool = True, handed: Dataset | None = None) -> Dataset | None:
    """Draws the dataset picker and returns the chosen, loaded dataset.

    Widget keys are ``f"{key_prefix}_dataset"``, ``_csv_file``, ``_csv_label``, ``_csv_drop`` and
    ``_csv_task``, so a page can preset the choice (``st.session_state["train_dataset"] = "iris"``)
    before calling.

    Args:
        key_prefix: The calling page's widget-key prefix ("train", "compare").
        allowed_tasks: Tasks the page can handle ("binary", "multiclass", "regression"); registry
            datasets of other tasks are not offered, and a CSV of another task is refused with a
            message. None allows all.
        show_examples: Show a few training samples (images, or the first rows of a table).
        handed: Data another page handed over with its model (the Decision boundary lab's points as the lab drew
            them), offered first as ``HANDED_OPTION``; None offers none.

    Returns:
        The dataset (cached; its arrays are read-only), or None when nothing usable is chosen yet
        (a message saying why is already on the page).
    """
    options = [name for name, info in DATASETS.items() if allowed_tasks is None or info.task in allowed_tasks]
    options.append(CSV_OPTION)
    if handed is not None:
        options.insert(0, HANDED_OPTION)
    if handed is None and st.session_state.get(f"{key_prefix}_dataset") == HANDED_OPTION:
        st.session_state.pop(f"{key_prefix}_dataset")  # (Handed data that is gone: back to the first option.)
    hold_value(f"{key_prefix}_dataset")  # A page may have put its choice there (Train this model).
    choice = st.selectbox(tr("datasets.picker.dataset"), options, key=f"{key_prefix}_dataset",
                          format_func=lambda name: _title(name, handed))
    if choice == HANDED_OPTION:
        dataset = handed
    else:
        dataset = _pick_csv(key_prefix) if choice == CSV_OPTION else _load_registered(choice)
    if dataset is None:
        return None
    if allowed_tasks is not None and dataset.task not in allowed_tasks:
        allowed = tr("datasets.picker.or").join(tr(f"datasets.task.{task}") for task in TASKS if task in allowed_tasks)
        st.error(tr("datasets.picker.wrong_task", allowed=allowed, task=tr(f"datasets.task.{dataset.task}")))
        return None
    _describe(dataset, show_examples)
    return dataset


def _title(name: str, handed: Dataset | None = None) -> str:
    if name == HANDED_OPTION and handed is not None:
        return tr("datasets.picker.handed", set=handed.source_fields.get("set", handed.name))
    return tr(f"datasets.name.{name}")


def _load_registered(name: str) -> Dataset | None:
    """Loads a registry dataset, showing a spinner the first time and any problem as an error."""
    try:
        with st.spinner(tr("datasets.picker.loading", dataset=_title(name))):
            return load(name)
    except Exception as error:  # noqa: BLE001 - a dataset that fails to load must not hide the rest of the page.
        show_error(error)
    return None


@st.cache_data(show_spinner=False, max_entries=8)
def _columns_of(data: bytes) -> list[str]:
    return csv_columns(data)


@st.cache_data(show_spinner=False, max_entries=8)
def _csv_dataset(data: bytes, label_column: str, task: str | None, drop_columns: tuple[str, ...],
                 file_name: str) -> Dataset:
    return load_csv(data, label_column, task=task, drop_columns=drop_columns, name=file_name)


def _pick_csv(key_prefix: str) -> Dataset | None:
    """The upload branch: file, label column, columns to leave out, task."""
    uploaded = st.file_uploader(tr("datasets.picker.file"), type=["csv", "txt", "tsv"], key=f"{key_prefix}_csv_file")
    if uploaded is None:
        st.info(tr("datasets.picker.upload_prompt"))
        return None
    data = uploaded.getvalue()
    try:
        columns = _columns_of(data)
    except DatasetError as error:
        show_error(error)
        return None
    label_key, drop_key = f"{key_prefix}_csv_label", f"{key_prefix}_csv_drop"
    file_key = _file_key(uploaded.name, data)
    chosen = _chosen_labels(key_prefix)
    if st.session_state.get(f"{key_prefix}_csv_shown_file") != file_key:
        # Another file than last run: its own label, never the previous file's column of the same name.
        st.session_state[f"{key_prefix}_csv_shown_file"] = file_key
        st.session_state[label_key] = chosen[file_key] if chosen.get(file_key) in columns else columns[-1]
    label_column = st.selectbox(tr("datasets.picker.label_column"), columns, key=label_key,
                                on_change=_remember_label, args=(key_prefix, file_key))
    if file_key not in chosen:
        st.caption(tr("datasets.picker.label_guessed", file=uploaded.name, column=label_column))
    candidates = [column for column in columns if column != label_column]
    # Keep only choices that still exist, so switching the label or the file never breaks the widget.
    st.session_state[drop_key] = [column for column in st.session_state.get(drop_key, []) if column in candidates]
    drop_columns = st.multiselect(tr("datasets.picker.drop_columns"), candidates, key=drop_key)
    task = st.selectbox(tr("datasets.picker.task"), [AUTO_TASK, *TASKS], key=f"{key_prefix}_csv_task",
                        format_func=lambda option: tr(f"datasets.task.{option}"))
    try:
        return _csv_dataset(data, label_column, None if task == AUTO_TASK else task, tuple(drop_columns),
                            uploaded.name)
    except Exception as error:  # noqa: BLE001 - a dataset that fails to load must not hide the rest of the page.
        show_error(error)
    return None


def _file_key(name: str, data: bytes) -> str:
    """Names an uploaded file by its name and contents: the same file uploaded again is the same file."""
    return f"{name}:{len(data)}:{hashlib.blake2b(data, digest_size=8).hexdigest()}"


def _chosen_labels(key_prefix: str) -> dict[str, str]:
    """The label column the learner picked for each file this session (not the guessed ones)."""
    return st.session_state.setdefault(f"{key_prefix}_csv_chosen_labels", {})


def _remember_label(key_prefix: str, file_key: str) -> None:
    """Selectbox callback: keeps the learner's choice for this file, so switching files loses nothing."""
    _chosen_labels(key_prefix)[file_key] = st.session_state[f"{key_prefix}_csv_label"]


def _describe(dataset: Dataset, show_examples: bool) -> None:
    """Source, offline notice, one-line summary, class names and a few samples."""
    notice = dataset.notice(lang())
    if notice:
        # The notice already says where the data comes from; the source line joins it in the same box.
        st.warning(f"{notice}\n\n{dataset.source_text(lang())}", icon=":material/cloud_off:")
    else:
        st.info(dataset.source_text(lang()), icon=":material/info:")
    st.caption(tr("datasets.picker.summary", samples=f"{dataset.num_samples:,}", train=f"{len(dataset.y_train):,}",
                  test=f"{len(dataset.y_test):,}", shape=dataset.input_shape, task=tr(f"datasets.task.{dataset.task}")))
    if dataset.class_names:
        names = ", ".join(dataset.class_names[:12]) + (" …" if dataset.num_classes > 12 else "")
        st.caption(tr("datasets.picker.classes", count=dataset.num_classes, names=names))
    if show_examples:
        with st.expander(tr("datasets.picker.examples")):
            _show_examples(dataset)


def _show_examples(dataset: Dataset) -> None:
    count = min(EXAMPLE_COUNT, len(dataset.y_train))
    labels = [_label_text(dataset, value) for value in dataset.y_train[:count]]
    if dataset.kind == "image":
        images = [np.squeeze(image, axis=-1) if image.shape[-1] == 1 else image for image in dataset.x_train[:count]]
        st.image(images, caption=labels, width=64, clamp=True)
    else:
        import pandas as pd

        columns = list(dataset.feature_names) or [str(index) for index in range(dataset.input_shape[0])]
        table = pd.DataFrame(np.asarray(dataset.x_train[:count]), columns=columns)
        table.insert(0, _label_header(dataset, columns), labels)
        st.dataframe(table, hide_index=True)


def _label_header(dataset: Dataset, feature_names: list[str]) -> str:
    """The examples table's label header: a CSV's own label column name, never a feature's name.

    A CSV may well have a feature called "label" (or "레이블"); a table cannot hold two columns of
    one name, and the learner recognises their own column's name best anyway.
    """
    header = str(dataset.source_fields.get("label") or tr("datasets.picker.label_header"))
    while header in feature_names:
        header = f"{header} ({tr('datasets.picker.label_header')})"
    return header


def _label_text(dataset: Dataset, value: float | int) -> str:
    return dataset.class_names[int(value)] if dataset.class_names else f"{float(value):.3g}"
