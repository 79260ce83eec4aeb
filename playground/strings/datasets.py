"""Strings of the datasets part of the app (keys start with ``datasets.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
