"""The Decision boundary page's controls: data, network, lessons. Each helper returns what was chosen."""

from __future__ import annotations

import streamlit as st

from playground.engine.optimizers import OPTIMIZERS
from playground.labs.boundary import FEATURES, POINT_SETS
from playground.labs.boundary_setup import HIDDEN_ACTIVATIONS, LESSONS, BoundarySetup
from playground_app.boundary.state import BoundaryKeys, BoundaryState
from playground_app.common import tr

MAX_HIDDEN_LAYERS = 4
DEFAULT = BoundarySetup()
DEFAULT_EPOCHS = 100


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
        BoundaryKeys.SET: setup.point_set, BoundaryKeys.CLASSES: setup.classes, BoundaryKeys.NOISE: setup.noise,
        BoundaryKeys.POINTS: setup.points, BoundaryKeys.TEST_RATIO: setup.test_ratio,
        BoundaryKeys.LAYERS: len(setup.hidden), BoundaryKeys.FEATURES: list(setup.features), BoundaryKeys.L2: setup.l2,
        BoundaryKeys.OPTIMIZER: setup.optimizer, BoundaryKeys.LEARNING_RATE: setup.learning_rate,
        BoundaryKeys.BATCH_SIZE: setup.batch_size, BoundaryKeys.EPOCHS: epochs,
    }
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


def setup_controls(disabled: bool) -> tuple[BoundarySetup, int]:
    """Draws the data and network controls; returns the setup and the epochs one Train runs."""
    for key, value in _values(DEFAULT, DEFAULT_EPOCHS).items():
        st.session_state.setdefault(key, value)
    data_column, network_column = st.columns(2)
    with data_column:
        st.subheader(tr("boundary.data"))
        point_set = st.selectbox(tr("boundary.set"), list(POINT_SETS), key=BoundaryKeys.SET, disabled=disabled)
        most = POINT_SETS[point_set].max_classes
        classes = st.radio(tr("boundary.classes"), list(range(2, most + 1)), horizontal=True, disabled=disabled,
                           key=BoundaryKeys.CLASSES) if most > 2 else 2
        noise = st.slider(tr("boundary.noise"), 0.0, 1.0, step=0.05, key=BoundaryKeys.NOISE, disabled=disabled)
        points = st.slider(tr("boundary.points"), 20, 500, step=10, key=BoundaryKeys.POINTS, disabled=disabled)
        test_ratio = st.slider(tr("boundary.test_ratio"), 0.1, 0.5, step=0.05,
                               key=BoundaryKeys.TEST_RATIO, disabled=disabled)
        features = st.multiselect(tr("boundary.features"), list(FEATURES),
                                  format_func=lambda name: FEATURES[name].label, key=BoundaryKeys.FEATURES,
                                  help=tr("boundary.features_help"), disabled=disabled)
    with network_column:
        st.subheader(tr("boundary.network"))
        count = st.number_input(tr("boundary.hidden_layers"), 0, MAX_HIDDEN_LAYERS,
                                key=BoundaryKeys.LAYERS, disabled=disabled)
        hidden = []
        for index in range(int(count)):
            st.session_state.setdefault(BoundaryKeys.UNITS.format(index=index), 4)
            st.session_state.setdefault(BoundaryKeys.ACTIVATION.format(index=index), "tanh")
            left, right = st.columns(2)
            units = left.number_input(tr("boundary.units", number=index + 1), 1, 64,
                                      key=BoundaryKeys.UNITS.format(index=index), disabled=disabled)
            activation = right.selectbox(tr("boundary.activation", number=index + 1), HIDDEN_ACTIVATIONS,
                                         key=BoundaryKeys.ACTIVATION.format(index=index), disabled=disabled)
            hidden.append((int(units), activation))
        l2 = st.checkbox(tr("boundary.l2"), key=BoundaryKeys.L2, disabled=disabled)
        left, middle, right = st.columns(3)
        optimizer = left.selectbox(tr("boundary.optimizer"), list(OPTIMIZERS),
                                   key=BoundaryKeys.OPTIMIZER, disabled=disabled)
        learning_rate = middle.number_input(tr("boundary.learning_rate"), 0.0001, 3.0,
                                            format="%g", key=BoundaryKeys.LEARNING_RATE, disabled=disabled)
        batch_size = right.number_input(tr("boundary.batch_size"), 1, 500,
                                        key=BoundaryKeys.BATCH_SIZE, disabled=disabled)
        epochs = st.number_input(tr("boundary.epochs"), 1, 2000, key=BoundaryKeys.EPOCHS, disabled=disabled)
    setup = BoundarySetup(point_set=point_set, classes=int(classes), noise=float(noise), points=int(points),
                          test_ratio=float(test_ratio), hidden=tuple(hidden), features=tuple(features or DEFAULT.features),
                          l2=bool(l2), optimizer=optimizer, learning_rate=float(learning_rate),
                          batch_size=int(batch_size))
    with network_column:
        output = "Dense(1, sigmoid)" if setup.classes == 2 else f"Dense({setup.classes}, softmax)"
        st.caption(tr("boundary.output", output=output, loss=setup.loss))
    return setup, int(epochs)
