"""Spec ↔ JSON text (save / load a model) and spec ↔ URL parameter (a shareable link).

The link form is ``1.`` followed by the base64url text of the zlib-compressed compact JSON: short
enough for a page's link (the dogs-vs-cats CNN takes about 200 characters) and URL-safe without
escaping. Every reader validates what it decodes, refuses oversized input before decoding it, and
raises only ``SpecError`` with a plain message.
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
        SpecError: When the spec is invalid.
    """
    compact = json.dumps(validated(spec).spec, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    encoded = base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")
    return URL_VERSION + encoded


def spec_from_url_param(text: str) -> dict[str, Any]:
    """Reads a spec back from ``spec_to_url_param``'s text, refusing anything damaged or huge.

    Raises:
        SpecError: For a missing version, bad base64, bad compression, a decompression bomb,
            bad JSON or an invalid spec.
    """
    if not isinstance(text, str) or not text.startswith(URL_VERSION):
        raise SpecError("spec.error.bad_link", detail="unknown format")
    if len(text) > MAX_URL_CHARACTERS:
        raise SpecError("spec.error.text_too_long", what=Translated("spec.what.link"), size=f"{len(text):,}",
                        limit=f"{MAX_URL_CHARACTERS:,}")
    body = text[len(URL_VERSION):]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        decompressor = zlib.decompressobj()
        # Cap the output so a tiny link cannot expand into gigabytes.
        raw = decompressor.decompress(compressed, MAX_JSON_CHARACTERS * 4)
        if decompressor.unconsumed_tail or not decompressor.eof:
            raise SpecError("spec.error.bad_link", detail="incomplete or oversized")
        spec = json.loads(raw.decode("utf-8"))
    except SpecError:
        raise
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError, RecursionError) as error:
        raise SpecError("spec.error.bad_link", detail=type(error).__name__) from error
    return validated(spec).spec
