"""The Compare page in AppTest: the loss-surface lab, the activation explorer and the optimizer race."""

from __future__ import annotations

import time


import pytest
from streamlit.testing.v1 import AppTest
from playground.i18n import t
from playground_app.compare.state import TABS_KEY
from tests.helpers import curves_charts, open_page, plotly_specs, table_starting_with

pytestmark = pytest.mark.slow


def _open_compare_page(tab: str = "race") -> AppTest:
    """The Compare page with its tab ``race``, ``surface`` or ``activations`` open (only the open tab's content runs)."""
    at = open_page("compare")
    if tab != "race":
        at.session_state[TABS_KEY] = t(f"compare.tab.{tab}")
        at.run()
    return at


def _keys(at: AppTest) -> set[str]:
    def walk(node):
        if getattr(node, "key", None):
            yield node.key
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return set(walk(at.main))


def test_only_the_open_tab_is_drawn():
    """Streamlit sends every tab's content to the browser unless the tabs track which one is open: the hidden
    loss-surface lab and activation explorer ran on every run of the page and made every redraw of a live race cost
    the browser about 0.03 of a core more (bench/live_pages.py: 0.127 with them, 0.097 without)."""
    at = _open_compare_page()
    keys = _keys(at)
    assert "compare_race_start" in keys
    assert not {key for key in keys if key.startswith(("compare_surface_", "compare_act_"))}, keys
    at = _open_compare_page("surface")
    keys = _keys(at)
    assert "compare_surface_name" in keys and "compare_race_start" not in keys


def test_surface_lab_runs_every_chosen_optimizer_and_marks_a_diverging_one():
    at = _open_compare_page("surface")
    table = table_starting_with(at, "Optimizer")
    assert list(table["Optimizer"]) == ["SGD", "SGD+momentum", "RMSprop", "Adam"]
    assert (table["final loss"].astype(float) < 24.0).all()  # Rosenbrock at the start point (-1.5, 2.5) is 12.5+.
    # Another surface moves the start point and learning rates to suit it; the paths converge.
    at.selectbox(key="compare_surface_name").set_value("convex_bowl").run()
    assert at.number_input(key="compare_surface_x").value == -2.5
    table = table_starting_with(at, "Optimizer")
    assert table["final loss"].astype(float).max() < 0.01
    # Losses near zero read as 1.464e-38, never as a row of zeros ("0.000000000001" or "0.0000").
    assert all(len(text) <= 10 and not text.startswith("0.000") for text in table["final loss"]), list(table["final loss"])
    assert any("e-" in text for text in table["final loss"])
    # A learning rate far too high blows SGD up: labelled, the others untouched.
    at.number_input(key="compare_surface_opt_SGD_lr").set_value(2.0).run()
    assert not at.exception
    table = table_starting_with(at, "Optimizer")
    assert table["Status"][0].startswith("diverged at step")
    assert (table["Status"][1:] == "finished").all()
    assert any("diverged" in warning.value for warning in at.warning)
    contour = next(spec for spec in plotly_specs(at) if spec.get("frames"))
    assert "SGD (diverged)" in [trace.get("name") for trace in contour["data"]]


def test_activation_explorer_shows_the_sigmoid_gradient_vanishing():
    at = _open_compare_page("activations")
    table = table_starting_with(at, "Activation")
    assert list(table["Activation"]) == ["sigmoid", "tanh", "relu"]
    first = {row["Activation"]: float(row["layer 1 (input side)"]) for _, row in table.iterrows()}
    assert first["sigmoid"] < first["relu"] / 100
    at.slider(key="compare_act_depth").set_value(4).run()
    assert not at.exception
    norms = at.session_state["compare"].gradient_norms
    assert all(len(values) == 4 for values in norms.values())
    # The sigmoid stack's gradient grows from the input side to the output side.
    assert norms["sigmoid"][0] < norms["sigmoid"][-1]


def test_the_notes_table_race_runs_three_copies_and_fills_the_table():
    at = _open_compare_page()
    at.button(key="compare_race_preset_notes").click().run()
    assert at.number_input(key="compare_race_count").value == 3
    assert [at.selectbox(key=f"compare_race_act_{index}").value for index in range(3)] == ["sigmoid", "relu", "relu"]
    at.number_input(key="compare_race_samples").set_value(64).run()
    at.number_input(key="compare_race_epochs").set_value(1).run()
    at.button(key="compare_race_start").click().run()
    assert not at.exception
    race = at.session_state["compare"].race
    assert race is not None
    deadline = time.monotonic() + 150
    while race.active and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not race.active, "the race did not end in time"
    at.run()
    assert not at.exception
    table = table_starting_with(at, "Optimizer")
    assert list(table["Optimizer"]) == ["sigmoid+SGD lr=0.01", "relu+SGD lr=0.01", "relu+Adam lr=0.001"]
    assert (table["Status"] == "finished").all()
    ((_, drawn),) = curves_charts(at)
    assert {row["entry"] for row in drawn if row["line"] == "epochs"} == set(table["Optimizer"])  # Each one's curve.
    assert at.button(key="compare_race_start").disabled is False


def test_a_model_that_does_not_fit_the_data_is_refused_with_a_message():
    at = _open_compare_page()
    at.selectbox(key="compare_race_dataset").set_value("iris").run()
    assert not at.exception
    assert any("does not fit this data" in error.value for error in at.error)
    assert at.button(key="compare_race_start").disabled


def test_the_page_speaks_korean():
    # What the sidebar's language radio sets, and the activation explorer's tab open.
    at = open_page("compare", session_state={"lang": "ko", TABS_KEY: t("compare.tab.activations", "ko")})
    assert at.title[0].value == "비교"
    assert "Activation" not in [frame.value.columns[0] for frame in at.dataframe]
    assert table_starting_with(at, "활성화 함수") is not None


def test_switching_the_language_keeps_the_open_tab_working():
    """The open tab is remembered by its label, which changes with the language."""
    at = _open_compare_page("surface")
    at.session_state["lang"] = "ko"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "비교"
    assert _keys(at) & {"compare_race_start", "compare_surface_name", "compare_act_depth"}  # Some tab is drawn.
