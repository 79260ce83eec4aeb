"""How losses and metrics are written for the learner: one formatter for every table, caption and chart.

Four significant digits, in plain decimals from 0.0001 to 99,999 and in scientific notation beyond
(``1e-12``, never ``0.000000000001`` nor ``0.0000``); no trailing zeros. Charts use the same rule through
``NUMBER_D3_FORMAT`` (plotly's d3 format: ``~`` drops trailing zeros as Python's ``g`` does).
"""

from __future__ import annotations

import math

MISSING = "—"
SIGNIFICANT_DIGITS = 4
NUMBER_D3_FORMAT = f".{SIGNIFICANT_DIGITS}~g"


def format_number(value: float | None) -> str:
    """Writes a loss or a metric as the learner reads it.

    Args:
        value: The number, or None when there is none yet.

    Returns:
        E.g. ``"0.6931"``, ``"1e-12"``, ``"1.235e+05"``, ``"0"``; ``"—"`` for None, ``"NaN"``, ``"∞"``.
    """
    if value is None:
        return MISSING
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{SIGNIFICANT_DIGITS}g}"
