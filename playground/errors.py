"""``LearnerError``: the base of every error meant for the learner's eyes.

An error a learner can cause (a bad spec, a file that is not a model, a dataset that needs the
internet, a training process that died) carries a translation key and the fields of its message, so a
page shows it in the learner's language with ``error.text(lang)``; ``str(error)`` is the English text.
Pages show any of them with one helper (``playground_app.errors``); anything else is a bug.
"""

from __future__ import annotations

from typing import Any

from playground.i18n import DEFAULT_LANGUAGE, t


class LearnerError(ValueError):
    """An error with a message for the learner that says what happened and what to do.

    Attributes:
        key: Translation key of the message.
        fields: Values for the message's ``{name}`` fields.
    """

    def __init__(self, key: str, message: str | None = None, **fields: Any) -> None:
        self.key = key
        self.fields = fields
        super().__init__(message if message is not None else self.text(DEFAULT_LANGUAGE))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Returns the message in ``lang`` ("en" or "ko"); ``Translated`` fields are translated too."""
        return t(self.key, lang, **render_fields(self.fields, lang))


class Translated:
    """A field value that is itself a translated text (the layer at fault, the reason a file was refused).

    A message such as "This file could not be read as a picture ({detail})" may take its detail from
    another key; the detail must then follow the learner's language too, not stay in English.
    """

    def __init__(self, key: str, **fields: Any) -> None:
        self.key = key
        self.fields = fields

    def render(self, lang: str) -> str:
        """Returns the text in ``lang``."""
        return t(self.key, lang, **render_fields(self.fields, lang))


def render_fields(fields: dict[str, Any], lang: str) -> dict[str, Any]:
    """The fields of a message with every ``Translated`` value rendered in ``lang``."""
    return {name: value.render(lang) if isinstance(value, Translated) else value for name, value in fields.items()}


def first_line(error: BaseException, limit: int = 200) -> str:
    """The first non-empty line of an error's text (at most ``limit`` characters), or its type's name.

    Libraries such as Keras put a whole report (a traceback of the graph, a table) in one exception
    message; a learner needs its first line only. An error without text still gets a name to show.

    Args:
        error: Any exception.
        limit: The longest text returned; longer lines are cut.

    Returns:
        Text safe to put into a one-line message.
    """
    for line in str(error).splitlines():
        if line.strip():
            return line.strip()[:limit]
    return type(error).__name__
