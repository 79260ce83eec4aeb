"""The Train page with runs in every state (records made here, nothing trains): what a newcomer sees (issue 12)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from playground.engine.runs import FAILED, FINISHED, Run, RunConfig, RunEvent, RunResults
from playground.spec.presets import PRESETS
from tests.helpers import (chart_rows, count_calls, curves_charts, end_jobs, fragment_paces, open_page, queue_jobs,
                           vega_charts_with)


def _run(label: str, epochs: int = 6) -> Run:
    config = RunConfig(label=label, spec=PRESETS["iris"], dataset="iris", loss="sparse_categorical_crossentropy",
                       optimizer="Adam", learning_rate=0.01, batch_size=16, epochs=epochs)
    run = Run(config)
    run.mark_started(5)
    return run


def _first_line(run: Run) -> None:
    """The first points a chart draws: two batches (a line)."""
    run.add_batch(0, 0, {"loss": 2.3, "accuracy": 0.1})
    run.add_batch(0, 1, {"loss": 2.2, "accuracy": 0.15})


def _ended(label: str, accuracy: float = 0.9) -> Run:
    run = _run(label)
    run.add_batch(0, 4, {"loss": 1.0, "accuracy": 0.5})
    run.add_epoch(0, {"loss": 1.0, "accuracy": 0.5, "val_loss": 1.1, "val_accuracy": 0.4})
    run.set_results(RunResults({"accuracy": accuracy, "loss": 0.3}, [[5, 1], [0, 4]], [1], [0, 0]))
    run.finish(FINISHED)
    return run


def _evaluating(label: str) -> Run:
    """A run whose two epochs are trained and whose test-set evaluation is going on."""
    run = _run(label, epochs=2)
    for epoch in range(2):
        run.add_batch(epoch, 4, {"loss": 0.5})
        run.add_epoch(epoch, {"loss": 0.5})
    run.add_event(RunEvent("evaluating", 2))
    return run


def _with_runs(*runs: Run) -> AppTest:
    at = open_page("train")
    at.session_state["train"].runs.extend(runs)
    at.session_state["train_overlay"] = [run.run_id for run in runs]
    at.run()
    assert not at.exception, at.exception
    return at


def _runs_table(at: AppTest):
    return next(frame.value for frame in at.dataframe if "run" in frame.value.columns)


def test_results_show_the_newest_ended_run_unless_the_learner_chose_one():
    at = _with_runs(_ended("#1 a"))
    state = at.session_state["train"]
    state.runs.append(_ended("#2 b"))
    at.run()
    assert at.selectbox(key="train_result_run").value == state.runs[-1].run_id, "results still show run #1"
    at.selectbox(key="train_result_run").set_value(state.runs[0].run_id).run()
    state.runs.append(_ended("#3 c"))
    at.run()
    assert at.selectbox(key="train_result_run").value == state.runs[0].run_id, "the learner's choice was dropped"


def test_while_a_run_trains_the_button_looks_disabled_and_the_table_counts_epochs():
    running = _run("#1 live")
    for epoch in range(2):
        run_logs = {"loss": 1.0 - epoch / 10, "accuracy": 0.5}
        running.add_batch(epoch, 4, run_logs)
        running.add_epoch(epoch, run_logs)
    running.add_batch(2, 1, {"loss": 0.7, "accuracy": 0.6})
    at = _with_runs(running)
    button = at.button(key="train_start")
    assert button.disabled and button.proto.type != "primary", "a disabled Train button must not look red"
    row = _runs_table(at).iloc[0]
    assert "None" not in [str(value) for value in row.values], row.to_dict()
    assert "3/6" in row["batch / epochs done"], "the table must count the epoch in progress"


def test_the_final_evaluation_says_so_instead_of_batch_zero():
    running = _evaluating("#1 eval")
    at = _with_runs(running)
    texts = [str(element.proto.text) for element in at.get("progress")]
    assert any("evaluating on the test set" in text for text in texts), texts
    assert not any("batch 0/" in text for text in texts), texts


def test_a_run_that_ends_before_the_next_redraw_is_shown_finished_as_soon_as_it_ends():
    """The progress line redraws every 2 s; a run in its final evaluation is waited for, not shown 2 s late."""
    import threading

    from playground.engine.jobs import FitJob
    from playground.engine.runner import Handle

    running = _evaluating("#1 ending")
    handle = Handle(FitJob(running.config), [running])

    def end() -> None:
        running.set_results(RunResults({"accuracy": 0.9, "loss": 0.3}, [[5, 1], [0, 4]], [1], [0, 0]))
        running.finish(FINISHED)
        handle.done.set()

    at = open_page("train")
    at.session_state["train"].runs.append(running)
    at.session_state["train"].handles.append(handle)
    at.session_state["train_overlay"] = [running.run_id]
    threading.Timer(0.5, end).start()
    at.run()
    assert not at.exception, at.exception
    texts = [str(element.proto.text) for element in at.get("progress")]
    assert any("finished" in text for text in texts), texts


def _curves_chart(at: AppTest) -> tuple[dict, list[dict]]:
    charts = curves_charts(at)
    assert len(charts) == 1, f"{len(charts)} charts"
    return charts[0]


def _notes(at: AppTest) -> set[str]:
    """The texts written across the curves chart's panels (its ``NOTES`` rows), and the panels' titles."""
    from playground.charts.curves import NOTES

    (chart,) = vega_charts_with(at, NOTES)
    spec = json.loads(chart.proto.spec)
    panels = [panel for row in spec.get("vconcat", [spec]) for panel in row["hconcat"]]
    return {panel["title"] for panel in panels} | {row["text"] for row in chart_rows(chart, NOTES)}


def test_before_the_first_points_the_chart_they_will_go_in_is_already_drawn():
    """The browser loads the chart library with the first chart (seconds on a busy laptop): the empty panels come
    first."""
    queued = Run(RunConfig(label="#1 soon", spec=PRESETS["iris"], dataset="iris",
                           loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.01, epochs=7))
    at = _with_runs(queued)
    spec, points = _curves_chart(at)
    texts = _notes(at)
    assert {"loss", "accuracy"} <= texts, texts
    assert any("first batch" in text for text in texts), texts
    assert not points, "no point was trained yet"
    assert spec["hconcat"][0]["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 7], "the x axis spans the epochs to come"


def test_a_first_point_that_comes_while_the_chart_redraws_is_drawn_at_once_without_running_the_page_again(monkeypatch):
    """Waiting for the first points, a redraw waits for them a moment and draws them: the live redraws keep their
    pace, so the whole page (about 0.3 CPU-seconds in the browser) does not run again to change it."""
    import threading

    from playground_app.train import live

    running = _run("#1 starting")
    asked = live._waiting_for_first_points

    def point_soon(state):  # The page has just decided it waits for first points: one arrives 0.15 s later.
        threading.Timer(0.15, _first_line, args=(running,)).start()
        return asked(state)

    monkeypatch.setattr(live, "_waiting_for_first_points", point_soon)
    page_runs = count_calls(monkeypatch, live, "rerun_page")
    _, points = _curves_chart(_with_runs(running))
    assert points, "the first point waits for the next redraw"
    assert not page_runs, "the whole page ran again for the first points"


def test_the_redraws_wait_for_first_points_only_for_a_run_that_starts_now_not_for_one_waiting_for_a_worker():
    """A run queued behind other learners' trainings has no first points coming: no redraw waits for them."""
    from playground_app.train.live import QUEUED_STARTS_WITHIN_SECONDS, first_points_pending

    just_pressed, waiting_long, started = _run("#1 a"), _run("#2 b"), _run("#3 c")
    for run in (just_pressed, waiting_long):
        run.apply({"status": "queued"})
    waiting_long.created_at -= QUEUED_STARTS_WITHIN_SECONDS + 1
    chosen = {just_pressed.run_id, waiting_long.run_id, started.run_id}
    assert first_points_pending([just_pressed], chosen, set())
    assert not first_points_pending([waiting_long], chosen, set())
    assert first_points_pending([started, waiting_long], chosen, set())
    assert not first_points_pending([started], chosen, {started.run_id}), "its points are on the chart already"
    assert not first_points_pending([started], set(), set()), "the learner took it off the chart"


def test_with_no_runs_the_page_shows_where_the_curves_will_appear():
    at = open_page("train")
    assert not at.exception, at.exception
    assert any("Train" in text for text in _notes(at))


def test_a_failed_run_shows_its_message_not_an_empty_chart():
    failed = _run("#1 broken")
    failed.finish(FAILED, "train.error_failed", detail="Incompatible shapes")
    at = _with_runs(failed)
    assert not curves_charts(at), "a run without points drew an empty chart"
    assert any("Incompatible shapes" in error.value for error in at.error)


def test_a_new_dataset_brings_its_proposed_training_but_what_the_learner_typed_stays():
    from playground.data.registry import training_defaults

    at = open_page("train")
    iris, digits = training_defaults("iris"), training_defaults("digits")
    assert at.number_input(key="train_epochs").value == iris.epochs
    assert at.number_input(key="train_learning_rate_Adam").value == iris.learning_rate
    assert at.select_slider(key="train_batch_size").value == iris.batch_size
    at.number_input(key="train_epochs").set_value(7).run()
    at.run()
    assert at.number_input(key="train_epochs").value == 7, "a rerun overrode what the learner typed"
    at.selectbox(key="train_dataset").set_value("digits").run()
    assert not at.exception, at.exception
    assert at.number_input(key="train_epochs").value == digits.epochs
    assert at.select_slider(key="train_batch_size").value == digits.batch_size


def test_an_older_failed_run_on_the_chart_shows_its_message_beside_the_newer_curves():
    failed = _run("#1 broken")
    failed.finish(FAILED, "train.error_failed", detail="Incompatible shapes")
    at = _with_runs(failed, _ended("#2 fine"))
    assert any("#1 broken" in error.value and "Incompatible shapes" in error.value for error in at.error)
    ((spec, points),) = curves_charts(at)
    assert points and not any(point["entry"] == "#1 broken" for point in points)
    assert "#1 broken" not in json.dumps(spec), "the failed run without points has a place on the chart"


def test_a_training_run_draws_loss_and_accuracy_as_panels_of_one_chart_whose_spec_stays_while_points_come():
    """The live view's browser cost: one chart (not one per metric). Its Vega-Lite spec stays the same from redraw to
    redraw and only its points change, so the browser keeps the chart and gives it the new points (a plotly chart was
    mounted anew for every new figure: 0.11 CPU-seconds a redraw, bench/chart_updates.py)."""
    running = _run("#1 live")
    running.add_batch(0, 4, {"loss": 1.0, "accuracy": 0.5})
    running.add_epoch(0, {"loss": 1.0, "accuracy": 0.5, "val_loss": 1.1, "val_accuracy": 0.4})
    before, points_before = _curves_chart(_with_runs(running))
    assert {"loss", "accuracy"} <= {panel["title"] for panel in before["hconcat"]}
    running.add_batch(1, 4, {"loss": 0.9, "accuracy": 0.6})
    running.add_epoch(1, {"loss": 0.9, "accuracy": 0.6, "val_loss": 1.0, "val_accuracy": 0.5})
    after, points_after = _curves_chart(_with_runs(running))
    assert after == before, "a redraw with new points changed the chart's spec: the browser draws a new chart"
    assert len(points_after) == len(points_before) + 2 * 3, "each panel gains a batch, an epoch and a validation point"


def test_the_markers_on_the_chart_are_named_under_it():
    """EarlyStopping's stop and a Stop are glyphs on the curves (✕, ■); the caption under the chart says which is
    which, in the learner's language."""
    ended = _ended("#1 early")
    ended.add_event(RunEvent("early_stopping", 1, 0.8, "val_loss"))
    ended.add_event(RunEvent("stopped", 1))
    at = _with_runs(ended)
    ((_, points),) = curves_charts(at)
    assert {"early_stopping", "stopped"} <= {point["line"] for point in points}
    captions = [caption.value for caption in at.caption]
    assert "✕ EarlyStopping stopped · ■ Stop pressed" in captions, captions

def test_a_start_that_fails_says_why_under_the_buttons_and_a_click_that_starts_runs_the_page_once(monkeypatch):
    from playground.engine import runner
    from playground.errors import LearnerError
    from playground_app.train import live

    at = open_page("train")

    def no_workers(*args, **kwargs):
        raise LearnerError("engine.error.cluster_failed", detail="no memory")

    monkeypatch.setattr(runner, "submit", no_workers)
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    errors = [error.value for error in at.error]
    assert len(errors) == 1 and "training workers could not start" in errors[0] and "no memory" in errors[0], errors
    assert not at.session_state["train"].runs and not at.button(key="train_start").disabled
    at.run()
    assert not at.error, "the reason a click started nothing stays after the next redraw"

    handles = queue_jobs(monkeypatch)
    drawn = count_calls(monkeypatch, live, "start_buttons")
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    assert len(handles) == 1 and at.button(key="train_start").disabled
    # One run of the page answers the click, already busy: the whole page is not drawn a second time for it
    # (each costs the browser about 0.4 CPU-seconds while the model builds).
    assert len(drawn) == 1, f"the page ran {len(drawn)} times for one click"
    end_jobs(handles)  # The page's training leaves the server's list of live trainings, as an ended one does.


def test_the_page_that_answers_a_click_on_train_draws_the_runs_first_points(monkeypatch):
    """A warm worker sends the first points within a second: the click's own run of the page waits and draws them,
    so the curves need no quick redraws, and no second run of the whole page to slow them down again."""
    import threading

    from playground.engine import runner
    from playground.engine.runner import Handle

    at = open_page("train")
    handles, ends = [], []

    def starts_soon(job, dataset, on_end):
        run = Run(job.config)
        handles.append(Handle(job, [run]))
        ends.append(on_end)

        def first_batch():
            run.mark_started(5)
            _first_line(run)

        threading.Timer(0.4, first_batch).start()
        return handles[-1]

    monkeypatch.setattr(runner, "submit", starts_soon)
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    run = handles[0].runs[0]
    assert _curves_chart(at)[1], "the first points wait for a later redraw"
    assert run.run_id in at.session_state["train"].charted_runs
    handles[0].done.set()
    ends[0](handles[0])


def test_while_the_click_waits_for_the_first_points_the_new_runs_line_and_its_chart_are_already_shown(monkeypatch):
    """The page that answers a click waits for the first points; the learner sees the run's line meanwhile, and the
    chart its points will be drawn in, the run already in its legend (the browser mounts it while the model builds)."""
    from playground_app.train import live

    at = open_page("train")
    handles = queue_jobs(monkeypatch)

    def page_at_the_wait(state, seconds=0.0):  # What the page has drawn when it starts waiting stays: stop it here.
        raise RuntimeError("the page waits here")

    monkeypatch.setattr(live, "_wait_for_first_points", page_at_the_wait)
    at.button(key="train_start").click().run()
    lines = [str(element.proto.text) for element in at.get("progress")]
    assert any(line.startswith("#1 ") and ": waiting ·" in line for line in lines), lines
    ((spec, points),) = curves_charts(at)
    assert not points and '"#1 ' in json.dumps(spec), "the chart drawn before the first points lacks the new run"
    end_jobs(handles)


def test_the_chart_a_starting_run_is_drawn_in_is_the_chart_of_its_first_points():
    """The chart drawn before a run's first points had another spec than the chart of the points (no run in its
    legend, its note in the spec), so the browser mounted a second chart when they came (twice while the model built
    and traced, and later than the points themselves on a busy laptop). The same chart gets the points."""
    starting = _run("#1 starting")
    at = _with_runs(starting)
    before, points_before = _curves_chart(at)
    assert not points_before and any("first batch" in text for text in _notes(at))
    _first_line(starting)
    at = _with_runs(starting)
    after, points_after = _curves_chart(at)
    assert after == before, "the first points changed the chart's spec: the browser draws a new chart for them"
    assert points_after and not any("first batch" in text for text in _notes(at))


def test_a_click_that_comes_with_a_changed_setting_trains_with_that_setting(monkeypatch):
    """The learner types new epochs and clicks Train before the page has run again for the new value (its run
    was slow, or the click came at once): the click and the new value reach the server together, and the run
    that starts must train what the page now shows, not what the page showed before the change."""
    at = open_page("train")
    shown = at.number_input(key="train_epochs").value
    handles = queue_jobs(monkeypatch)
    at.number_input(key="train_epochs").set_value(shown + 3)
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    assert [handle.job.config.epochs for handle in handles] == [shown + 3], "trained the settings shown before"
    end_jobs(handles)


def test_while_a_run_trains_the_page_makes_one_live_fragment_whose_pace_does_not_wait_on_first_points(monkeypatch):
    """Every run of a fragment costs the browser (more on a long page): one live fragment, at one pace, before and
    after the first points (a pace change costs a run of the whole page)."""
    from playground_app.train import live

    running = _run("#1 live")
    paces = fragment_paces(monkeypatch)
    _with_runs(running)
    assert [seconds for seconds in paces if seconds] == [live.LIVE_SECONDS], paces
    _first_line(running)
    paces.clear()
    _with_runs(running)
    assert [seconds for seconds in paces if seconds] == [live.LIVE_SECONDS], paces
