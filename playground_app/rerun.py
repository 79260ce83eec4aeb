"""Rerunning the whole page from a fragment without losing what the fragment just drew."""

from __future__ import annotations

import time

import streamlit as st

# Seconds a fragment waits before asking for a full rerun. Streamlit drops every message not yet sent to the
# browser when a rerun starts, and it sends them every 5 ms: without the wait, the state the fragment just
# drew ("finished", the first points) was often lost, and the browser showed it only once the whole page had
# been run and rendered again (0.3-0.7 s later, measured with bench/app_overhead.py on 2 cores).
SENT_WITHIN_SECONDS = 0.05


def rerun_page() -> None:
    """Reruns the whole page once what this run has drawn so far has reached the browser."""
    time.sleep(SENT_WITHIN_SECONDS)
    st.rerun()
