"""The Compare page's state: one dataclass under one session-state key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The optimizer race (``race.py``) still imports ``error_text`` from here.
from playground_app.errors import error_text  # noqa: F401 - re-exported.
from playground_app.state import page_state

STATE_KEY = "compare"


@dataclass
class CompareState:
    """What the Compare page keeps between reruns.

    Attributes:
        race: The running or finished optimizer race (``playground.engine.race.Race``), or None.
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
