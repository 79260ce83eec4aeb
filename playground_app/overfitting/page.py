"""Overfitting: the notes' cures trained beside the model they cure, an augmentation preview, Dropout made visible."""

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.errors import page_boundary
from playground_app.overfitting import augmentation, dropout, variants
from playground_app.overfitting.state import TABS_KEY, overfitting_state
from playground_app.pace import keep_watching

st.title(tr("nav.overfitting"))
cluster.start_in_background()  # Workers warm up while the learner sets things up.
st.caption(tr("overfit.tagline"))
state = overfitting_state()
# Only the open tab runs and reaches the browser (Streamlit sends every tab's content otherwise, and each redraw of the
# live variants cost the browser with the hidden ones, as on Compare). Switching tabs reruns the page.
tabs = st.tabs([tr("overfit.tab.variants"), tr("overfit.tab.augmentation"), tr("overfit.tab.dropout")], key=TABS_KEY,
               on_change="rerun")
# Each section catches its own failures, so one broken section never hides the others.
for tab, section in zip(tabs, (variants, augmentation, dropout)):
    if tab.open:
        with tab, page_boundary():
            section.render(state)
if not tabs[0].open:
    keep_watching(state.race)  # The variants' live view is not drawn: say the learner is still here.
