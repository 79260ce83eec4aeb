"""Strings of the draw part of the app (keys start with ``draw.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
