"""Strings of the model spec: validation messages (keys start with ``spec.``)."""

STRINGS: dict[str, dict[str, str]] = {
}
