"""The Decision boundary page's data controls: a point set, two columns of a real table, or the learner's CSV."""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground.data.core import CsvError
from playground.data.points import POINT_SETS
from playground.labs.boundary_data import (TABLE_COLUMNS, TablePoints, csv_label_columns, csv_points, table_column_names,
                                           table_points)
from playground_app.boundary.state import BoundaryKeys, BoundaryState
from playground_app.common import lang, tr

SOURCES: tuple[str, ...] = ("points", "table", "csv")
"""Where the points come from (``boundary.source_kind.<name>``)."""
MAX_CSV_BYTES = 2 * 1024 * 1024
"""A plane of points needs no more (the uploader refuses a larger file before the app reads it)."""


def source_of(table: TablePoints | None) -> str:
    """The source widget's value that shows ``table`` (a CSV's points carry no column positions)."""
    if table is None:
        return "points"
    return "table" if table.indices else "csv"


def data_controls(state: BoundaryState, disabled: bool) -> tuple[dict[str, Any], bool]:
    """Draws the data controls; returns ``BoundarySetup`` arguments and whether there are points to train on."""
    source = st.radio(tr("boundary.source_kind"), SOURCES, horizontal=True, key=BoundaryKeys.SOURCE,
                      format_func=lambda name: tr(f"boundary.source_kind.{name}"), disabled=disabled)
    point_set = st.session_state[BoundaryKeys.SET]
    choice: dict[str, Any] = {"point_set": point_set, "classes": int(st.session_state[BoundaryKeys.CLASSES])}
    if source == "table":
        table = _table_controls(disabled)
        return {**choice, "table": table}, table is not None
    if source == "csv":
        table = _csv_controls(state, disabled)
        return {**choice, "table": table}, table is not None
    point_set = st.selectbox(tr("boundary.set"), list(POINT_SETS), key=BoundaryKeys.SET, disabled=disabled)
    most = POINT_SETS[point_set].max_classes
    classes = st.radio(tr("boundary.classes"), list(range(2, most + 1)), horizontal=True, disabled=disabled,
                       key=BoundaryKeys.CLASSES) if most > 2 else 2
    noise = st.slider(tr("boundary.noise"), 0.0, 1.0, step=0.05, key=BoundaryKeys.NOISE, disabled=disabled)
    points = st.slider(tr("boundary.points"), 20, 500, step=10, key=BoundaryKeys.POINTS, disabled=disabled)
    test_ratio = st.slider(tr("boundary.test_ratio"), 0.1, 0.5, step=0.05, key=BoundaryKeys.TEST_RATIO,
                           disabled=disabled)
    return {"point_set": point_set, "classes": int(classes), "noise": float(noise), "points": int(points),
            "test_ratio": float(test_ratio)}, True


def _table_controls(disabled: bool) -> TablePoints | None:
    """A bundled table and two of its columns (iris: petal length × petal width to start)."""
    name = st.selectbox(tr("boundary.table"), list(TABLE_COLUMNS), key=BoundaryKeys.TABLE, disabled=disabled,
                        format_func=lambda key: tr(f"datasets.name.{key}"))
    names = table_column_names(name)
    for key, index in zip((BoundaryKeys.COLUMN_X1, BoundaryKeys.COLUMN_X2), TABLE_COLUMNS[name]):
        if st.session_state.get(key) is None or st.session_state[key] >= len(names):
            st.session_state[key] = index  # A column of the table picked before, when this one lacks it.
    left, right = st.columns(2)
    first = left.selectbox(tr("boundary.column_x1"), range(len(names)), key=BoundaryKeys.COLUMN_X1,
                           format_func=lambda index: names[index], disabled=disabled)
    second = right.selectbox(tr("boundary.column_x2"), range(len(names)), key=BoundaryKeys.COLUMN_X2,
                             format_func=lambda index: names[index], disabled=disabled)
    if first == second:
        st.warning(tr("boundary.same_columns"))
        return None
    table = table_points(name, (int(first), int(second)))
    _describe(table)
    return table


def _csv_controls(state: BoundaryState, disabled: bool) -> TablePoints | None:
    """The learner's CSV and its class column; a file that will not do is refused with the reason."""
    upload = st.file_uploader(tr("boundary.csv_upload"), type=["csv", "txt"], key=BoundaryKeys.CSV_UPLOAD,
                              disabled=disabled, max_upload_size=MAX_CSV_BYTES // (1024 * 1024))
    if upload is None:
        st.info(tr("boundary.csv_wanted"))
        return None
    data = upload.getvalue()
    try:
        columns = csv_label_columns(data)
    except CsvError as error:
        st.error(error.text(lang()))
        return None
    if st.session_state.get(BoundaryKeys.CSV_LABEL) not in columns:
        st.session_state[BoundaryKeys.CSV_LABEL] = columns[-1]  # Most files put the class last.
    label = st.selectbox(tr("boundary.csv_label"), columns, key=BoundaryKeys.CSV_LABEL, disabled=disabled)
    key = (upload.name, len(data), label)
    if state.csv is None or state.csv[0] != key:
        try:
            state.csv = (key, csv_points(data, label, upload.name))
        except CsvError as error:
            state.csv = (key, error)
    points = state.csv[1]
    if isinstance(points, CsvError):
        st.error(points.text(lang()))
        return None
    _describe(points)
    return points


def _describe(table: TablePoints) -> None:
    st.caption(tr("boundary.table_note", first=table.columns[0], second=table.columns[1],
                  classes=len(table.class_names), train=len(table.y_train), test=len(table.y_test)))
