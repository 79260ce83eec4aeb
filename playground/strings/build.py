"""Strings of the build part of the app (keys start with ``build.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
