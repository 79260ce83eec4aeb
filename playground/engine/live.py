"""The live callback: throttled batch points, epoch logs, markers, Stop and the NaN check.

``LivePublisher`` is framework-free (tested without Keras); ``live_callback`` wraps it in a
``keras.callbacks.Callback`` whose hooks only hand off to it. It writes into a ``Run``: in a worker
process that run is mirrored to the server's (see ``playground.engine.worker``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from playground.engine.runs import POINTS_FOR_A_LINE, Run, RunEvent

# Seconds between two published batch points. Reading a log value can force a device sync, and each
# point is one more thing to draw: five points a second is smooth enough for a chart redrawn every second.
PUBLISH_INTERVAL = 0.2
# Weight of the previous smoothed value in the batch curve (TensorBoard's default smoothing is 0.6):
# enough to calm one noisy batch, little enough to lag only a batch or two behind.
SMOOTHING = 0.6
# Most seconds between two frames (pictures of the model, e.g. a decision grid) when epochs come faster.
FRAME_INTERVAL = 0.25
# Most of the training's time frames may take. A frame after every epoch when that is cheap enough: the
# worker ships only the newest frame with the newest epochs, so the picture is then never behind the
# epoch count (a fixed 0.25 s between frames left it two epochs behind on a small net).
FRAME_SHARE = 0.15


class LivePublisher:
    """The framework-free heart of the live callback: throttling, Stop and divergence checks.

    The Keras callback made by ``live_callback`` only forwards its hooks here, so this logic is
    tested without Keras and costs one clock read per batch.
    """

    def __init__(
        self,
        run: Run,
        interval: float = PUBLISH_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        checkpoint: Any = None,
        frames: Callable[[Any], Any] | None = None,
        frame_interval: float = FRAME_INTERVAL,
    ) -> None:
        """Creates a publisher writing into ``run``.

        Args:
            run: The run record to publish into.
            interval: Smallest time between two published batch points, in seconds.
            clock: Monotonic clock (replaced in tests).
            checkpoint: A ``keras.callbacks.ModelCheckpoint`` whose saves become chart markers, or None.
            frames: ``frames(model) -> array`` published with ``Run.set_frame``, or None.
            frame_interval: Longest wait between two frames, in seconds: a frame follows every epoch while
                frames take at most ``FRAME_SHARE`` of the time, else they are spaced to that share, but
                never more than this apart (the last one is always sent).
        """
        self.run = run
        self.interval = interval
        self.clock = clock
        self.checkpoint = checkpoint
        self.diverged = False
        self._epoch = 0
        self._last_published = -math.inf
        self._checkpoint_best: float | None = None
        self._means: dict[str, float] = {}
        self._smoothed: dict[str, float] = {}
        self.frames = frames
        self.frame_interval = frame_interval
        self._last_frame = -math.inf
        self._frame_seconds = 0.0
        self._epochs_done = 0

    def should_stop(self) -> bool:
        """Tells whether the learner pressed Stop (checked before every batch)."""
        return self.run.stop_requested.is_set()

    def train_begin(self, steps_per_epoch: int | None) -> None:
        """Marks the run as training, with the batches per epoch that Keras counted."""
        self.run.mark_started(max(int(steps_per_epoch or 1), 1))

    def epoch_begin(self, epoch: int) -> None:
        """Remembers the epoch for the batch positions; Keras's running means start again."""
        self._epoch = epoch
        self._means = {}

    def batch_end(self, batch: int, logs: dict[str, Any] | None) -> bool:
        """Publishes a batch point when the interval has passed; returns True to stop training.

        The loss is checked on every batch, like ``keras.callbacks.TerminateOnNaN``: with the
        TensorFlow backend Keras has already turned the logs into Python floats, so this costs nothing.
        The point carries the smoothed per-batch values (``smoothed_batch_logs``), not Keras's running
        means, which start again every epoch and make the curve jump at each epoch start.
        """
        logs = logs or {}
        self.run.batches_trained += 1
        if not _is_finite(logs.get("loss")):
            self.diverged = True
            return True
        smoothed = self._smooth(batch, floats(logs))  # Every batch, so throttling drops points, not values.
        now = self.clock()
        # The first two batches always: a line needs two points, and the learner waits for the first one drawn.
        if now - self._last_published >= self.interval or self.run.batches_trained <= POINTS_FOR_A_LINE:
            self._last_published = now
            self.run.add_batch(self._epoch, batch, smoothed)
        return self.should_stop()

    def _smooth(self, batch: int, means: dict[str, float]) -> dict[str, float]:
        """Turns Keras's running means into an exponentially smoothed curve of per-batch values.

        Keras logs, after batch k (1-based) of an epoch, the mean of its first k batches. The batch's own
        value is therefore k·mean_k − (k−1)·mean_(k−1) (exact for equal batches; the last, smaller batch
        of an epoch is slightly off). Those values are noisy, so the curve is their exponential moving
        average, which does not start again at each epoch.
        """
        smoothed = {}
        for name, mean in means.items():
            previous_mean = self._means.get(name)
            value = mean if batch == 0 or previous_mean is None else (batch + 1) * mean - batch * previous_mean
            if not math.isfinite(value):
                value = mean
            last = self._smoothed.get(name)
            smoothed[name] = value if last is None else SMOOTHING * last + (1 - SMOOTHING) * value
        self._means = means
        self._smoothed = smoothed
        return dict(smoothed)

    def epoch_end(self, epoch: int, logs: dict[str, Any] | None) -> bool:
        """Publishes the epoch's logs and checkpoint marker; returns True to stop training."""
        logs = floats(logs or {})
        if not _is_finite(logs.get("loss")):
            self.diverged = True
            return True
        self.run.add_epoch(epoch, logs)
        self._epochs_done = epoch + 1
        self._mark_checkpoint(epoch)
        return self.should_stop()

    def frame(self, model: Any, final: bool = False) -> None:
        """Publishes ``frames(model)`` when the frame interval has passed, or always when ``final``.

        The final frame is drawn from the model as training left it, so the last picture a page shows
        is the model that came home (Stop included).
        """
        if self.frames is None:
            return
        now = self.clock()
        if final or now - self._last_frame >= min(self.frame_interval, self._frame_seconds / FRAME_SHARE):
            self._last_frame = now
            self.run.set_frame(self._epochs_done, self.frames(model))
            self._frame_seconds = self.clock() - now

    def _mark_checkpoint(self, epoch: int) -> None:
        """Adds a marker when ModelCheckpoint improved its best value (it saved the model)."""
        if self.checkpoint is None:
            return
        best = getattr(self.checkpoint, "best", None)
        if best is not None and _is_finite(best) and best != self._checkpoint_best:
            self._checkpoint_best = float(best)
            self.run.add_event(RunEvent("checkpoint", epoch, float(best), getattr(self.checkpoint, "monitor", None)))


def _is_finite(value: Any) -> bool:
    """True for a finite number or a missing value (nothing to judge)."""
    if value is None:
        return True
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def floats(logs: dict[str, Any]) -> dict[str, float]:
    """Keeps the numeric log values as floats (Keras may add non-numeric entries)."""
    result: dict[str, float] = {}
    for name, value in logs.items():
        try:
            result[name] = float(value)
        except (TypeError, ValueError):
            continue
    return result


def live_callback(publisher: LivePublisher) -> Any:
    """Returns a ``keras.callbacks.Callback`` whose hooks hand off to ``publisher``."""
    import keras

    class LiveCallback(keras.callbacks.Callback):
        """Publishes to a run record; Stop and NaN end training after the current batch."""

        def on_train_begin(self, logs: dict | None = None) -> None:
            publisher.train_begin(self.params.get("steps"))

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            publisher.epoch_begin(epoch)

        def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
            # Keras checks ``stop_training`` after every batch, so this ends fit within one batch.
            if publisher.should_stop():
                self.model.stop_training = True

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            if publisher.batch_end(batch, logs):
                self.model.stop_training = True

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            if publisher.epoch_end(epoch, logs):
                self.model.stop_training = True
            publisher.frame(self.model)

        def on_train_end(self, logs: dict | None = None) -> None:
            if not publisher.diverged:
                publisher.frame(self.model, final=True)

    return LiveCallback()
