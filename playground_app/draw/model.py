"""The Draw page's model choice: the shipped default model or one trained on the Train page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from playground_app.common import lang, tr
from playground_app.draw.state import DrawKeys
from playground_app.state import shared

DEFAULT_CHOICE = "__default__"


@dataclass
class ChosenModel:
    """The model to predict with, its label, and a translated warning if the choice was refused."""

    model: Any
    label: str
    warning: str | None = None


@st.cache_resource(show_spinner=False)
def _cached_default_model() -> Any:
    """Loads the default model once for all sessions (it is never trained further, so sharing is safe)."""
    from playground.labs.digits import load_default_model

    return load_default_model()


def default_model() -> Any:
    """Returns the shipped default digit model."""
    return _cached_default_model()


def choose_model(current: str) -> tuple[str, ChosenModel]:
    """Shows the model selectbox; returns the choice and the model to use.

    Args:
        current: The choice kept in the page's state (``DEFAULT_CHOICE`` or a Train-page label).

    Returns:
        (choice, chosen model). An incompatible trained model falls back to the default model
        with a warning naming the reason.
    """
    from playground.labs.digits import check_digit_model

    trained = shared().models
    options = [DEFAULT_CHOICE, *reversed(list(trained))]  # Newest trained model first.
    index = options.index(current) if current in options else 0
    choice = st.selectbox(
        tr("draw.model"),
        options,
        index=index,
        format_func=lambda option: tr("draw.model_default")
        if option == DEFAULT_CHOICE
        else tr("draw.model_trained", label=option),
        key=DrawKeys.MODEL,
    )
    if choice == DEFAULT_CHOICE:
        return choice, ChosenModel(default_model(), tr("draw.model_default"))
    model = trained[choice].model
    problem = check_digit_model(model)
    if problem is not None:
        warning = tr("draw.model_refused", label=choice, reason=problem.text(lang()))
        return choice, ChosenModel(default_model(), tr("draw.model_default"), warning)
    return choice, ChosenModel(model, choice)
