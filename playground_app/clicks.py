"""Buttons that act with what the page shows when they are clicked: the click is noted, and the page acts on it.

Streamlit runs a button's callback before the page, with the arguments it was given by the last run of the page
that reached the button. A setting changed just before the click (its run of the page cut short by the click, or
still going when the learner clicked) is not in them: a fresh Train tab's first click after choosing the MNIST CNN
preset trained iris. So a callback never carries settings. ``button`` draws a button whose callback only notes the
click; the page calls ``taken(key)`` where it has this run's settings, and acts. Called just before drawing the
button, the same run draws its effect (a busy Train button): one run of the page answers the click. A click whose
run is cut short stays noted for the runs that replace it (``RUNS_KEPT``), then it is forgotten: a button the page
did not draw (Build's "Train this model" while an edit sent with the click broke the model) must not act minutes
later, once the learner has mended the model.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_NOTED = "clicks_noted"  # Button key -> the number of the page's last run when it was clicked, until a run takes it.
_RUN = "clicks_run"  # Runs of the whole page in this session (``new_run``).
# Runs of the whole page after a click that may take it: the one that answers it, or the ones that replace it when
# it is cut short by the next click or change.
RUNS_KEPT = 3


def new_run() -> None:
    """Counts a run of the whole page and forgets the clicks no run took in time (the app's frame calls it first)."""
    run = st.session_state.get(_RUN, 0) + 1
    st.session_state[_RUN] = run
    noted = st.session_state.get(_NOTED)
    for key in [key for key, clicked in (noted or {}).items() if run - clicked > RUNS_KEPT]:
        del noted[key]


def button(label: str, key: str, **options: Any) -> None:
    """``st.button(label, key=key, **options)`` whose click is noted for ``taken(key)`` (no ``on_click`` of its own)."""
    st.button(label, key=key, on_click=_note, args=(key,), **options)


def taken(key: str) -> bool:
    """Whether button ``key`` was clicked (within the last ``RUNS_KEPT`` runs of the page) and its click not taken
    yet; takes it."""
    noted = st.session_state.get(_NOTED)
    return bool(noted) and noted.pop(key, None) is not None


def _note(key: str) -> None:
    st.session_state.setdefault(_NOTED, {})[key] = st.session_state.get(_RUN, 0)
