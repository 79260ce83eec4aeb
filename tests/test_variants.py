"""The overfitting lab's variants: exactly the layers asked, Keras's counts, shared starts, and the race's report."""

from __future__ import annotations

import numpy as np
import pytest

from playground.engine.race import Race, RaceData, Watch
from playground.labs.variants import (BASE, EXPERIMENTS, FASHION_DNN, SMALL_CNN, VariantError, Variant, entries_for,
                                      variant_spec)
from playground.spec import build_model, summarize

# A CNN small enough to build in milliseconds, with the same shape as the lab's: conv, pool, flatten, dense, output.
TINY_CNN = {"input_shape": [8, 8, 1], "layers": [
    {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"},
    {"type": "MaxPooling2D", "pool_size": 2},
    {"type": "Flatten"},
    {"type": "Dense", "units": 6, "activation": "relu"},
    {"type": "Dense", "units": 3, "activation": "softmax"},
]}


def _layout(spec: dict) -> list[str]:
    """Layer types with their activation, e.g. ``Conv2D:linear``, ``BatchNormalization``."""
    return [layer["type"] + (f":{layer['activation']}" if "activation" in layer else "") for layer in spec["layers"]]


def _keras_counts(spec: dict) -> tuple[int, int]:
    model = build_model(spec)
    trainable = sum(int(np.prod(weight.shape)) for weight in model.trainable_weights)
    return trainable, sum(int(np.prod(weight.shape)) for weight in model.non_trainable_weights)


def test_batch_normalization_goes_between_convolution_and_activation_for_c_b_a_and_after_both_for_c_a_b():
    cba, origins = variant_spec(TINY_CNN, Variant(batch_norm="CBA"))
    assert _layout(cba) == ["Conv2D:linear", "BatchNormalization", "Activation:relu", "MaxPooling2D", "Flatten",
                            "Dense:linear", "BatchNormalization", "Activation:relu", "Dense:softmax"]
    assert origins == (0, None, None, 1, 2, 3, None, None, 4)
    cab, _ = variant_spec(TINY_CNN, Variant(batch_norm="CAB"))
    assert _layout(cab) == ["Conv2D:relu", "BatchNormalization", "MaxPooling2D", "Flatten", "Dense:relu",
                            "BatchNormalization", "Dense:softmax"]
    for spec in (cba, cab):
        # Keras's own counts: each BatchNormalization holds 2 trainable and 2 moving values per channel.
        assert _keras_counts(spec) == (summarize(spec).trainable_params, summarize(spec).non_trainable_params)
        assert _keras_counts(spec)[1] == 2 * (4 + 6)
    assert _keras_counts(cba)[0] == _keras_counts(cab)[0] == _keras_counts(TINY_CNN)[0] + 2 * (4 + 6)


def test_global_average_pooling_replaces_flatten_and_leaves_far_fewer_parameters():
    pooled, origins = variant_spec(SMALL_CNN, Variant(global_pooling=True))
    assert _layout(pooled) == _layout(SMALL_CNN)[:4] + ["GlobalAveragePooling2D", "Dense:relu", "Dense:softmax"]
    assert origins == tuple(range(7))
    flatten_params, pooled_params = _keras_counts(SMALL_CNN)[0], _keras_counts(pooled)[0]
    # Flatten hands Dense(64) 5×5×32 = 800 values, the pooling 32: the Dense kernel shrinks by (800 − 32) × 64.
    assert flatten_params - pooled_params == (800 - 32) * 64
    assert pooled_params == summarize(pooled).total_params


def test_dropout_follows_each_hidden_dense_layer_and_an_existing_dropout_takes_the_new_rate():
    spec, origins = variant_spec(FASHION_DNN, Variant(dropout=0.3))
    assert _layout(spec) == ["Flatten", "Dense:relu", "Dropout", "Dense:softmax"]
    assert spec["layers"][2]["rate"] == 0.3 and origins == (0, 1, None, 2)
    with_dropout = {"input_shape": [28, 28, 1], "layers": [*spec["layers"]]}
    again, _ = variant_spec(with_dropout, Variant(dropout=0.5))
    assert _layout(again) == _layout(spec) and again["layers"][2]["rate"] == 0.5
    # No hidden Dense at all: one Dropout just before the output layer.
    flat = {"input_shape": [4, 4, 1], "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 3, "activation": "softmax"}]}
    assert _layout(variant_spec(flat, Variant(dropout=0.5))[0]) == ["Flatten", "Dropout", "Dense:softmax"]


def test_l2_puts_a_penalty_on_every_kernel_and_keras_adds_it_to_the_loss():
    spec, _ = variant_spec(TINY_CNN, Variant(l2=True))
    weighted = [layer for layer in spec["layers"] if layer["type"] in ("Conv2D", "Dense")]
    assert len(weighted) == 3 and all(layer["kernel_regularizer"] == "l2" for layer in weighted)
    model = build_model(spec)
    model(np.zeros((1, 8, 8, 1), dtype="float32"))
    assert len(model.losses) == 3  # One penalty per kernel, added to the training loss.
    assert _keras_counts(spec) == _keras_counts(TINY_CNN)


def test_global_pooling_without_a_convolution_is_refused_with_the_fix():
    with pytest.raises(VariantError) as caught:
        variant_spec(FASHION_DNN, Variant(global_pooling=True))
    assert caught.value.key == "overfit.error.gap_needs_conv"
    assert "Pick a CNN" in str(caught.value) and "CNN" in caught.value.text("ko")
    with pytest.raises(VariantError):
        Variant(dropout=1.0)


def test_variants_start_from_the_base_weights_wherever_their_layers_coincide():
    data = RaceData(np.zeros((4, 8, 8, 1), "float32"), np.zeros(4, "int64"), np.zeros((2, 8, 8, 1), "float32"),
                    np.zeros(2, "int64"), "multiclass")
    variants = (BASE, Variant(batch_norm="CBA"), Variant(global_pooling=True), Variant(dropout=0.5))
    race = Race(TINY_CNN, data, entries_for(variants))
    base, cba, pooled, dropout = race.models
    conv = base.get_layer("conv2d_1").get_weights()
    for model in (cba, pooled, dropout):
        for left, right in zip(conv, model.get_layer("conv2d_1").get_weights()):
            np.testing.assert_array_equal(left, right)
    # The hidden Dense kept its index in CBA (dense_4 → dense_6 after the added layers) and its weights.
    np.testing.assert_array_equal(base.get_layer("dense_4").get_weights()[0], cba.get_layer("dense_6").get_weights()[0])
    np.testing.assert_array_equal(base.get_layer("dense_5").get_weights()[0], dropout.get_layer("dense_6").get_weights()[0])
    # After global pooling the hidden Dense takes 4 values instead of 36: it cannot share, and draws its own.
    assert pooled.get_layer("dense_4").get_weights()[0].shape == (4, 6)
    np.testing.assert_array_equal(base.get_layer("dense_5").get_weights()[0], pooled.get_layer("dense_5").get_weights()[0])
    assert [result.trainable_params for result in race.results] == [_keras_counts(spec)[0] for spec in
                                                                    (variant_spec(TINY_CNN, v)[0] for v in variants)]
    assert race.results[1].non_trainable_params == 2 * (4 + 6)


def test_every_one_click_experiment_builds_its_variants_and_stays_small():
    for name, experiment in EXPERIMENTS.items():
        assert 2 <= len(experiment.variants) <= 6, name
        labels = [entry.label for entry in entries_for(experiment.variants)]
        assert len(set(labels)) == len(labels), name
        for variant in experiment.variants:
            assert summarize(variant_spec(experiment.spec, variant)[0]).total_params < 250_000, name
        assert experiment.train_samples <= 2000 and experiment.epochs <= 30, name


@pytest.mark.slow
def test_a_variants_race_marks_the_callbacks_epochs_and_tests_the_kept_weights():
    import keras

    keras.utils.set_random_seed(3)
    generator = np.random.default_rng(0)
    # Few samples with a third of their labels random, a wide layer: the base model learns them by heart in a few epochs.
    x = generator.normal(size=(360, 8, 8, 1)).astype("float32")
    y = (x[:, :4, :, 0].mean(axis=(1, 2)) > 0).astype("int64")
    noisy = generator.random(360) < 0.35
    y[noisy] = generator.integers(0, 3, noisy.sum())
    data = RaceData(x[:60], y[:60], x[60:160], y[60:160], "multiclass", x_test=x[160:], y_test=y[160:])
    wide = {"input_shape": [8, 8, 1], "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 128, "activation": "relu"},
                                                 {"type": "Dense", "units": 3, "activation": "softmax"}]}
    race = Race(wide, data, entries_for((BASE, Variant(dropout=0.5))), epochs=16, batch_size=8,
                watch=Watch("val_loss", 2))
    race.execute()
    for run, result in zip(race.runs, race.results):
        snapshot = run.snapshot()
        assert result.status == "finished" and len(snapshot.epochs) == 16
        val_losses = [logs["val_loss"] for logs in snapshot.epochs]
        seen = val_losses[:result.early_stopping_epoch or len(val_losses)]  # What a fit with EarlyStopping trains.
        assert result.checkpoint_epoch == int(np.argmin(seen)) + 1
        assert result.best_val_accuracy == max(logs["val_accuracy"] for logs in snapshot.epochs)
        kinds = [event.kind for event in snapshot.events]
        assert "checkpoint" in kinds
        if result.early_stopping_epoch is not None:
            assert kinds.count("early_stopping") == 1
            # Patience 2: it stops two epochs after the last improvement, the one ModelCheckpoint keeps.
            assert result.early_stopping_epoch == result.checkpoint_epoch + 2
        assert 0.0 <= result.test_accuracy <= 1.0 and 0.0 <= result.test_accuracy_last <= 1.0
    assert any(result.early_stopping_epoch is not None for result in race.results)  # The base overfits and is stopped.
    # The model that goes home is the last epoch's: its test accuracy is the "last" one.
    model = race.models[0]
    predictions = np.argmax(model.predict(x[160:], verbose=0), axis=1)
    assert abs(float(np.mean(predictions == y[160:])) - race.results[0].test_accuracy_last) < 1e-6


def _variant_runs(*labels: str, epochs: int = 20) -> list:
    from playground.engine.runs import Run, RunConfig

    return [Run(RunConfig(label=label, spec=None, dataset="fashion_mnist", loss="sparse_categorical_crossentropy",
                          optimizer="Adam", learning_rate=0.001, epochs=epochs)) for label in labels]


def _rows(spec: dict) -> list[dict]:
    from playground.charts.variants import VARIANTS

    return spec["datasets"][VARIANTS].to_dict("records")


@pytest.mark.parametrize("metric", ["accuracy", "loss"])
def test_before_the_first_epoch_every_variants_panel_shows_its_axes_over_the_epochs_to_come(metric):
    """Before any epoch, every variant has its panel, in order, over the 20 epochs to come (plotly drew the first
    panel's empty −1…4 by 0…6 axes and the others nothing at all)."""
    from playground.charts.variants import variants_spec

    spec = variants_spec([run.snapshot() for run in _variant_runs("base", "+Dropout(0.3)", "+Dropout(0.5)")], metric)
    panels = [row["variant"] for row in _rows(spec) if row["kind"] == "panel"]
    assert panels == spec["facet"]["sort"] == ["base", "+Dropout(0.3)", "+Dropout(0.5)"]
    assert spec["columns"] == 3
    domains = {str(layer["encoding"]["x"]["scale"]["domain"]) for layer in spec["spec"]["layer"]}
    assert domains == {"[0, 20]"}, domains


def test_each_variant_draws_train_and_validation_the_gap_between_them_and_the_epochs_the_callbacks_pick():
    """What the learner reads in each panel: both curves, the shaded gap at every epoch, ✕ where EarlyStopping would
    stop and ★ only at the epoch ModelCheckpoint keeps (its last save), each on the validation curve."""
    from playground.charts.variants import variants_spec
    from playground.engine.records import RunEvent

    base, dropout = _variant_runs("base", "+Dropout(0.5)", epochs=4)
    for epoch, (train, validation) in enumerate([(0.6, 0.55), (0.8, 0.7), (0.9, 0.72), (0.97, 0.71)]):
        base.add_epoch(epoch, {"accuracy": train, "val_accuracy": validation})
    base.add_event(RunEvent("checkpoint", 1, 0.7, "val_loss"))
    base.add_event(RunEvent("checkpoint", 2, 0.72, "val_loss"))
    base.add_event(RunEvent("early_stopping", 3, None, "val_loss"))
    dropout.add_epoch(0, {"accuracy": 0.5, "val_accuracy": 0.6})
    rows = [row for row in _rows(variants_spec([base.snapshot(), dropout.snapshot()], "accuracy"))
            if row["variant"] == "base"]
    lines = {(row["curve"], row["x"]): row["value"] for row in rows if row["kind"] == "line"}
    assert lines[("train", 4)] == 0.97 and lines[("validation", 4)] == 0.71 and len(lines) == 8
    assert [(row["x"], row["value"], row["value2"]) for row in rows if row["kind"] == "gap"] == [
        (1, 0.6, 0.55), (2, 0.8, 0.7), (3, 0.9, 0.72), (4, 0.97, 0.71)]
    assert [(row["x"], row["value"]) for row in rows if row["kind"] == "checkpoint"] == [(3, 0.72)]
    assert [(row["x"], row["value"]) for row in rows if row["kind"] == "early_stopping"] == [(4, 0.71)]