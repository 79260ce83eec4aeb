"""Overfitting page, section 3: what Dropout drops at one training step, how it scales the rest, and inference."""

from __future__ import annotations

import streamlit as st

from playground.labs.dropout import MAX_RATE, dropout_step
from playground_app.common import tr
from playground_app.overfitting.state import DropoutKeys, OverfittingState


def render(state: OverfittingState) -> None:
    """Draws the rate and size, the three grids (input, training step, inference) and what happened."""
    from playground.charts.dropout import dropout_figure

    st.markdown(tr("overfit.drop.intro"))
    rate_column, units_column = st.columns(2)
    rate = rate_column.slider(tr("overfit.drop.rate"), 0.0, MAX_RATE, 0.5, 0.1, key=DropoutKeys.RATE)
    units = units_column.slider(tr("overfit.drop.units"), 16, 100, 64, 1, key=DropoutKeys.UNITS)
    # On a line of its own: in a fifth of the width its words were cut ("Another training …" in a 1,280-pixel window).
    if st.button(tr("overfit.drop.new_step"), key=DropoutKeys.NEW_STEP):
        state.dropout_seed += 1
    step = dropout_step(round(float(rate), 2), int(units), state.dropout_seed)
    figure = dropout_figure(step, (tr("overfit.drop.before"), tr("overfit.drop.training"), tr("overfit.drop.inference")),
                            dropped_text=tr("overfit.drop.dropped"), unit_text=tr("overfit.drop.unit"))
    st.plotly_chart(figure, key=DropoutKeys.CHART)
    dropped = int(step.dropped.sum())
    st.write(tr("overfit.drop.summary", dropped=dropped, units=len(step.inputs), share=f"{dropped / len(step.inputs):.0%}",
                rate=f"{step.rate:g}", scale=f"{step.scale:.3g}", changed=int((step.inference != step.inputs).sum())))
