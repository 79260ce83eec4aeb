"""Strings of the convolution part of the app (keys start with ``convolution.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
