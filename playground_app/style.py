"""The app's few CSS rules, sent once per page run (``st.html`` with only a style tag takes no space)."""

from __future__ import annotations

import streamlit as st

# A progress bar glides to its new value for half a second after every redraw. While a training runs, the
# page redraws its progress every 2 s, so the browser drew animation frames a quarter of the time: on 2 cores
# without a GPU, watching a live run on the Train page (MNIST CNN, 14 s of a 14-epoch run) cost Chromium
# 0.106-0.109 core with the glide and 0.079-0.081 without, in three interleaved pairs. The bar now jumps.
STILL_PROGRESS_BARS = '[data-testid="stProgress"] * { transition: none !important; }'

RULES = (STILL_PROGRESS_BARS,)


def apply_style() -> None:
    """Adds the app's CSS rules to the page."""
    st.html("<style>" + "\n".join(RULES) + "</style>")
