"""Home: what the app is, and a link to every page. Imports no TensorFlow."""

import streamlit as st

from playground_app.common import tr

st.title(tr("app.title"))
st.write(tr("home.tagline"))

for page_file, name in [
    ("build/page.py", "build"),
    ("train/page.py", "train"),
    ("convolution/page.py", "convolution"),
    ("draw/page.py", "draw"),
    ("compare/page.py", "compare"),
]:
    with st.container(border=True):
        st.page_link(page_file, label=tr("home.open", page=tr(f"nav.{name}")), icon=":material/arrow_forward:")
        st.write(tr(f"home.{name}"))

st.caption(tr("home.offline_note"))
