"""Compare page, section 3: the activation explorer (curves, derivatives, gradient norms per layer)."""

from __future__ import annotations

import streamlit as st

from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.labs.gradients import MAX_DEPTH
from playground_app.common import tr
from playground_app.compare.state import ActivationKeys, CompareState
from playground_app.errors import page_boundary

DEFAULT_COMPARED = ["sigmoid", "tanh", "relu"]


@st.cache_data(show_spinner=False, max_entries=4)
def _digits(size: int) -> tuple:
    """A fixed batch of real digits (the same for every activation, so only the activation differs)."""
    from playground.labs.gradients import sample_batch

    return sample_batch(size)


def _curves() -> None:
    from playground.charts.compare_gradients import activation_figure
    from playground.labs.gradients import activation_curves

    st.subheader(tr("compare.act.curves_title"))
    st.markdown(tr("compare.act.curves_intro"))
    chosen = st.multiselect(tr("compare.act.which"), list(HIDDEN_ACTIVATIONS), default=list(HIDDEN_ACTIVATIONS),
                            key=ActivationKeys.CURVES)
    if not chosen:
        st.info(tr("compare.act.pick_one"))
        return
    # The first time in a server this imports TensorFlow (several seconds): said, not a blank space.
    with st.spinner(tr("compare.act.computing")):
        curves = {name: activation_curves(name) for name in chosen}
    figure = activation_figure(curves, function_text=tr("compare.act.function"), derivative_text=tr("compare.act.derivative"))
    st.plotly_chart(figure, key=ActivationKeys.CURVES_CHART)
    peaks = ", ".join(f"{name}: {max(abs(curves[name][2])):.2f}" for name in chosen)
    st.caption(tr("compare.act.peaks", peaks=peaks))


def _gradients(state: CompareState) -> None:
    from playground.charts.compare_gradients import gradient_norm_figure
    from playground.labs.gradients import layer_gradient_norms

    st.subheader(tr("compare.act.gradients_title"))
    st.markdown(tr("compare.act.gradients_intro"))
    depth_column, units_column = st.columns(2)
    depth = depth_column.slider(tr("compare.act.depth"), min_value=2, max_value=MAX_DEPTH, value=10, key=ActivationKeys.DEPTH)
    units = units_column.select_slider(tr("compare.act.units"), options=[8, 16, 32, 64, 128, 256], value=32,
                                       key=ActivationKeys.UNITS)
    compared = st.multiselect(tr("compare.act.compared"), list(HIDDEN_ACTIVATIONS), default=DEFAULT_COMPARED,
                              key=ActivationKeys.COMPARED)
    if not compared:
        st.info(tr("compare.act.pick_one"))
        return
    signature = (int(depth), int(units), tuple(compared))
    if signature != state.gradient_signature:
        with st.spinner(tr("compare.act.measuring")):
            x, y = _digits(256)
            state.gradient_norms = {name: layer_gradient_norms(name, depth, x, y, units=units) for name in compared}
        state.gradient_signature = signature
    figure = gradient_norm_figure(state.gradient_norms, layer_text=tr("compare.act.layer_axis"),
                                  norm_text=tr("compare.act.norm_axis"))
    st.plotly_chart(figure, key=ActivationKeys.NORMS_CHART)
    st.caption(tr("compare.act.first_layer_note"))
    rows = [{tr("compare.act.activation"): name,
             tr("compare.act.first_layer"): f"{values[0]:.2e}", tr("compare.act.last_layer"): f"{values[-1]:.2e}",
             tr("compare.act.ratio"): f"{values[-1] / values[0]:.3g}" if values[0] > 0 else "∞"}
            for name, values in state.gradient_norms.items()]
    st.dataframe(rows, hide_index=True)


def render(state: CompareState) -> None:
    """Draws both parts of the explorer; a failure in one does not hide the other."""
    for part in (_curves, lambda: _gradients(state)):
        with page_boundary():
            part()
