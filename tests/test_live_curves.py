"""Live curves a learner can read: per-batch values without the epoch-start jump, legend off the plot (issue 12.7)."""

from __future__ import annotations

import pytest

from playground.charts.curves import CURVES, curves_spec
from playground.engine.live import LivePublisher
from playground.engine.runs import Run, RunConfig


def _config(label: str = "#1 t") -> RunConfig:
    return RunConfig(label=label, spec=None, dataset="iris", loss="mse", optimizer="Adam", learning_rate=0.01)


def _keras_like_epochs(publisher: LivePublisher, epochs: int, steps: int) -> list[float]:
    """Feeds what Keras logs: running means over the epoch of per-batch losses falling steadily."""
    truth = []
    for epoch in range(epochs):
        publisher.epoch_begin(epoch)
        total = 0.0
        for batch in range(steps):
            value = 2.0 - 0.1 * (epoch * steps + batch)
            truth.append(value)
            total += value
            publisher.batch_end(batch, {"loss": total / (batch + 1)})
        publisher.epoch_end(epoch, {"loss": total / steps})
    return truth


def test_batch_points_follow_the_per_batch_loss_without_jumping_at_each_epoch():
    run = Run(_config())
    run.mark_started(5)
    publisher = LivePublisher(run, interval=0.0)
    truth = _keras_like_epochs(publisher, epochs=3, steps=5)
    values = [point.logs["loss"] for point in run.snapshot().batches]
    assert len(values) == len(truth)
    steps = [later - earlier for earlier, later in zip(values, values[1:])]
    # The per-batch loss falls by 0.1 each batch: the plotted curve must fall steadily too, never jump.
    assert all(step <= 0 for step in steps), steps
    assert max(abs(step) for step in steps) <= 0.1 + 1e-9, steps
    assert values[-1] == pytest.approx(truth[-1], abs=0.5)


def test_throttled_points_still_carry_the_smoothed_per_batch_value():
    run = Run(_config())
    run.mark_started(5)
    clock = iter(index * 0.1 for index in range(1000))
    publisher = LivePublisher(run, interval=0.25, clock=lambda: next(clock))
    _keras_like_epochs(publisher, epochs=4, steps=5)
    values = [point.logs["loss"] for point in run.snapshot().batches]
    assert 5 <= len(values) < 20, "points are throttled"
    drops = [earlier - later for earlier, later in zip(values, values[1:])]
    # Three batches pass between two published points (0.3 s apart, 0.1 s a batch): the loss falls 0.3.
    assert all(0 <= drop <= 0.3 + 1e-9 for drop in drops), drops


def test_the_legend_sits_under_the_panels_and_names_each_run_once():
    snapshots = []
    for number in range(3):
        run = Run(_config(f"#{number + 1} relu+Adam"))
        run.mark_started(2)
        run.add_batch(0, 1, {"loss": 1.0})
        run.add_epoch(0, {"loss": 1.0, "val_loss": 1.2})
        snapshots.append(run.snapshot())
    spec = curves_spec(snapshots, ["loss"])
    colour = spec["hconcat"][0]["layer"][1]["encoding"]["color"]
    assert colour["legend"]["orient"] == "bottom", "over the plot the legend covered half the curves"
    assert colour["scale"]["domain"] == ["#1 relu+Adam", "#2 relu+Adam", "#3 relu+Adam"]


def _panels(spec: dict) -> list[dict]:
    return [panel for row in spec.get("vconcat", [spec]) for panel in row["hconcat"]]


def _drawn(spec: dict, panel: dict) -> list[dict]:
    """The points a panel draws: its layers' filters applied to the spec's points."""
    rows = spec["datasets"][CURVES].to_dict("records")
    drawn = []
    for layer in panel["layer"]:
        if layer.get("data") != {"name": CURVES}:
            continue
        (test,) = [step["filter"]["and"] for step in layer["transform"]]
        drawn += [row for row in rows if all(_passes(row, condition) for condition in test)]
    return drawn


def _passes(row: dict, condition: dict) -> bool:
    value = row[condition["field"]]
    if "equal" in condition:
        return value == condition["equal"]
    if "oneOf" in condition:
        return value in condition["oneOf"]
    return value > condition["gt"]


def test_each_panel_draws_its_own_metric_two_panels_a_row():
    run = Run(_config("#1 relu+Adam"))
    run.mark_started(2)
    for epoch in range(3):
        logs = {"loss": 1.0 / (epoch + 1), "accuracy": 0.3 * epoch, "mae": 0.5 - 0.1 * epoch}
        run.add_batch(epoch, 1, logs)
        run.add_epoch(epoch, {**logs, "val_loss": 1.2, "val_accuracy": 0.2, "val_mae": 0.6})
    spec = curves_spec([run.snapshot()], ["loss", "accuracy", "mae"], titles={"loss": "손실"})
    assert [len(row["hconcat"]) for row in spec["vconcat"]] == [2, 1]
    panels = _panels(spec)
    assert [panel["title"] for panel in panels] == ["손실", "accuracy", "mae"]
    for panel, metric in zip(panels, ("loss", "accuracy", "mae")):
        drawn = _drawn(spec, panel)
        assert {row["metric"] for row in drawn} == {metric}
        assert {row["line"] for row in drawn} == {"batches", "epochs", "validation"}


def test_the_log_scale_leaves_out_what_it_cannot_draw_and_the_batches_can_be_hidden():
    run = Run(_config("#1 relu+Adam"))
    run.mark_started(2)
    for epoch in range(3):
        run.add_batch(epoch, 1, {"loss": 1.0, "accuracy": 0.3 * epoch})
        run.add_epoch(epoch, {"loss": 1.0, "accuracy": 0.3 * epoch})
    spec = curves_spec([run.snapshot()], log_scale=True, show_batches=False)
    loss, accuracy = _panels(spec)
    assert loss["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    assert not any(row["line"] == "batches" for row in spec["datasets"][CURVES].to_dict("records"))
    assert sorted(row["value"] for row in _drawn(spec, accuracy)) == [0.3, 0.6], "a 0 on a log axis"
