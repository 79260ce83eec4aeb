"""Decision boundary: a small network splits the plane while it trains, with one-click lessons.

Reads top to bottom: the link (it fills the controls), lessons (they fill the controls too), the
controls, the buttons, the live picture and the network inside, the code. What an experiment is lives
in ``playground.labs.boundary_setup``; trainings go to the engine.
"""

import streamlit as st

from playground.engine import cluster
from playground_app.boundary.controls import apply_link, lesson_buttons, publish_link, setup_controls
from playground_app.boundary.handover import open_in_build_button
from playground_app.boundary.live import buttons, live_picture
from playground_app.boundary.state import boundary_state
from playground_app.common import tr
from playground_app.errors import page_boundary

st.title(tr("nav.boundary"))
st.write(tr("boundary.intro"))
state = boundary_state()

with page_boundary():
    cluster.start_in_background()  # Workers warm up while the learner picks points and a network.
    apply_link(state)
    # The notice and the lesson text come and go: each lives in a place of its own, so the elements below
    # keep theirs (the browser would show a moved button twice until the run ends).
    notice = st.empty()
    if state.notice is not None:
        kind, text = state.notice
        {"error": notice.error, "info": notice.info}.get(kind, notice.success)(text)
        state.notice = None
    with st.container():
        lesson_buttons(state)
    busy = state.handle is not None and state.handle.active
    setup, epochs, ready = setup_controls(state, disabled=busy)
    if setup != state.setup and not busy:
        state.setup = setup
        state.restart()  # New data or a new network: the old weights do not fit it.
    publish_link(state, setup, epochs)
    if ready:
        buttons(state, setup, epochs)
        live_picture(state)  # Draws state.setup: while a job trains, the network it trains.
        with st.expander(tr("boundary.show_code")):
            st.code(setup.code(max(len(state.history), epochs), state.weight_seed), language="python")
        open_in_build_button(setup)
