"""Per-page parts of the translation table; see ``playground.i18n``."""
