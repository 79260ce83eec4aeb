"""Every lab that trains redraws its live view at a pace the learner's browser can afford (bench/live_pages.py)."""

from __future__ import annotations

import pytest

from tests.helpers import open_page

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize(("page", "start"), [
    ("compare", "compare_race_start"), ("overfitting", "overfit_variants_start"), ("transfer", "transfer_start"),
])
def test_a_labs_live_chart_redraws_no_more_often_than_the_pace(monkeypatch, page, start):
    """Redrawn every second, the Compare race took 0.32 of a core in the browser (bench/live_pages.py): a lab's
    live chart and table redraw every ``pace.LAB_SECONDS``, like the Decision boundary's picture."""
    import streamlit as st

    from playground.engine import runner
    from playground.engine.runner import RaceHandle
    from playground.engine.runs import Run
    from playground_app import pace

    paces = []
    fragment = st.fragment

    def noted(function=None, *, run_every=None):
        paces.append(run_every)
        return fragment(function, run_every=run_every) if function is not None else fragment(run_every=run_every)

    handles = []

    def queued(job, dataset, on_end=None):
        handles.append(RaceHandle(job, [Run(config) for config in job.configs]))
        return handles[-1]

    at = open_page(page)
    monkeypatch.setattr(runner, "submit", queued)
    monkeypatch.setattr(st, "fragment", noted)
    at.button(key=start).click().run()
    assert not at.exception, at.exception
    assert handles, "nothing started"
    live = [seconds for seconds in paces if seconds is not None]
    assert live and min(live) >= pace.LAB_SECONDS >= 2.0, paces
    for handle in handles:
        handle.done.set()
