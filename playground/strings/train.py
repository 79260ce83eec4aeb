"""Strings of the train part of the app (keys start with ``train.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
