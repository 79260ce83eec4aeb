"""The "Your images" page in AppTest: example pictures, the three ways raced by the engine, Grad-CAM, code."""

from __future__ import annotations

import json

import time

import pytest
from tests.helpers import chart_rows, open_page, plotly_specs, table_starting_with, vega_charts_with

pytestmark = pytest.mark.slow


def test_example_pictures_train_three_ways_then_predict_explain_and_export():
    at = open_page("transfer")
    assert at.radio(key="transfer_source").value == "example"
    assert [box.value for box in at.text_input if box.key.startswith("transfer_rename_")] == ["coat", "pullover"]
    assert any("20** pictures for training" in text.value for text in at.markdown)
    assert at.selectbox(key="transfer_base").value == "fashion_offline"
    at.slider(key="transfer_epochs").set_value(2).run()
    at.button(key="transfer_start").click().run()
    assert not at.exception
    parameters = table_starting_with(at, "Way")
    assert list(parameters["Way"]) == ["From scratch", "Feature extraction", "Fine-tuning"]
    frozen = [int(value.replace(",", "")) for value in parameters["Non-trainable params"]]
    assert frozen[0] == 0 and frozen[1] == frozen[2] > 50_000  # The base is frozen in both pretrained ways.
    assert "→" in parameters["Trainable params"][2]
    race = at.session_state["transfer"].race
    deadline = time.monotonic() + 240
    while race.active and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not race.active, "the three ways did not finish in time"
    at.run()
    assert not at.exception
    assert [run.status for run in race.runs] == ["finished"] * 3
    assert at.radio(key="transfer_way").value == "fine_tuning"
    # A validation picture: probabilities for both classes and the Grad-CAM picture.
    assert not at.error, [error.value for error in at.error]
    assert any(caption.value.startswith("Red: the places") for caption in at.caption)  # Grad-CAM's legend.
    assert any("Prediction" in metric.label for metric in at.metric)
    code = at.code[0].value
    assert "conv_base.trainable = False" in code and "set_trainable = True" in code
    assert "keras.models.load_model('fashion_base.keras')" in code


def test_without_an_upload_the_zip_source_cannot_train():
    at = open_page("transfer")
    at.radio(key="transfer_source").set_value("zip").run()
    assert not at.exception
    assert at.button(key="transfer_start").disabled


def test_the_page_speaks_korean():
    at = open_page("transfer", session_state={"lang": "ko"})
    assert at.title[0].value == "내 이미지"
    assert not at.exception


def test_accuracy_against_pictures_per_class_trains_each_count_and_draws_one_line_per_way():
    at = open_page("transfer")
    at.slider(key="transfer_epochs").set_value(2).run()
    at.button(key="transfer_measure").click().run()
    assert not at.exception
    state = at.session_state["transfer"]
    assert state.measure_counts == (5, 10, 16)  # 20 example pictures per class, 4 held out for validation.
    deadline = time.monotonic() + 300
    while any(handle.active for handle in state.measures) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(handle.active for handle in state.measures), "the measurement did not finish in time"
    at.run()
    assert not at.exception
    figures = plotly_specs(at)
    curve = next(figure for figure in figures if figure["layout"].get("xaxis", {}).get("type") == "log")
    assert [trace["name"] for trace in curve["data"]] == ["From scratch", "Feature extraction", "Fine-tuning"]
    assert all(len(trace["y"]) == 3 and None not in trace["y"] for trace in curve["data"])


def test_an_online_base_without_its_weights_asks_for_the_download_and_offline_says_what_to_pick(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))  # An empty Keras cache.
    import playground.transfer.bases as bases

    monkeypatch.setattr(bases, "_GOOGLE", (tmp_path / "unreachable").as_uri() + "/")  # No internet in tests.
    at = open_page("transfer")
    at.selectbox(key="transfer_base").set_value("mobilenet_v2").run()
    assert not at.exception
    assert any("needs its ImageNet weights (about 9 MB)" in warning.value for warning in at.warning)
    assert at.button(key="transfer_start").disabled
    at.button(key="transfer_download").click().run()
    assert not at.exception
    assert any("could not be downloaded" in error.value and "offline base" in error.value for error in at.error)
    assert not any(tmp_path.glob("models/*"))


def test_while_the_example_pictures_are_read_the_page_says_so(monkeypatch):
    """Reading them takes the whole Fashion-MNIST (1-4 s on a fresh server); the page showed nothing below the source
    choice meanwhile."""
    import streamlit as st

    from playground.i18n import t
    from playground_app.transfer import pictures

    pictures._example.clear()
    said = []
    spinner = st.spinner

    def noted(text="", *args, **kwargs):
        said.append(text)
        return spinner(text, *args, **kwargs)

    monkeypatch.setattr(st, "spinner", noted)
    at = open_page("transfer")
    assert not at.exception, at.exception
    assert t("transfer.reading_example") in said, said


def test_before_any_training_the_race_chart_waits_with_its_axes_over_the_epochs():
    """The page had no chart until the three ways trained: the browser then loaded plotly with their first curves,
    seconds late on a busy laptop. The empty chart is there from the start, over the epochs the slider asks for."""
    from playground.i18n import t

    at = open_page("transfer")
    at.slider(key="transfer_epochs").set_value(12).run()
    from playground.charts.curves import NOTES

    waiting = [json.loads(chart.proto.spec) for chart in vega_charts_with(at, NOTES)
               if [row["text"] for row in chart_rows(chart, NOTES)] == [t("transfer.chart.before")]]
    assert len(waiting) == 1
    assert [panel["layer"][0]["encoding"]["x"]["scale"]["domain"] for panel in waiting[0]["hconcat"]] == [[0, 12]] * 2
