"""The race's EarlyStopping / ModelCheckpoint stand-in agrees with the real Keras callbacks on the same logs."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.race_watch import EpochWatch, Watch

HISTORIES = {
    # Falls, bottoms out at epoch 3 (0-based), then climbs: the overfitting curve.
    "overfits": [1.0, 0.8, 0.7, 0.65, 0.66, 0.7, 0.75, 0.8, 0.9, 1.0],
    # A tie is no improvement (Keras compares strictly), and a late new best resets the wait.
    "plateau_then_better": [0.9, 0.5, 0.5, 0.5, 0.4, 0.45, 0.46, 0.47, 0.48, 0.49],
    # Keeps improving: EarlyStopping never stops, the last epoch is kept.
    "improves": [1.0, 0.9, 0.8, 0.7, 0.6, 0.5],
}


def _keras_verdict(values: list[float], monitor: str, patience: int, folder, mode: str = "auto") -> tuple[int | None, int | None]:
    """(stopped epoch, last epoch saved) of the real callbacks fed ``values`` as ``monitor``, epoch by epoch, as fit
    calls them: ModelCheckpoint first (its order in the callbacks list), and no epoch after EarlyStopping's stop."""
    import keras

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(loss="mse")
    stopper = keras.callbacks.EarlyStopping(monitor=monitor, patience=patience, mode=mode)
    saver = keras.callbacks.ModelCheckpoint(str(folder / "epoch{epoch}.weights.h5"), monitor=monitor, mode=mode,
                                            save_best_only=True, save_weights_only=True)
    for callback in (stopper, saver):
        callback.set_model(model)
        callback.on_train_begin()
    stopped = None
    for epoch, value in enumerate(values):
        logs = {monitor: value}
        saver.on_epoch_end(epoch, logs)
        stopper.on_epoch_end(epoch, logs)
        if model.stop_training:
            stopped = epoch
            break
    saved = sorted(int(path.name[len("epoch"):-len(".weights.h5")]) for path in folder.glob("epoch*.weights.h5"))
    return stopped, (saved[-1] - 1 if saved else None)  # ModelCheckpoint names files by 1-based epoch.


@pytest.mark.parametrize("name", sorted(HISTORIES))
@pytest.mark.parametrize("patience", [1, 2, 3])
def test_the_watch_stops_and_keeps_where_keras_would_for_a_loss(name, patience, tmp_path):
    values = HISTORIES[name]
    watch = EpochWatch(Watch("val_loss", patience))
    for epoch, value in enumerate(values):
        watch.update(epoch, {"val_loss": value})
    stopped, kept = _keras_verdict(values, "val_loss", patience, tmp_path)
    assert watch.stopped_epoch == stopped
    assert watch.best_epoch == kept


def test_an_accuracy_is_watched_for_a_rise(tmp_path):
    values = [0.5, 0.7, 0.72, 0.71, 0.70, 0.69, 0.75]
    watch = EpochWatch(Watch("val_accuracy", 2))
    for epoch, value in enumerate(values):
        watch.update(epoch, {"val_accuracy": value})
    assert (watch.stopped_epoch, watch.best_epoch) == _keras_verdict(values, "val_accuracy", 2, tmp_path, mode="max")
    # EarlyStopping gives up at epoch 4 (two epochs below 0.72): the fit ends, the later 0.75 is never seen.
    assert (watch.stopped_epoch, watch.best_epoch) == (4, 2)


def test_the_stop_is_reported_once_and_a_missing_value_changes_nothing():
    watch = EpochWatch(Watch("val_loss", 1))
    verdicts = [watch.update(epoch, {"val_loss": value}) for epoch, value in enumerate([1.0, 1.1, 1.2, 1.3])]
    assert verdicts == [(True, False), (False, True), (False, False), (False, False)]
    assert watch.update(4, {"loss": 0.1}) == (False, False) and watch.update(5, {"val_loss": float("nan")}) == (False, False)
    assert np.isclose(watch.best, 1.0)
