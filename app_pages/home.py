"""Home: what the app is, and a link to every page. Imports no TensorFlow."""

import streamlit as st

from ui.common import tr

st.title(tr("app.title"))
st.write(tr("home.tagline"))

for page_file, name in [
    ("app_pages/build.py", "build"),
    ("app_pages/train.py", "train"),
    ("app_pages/convolution.py", "convolution"),
    ("app_pages/draw.py", "draw"),
    ("app_pages/compare.py", "compare"),
]:
    with st.container(border=True):
        st.page_link(page_file, label=tr("home.open", page=tr(f"nav.{name}")), icon=":material/arrow_forward:")
        st.write(tr(f"home.{name}"))

st.caption(tr("home.offline_note"))
