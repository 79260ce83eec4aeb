"""State shared between pages of one browser session.

Each page keeps its own state in one dataclass under its own session-state key. What other pages
need from it is published here: the model spec being built (Build → Train, Compare, Convolution lab)
and the trained models (Train → Draw, Convolution lab).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import streamlit as st

from playground.data.core import Dataset

SHARED_KEY = "shared"

State = TypeVar("State")


def page_state(key: str, factory: Callable[[], State]) -> State:
    """Returns the object under ``st.session_state[key]``, making it with ``factory()`` on first use.

    Every page keeps its state in one dataclass under one key (the page's name); this is the one
    get-or-create for all of them, so a page's accessor is one line and no page re-creates its state
    by accident on a rerun.

    Args:
        key: The session-state key (the page's name: "build", "train", …).
        factory: Makes the fresh state, e.g. the dataclass itself.

    Returns:
        The same object on every run of one browser session.
    """
    if key not in st.session_state:
        st.session_state[key] = factory()
    return st.session_state[key]


_NO_DEFAULT = object()


def hold_value(key: str, default: Any = _NO_DEFAULT) -> None:
    """Gives the widget ``key`` its value from session state (``default`` the first time) in this run's message.

    Call it just before drawing a widget whose value lives in session state (no ``value=`` of its own), instead of
    ``st.session_state.setdefault``. Streamlit sends such a value to the browser only in the run that set it, and
    draws the widget with its minimum or first option as its default. A browser that has not drawn the widget yet
    when the learner clicks (its code arrives after the button's on a slow first load) sends the click without the
    value; the next run's widget then comes without it too, the browser shows the default and sends it back: every
    control of the Decision boundary lab fell to its minimum (20 points, SGD at 0.0001, batch 1). Written back every
    run, the value travels with every run.
    """
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]
    elif default is not _NO_DEFAULT:
        st.session_state[key] = default


@dataclass
class SharedState:
    """What pages hand to each other.

    Attributes:
        spec: The model spec on the Build page (a plain dict, see ``playground.spec``), or None.
        models: Trained models by label, newest last (published by the Train page): each a run record
            whose ``.model`` loads the Keras model on first use, so a model nobody opens costs nothing.
        handed_data: Data handed to the Train page with the model it was made for (the Decision boundary lab's
            points as the lab drew them), offered first in Train's dataset picker; or None.
    """

    spec: dict[str, Any] | None = None
    models: dict[str, Any] = field(default_factory=dict)
    handed_data: Dataset | None = None


def shared() -> SharedState:
    """Returns this session's shared state, creating it on first use."""
    return page_state(SHARED_KEY, SharedState)


def publish_model(label: str, source: Any) -> None:
    """Makes a trained model available to the other pages under ``label``.

    Args:
        label: The run's label.
        source: Anything with a ``.model`` attribute (a ``playground.engine.runs.Run``).
    """
    models = shared().models
    models.pop(label, None)
    models[label] = source
