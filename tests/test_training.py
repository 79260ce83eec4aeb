"""Live training: throttled publishing, Stop within one batch, divergence, run records, model files."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from playground.engine import model_files

from playground.engine import training
from playground.charts.confusion import confusion_spec
from playground.charts.curves import CURVES, NOTES, curves_spec, metric_names
from playground.engine.runs import (
    DIVERGED, FAILED, FINISHED, QUEUED, RUNNING, STOPPED, EarlyStoppingConfig, Run, RunConfig, history_csv,
)


def _config(**changes) -> RunConfig:
    values = dict(label="test", spec=None, dataset="tiny", loss="sparse_categorical_crossentropy",
                  optimizer="Adam", learning_rate=0.01, batch_size=4, epochs=2, validation_split=0.25)
    values.update(changes)
    return RunConfig(**values)


def _tiny_model(inputs: int = 4, classes: int = 3, activation: str = "softmax"):
    import keras

    return keras.Sequential([
        keras.Input((inputs,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(classes, activation=activation),
    ])


def _data(samples: int = 64, inputs: int = 4, classes: int = 3):
    generator = np.random.default_rng(0)
    x = generator.normal(size=(samples, inputs)).astype("float32")
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 1).astype(int)
    return x, np.minimum(y, classes - 1)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_publisher_throttles_batch_points_but_keeps_every_epoch():
    run = Run(_config())
    run.mark_started(steps_per_epoch=100)
    clock = FakeClock()
    publisher = training.LivePublisher(run, interval=0.2, clock=clock)
    for batch in range(100):
        clock.now = batch * 0.01  # 100 batches in one second: five intervals of 0.2 s.
        publisher.batch_end(batch, {"loss": 1.0 / (batch + 1)})
    publisher.epoch_end(0, {"loss": 0.5, "val_loss": 0.6})
    snapshot = run.snapshot()
    assert 5 <= len(snapshot.batches) <= 6
    # A line needs two points: the second batch's comes at once, not an interval later (the chart drew nothing).
    assert [point.position for point in snapshot.batches[:2]] == pytest.approx([0.01, 0.02])
    assert snapshot.epochs == ({"loss": 0.5, "val_loss": 0.6},)
    assert snapshot.epoch == 1 and snapshot.batch == 0


def test_a_run_has_points_to_draw_from_two_batch_points_or_an_epoch():
    run = Run(_config())
    run.mark_started(steps_per_epoch=10)
    run.add_batch(0, 0, {"loss": 1.0})
    assert not run.has_points and not run.snapshot().has_points, "one point draws no line"
    run.add_batch(0, 1, {"loss": 0.9})
    assert run.has_points and run.snapshot().has_points
    epoch_only = Run(_config())
    epoch_only.add_epoch(0, {"loss": 0.9})
    assert epoch_only.has_points


def test_publisher_reports_divergence_on_nan_and_inf():
    for bad in (float("nan"), float("inf")):
        run = Run(_config())
        publisher = training.LivePublisher(run)
        assert publisher.batch_end(0, {"loss": 1.0}) is False
        assert publisher.batch_end(1, {"loss": bad}) is True
        assert publisher.diverged


def test_run_record_rejects_unknown_final_status_and_computes_eta():
    run = Run(_config(epochs=2))
    assert run.status == QUEUED and run.active
    run.mark_started(steps_per_epoch=10)
    assert run.status == RUNNING
    run.add_batch(0, 9, {"loss": 1.0})
    snapshot = run.snapshot()
    assert snapshot.progress == pytest.approx(0.5)
    assert snapshot.eta is not None and snapshot.eta >= 0
    with pytest.raises(ValueError):
        run.finish("running")
    run.finish(FINISHED)
    assert not run.active and run.snapshot().eta is None


def test_history_csv_has_one_row_per_epoch():
    run = Run(_config())
    run.add_epoch(0, {"loss": 0.9, "accuracy": 0.5})
    run.add_epoch(1, {"loss": 0.7, "accuracy": 0.6})
    lines = history_csv(run.snapshot()).strip().splitlines()
    assert lines[0] == "epoch,accuracy,loss"
    assert lines[2].startswith("2,0.6,0.7")


def test_training_finishes_with_curves_and_confusion_matrix():
    x, y = _data()
    run = Run(_config(epochs=2))
    training.execute(training.TrainingJob(run, _tiny_model(), x[:48], y[:48], x[48:], y[48:], "multiclass"))
    snapshot = run.snapshot()
    assert snapshot.status == FINISHED, snapshot.error_fields
    assert len(snapshot.epochs) == 2 and "val_loss" in snapshot.epochs[0]
    assert snapshot.batches, "no batch point was published"
    assert sum(map(sum, snapshot.results.confusion)) == 16
    assert "accuracy" in snapshot.results.test_metrics
    assert len(curves_spec([snapshot])["datasets"][CURVES]) >= 4
    assert metric_names([snapshot])[0] == "loss"


@pytest.mark.parametrize("task, loss, activation, units", [
    ("multiclass", "sparse_categorical_crossentropy", "softmax", 3),
    ("multiclass", "categorical_crossentropy", "softmax", 3),
    ("binary", "binary_crossentropy", "sigmoid", 1),
    ("regression", "mse", None, 1),
])
def test_the_test_results_are_what_keras_evaluate_says(task, loss, activation, units):
    """The results computed from one prediction pass equal Keras's own ``evaluate`` (regularization included)."""
    import keras

    from playground.spec import tasks

    x, y = _data(samples=300, classes=3 if units == 3 else 2)
    if task == "regression":
        y = x[:, 0] * 2.0 + x[:, 1]
    one_hot = loss == "categorical_crossentropy"
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, activation="relu", kernel_regularizer=keras.regularizers.L2(0.05)),
        keras.layers.Dense(units, activation=activation),
    ])
    model.compile(optimizer="adam", loss=loss, metrics=tasks.metrics_for(task))
    encoded = tasks.encode_labels(y, one_hot, units)
    model.fit(x[:200], encoded[:200], epochs=2, batch_size=16, validation_split=0.25, verbose=0)

    results = training.evaluate(model, x[200:], y[200:], task, one_hot)

    expected = model.evaluate(x[200:], encoded[200:], verbose=0, return_dict=True)
    assert set(results.test_metrics) == set(expected)
    for name, value in expected.items():
        assert results.test_metrics[name] == pytest.approx(value, rel=1e-4, abs=1e-6), name
    outputs = model.predict(x[200:], verbose=0)
    if task == "regression":
        assert results.predictions == pytest.approx(outputs[:, 0].tolist(), rel=1e-5)
    else:
        assert results.predictions == tasks.predicted_classes(outputs).tolist()


def test_stop_ends_training_within_one_batch_and_keeps_the_model():
    import keras

    x, y = _data(samples=200)
    run = Run(_config(epochs=5, batch_size=2, validation_split=0.0))
    batches_after_flag = []

    class PressStop(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if run.stop_requested.is_set():
                batches_after_flag.append(batch)
            elif batch == 3:
                run.stop_requested.set()  # The learner presses Stop during the fourth batch.

    model = _tiny_model()
    original_fit = model.fit
    model.fit = lambda *args, **kwargs: original_fit(*args, **{**kwargs, "callbacks": [PressStop(), *kwargs["callbacks"]]})
    training.execute(training.TrainingJob(run, model, x, y, x[:10], y[:10], "multiclass"))
    assert run.status == STOPPED
    assert len(batches_after_flag) <= 1
    assert run.model is model and model.optimizer.iterations.numpy() <= 5
    assert any(event.kind == "stopped" for event in run.snapshot().events)


def test_huge_learning_rate_diverges_with_a_plain_message():
    x, y = _data()
    x = x * 1e6
    run = Run(_config(optimizer="SGD", learning_rate=10.0, loss="mse", epochs=3, validation_split=0.0))
    training.execute(training.TrainingJob(run, _tiny_model(classes=1, activation="linear"), x, y.astype("float32"),
                                          x[:8], y[:8], "regression"))
    snapshot = run.snapshot()
    assert snapshot.status == DIVERGED
    assert snapshot.error_key == "train.diverged"
    from playground.i18n import t

    assert "smaller learning rate" in t(snapshot.error_key, "en", **snapshot.error_fields)


def test_a_keras_error_fails_the_run_instead_of_raising():
    x, y = _data()
    run = Run(_config(loss="categorical_crossentropy"))  # Integer labels with a one-hot loss.
    training.execute(training.TrainingJob(run, _tiny_model(), x, y, x[:8], y[:8], "multiclass"))
    snapshot = run.snapshot()
    assert snapshot.status == FAILED and snapshot.error_key == "train.error_failed"
    # Keras's own words reach the learner: the label and output shapes that do not match.
    assert "target.shape=(4,)" in snapshot.error_fields["detail"]
    assert "output.shape=(4, 3)" in snapshot.error_fields["detail"]


def test_early_stopping_and_checkpoint_become_markers():
    x, y = _data()
    # The smallest learning rate offered barely changes any prediction: accuracy stays exactly the same from epoch to
    # epoch, so EarlyStopping (patience 1) must stop after the second epoch.
    config = _config(epochs=8, early_stopping=EarlyStoppingConfig("accuracy", patience=1, restore_best_weights=True),
                     checkpoint=True, learning_rate=1e-5, optimizer="SGD", validation_split=0.0)
    run = Run(config)
    job = training.TrainingJob(run, _tiny_model(), x, y, x[:8], y[:8], "multiclass")
    training.execute(job)
    snapshot = run.snapshot()
    kinds = [event.kind for event in snapshot.events]
    assert snapshot.status == FINISHED and len(snapshot.epochs) == 2, snapshot.error_fields
    assert "checkpoint" in kinds and "early_stopping" in kinds
    assert model_files.load_model_bytes(job.checkpoint).count_params() == job.model.count_params()


def test_the_confusion_matrix_shows_counts_with_class_names():
    spec = confusion_spec([[3, 1], [0, 4]], ["cat", "dog"], {"true": "실제", "predicted": "예측"})
    cells = {(cell["true"], cell["predicted"]): cell["count"] for cell in spec["data"]["values"]}
    assert cells == {("cat", "cat"): 3, ("cat", "dog"): 1, ("dog", "cat"): 0, ("dog", "dog"): 4}
    assert spec["encoding"]["x"]["sort"] == spec["encoding"]["y"]["sort"] == ["cat", "dog"], "classes in order"
    assert (spec["encoding"]["x"]["title"], spec["encoding"]["y"]["title"]) == ("예측", "실제")
    assert [layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]
            for layer in spec["layer"]] == ["rect", "text"], "cells with their counts written in them"


def test_model_round_trips_through_keras_bytes():
    model = _tiny_model()
    loaded = model_files.load_model_bytes(model_files.model_to_bytes(model))
    assert loaded.count_params() == model.count_params()


def test_upload_refuses_lambda_corrupt_and_non_model_files():
    import keras

    lambda_model = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda value: value * 2)])
    with pytest.raises(model_files.ModelFileError) as refused:
        model_files.load_model_bytes(model_files.model_to_bytes(lambda_model))
    assert refused.value.key == "train.upload_unsafe"

    good = model_files.model_to_bytes(_tiny_model())
    with pytest.raises(model_files.ModelFileError) as refused:
        model_files.load_model_bytes(good[: len(good) // 2])
    assert refused.value.key == "train.upload_damaged_archive"  # a cut zip: said before Keras opens it

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a model")
    for not_a_model in (b"\x89PNG\r\n\x1a\n....", b"epoch,loss\n1,0.5\n", buffer.getvalue()):
        with pytest.raises(model_files.ModelFileError) as refused:
            model_files.load_model_bytes(not_a_model)
        assert refused.value.key == "train.upload_not_model"


def test_markers_sit_on_the_chart_of_the_quantity_their_callback_watched():
    from playground.engine.runs import RunEvent

    run = Run(_config())
    run.add_epoch(0, {"loss": 0.9, "val_loss": 1.0, "accuracy": 0.5, "val_accuracy": 0.4})
    run.add_epoch(1, {"loss": 0.7, "val_loss": 0.8, "accuracy": 0.6, "val_accuracy": 0.5})
    run.add_event(RunEvent("checkpoint", 1, 0.8, "val_loss"))
    run.add_event(RunEvent("stopped", 1))
    snapshot = run.snapshot()

    def markers(metric: str) -> dict[str, tuple]:
        rows = curves_spec([snapshot], [metric])["datasets"][CURVES]
        drawn = rows[~rows.line.isin(["batches", "epochs", "validation"])]
        return {style: (tuple(group.x), tuple(group.value)) for style, group in drawn.groupby("style")}

    loss_markers = markers("loss")
    assert loss_markers["ModelCheckpoint saved"] == ((2,), (0.8,))
    assert loss_markers["Stop pressed"] == ((2,), (0.8,))
    accuracy_markers = markers("accuracy")
    assert "ModelCheckpoint saved" not in accuracy_markers
    assert accuracy_markers["Stop pressed"] == ((2,), (0.5,))


def test_a_run_chart_without_points_yet_shows_both_panels_over_its_epochs():
    """While a race waited for a worker, its chart showed plotly's empty loss axes (0…4 by 0…6) and no accuracy panel."""
    spec = curves_spec([Run(_config(epochs=12)).snapshot(), Run(_config(epochs=12)).snapshot()], note="soon")
    assert len(spec["hconcat"]) == 2 and spec["datasets"][CURVES].empty
    assert list(spec["datasets"][NOTES]["text"]) == ["soon"], "the note is written across the empty panels"
    for panel in spec["hconcat"]:
        assert panel["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 12]
        assert any(layer.get("data") == {"name": NOTES} for layer in panel["layer"])


def test_a_new_point_changes_the_run_charts_data_and_nothing_else():
    """Streamlit keeps a Vega-Lite chart whose spec did not change and gives it the new data; a new plotly figure
    every redraw cost the browser about 0.35 CPU-seconds for a three-entry race."""
    run = Run(_config(epochs=3))
    run.mark_started(steps_per_epoch=4)
    run.add_batch(0, 0, {"loss": 1.0, "accuracy": 0.5})
    before = curves_spec([run.snapshot()], note="soon")
    run.add_batch(0, 1, {"loss": 0.9, "accuracy": 0.6})
    run.add_epoch(0, {"loss": 0.8, "accuracy": 0.6, "val_loss": 0.9, "val_accuracy": 0.5})
    after = curves_spec([run.snapshot()], note="soon")
    assert {**before, "datasets": None} == {**after, "datasets": None}
    assert len(after["datasets"][CURVES]) == len(before["datasets"][CURVES]) + 2 + 2 + 2
    assert after["datasets"][NOTES].empty, "the note is written only while there are no points"
