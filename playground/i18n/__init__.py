"""The translation table: every user-facing string, in English and Korean.

The table is one dictionary, ``TABLE``, mapping a key such as ``"build.title"`` to its texts in each
language. It is assembled from one module per page in ``playground/i18n/`` so that no single file
grows past a few hundred lines; a key may be defined only once.

Texts may hold ``str.format`` fields (``"{layer}"``); ``t`` fills them from keyword arguments.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"

# Modules in playground/i18n/, each defining STRINGS: dict[str, dict[str, str]].
_STRING_MODULES = ("common", "spec", "build", "datasets", "train", "convolution", "draw", "compare", "engine", "boundary",
                   "overfitting", "transfer")


def _assemble() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for module_name in _STRING_MODULES:
        module = import_module(f"playground.i18n.{module_name}")
        for key, texts in module.STRINGS.items():
            if key in table:
                raise ValueError(f"Translation key {key!r} is defined twice (again in {module_name}).")
            table[key] = texts
    return table


TABLE: dict[str, dict[str, str]] = _assemble()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: Any) -> str:
    """Returns the text for ``key`` in ``lang``, with ``fields`` filled in.

    Args:
        key: A key of ``TABLE``.
        lang: A key of ``LANGUAGES``; unknown languages fall back to English.
        **fields: Values for the ``{name}`` fields of the text.

    Returns:
        The translated text. A missing key raises ``KeyError`` so that a typo fails the tests
        instead of showing a raw key to a learner.
    """
    texts = TABLE[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def browser_language(locale: str | None) -> str:
    """The language of a browser whose preferred locale is ``locale`` ("ko-KR" → "ko"), or ``DEFAULT_LANGUAGE``."""
    primary = (locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def first_language(requested: str | None, locale: str | None) -> str:
    """The language a new session opens in: the link's ``?lang=`` when it names one, else the browser's language.

    Args:
        requested: The link's ``lang`` value, or None.
        locale: The browser's preferred locale (``navigator.language``, e.g. "ko-KR"), or None when unknown.
    """
    return requested if requested in LANGUAGES else browser_language(locale)


def missing_translations() -> list[str]:
    """Lists keys that lack a text in some language (the tests require this to be empty)."""
    return [key for key, texts in TABLE.items() for lang in LANGUAGES if not texts.get(lang)]
