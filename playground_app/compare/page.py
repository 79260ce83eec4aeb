"""Compare page: an optimizer race, a loss-surface lab and an activation explorer, one tab each."""

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.compare import activations as compare_activations
from playground_app.compare import race as compare_race
from playground_app.compare import surface as compare_surface
from playground_app.compare.state import compare_state
from playground_app.errors import page_boundary

st.title(tr("nav.compare"))
cluster.start_in_background()  # Workers warm up while the learner sets things up.
st.caption(tr("compare.tagline"))
state = compare_state()
tabs = st.tabs([tr("compare.tab.race"), tr("compare.tab.surface"), tr("compare.tab.activations")])
# Each section catches its own failures, so one broken section never hides the other two.
for tab, section in zip(tabs, (compare_race, compare_surface, compare_activations)):
    with tab:
        with page_boundary():
            section.render(state)
