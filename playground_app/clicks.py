"""Buttons that act with what the page shows when they are clicked: the click is noted, and the page acts on it.

Streamlit runs a button's callback before the page, with the arguments it was given by the last run of the page
that reached the button. A setting changed just before the click (its run of the page cut short by the click, or
still going when the learner clicked) is not in them: a fresh Train tab's first click after choosing the MNIST CNN
preset trained iris. So a callback never carries settings. ``button`` draws a button whose callback only notes the
click; the page calls ``taken(key)`` where it has this run's settings, and acts. Called just before drawing the
button, the same run draws its effect (a busy Train button): one run of the page answers the click. A click whose
run is cut short stays noted until a run takes it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

_NOTED = "clicks_noted"  # The keys of the buttons clicked and not yet taken (a set in the session's state).


def button(label: str, key: str, **options: Any) -> None:
    """``st.button(label, key=key, **options)`` whose click is noted for ``taken(key)`` (no ``on_click`` of its own)."""
    st.button(label, key=key, on_click=_note, args=(key,), **options)


def taken(key: str) -> bool:
    """Whether button ``key`` was clicked since a run of the page last took its click; takes it."""
    noted = st.session_state.get(_NOTED)
    if not noted or key not in noted:
        return False
    noted.discard(key)
    return True


def _note(key: str) -> None:
    st.session_state.setdefault(_NOTED, set()).add(key)
