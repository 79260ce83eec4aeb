"""Compare page: an optimizer race, a loss-surface lab and an activation explorer, one tab each."""

import streamlit as st

from ui import compare_activations, compare_race, compare_surface
from ui.common import tr
from ui.compare_state import compare_state, error_text

st.title(tr("nav.compare"))
st.caption(tr("compare.tagline"))
state = compare_state()
tabs = st.tabs([tr("compare.tab.race"), tr("compare.tab.surface"), tr("compare.tab.activations")])
# Each section catches its own failures, so one broken section never hides the other two.
for tab, section in zip(tabs, (compare_race, compare_surface, compare_activations)):
    with tab:
        try:
            section.render(state)
        except Exception as error:  # noqa: BLE001 - the learner sees a message, never a traceback.
            st.error(error_text(error))
