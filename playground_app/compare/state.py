"""The Compare page's state: one dataclass under one session-state key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The optimizer race (``race.py``) still imports ``error_text`` from here.
from playground_app.errors import error_text  # noqa: F401 - re-exported.
from playground_app.state import page_state

STATE_KEY = "compare"


class RaceKeys:
    """Widget keys of the Compare page's optimizer race (all start with "compare_race_").

    ``OPTIMIZER``, ``ACTIVATION`` and ``ENTRY_PREFIX`` take the entry's index (and optimizer): each entry
    keeps its own settings per optimizer, as the Train page does.
    """

    PREFIX = "compare_race"
    SOURCE = "compare_race_source"
    PRESET = "compare_race_preset"
    DATASET = "compare_race_dataset"
    COUNT = "compare_race_count"
    SAMPLES = "compare_race_samples"
    EPOCHS = "compare_race_epochs"
    BATCH = "compare_race_batch"
    TARGET = "compare_race_target"
    PRESET_NOTES = "compare_race_preset_notes"
    PRESET_RATES = "compare_race_preset_rates"
    START = "compare_race_start"
    STOP = "compare_race_stop"
    OPTIMIZER = "compare_race_opt_{index}"
    ACTIVATION = "compare_race_act_{index}"
    ENTRY_PREFIX = "compare_race_{index}_{optimizer}"
    CHART = "compare_race_chart"


TABS_KEY = "compare_tabs"
"""The page's tabs (race, loss-surface lab, activation explorer): their value is the open tab's label."""


class SurfaceKeys:
    """Widget keys of the Compare page's loss-surface lab (all start with "compare_surface_").

    ``RATE`` and ``OPTIMIZER_PREFIX`` take the optimizer's name: picking another surface resets each
    optimizer's learning rate to one that suits it.
    """

    NAME = "compare_surface_name"
    START_X = "compare_surface_x"
    START_Y = "compare_surface_y"
    STEPS = "compare_surface_steps"
    OPTIMIZERS = "compare_surface_optimizers"
    OPTIMIZER_PREFIX = "compare_surface_opt_{optimizer}"
    RATE = "compare_surface_opt_{optimizer}_lr"
    VIEW = "compare_surface_view"
    CONTOUR = "compare_surface_contour"
    SURFACE_3D = "compare_surface_3d"


class ActivationKeys:
    """Widget keys of the Compare page's activation explorer (all start with "compare_act_")."""

    CURVES = "compare_act_curves"
    CURVES_CHART = "compare_act_curves_chart"
    DEPTH = "compare_act_depth"
    UNITS = "compare_act_units"
    COMPARED = "compare_act_compared"
    NORMS_CHART = "compare_act_norms_chart"


@dataclass
class CompareState:
    """What the Compare page keeps between reruns.

    Attributes:
        race: The running or finished optimizer race (``playground.engine.runner.RaceHandle``), or None.
        surface_signature: The inputs the shown surface paths were computed from.
        trajectories: The paths of the loss-surface lab for ``surface_signature``.
        surface_error: Translated message of the last failed surface run, or None.
        gradient_norms: Per-layer gradient norms by activation, for ``gradient_signature``.
        gradient_signature: The inputs the shown gradient norms were measured with.
    """

    race: Any = None
    surface_signature: tuple | None = None
    trajectories: list[Any] = field(default_factory=list)
    surface_error: str | None = None
    gradient_norms: dict[str, list[float]] = field(default_factory=dict)
    gradient_signature: tuple | None = None


def compare_state() -> CompareState:
    """Returns this session's Compare page state, creating it on first use."""
    return page_state(STATE_KEY, CompareState)
