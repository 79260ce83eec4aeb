"""Streamlit entry: the shared sidebar and the navigation over the pages (one folder each)."""

# Imported here, once, before any two sessions run pages at the same time: two script threads importing
# pandas together can see it half-initialised ("partially initialized module 'pandas' has no attribute
# 'Series'", seen when plotly first checked a figure's data in two sessions at once).
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

from playground.warmup import warm_in_background
from playground_app import clicks, keras_hook
from playground_app.common import language_selector, tr
from playground_app.data_status import show_data_status
from playground_app.style import apply_style
from playground_app.workspace import workspace_id

keras_hook.install()
clicks.new_run()  # Before any page: a click is taken by one of the next runs of the page, or forgotten.
st.set_page_config(page_title="Deep Learning Playground", page_icon=":material/neurology:", layout="wide")
apply_style()
language_selector()
show_data_status()
workspace_id()  # Chosen once per session and kept in the link on every page.

PAGES = [
    st.Page("home/page.py", title=tr("nav.home"), icon=":material/home:", default=True),  # Served at "/" only.
    st.Page("build/page.py", title=tr("nav.build"), icon=":material/layers:", url_path="build"),
    st.Page("train/page.py", title=tr("nav.train"), icon=":material/show_chart:", url_path="train"),
    st.Page("convolution/page.py", title=tr("nav.convolution"), icon=":material/grid_on:", url_path="convolution"),
    st.Page("draw/page.py", title=tr("nav.draw"), icon=":material/draw:", url_path="draw"),
    st.Page("compare/page.py", title=tr("nav.compare"), icon=":material/compare_arrows:", url_path="compare"),
    st.Page("boundary/page.py", title=tr("nav.boundary"), icon=":material/scatter_plot:", url_path="boundary"),
    st.Page("overfitting/page.py", title=tr("nav.overfitting"), icon=":material/healing:", url_path="overfitting"),
    st.Page("transfer/page.py", title=tr("nav.transfer"), icon=":material/photo_library:", url_path="transfer"),
]
st.navigation(PAGES).run()
# After the page is drawn, whichever it is (a link or a bookmark may open any page first, and Compare's and Overfitting's
# labs import TensorFlow when their tab opens): TensorFlow is imported in the background while the learner reads.
warm_in_background()
