"""The Decision boundary page's controls: lessons, the link, data and network. Each helper returns what was chosen."""

from __future__ import annotations

import streamlit as st

from dataclasses import replace

from playground.engine.optimizers import OPTIMIZERS
from playground.labs.boundary import FEATURES
from playground.labs.boundary_data import TABLE_COLUMNS
from playground.labs.boundary_link import URL_KEY, LinkError, lab_from_param, lab_to_param
from playground.labs.boundary_setup import (HIDDEN_ACTIVATIONS, LESSONS, MAX_EPOCHS, MAX_HIDDEN_LAYERS, MAX_UNITS,
                                            REGULARIZATION_STRENGTHS, REGULARIZERS, BoundarySetup)
from playground_app.boundary.data_controls import data_controls, source_of
from playground_app.boundary.state import BoundaryKeys, BoundaryState
from playground_app.common import lang, tr
from playground_app.state import hold_value

DEFAULT = BoundarySetup()
DEFAULT_EPOCHS = 100
DEFAULT_TABLE = "iris"
NO_REGULARIZER = "none"
REGULARIZER_CHOICES: tuple[str, ...] = tuple(name or NO_REGULARIZER for name in REGULARIZERS)
"""The regularizer box's values (``boundary.regularizer.<name>``): Keras's names, "none" for None."""


def lesson_buttons(state: BoundaryState) -> None:
    """One button per lesson; pressing one fills the controls (before they are drawn) and starts at epoch 0."""
    st.subheader(tr("boundary.lessons"))
    columns = st.columns(4)
    for index, key in enumerate(LESSONS):
        columns[index % 4].button(tr(f"boundary.lesson.{key}.title"), key=BoundaryKeys.LESSON.format(key=key),
                                  on_click=_apply_lesson, args=(state, key), width="stretch")
    if state.lesson is not None:
        st.info(tr(f"boundary.lesson.{state.lesson}.text"))


def _values(setup: BoundarySetup, epochs: int) -> dict[str, object]:
    """The widget values that show ``setup`` (widgets take their value from session state only)."""
    values: dict[str, object] = {
        BoundaryKeys.SOURCE: source_of(setup.table), BoundaryKeys.SET: setup.point_set,
        BoundaryKeys.CLASSES: setup.classes, BoundaryKeys.NOISE: setup.noise,
        BoundaryKeys.POINTS: setup.points, BoundaryKeys.TEST_RATIO: setup.test_ratio,
        BoundaryKeys.LAYERS: len(setup.hidden), BoundaryKeys.FEATURES: list(setup.features),
        BoundaryKeys.REGULARIZER: setup.regularizer or NO_REGULARIZER,
        BoundaryKeys.REGULARIZATION: setup.regularization,
        BoundaryKeys.OPTIMIZER: setup.optimizer, BoundaryKeys.LEARNING_RATE: setup.learning_rate,
        BoundaryKeys.BATCH_SIZE: setup.batch_size, BoundaryKeys.EPOCHS: epochs,
    }
    if setup.table is not None and setup.table.indices:
        values[BoundaryKeys.TABLE] = setup.table.name
        values[BoundaryKeys.COLUMN_X1], values[BoundaryKeys.COLUMN_X2] = setup.table.indices
    for index, (units, activation) in enumerate(setup.hidden):
        values[BoundaryKeys.UNITS.format(index=index)] = units
        values[BoundaryKeys.ACTIVATION.format(index=index)] = activation
    return values


def _apply_lesson(state: BoundaryState, key: str) -> None:
    lesson = LESSONS[key]
    st.session_state.update(_values(lesson.setup, lesson.epochs))
    state.lesson = key
    state.weight_seed = 0
    state.restart()


def apply_link(state: BoundaryState) -> None:
    """Fills the controls from ``?lab=`` when the link carries a lab this page has not seen (before they are drawn)."""
    param = st.query_params.get(URL_KEY)
    if not state.link.is_new(param):
        return
    state.link.read(param)
    try:
        link = lab_from_param(param)
    except LinkError as error:
        state.notice = ("error", error.text(lang()))
        return
    st.session_state.update(_values(link.setup, link.epochs))
    if link.csv_name is not None:
        st.session_state[BoundaryKeys.SOURCE] = "csv"
    state.weight_seed, state.lesson = link.weight_seed, None
    state.restart()
    state.notice = ("info", tr("boundary.csv_in_link", name=link.csv_name)) if link.csv_name else \
        ("success", tr("boundary.link_loaded"))


def publish_link(state: BoundaryState, setup: BoundarySetup, epochs: int) -> None:
    """Puts the lab in the page's link, so that copying the address shares it."""
    param = lab_to_param(setup, epochs, state.weight_seed)
    if st.query_params.get(URL_KEY) != param:
        st.query_params[URL_KEY] = param
    state.link.wrote(param)


def setup_controls(state: BoundaryState, disabled: bool) -> tuple[BoundarySetup, int, bool]:
    """Draws the data and network controls; returns the setup, the epochs one Train runs, and whether
    there are points to train on (a CSV source without a usable file has none)."""
    for key, value in _values(DEFAULT, DEFAULT_EPOCHS).items():
        hold_value(key, value)
    for key, value in zip((BoundaryKeys.TABLE, BoundaryKeys.COLUMN_X1, BoundaryKeys.COLUMN_X2),
                          (DEFAULT_TABLE, *TABLE_COLUMNS[DEFAULT_TABLE])):
        hold_value(key, value)
    data_column, network_column = st.columns(2)
    with data_column:
        st.subheader(tr("boundary.data"))
        data, ready = data_controls(state, disabled)
        features = st.multiselect(tr("boundary.features"), list(FEATURES),
                                  format_func=lambda name: FEATURES[name].label, key=BoundaryKeys.FEATURES,
                                  help=tr("boundary.features_help"), disabled=disabled)
    with network_column:
        st.subheader(tr("boundary.network"))
        count = st.number_input(tr("boundary.hidden_layers"), 0, MAX_HIDDEN_LAYERS,
                                key=BoundaryKeys.LAYERS, disabled=disabled)
        hidden = []
        for index in range(int(count)):
            hold_value(BoundaryKeys.UNITS.format(index=index), 4)
            hold_value(BoundaryKeys.ACTIVATION.format(index=index), "tanh")
            left, right = st.columns(2)
            units = left.number_input(tr("boundary.units", number=index + 1), 1, MAX_UNITS,
                                      key=BoundaryKeys.UNITS.format(index=index), disabled=disabled)
            activation = right.selectbox(tr("boundary.activation", number=index + 1), HIDDEN_ACTIVATIONS,
                                         key=BoundaryKeys.ACTIVATION.format(index=index), disabled=disabled)
            hidden.append((int(units), activation))
        regularizer = st.selectbox(tr("boundary.regularizer"), REGULARIZER_CHOICES, key=BoundaryKeys.REGULARIZER,
                                   format_func=lambda name: tr(f"boundary.regularizer.{name}"),
                                   help=tr("boundary.regularizer_help"), disabled=disabled)
        strength = st.select_slider(tr("boundary.regularization"), REGULARIZATION_STRENGTHS, format_func="{:g}".format,
                                    key=BoundaryKeys.REGULARIZATION, help=tr("boundary.regularization_help"),
                                    disabled=disabled or regularizer == NO_REGULARIZER)
        left, middle, right = st.columns(3)
        optimizer = left.selectbox(tr("boundary.optimizer"), list(OPTIMIZERS),
                                   key=BoundaryKeys.OPTIMIZER, disabled=disabled)
        learning_rate = middle.number_input(tr("boundary.learning_rate"), 0.0001, 3.0,
                                            format="%g", key=BoundaryKeys.LEARNING_RATE, disabled=disabled)
        batch_size = right.number_input(tr("boundary.batch_size"), 1, 500,
                                        key=BoundaryKeys.BATCH_SIZE, disabled=disabled)
        epochs = st.number_input(tr("boundary.epochs"), 1, MAX_EPOCHS, key=BoundaryKeys.EPOCHS, disabled=disabled)
    setup = replace(DEFAULT, **data, hidden=tuple(hidden), features=tuple(features or DEFAULT.features),
                    regularizer=None if regularizer == NO_REGULARIZER else regularizer, regularization=float(strength),
                    optimizer=optimizer,
                    learning_rate=float(learning_rate), batch_size=int(batch_size))
    with network_column:
        output = "Dense(1, sigmoid)" if setup.class_count == 2 else f"Dense({setup.class_count}, softmax)"
        st.caption(tr("boundary.output", output=output, loss=setup.loss))
    return setup, int(epochs), ready
