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
        """Returns the message in ``lang`` ("en" or "ko")."""
        return t(self.key, lang, **self.fields)
