"""A reusable widget: the learning rate and parameters of one optimizer (used by the race and the surface lab)."""

from __future__ import annotations

import streamlit as st

from playground.engine.optimizers import LEARNING_RATE_RANGE, OPTIMIZERS
from playground_app.common import tr
from playground_app.state import hold_value


def optimizer_settings(name: str, key_prefix: str, default_rate: float | None = None) -> tuple[float, dict[str, float]]:
    """Draws the learning rate and the main parameters of optimizer ``name``.

    Args:
        name: A key of ``OPTIMIZERS``.
        key_prefix: Unique prefix of the widget keys (e.g. ``compare_surface_opt_Adam``).
        default_rate: The learning rate shown first; the registry's default when None.

    Returns:
        (learning_rate, parameters) ready for ``make_optimizer``.
    """
    entry = OPTIMIZERS[name]
    rate_key = f"{key_prefix}_lr"
    hold_value(rate_key, float(default_rate if default_rate is not None else entry.learning_rate))
    low, high = LEARNING_RATE_RANGE
    columns = st.columns(1 + len(entry.parameters))
    rate = columns[0].number_input(
        tr("compare.learning_rate"), min_value=low, max_value=high, format="%g", step=None, key=rate_key,
    )
    parameters: dict[str, float] = {}
    for column, parameter in zip(columns[1:], entry.parameters):
        # Defaults go through session state (not value=) so that presets may set these keys first.
        hold_value(f"{key_prefix}_{parameter.name}", float(parameter.default))
        parameters[parameter.name] = column.number_input(
            parameter.name, min_value=parameter.minimum, max_value=parameter.maximum,
            format="%g", step=None, key=f"{key_prefix}_{parameter.name}",
        )
    return float(rate), parameters
