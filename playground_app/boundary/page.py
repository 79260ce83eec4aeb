"""Decision boundary: a small network splits the plane while it trains, with one-click lessons.

Reads top to bottom: lessons (they fill the controls), the controls, the buttons, the live picture,
the code. What an experiment is lives in ``playground.labs.boundary_setup``; trainings go to the engine.
"""

import streamlit as st

from playground_app.boundary.controls import lesson_buttons, setup_controls
from playground_app.boundary.live import buttons, live_picture
from playground_app.boundary.state import boundary_state
from playground_app.common import tr
from playground_app.errors import page_boundary

st.title(tr("nav.boundary"))
st.write(tr("boundary.intro"))
state = boundary_state()

with page_boundary():
    lesson_buttons(state)
    busy = state.handle is not None and state.handle.active
    setup, epochs = setup_controls(disabled=busy)
    if setup != state.setup and not busy:
        state.setup = setup
        state.restart()  # New data or a new network: the old weights do not fit it.
    buttons(state, setup, epochs)
    live_picture(state, setup)
    with st.expander(tr("boundary.show_code")):
        st.code(setup.code(max(len(state.history), epochs), state.weight_seed), language="python")
