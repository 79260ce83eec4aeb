"""Overfitting: the notes' cures trained beside the model they cure, an augmentation preview, Dropout made visible."""

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.errors import page_boundary
from playground_app.overfitting import augmentation, dropout, variants
from playground_app.overfitting.state import overfitting_state

st.title(tr("nav.overfitting"))
cluster.start_in_background()  # Workers warm up while the learner sets things up.
st.caption(tr("overfit.tagline"))
state = overfitting_state()
tabs = st.tabs([tr("overfit.tab.variants"), tr("overfit.tab.augmentation"), tr("overfit.tab.dropout")])
# Each section catches its own failures, so one broken section never hides the others.
for tab, section in zip(tabs, (variants, augmentation, dropout)):
    with tab:
        with page_boundary():
            section.render(state)
