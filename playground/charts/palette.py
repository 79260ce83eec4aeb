"""One palette for every chart that tells runs, contestants or optimizers apart.

A run keeps its colour wherever it is drawn (the Train page's overlay, the race, the loss surface,
the gradient norms), because every chart takes its colours from here.
"""

from __future__ import annotations

from plotly.colors import qualitative

COLOURS: tuple[str, ...] = tuple(qualitative.Plotly)


def colour(index: int) -> str:
    """The colour of the ``index``-th run (or entry, or optimizer) of a chart."""
    return COLOURS[index % len(COLOURS)]
