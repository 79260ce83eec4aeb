"""``CompareError``: the learner-facing error of the Compare page's labs (race, surfaces, gradients).

It lives in its own small module so that the optimizer race and the gradient explorer can raise it
without importing the loss-surface lab (``playground.labs.surfaces`` re-exports it for old imports).
"""

from __future__ import annotations

from playground.errors import LearnerError


class CompareError(LearnerError):
    """A setting the Compare page cannot run with: a ``compare.error.*`` key, its fields and English text."""
