"""``validated(spec)``: the one way in for a spec — structure checked, then shapes inferred.

A spec is only worth anything once both halves have passed: ``checks.normalize`` (types, names,
values) and ``shapes.infer`` (every layer takes what the one before gives, nothing absurdly large).
Validation, the summary, the JSON and link writers and the code exporter all need that pair, so it
is written here once and they all call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playground.spec.checks import normalize
from playground.spec.shapes import ModelSummary, infer


@dataclass(frozen=True)
class ValidatedSpec:
    """A spec that passed every check, with what inferring its shapes found.

    Attributes:
        spec: The normalized copy (``input_shape`` set, numbers converted to their kinds).
        summary: What Keras's ``model.summary()`` would say about it.
    """

    spec: dict[str, Any]
    summary: ModelSummary


def validated(spec: Any) -> ValidatedSpec:
    """Checks ``spec`` completely without Keras: normalizes it, then infers every layer's shape.

    Args:
        spec: A model spec (see ``playground.spec``); never changed.

    Returns:
        The normalized copy and its summary.

    Raises:
        SpecError: For anything ``build_model`` would refuse; the message names the layer and the fix.
    """
    normalized = normalize(spec)
    return ValidatedSpec(normalized, infer(normalized))
