"""Strings of the compare part of the app (keys start with ``compare.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
