"""Language selection and translation for pages."""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground.i18n import DEFAULT_LANGUAGE, LANGUAGES, browser_language, first_language, t

LANGUAGE_KEY = "lang"
QUERY_KEY = "lang"  # The link's ?lang=ko.


def lang() -> str:
    """Returns the language the learner picked in the sidebar."""
    return st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)


def tr(key: str, **fields: Any) -> str:
    """Translates ``key`` into the current language (see ``playground.i18n.t``)."""
    return t(key, lang(), **fields)


def language_selector() -> str:
    """Draws the sidebar language toggle and returns the chosen language code.

    A new session opens in the language its link names (``?lang=ko``), else in the browser's own language. The link
    names the chosen language whenever the browser's would differ, so a reload or a copied link keeps it.
    """
    locale = _browser_locale()
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = first_language(st.query_params.get(QUERY_KEY), locale)
    st.sidebar.radio(
        # Both languages, so a learner who cannot read the current one still finds the toggle.
        t("app.language", lang()),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        horizontal=True,
        on_change=_note_language_change,
    )
    chosen = lang()
    named = st.query_params.get(QUERY_KEY)
    if named != chosen and (named is not None or chosen != browser_language(locale)):
        st.query_params[QUERY_KEY] = chosen
    return chosen


def _browser_locale() -> str | None:
    """The browser's preferred locale ("ko-KR"), or None where Streamlit does not know it (tests, old browsers)."""
    try:
        return st.context.locale
    except Exception:  # noqa: BLE001 - no locale is no preference.
        return None


def _note_language_change() -> None:
    """Makes the browser redraw choice widgets in the new language.

    A radio or selectbox is identified by its key alone, so after a switch the browser keeps showing
    the old language's option labels (or no selection) until the widget's value is set through the
    Session State API. Re-assigning each choice its own value does that and changes nothing else.
    Only string values are touched: buttons, uploaders and editors refuse assignment, and every
    choice widget in this app holds a string (a registry key).
    """
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if isinstance(value, str):
            st.session_state[key] = value
