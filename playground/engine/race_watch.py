"""What EarlyStopping and ModelCheckpoint would do in a race, epoch by epoch, without stopping anything.

A race trains every copy to the last epoch so the learner sees the epochs EarlyStopping would have
saved (the overfitting lab's point). ``EpochWatch`` follows Keras's own rules on the same logs, as in
``fit(callbacks=[EarlyStopping(monitor, patience), ModelCheckpoint(monitor=..., save_best_only=True)])``:
EarlyStopping (min_delta 0, no baseline, start_from_epoch 0) stops at the first epoch whose count of
epochs without improvement reaches ``patience``; ModelCheckpoint saves at every strict improvement
until then, so the kept epoch is the best one before the stop. The epochs after the stop are the ones
the fit would never have trained: the watch reads them but changes nothing. The tests check both
against the real callbacks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Watch:
    """The callbacks a race imitates.

    Attributes:
        monitor: The logged quantity, e.g. ``"val_loss"`` or ``"val_accuracy"`` (larger is better when
            its name contains "acc", as Keras's ``mode="auto"`` decides).
        patience: EarlyStopping's epochs without improvement before it stops.
    """

    monitor: str = "val_loss"
    patience: int = 3

    @property
    def larger_is_better(self) -> bool:
        """Keras's ``mode="auto"``: accuracies grow, everything else shrinks."""
        return "acc" in self.monitor


class EpochWatch:
    """Reads one copy's epoch logs as EarlyStopping and ModelCheckpoint(save_best_only) would.

    Attributes:
        watch: What is watched and the patience.
        best: The best monitored value so far, or None.
        best_epoch: The 0-based epoch ModelCheckpoint would keep (its last save before the stop), or None.
        stopped_epoch: The 0-based epoch EarlyStopping would stop after, or None while it would go on.
    """

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        self.best: float | None = None
        self.best_epoch: int | None = None
        self.stopped_epoch: int | None = None
        self._wait = 0

    def update(self, epoch: int, logs: dict[str, float]) -> tuple[bool, bool]:
        """Takes one epoch's logs.

        Args:
            epoch: The 0-based epoch.
            logs: Its logs (``loss``, ``val_loss``, ``accuracy`` …).

        Returns:
            ``(saved, stopped)``: whether ModelCheckpoint would save this epoch, and whether this is the
            epoch EarlyStopping stops at (True once at most).
        """
        current = logs.get(self.watch.monitor)
        if self.stopped_epoch is not None or current is None or not math.isfinite(current):
            return False, False  # After the stop the fit would have ended: nothing is saved any more.
        self._wait += 1
        if self._improves(current):
            self.best, self.best_epoch, self._wait = float(current), epoch, 0
            return True, False
        if self._wait >= self.watch.patience and epoch > 0:
            self.stopped_epoch = epoch
            return False, True
        return False, False

    def _improves(self, current: float) -> bool:
        if self.best is None:
            return True
        return current > self.best if self.watch.larger_is_better else current < self.best
