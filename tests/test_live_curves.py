"""Live curves a learner can read: per-batch values without the epoch-start jump, legend off the plot (issue 12.7)."""

from __future__ import annotations

import pytest

from playground.charts.training import curves_figure
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


def test_the_legend_sits_outside_the_plot_with_several_runs():
    snapshots = []
    for number in range(3):
        run = Run(_config(f"#{number + 1} relu+Adam"))
        run.mark_started(2)
        run.add_batch(0, 1, {"loss": 1.0})
        run.add_epoch(0, {"loss": 1.0, "val_loss": 1.2})
        snapshots.append(run.snapshot())
    legend = curves_figure(snapshots).layout.legend
    outside = (legend.y is not None and legend.y < 0 and legend.yanchor == "top") or (
        legend.x is not None and legend.x > 1 and legend.xanchor == "left")
    assert outside, legend


def test_the_panels_of_one_chart_hold_what_each_metrics_chart_draws():
    from playground.charts.training import curves_panels

    run = Run(_config("#1 relu+Adam"))
    run.mark_started(2)
    for epoch in range(3):
        run.add_batch(epoch, 1, {"loss": 1.0 / (epoch + 1), "accuracy": 0.3 * epoch})
        run.add_epoch(epoch, {"loss": 1.0 / (epoch + 1), "accuracy": 0.3 * epoch, "val_loss": 1.2, "val_accuracy": 0.2})
    snapshot = run.snapshot()
    panels = curves_panels([snapshot], ["loss", "accuracy"])
    for axis, metric in (("x", "loss"), ("x2", "accuracy")):
        expected = [(trace.name, list(trace.y)) for trace in curves_figure([snapshot], metric).data]
        drawn = [(trace.name, list(trace.y)) for trace in panels.data if (trace.xaxis or "x") == axis]
        assert drawn == expected, metric
    names = [trace.name for trace in panels.data if trace.showlegend is not False]
    assert len(names) == len(set(names)), "each curve is named once in the legend"
