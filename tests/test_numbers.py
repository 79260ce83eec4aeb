"""The one number formatter: losses and metrics read the same in every table, caption and chart."""

from __future__ import annotations

import pytest

from playground.numbers import format_number


@pytest.mark.parametrize(("value", "text"), [
    (1e-12, "1e-12"),            # Was "0.000000000001" in a table and "0.0000" in the runs table.
    (0.000123456, "0.0001235"),
    (0.693147, "0.6931"),
    (0.9, "0.9"),                # No trailing zeros.
    (12.3456, "12.35"),
    (123456.0, "1.235e+05"),
    (0.0, "0"),
    (None, "—"),                 # Before the first epoch ended: never "None".
    (float("nan"), "NaN"),
    (float("inf"), "∞"),
])
def test_a_loss_is_written_with_four_significant_digits(value, text):
    assert format_number(value) == text
