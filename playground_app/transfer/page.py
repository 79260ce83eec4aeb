"""Your images: your own classes of pictures, three ways to learn them side by side, and where the model looks.

Reads top to bottom: the pictures (section 1), the base and the race of the three ways (2), a new
picture explained with Grad-CAM (3), the model and its code to take home (4). What each step decides
lives in ``playground.transfer``; training goes through the engine as one race.
"""

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.errors import page_boundary
from playground_app.transfer import explain, measure, pictures, train
from playground_app.transfer.state import transfer_state

st.title(tr("nav.transfer"))
st.write(tr("transfer.intro"))
state = transfer_state()

with page_boundary():
    cluster.start_in_background()  # Workers warm up while the learner gathers pictures.
    st.header(tr("transfer.section.pictures"))
    chosen = pictures.choose_pictures(state)
    st.header(tr("transfer.section.ways"))
    st.markdown(tr("transfer.ways_intro"))
    base = train.choose_base()
    train.train_controls(state, chosen, base)
    train.parameters_table(state)
    train.show_race(state)
    st.subheader(tr("transfer.section.pictures_curve"))
    measure.measure_controls(state, chosen, base)
    st.header(tr("transfer.section.explain"))
    way = explain.choose_way(state)
    if way is not None:
        explain.predict_and_explain(state, way)
        st.header(tr("transfer.section.home"))
        explain.take_home(state, way)
