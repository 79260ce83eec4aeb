"""State shared between pages of one browser session.

Each page keeps its own state in one dataclass under its own session-state key. What other pages
need from it is published here: the model spec being built (Build → Train, Compare, Convolution lab)
and the trained models (Train → Draw, Convolution lab).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

SHARED_KEY = "shared"


@dataclass
class SharedState:
    """What pages hand to each other.

    Attributes:
        spec: The model spec on the Build page (a plain dict, see ``playground.spec``), or None.
        models: Trained Keras models by label, newest last (published by the Train page).
    """

    spec: dict[str, Any] | None = None
    models: dict[str, Any] = field(default_factory=dict)


def shared() -> SharedState:
    """Returns this session's shared state, creating it on first use."""
    if SHARED_KEY not in st.session_state:
        st.session_state[SHARED_KEY] = SharedState()
    return st.session_state[SHARED_KEY]


def publish_model(label: str, model: Any) -> None:
    """Makes a trained model available to the other pages under ``label``."""
    models = shared().models
    models.pop(label, None)
    models[label] = model
