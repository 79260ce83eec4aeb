"""``SpecError``: the one exception a bad model spec raises, translatable for the learner."""

from __future__ import annotations

import json
from typing import Any

# Translated is re-exported here: spec checks import it from this module.
from playground.errors import LearnerError, Translated, render_fields  # noqa: F401
from playground.i18n import DEFAULT_LANGUAGE, t


class SpecError(LearnerError):
    """A model spec the playground cannot build, with a message that names the layer and the fix.

    A ``LearnerError`` (a translation key plus fields, shown with ``error.text(lang)``; ``str(error)``
    is the English text) that also knows which layer is at fault, so the Build page can put the
    message on that layer's card.

    Attributes:
        key: Translation key of the message (in ``playground/strings/spec.py``).
        fields: Values for the message's ``{name}`` fields.
        layer_index: 0-based index into ``spec["layers"]`` of the offending layer, or None when the
            problem is not one layer's (the JSON, the input shape, the whole stack). Messages
            count layers from 1, as a learner does: ``layer_index`` 2 is "layer 3".
        layer_type: The offending layer's type, when known.
    """

    def __init__(self, key: str, layer_index: int | None = None, layer_type: str | None = None,
                 **fields: Any) -> None:
        # Set before the base class renders the English text, which names the layer.
        self.layer_index = layer_index
        self.layer_type = layer_type
        super().__init__(key, **fields)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Returns the message in ``lang`` ("en" or "ko")."""
        fields = render_fields(self.fields, lang)
        if self.layer_index is not None:
            fields["layer"] = layer_label(self.layer_type or "?", self.layer_index, lang)
        return t(self.key, lang, **fields)


def layer_label(type_name: str, index: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Returns "Conv2D (layer 3)" for the layer at 0-based ``index``, in ``lang`` ("Layer 3" when the
    type is unknown, "?")."""
    if type_name == "?":
        return t("spec.layer_label_untyped", lang, number=index + 1)
    return t("spec.layer_label", lang, type=type_name, number=index + 1)


def shown(value: Any, limit: int = 40) -> str:
    """Renders a received value for a message: JSON-like, cut to ``limit`` characters.

    It lives here, beside ``SpecError``, because both the structural checks and the shape rules quote
    what they received, and the shape rules must not import the checks (which import the registry).
    """
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
