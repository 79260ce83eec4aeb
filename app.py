"""Streamlit entry: the shared sidebar and the navigation over app_pages/."""

import streamlit as st

from ui import keras_hook
from ui.common import language_selector, tr
from ui.data_status import show_data_status

keras_hook.install()
st.set_page_config(page_title="Deep Learning Playground", page_icon=":material/neurology:", layout="wide")
language_selector()
show_data_status()

PAGES = [
    st.Page("app_pages/home.py", title=tr("nav.home"), icon=":material/home:", url_path="home", default=True),
    st.Page("app_pages/build.py", title=tr("nav.build"), icon=":material/layers:", url_path="build"),
    st.Page("app_pages/train.py", title=tr("nav.train"), icon=":material/show_chart:", url_path="train"),
    st.Page("app_pages/convolution.py", title=tr("nav.convolution"), icon=":material/grid_on:", url_path="convolution"),
    st.Page("app_pages/draw.py", title=tr("nav.draw"), icon=":material/draw:", url_path="draw"),
    st.Page("app_pages/compare.py", title=tr("nav.compare"), icon=":material/compare_arrows:", url_path="compare"),
]
st.navigation(PAGES).run()
