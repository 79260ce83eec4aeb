"""The Decision boundary page through AppTest: it renders, a lesson fills the controls, it speaks Korean, it trains."""

from __future__ import annotations

import json
import time

import pytest

from playground.i18n import t
from playground.labs.boundary_setup import LESSONS
from tests.helpers import chart_rows, end_jobs, fragment_paces, open_page, queue_jobs, top_level_place

pytestmark = pytest.mark.timeout(300)


def test_the_page_renders_with_points_and_code():
    at = open_page("boundary")
    plane = json.loads(at.get("vega_lite_chart")[0].proto.spec)  # The plane: its points, no picture before training.
    assert plane["layer"][1]["encoding"]["x"]["title"] == "x₁"
    assert any("model.fit(" in code.value for code in at.code)
    assert at.selectbox(key="boundary_set").value == "xor"


def test_a_lesson_button_fills_the_controls():
    at = open_page("boundary")
    at.button(key="boundary_lesson_circles_squares").click().run()
    assert not at.exception, at.exception
    setup = LESSONS["circles_squares"].setup
    assert at.selectbox(key="boundary_set").value == "circles"
    assert at.number_input(key="boundary_layers").value == 0
    assert at.multiselect(key="boundary_features").value == list(setup.features)
    assert any(t("boundary.lesson.circles_squares.text") in info.value for info in at.info)
    assert any("x1 ** 2" in code.value for code in at.code)


def test_a_lesson_text_or_a_link_notice_coming_and_going_leaves_the_buttons_where_they_were():
    """The browser keeps the last run's elements until a run ends: a button that moved to another top-level place
    shows twice meanwhile (a row of faded buttons above the live one, and two 'One epoch' to click)."""
    at = open_page("boundary")
    place = top_level_place(at, "boundary_one_epoch")
    at.button(key="boundary_lesson_hidden_xor").click().run()
    assert any(t("boundary.lesson.hidden_xor.text") in info.value for info in at.info)
    assert top_level_place(at, "boundary_one_epoch") == place

    linked = open_page("boundary", query_params={"lab": at.query_params["lab"]})
    assert any(t("boundary.link_loaded") in message.value for message in linked.success)
    assert top_level_place(linked, "boundary_one_epoch") == place
    linked.run()  # The notice is shown once.
    assert not linked.success
    assert top_level_place(linked, "boundary_one_epoch") == place


def test_the_page_speaks_korean():
    at = open_page("boundary", session_state={"lang": "ko"})
    assert at.title[0].value == t("nav.boundary", "ko")
    assert at.button(key="boundary_train").label == t("boundary.train", "ko")



def _rows(chart, name: str) -> int:
    return len(chart_rows(chart, name))


def _network(at) -> list[dict]:
    """The network inside: one row per neuron drawn (its name, incoming weights and bias, shown on hover)."""
    (chart,) = [chart for chart in at.get("vega_lite_chart") if "neurons" in [item.name for item in chart.proto.datasets]]
    return chart_rows(chart, "neurons")


def test_one_epoch_trains_through_the_engine_and_counts():
    at = open_page("boundary")
    at.button(key="boundary_lesson_hidden_xor").click().run()
    at.button(key="boundary_one_epoch").click().run()
    deadline = time.monotonic() + 120
    while "boundary_train" in [button.key for button in at.button] and at.button(key="boundary_train").disabled:
        assert time.monotonic() < deadline
        time.sleep(0.5)
        at.run()
    at.run()
    assert not at.exception, at.exception
    state = at.session_state["boundary"]
    assert len(state.history) == 1 and state.frame is not None and state.model_bytes
    plane, losses, _ = at.get("vega_lite_chart")  # The model's colours under the points, and the first epoch's losses.
    assert _rows(plane, "plane") == 1 and _rows(losses, "losses") == 2
    # Inside the network: the input, the four hidden neurons and the output, each a map.
    network = _network(at)
    assert len(network) == 2 + 4 + 1
    assert network[2]["name"] == "neuron 1.1" and network[2]["weights"].startswith("x₁ ") and network[2]["bias"]
    assert any(t("boundary.status", epoch=1, loss="", test_loss="", accuracy="")[:8] in md.value for md in at.markdown)


def test_the_link_holds_the_whole_lab_and_reopens_it():
    from playground.labs.boundary_link import lab_from_param

    at = open_page("boundary")
    at.button(key="boundary_lesson_circles_squares").click().run()
    at.selectbox(key="boundary_regularizer").select("l1").run()
    at.select_slider(key="boundary_regularization").set_value(0.001).run()
    at.button(key="boundary_new_weights").click().run()
    assert not at.exception, at.exception
    seed = at.session_state["boundary"].weight_seed
    link = lab_from_param(at.query_params["lab"][0] if isinstance(at.query_params["lab"], list)
                          else at.query_params["lab"])
    assert link.setup.point_set == "circles" and link.setup.regularizer == "l1" and link.weight_seed == seed
    assert link.setup.regularization == 0.001
    assert link.setup.features == LESSONS["circles_squares"].setup.features and link.epochs == 60
    again = open_page("boundary", query_params={"lab": at.query_params["lab"]})
    assert again.selectbox(key="boundary_set").value == "circles"
    assert again.selectbox(key="boundary_regularizer").value == "l1"
    assert again.select_slider(key="boundary_regularization").value == 0.001
    assert again.multiselect(key="boundary_features").value == list(link.setup.features)
    assert again.session_state["boundary"].weight_seed == seed
    assert any(t("boundary.link_loaded") in message.value for message in again.success)
    assert any("kernel_regularizer=keras.regularizers.L1(0.001)" in code.value for code in again.code)


def test_a_rerun_that_still_carries_the_pages_older_link_changes_nothing():
    """Under load the browser may send a rerun before it has the link the page last wrote (it still shows the
    older one): that is the page's own past, not a new link, and must not reset the lab or its training."""
    at = open_page("boundary")
    at.button(key="boundary_lesson_circles_squares").click().run()
    older = at.query_params["lab"]
    at.selectbox(key="boundary_regularizer").select("l1").run()
    assert at.query_params["lab"] != older
    at.session_state["boundary"].history.append({"loss": 0.5})  # As if an epoch had been trained meanwhile.

    at.query_params["lab"] = older
    at.run()

    assert not at.exception, at.exception
    assert at.selectbox(key="boundary_regularizer").value == "l1"
    assert at.session_state["boundary"].history == [{"loss": 0.5}]
    assert not any(t("boundary.link_loaded") in message.value for message in at.success)


def test_a_broken_link_says_so_and_the_page_still_works():
    at = open_page("boundary", query_params={"lab": "1.garbage"})
    assert any(t("boundary.bad_link", detail="")[:20] in message.value for message in at.error)
    assert at.selectbox(key="boundary_set").value == "xor"


def test_iris_columns_are_points_and_their_code_loads_iris():
    at = open_page("boundary")
    at.radio(key="boundary_source").set_value("table").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="boundary_table").value == "iris"
    assert at.selectbox(key="boundary_column_x1").value == 2 and at.selectbox(key="boundary_column_x2").value == 3
    assert any("load_iris" in code.value and "Dense(3, activation='softmax'" in code.value for code in at.code)
    assert any("petal length (cm)" in caption.value for caption in at.caption)
    at.selectbox(key="boundary_column_x2").select(2).run()
    assert any(t("boundary.same_columns") in warning.value for warning in at.warning)


def test_open_in_build_hands_the_network_to_the_build_page():
    at = open_page("boundary")
    at.button(key="boundary_lesson_circles_squares").click().run()
    at.button(key="boundary_open_in_build").click().run()
    assert not at.exception, at.exception
    build = at.session_state["build"]
    # The model takes the points (x₁, x₂); its features are its first layer, which Build shows and edits.
    assert build.spec["input_shape"] == [2]
    assert build.spec["layers"] == LESSONS["circles_squares"].setup.spec()["layers"]
    assert build.spec["layers"][0] == {"type": "InputFeatures", "features": ["x1", "x2", "x1_squared", "x2_squared"]}
    assert at.title[0].value == t("nav.build")  # The Build page is showing.
    assert any("x₁²" in message.value for message in at.success)
    assert not at.error, [error.value for error in at.error]
    (features,) = [box for box in at.multiselect if box.label == "features"]
    assert features.value == ["x1", "x2", "x1_squared", "x2_squared"]


def test_the_network_handed_to_build_trains_on_the_train_page_on_the_same_points(monkeypatch):
    """Decision boundary → Open in Build → Train this model: Train trains the lab's network on the very points the
    lab drew (the overfitting lesson's 60 noisy points, half kept for testing), with nothing to fix; not on MNIST with
    a fix that turns the network into an MNIST one, nor on the set's default draw of 200 clean points."""
    import numpy as np

    at = open_page("boundary")
    at.button(key="boundary_lesson_overfit").click().run()
    at.button(key="boundary_open_in_build").click().run()
    at.switch_page("build/page.py").run()  # (AppTest runs the page it opened last, not the one the app switched to.)
    at.button(key="build_train_this").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("nav.train")
    assert not at.error, [error.value for error in at.error]
    assert not [button.label for button in at.button if button.key and button.key.startswith("train_fix")]
    assert any("noise 0.6" in info.value for info in at.info), [info.value for info in at.info]
    at.switch_page("train/page.py").run()
    handles = queue_jobs(monkeypatch)
    at.button(key="train_start").click().run()
    assert not at.exception, at.exception
    drawn, trained = LESSONS["overfit"].setup.dataset(), handles[-1].submitted_data
    assert (len(trained.y_train), len(trained.y_test)) == (30, 30)
    assert np.array_equal(trained.x_train, drawn.x_train) and np.array_equal(trained.y_test, drawn.y_test)
    end_jobs(handles)


def test_build_edits_the_features_layer_and_exports_its_class():
    """The lab's network, opened by its Build link: the features are a multiselect, and the code defines the class."""
    from playground.spec.io import spec_to_url_param

    at = open_page("build", query_params={"model": spec_to_url_param(LESSONS["circles_squares"].setup.spec())})
    (features,) = [box for box in at.multiselect if box.label == "features"]
    features.set_value(["x1_x2", "x1"]).run()
    assert not at.exception, at.exception
    assert at.session_state["build"].spec["layers"][0]["features"] == ["x1_x2", "x1"]
    assert any("InputFeatures(features=('x1_x2', 'x1'))" in code.value and "class InputFeatures" in code.value
               for code in at.code)


def _hidden_layers(spec: dict) -> int:
    return sum(layer["type"] == "Dense" for layer in spec["layers"]) - 1


def test_a_click_that_comes_with_a_changed_network_trains_and_hands_over_that_network(monkeypatch):
    """The learner adds a hidden layer and clicks at once, before the page ran again for the change: the click and
    the new value reach the server together, and what trains (or opens in Build) is the network the page now shows."""
    at = open_page("boundary")
    layers = at.number_input(key="boundary_layers").value
    handles = queue_jobs(monkeypatch)
    at.number_input(key="boundary_layers").set_value(layers + 1)
    at.button(key="boundary_one_epoch").click().run()
    assert not at.exception, at.exception
    trained = [_hidden_layers(handle.job.config.spec) for handle in handles]
    assert trained == [layers + 1], "trained the network shown before"
    end_jobs(handles)
    at.run()
    at.number_input(key="boundary_layers").set_value(layers + 2)
    at.button(key="boundary_open_in_build").click().run()
    assert not at.exception, at.exception
    assert _hidden_layers(at.session_state["build"].spec) == layers + 2, "opened the network shown before in Build"


def test_while_a_job_trains_the_pictures_redraw_at_a_pace_the_browser_can_afford(monkeypatch):
    """Redrawn every half second, the live pictures took 0.8 of a core in the browser and slowed the training to
    0.6 of a core (bench/live_pages.py): once the job's first epoch is drawn, the plane and losses redraw every 2 s at
    most, the network less often."""
    at = open_page("boundary")
    handles = queue_jobs(monkeypatch)
    paces = fragment_paces(monkeypatch)
    at.button(key="boundary_train").click().run()
    assert not at.exception, at.exception
    live = [pace for pace in paces if pace is not None]
    # Until the job's first epoch the picture looks every half second, so the first boundary shows soon after it.
    assert len(live) == 2 and live[0] <= 0.5 and max(live) >= 6.0, paces
    handles[0].runs[0].mark_started(1)
    handles[0].runs[0].add_epoch(0, {"loss": 0.6, "val_loss": 0.6, "val_accuracy": 0.5})
    paces.clear()
    at.run()
    live = [pace for pace in paces if pace is not None]
    assert len(live) == 2 and min(live) >= 2.0 and max(live) >= 6.0, paces
    end_jobs(handles)


def test_a_job_waiting_for_a_worker_says_so_instead_of_training(monkeypatch):
    """Before a worker takes the job (the workers still start, or train other learners' jobs), nothing trains."""
    at = open_page("boundary")
    handles = queue_jobs(monkeypatch)
    at.button(key="boundary_train").click().run()
    assert not at.exception, at.exception
    texts = [markdown.value for markdown in at.markdown]
    assert t("engine.waiting") in texts and t("boundary.training") not in texts, texts
    end_jobs(handles)


def test_a_lesson_chosen_while_a_job_trains_stops_that_job_and_starts_the_lesson_at_epoch_0(monkeypatch):
    """The lesson buttons stay usable while a job trains. Before, the job of the old network went on: the page drew its
    frames with the lesson's network (IndexError in the network picture, once in CI) and took its epochs and model
    as the lesson's when it ended."""
    at = open_page("boundary")
    handles = queue_jobs(monkeypatch)
    at.button(key="boundary_train").click().run()
    assert at.button(key="boundary_train").disabled
    run = handles[0].runs[0]
    run.mark_started(1)
    run.add_epoch(0, {"loss": 0.6, "val_loss": 0.6, "val_accuracy": 0.5})
    at.button(key="boundary_lesson_circles_squares").click().run()
    assert not at.exception, at.exception
    assert run.stop_requested.is_set(), "the old network's job went on training"
    assert not at.button(key="boundary_train").disabled, "the page still waits for the old network's job"
    end_jobs(handles)
    at.run()
    state = at.session_state["boundary"]
    assert state.history == [] and state.model_bytes is None, "the old network's epochs became the lesson's"
    assert at.number_input(key="boundary_layers").value == 0


def test_while_a_job_trains_its_pictures_show_the_network_it_trains_whatever_the_controls_say(monkeypatch):
    """The controls are locked while a job trains, but their values can still change under them (a callback, a link):
    the frames come from the job's network, so the pictures draw that network. Drawn with the controls' network,
    a frame of a deeper one raised IndexError in the network picture (once in CI, in a whole-page run)."""
    import keras

    from playground.labs.boundary import BoundaryFrames
    from playground.spec import build_model

    at = open_page("boundary")
    at.button(key="boundary_lesson_hidden_xor").click().run()
    handles = queue_jobs(monkeypatch)
    at.button(key="boundary_train").click().run()
    trained = at.session_state["boundary"].setup
    assert len(trained.hidden) == 1
    keras.utils.set_random_seed(0)
    run = handles[0].runs[0]
    run.mark_started(1)
    run.add_epoch(0, {"loss": 0.6, "val_loss": 0.6, "val_accuracy": 0.5})
    run.set_frame(1, BoundaryFrames(bounds=trained.bounds)(build_model(trained.spec())))
    at.session_state["boundary_layers"] = 0  # Under the locked control: a perceptron.
    at.run()
    assert not at.exception, at.exception
    assert len(_network(at)) == 2 + 4 + 1, "the network inside is not the one that trains"
    end_jobs(handles)
