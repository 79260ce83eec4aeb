"""Spec ↔ JSON text (save / load a model) and spec ↔ URL parameter (a shareable link).

The link form is ``1.`` followed by the base64url text of the zlib-compressed compact JSON: short
enough for a page's link (the dogs-vs-cats CNN takes about 200 characters) and URL-safe without
escaping. Every reader validates what it decodes, refuses oversized input before decoding it, and
raises only ``SpecError`` with a plain message.

Why links are capped at ``MAX_URL_CHARACTERS`` (6,000) both ways: the web server refuses long requests
before the app runs, so the app can never explain them. Streamlit 1.67 serves with uvicorn + h11, which
answers "400 Bad Request" when the request line and headers pass 16 KiB (h11's
``DEFAULT_MAX_INCOMPLETE_EVENT_SIZE``; Streamlit does not raise it); older Streamlit served with Tornado,
whose ``max_header_size`` is 64 KiB. Streamlit itself hands the app an empty query string past 512 Ki
characters (``CLIENT_STATE_QUERY_STRING_MAX_LENGTH``). Browsers and proxies commonly stop near 8 KB. So the app never
*writes* a link longer than the cap (a bigger model is shared as a JSON file instead), and a longer
link that still reaches it is refused with the app's own message before anything is decoded.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from playground.spec.errors import SpecError, Translated
from playground.spec.validation import validated

MAX_JSON_CHARACTERS = 100_000
# The keys of errors about the link itself: each message is whole ("The model in this link could not be
# opened: … The model on the page is kept."), so a page shows it without wrapping it in another.
LINK_ERRORS = frozenset({"spec.error.bad_link", "spec.error.link_too_long"})
MAX_URL_CHARACTERS = 6_000
URL_VERSION = "1."


def spec_to_json(spec: Any, indent: int | None = 2) -> str:
    """Returns the validated, normalized spec as JSON text (Korean and other text kept readable).

    Raises:
        SpecError: When the spec is invalid (nothing invalid is ever saved).
    """
    return json.dumps(validated(spec).spec, indent=indent, ensure_ascii=False)


def spec_from_json(text: str | bytes) -> dict[str, Any]:
    """Parses JSON text (e.g. an uploaded file) into a validated, normalized spec.

    Raises:
        SpecError: For text that is too long, not JSON, or not a buildable spec.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpecError("spec.error.bad_json", detail="not UTF-8 text") from error
    if len(text) > MAX_JSON_CHARACTERS:
        raise SpecError("spec.error.text_too_long", what=Translated("spec.what.json"), size=f"{len(text):,}",
                        limit=f"{MAX_JSON_CHARACTERS:,}")
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        raise SpecError("spec.error.bad_json", detail=f"line {error.lineno}, column {error.colno}: {error.msg}") from error
    except RecursionError as error:
        raise SpecError("spec.error.bad_json", detail="nested too deeply") from error
    return validated(spec).spec


def spec_to_url_param(spec: Any) -> str:
    """Returns a compact, URL-safe text holding the validated spec (for ``st.query_params``).

    Raises:
        SpecError: When the spec is invalid, or its link would pass ``MAX_URL_CHARACTERS``
            (``spec.error.link_too_long_to_make``: share it as a JSON file instead).
    """
    compact = json.dumps(validated(spec).spec, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    encoded = base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")
    if len(URL_VERSION) + len(encoded) > MAX_URL_CHARACTERS:
        # A link the app (or the server before it) would refuse must never be handed out.
        raise SpecError("spec.error.link_too_long_to_make", size=f"{len(URL_VERSION) + len(encoded):,}",
                        limit=f"{MAX_URL_CHARACTERS:,}")
    return URL_VERSION + encoded


def spec_from_url_param(text: str) -> dict[str, Any]:
    """Reads a spec back from ``spec_to_url_param``'s text, refusing anything damaged or huge.

    Raises:
        SpecError: For a missing version, bad base64, bad compression, a decompression bomb,
            bad JSON or an invalid spec.
    """
    if not isinstance(text, str) or not text.startswith(URL_VERSION):
        raise SpecError("spec.error.bad_link", detail=Translated("spec.link.not_ours"))
    if len(text) > MAX_URL_CHARACTERS:
        raise SpecError("spec.error.link_too_long", size=f"{len(text):,}", limit=f"{MAX_URL_CHARACTERS:,}")
    body = text[len(URL_VERSION):]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        decompressor = zlib.decompressobj()
        # Cap the output so a tiny link cannot expand into gigabytes.
        raw = decompressor.decompress(compressed, MAX_JSON_CHARACTERS * 4)
        if decompressor.unconsumed_tail or not decompressor.eof:
            raise SpecError("spec.error.bad_link", detail=Translated("spec.link.cut"))
    except SpecError:
        raise
    except (binascii.Error, ValueError, zlib.error) as error:
        raise SpecError("spec.error.bad_link", detail=Translated("spec.link.cut")) from error
    try:
        spec = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise SpecError("spec.error.bad_link", detail=Translated("spec.link.not_a_model")) from error
    # A decoded model that is not valid raises the layer's own SpecError: the page says once that it
    # came from the link (``LINK_ERRORS`` are complete on their own and are shown as they are).
    return validated(spec).spec
