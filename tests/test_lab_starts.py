"""The labs that train: Start acts with what the page shows, in one run, and the live view redraws at an affordable pace."""

from __future__ import annotations

import pytest

from playground.charts.curves import CURVES
from tests.helpers import chart_rows, count_calls, end_jobs, fragment_paces, open_page, queue_jobs, vega_charts_with

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize(("page", "start"), [
    ("compare", "compare_race_start"), ("overfitting", "overfit_variants_start"), ("transfer", "transfer_start"),
])
def test_a_labs_live_chart_looks_quickly_for_its_first_points_then_redraws_at_the_pace(monkeypatch, page, start):
    """Redrawn every second, the Compare race took 0.32 of a core in the browser (bench/live_pages.py): once it has
    points, a lab's live chart and table redraw every ``pace.LAB_SECONDS``, like the Decision boundary's picture.
    Until then they look every ``pace.FIRST_POINTS_SECONDS``: at the slow pace the first curves came up to 3 s after
    they existed."""
    from playground_app import pace

    at = open_page(page)
    handles = queue_jobs(monkeypatch)
    paces = fragment_paces(monkeypatch)
    at.button(key=start).click().run()
    assert not at.exception, at.exception
    assert handles, "nothing started"
    live = [seconds for seconds in paces if seconds is not None]
    assert live and max(live) <= pace.FIRST_POINTS_SECONDS <= 0.5, paces
    for run in handles[0].runs:
        run.mark_started(4)
        run.add_batch(0, 0, {"loss": 2.3})
    paces.clear()
    at.run()
    assert max(seconds for seconds in paces if seconds is not None) <= pace.FIRST_POINTS_SECONDS, "one point draws no line"
    for run in handles[0].runs:
        run.add_batch(0, 1, {"loss": 2.2})
    paces.clear()
    at.run()
    live = [seconds for seconds in paces if seconds is not None]
    assert live and min(live) >= pace.LAB_SECONDS >= 2.0, paces
    end_jobs(handles)


@pytest.mark.parametrize(("page", "setting", "value", "start", "stop", "section", "drawn_once"), [
    ("compare", ("number_input", "compare_race_epochs"), 2, "compare_race_start", "compare_race_stop",
     "playground_app.compare.race", "_options"),
    ("transfer", ("slider", "transfer_epochs"), 3, "transfer_start", "transfer_stop",
     "playground_app.transfer.train", "choose_base"),
])
def test_a_click_on_start_is_answered_by_one_run_of_the_page_with_its_settings_and_start_disabled(
        monkeypatch, page, setting, value, start, stop, section, drawn_once):
    """The lab starts where the page draws Start, with this run's settings (one changed with the click is taken),
    so that run draws Start disabled and Stop enabled: the whole page is not run a second time for it."""
    import importlib

    at = open_page(page)
    handles = queue_jobs(monkeypatch)
    runs = count_calls(monkeypatch, importlib.import_module(section), drawn_once)
    kind, key = setting
    getattr(at, kind)(key=key).set_value(value)
    at.button(key=start).click().run()
    assert not at.exception, at.exception
    assert [handle.job.epochs for handle in handles] == [value], "started with the settings shown before"
    assert at.button(key=start).disabled and not at.button(key=stop).disabled
    assert len(runs) == 1, f"the page ran {len(runs)} times for one click"
    end_jobs(handles)


@pytest.mark.parametrize("page", ["train", "compare", "overfitting", "transfer", "boundary"])
def test_a_page_that_trains_warms_the_workers_up_when_it_opens(monkeypatch, page):
    """The workers start and import TensorFlow while the learner sets things up, so the first click trains at once
    (started at the click, the Decision boundary lab said "Training…" for seconds before its first epoch)."""
    from playground.engine import cluster

    opened = []
    monkeypatch.setattr(cluster, "start_in_background", lambda: opened.append(1))
    open_page(page)
    assert opened, f"opening {page} does not start the training workers"


@pytest.mark.parametrize(("page", "start", "progress"), [
    ("compare", "compare_race_start", "compare.race.progress"), ("overfitting", "overfit_variants_start", "overfit.progress"),
    ("transfer", "transfer_start", "transfer.progress"),
])
def test_a_lab_whose_training_waits_for_a_worker_says_so_instead_of_an_epoch(monkeypatch, page, start, progress):
    """Before a worker takes the job (the workers still start, or train other learners' jobs) nothing trains: the
    page said "epoch 1 of 20" while its table said every variant was waiting."""
    from playground.i18n import t

    at = open_page(page)
    handles = queue_jobs(monkeypatch)
    at.button(key=start).click().run()
    assert not at.exception, at.exception
    said = [info.value for info in at.info]
    training = t(progress, epoch=1, epochs=0)[:12]
    assert t("engine.waiting") in said and not [text for text in said if text.startswith(training)], said
    for run in handles[0].runs:
        run.mark_started(4)
        run.add_batch(0, 0, {"loss": 2.3})
    at.run()
    said = [info.value for info in at.info]
    assert t("engine.waiting") not in said and [text for text in said if text.startswith(training)], said
    end_jobs(handles)


@pytest.mark.parametrize(("page", "start"), [("compare", "compare_race_start"), ("transfer", "transfer_start")])
def test_a_race_chart_takes_new_points_at_every_redraw_with_a_spec_that_stays_the_same(monkeypatch, page, start):
    """Streamlit mounted a new plotly chart for every changed figure (about 0.35 CPU-seconds in the browser for a
    three-entry race); a Vega-Lite chart whose spec stays the same is kept and given the new data."""
    at = open_page(page)
    handles = queue_jobs(monkeypatch)
    at.button(key=start).click().run()
    runs = handles[0].runs

    def race_chart() -> tuple[str, int]:
        """The race chart's spec and how many points it draws."""
        (chart,) = vega_charts_with(at, CURVES)
        return chart.proto.spec, len(chart_rows(chart, CURVES))

    for run in runs:
        run.mark_started(4)
        run.add_batch(0, 0, {"loss": 2.3, "accuracy": 0.1})
    at.run()
    spec, points = race_chart()
    assert points == 2 * len(runs)
    runs[0].add_batch(0, 1, {"loss": 2.0, "accuracy": 0.2})
    at.run()
    assert race_chart() == (spec, points + 2), "a redraw changed the chart instead of its data, or lost a point"
    end_jobs(handles)


@pytest.mark.parametrize(("page", "start", "state", "tabs", "other_tab"), [
    ("compare", "compare_race_start", "compare", "compare_tabs", "compare.tab.surface"),
    ("overfitting", "overfit_variants_start", "overfitting", "overfit_tabs", "overfit.tab.dropout"),
])
def test_a_training_goes_on_being_watched_while_another_tab_of_its_page_is_open(monkeypatch, page, start, state, tabs,
                                                                               other_tab):
    """Only the open tab is drawn, so the live view is not; the engine stops a job nobody has looked at for
    VIEWER_TIMEOUT seconds, so the page says every minute that its learner is still there."""
    from playground.i18n import t
    from playground_app.pace import WATCHING_SECONDS

    at = open_page(page)
    handles = queue_jobs(monkeypatch)
    at.button(key=start).click().run()
    race = at.session_state[state].race
    assert race is not None and race.active
    paces = fragment_paces(monkeypatch)
    race.last_seen -= 200  # Nobody looked for a while.
    stale = race.last_seen
    at.session_state[tabs] = t(other_tab)
    at.run()
    assert not at.exception, at.exception
    assert start not in [button.key for button in at.button]  # The other tab is the one drawn.
    assert race.last_seen > stale + 150  # Touched by this run.
    assert [every for every in paces if every] == [WATCHING_SECONDS], paces  # Not the live view's pace.
    end_jobs(handles)
