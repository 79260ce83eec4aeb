"""Home: what the app is, and a link to every page. Imports no TensorFlow."""

import streamlit as st

from playground_app import PAGE_NAMES
from playground_app.common import tr

st.title(tr("app.title"))
st.write(tr("home.tagline"))

for name in PAGE_NAMES:
    with st.container(border=True):
        st.page_link(f"{name}/page.py", label=tr("home.open", page=tr(f"nav.{name}")), icon=":material/arrow_forward:")
        st.write(tr(f"home.{name}"))

st.caption(tr("home.offline_note"))
