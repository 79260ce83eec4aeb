"""Home: what the app is, and a link to every page. Imports no TensorFlow."""

import streamlit as st

from playground_app import PAGE_NAMES
from playground.warmup import warm_in_background
from playground_app.common import tr

st.title(tr("app.title"))
st.write(tr("home.tagline"))

for name in PAGE_NAMES:
    with st.container(border=True):
        st.page_link(f"{name}/page.py", label=tr("home.open", page=tr(f"nav.{name}")), icon=":material/arrow_forward:")
        st.write(tr(f"home.{name}"))

st.caption(tr("home.offline_note"))

# After the page is drawn: TensorFlow is imported in the background while the learner reads this page.
warm_in_background()
