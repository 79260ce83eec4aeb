"""convolution page (being written: see the issue for this page)."""

import streamlit as st

from ui.common import tr

st.title(tr("nav.convolution"))
