"""The Overfitting page in AppTest: variants trained together, the augmentation preview, Dropout made visible."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from playground.i18n import t
from playground.charts.variants import VARIANTS
from playground_app.overfitting.state import TABS_KEY
from tests.helpers import chart_rows, open_page, plotly_specs, table_starting_with, vega_charts_with

pytestmark = pytest.mark.slow


def _wait_for(at: AppTest, seconds: float = 180) -> None:
    race = at.session_state["overfitting"].race
    deadline = time.monotonic() + seconds
    while race.active and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not race.active, "the variants did not finish in time"
    at.run()
    assert not at.exception


def test_two_variants_train_together_and_fill_the_chart_and_table():
    at = open_page("overfitting")
    assert at.button(key="overfit_variants_start").disabled is False
    at.selectbox(key="overfit_variants_model").set_value("wide_dnn").run()
    for key, value in (("overfit_variants_samples", 64), ("overfit_variants_validation", 64), ("overfit_variants_epochs", 3)):
        at.number_input(key=key).set_value(value).run()
    at.button(key="overfit_variants_start").click().run()
    assert not at.exception
    _wait_for(at)
    table = table_starting_with(at, "Variant")
    assert list(table["Variant"]) == ["base", "+Dropout(0.5)"]
    assert (table["Status"] == "finished").all()
    # Dropout has no weights: both hold the wide network's 784·256 + 256 + 256·10 + 10 parameters.
    assert list(table["trainable params"]) == ["203,530", "203,530"]
    assert all(value != "—" for value in table["test acc (kept)"])
    (chart,) = vega_charts_with(at, VARIANTS)
    rows = chart_rows(chart, VARIANTS)
    curves = {(row["variant"], row["curve"]) for row in rows if row["kind"] == "line"}
    assert ("base", "train") in curves and ("+Dropout(0.5)", "validation") in curves, curves
    assert {row["variant"] for row in rows if row["kind"] == "gap"} == {"base", "+Dropout(0.5)"}  # Both gaps shaded.
    assert any(row["kind"] == "checkpoint" for row in rows)
    assert at.button(key="overfit_variants_start").disabled is False


def test_a_one_click_experiment_fills_the_form_so_a_tweaked_rerun_trains_the_same_variants():
    at = open_page("overfitting")
    at.checkbox(key="overfit_variants_gap").check().run()  # Something the experiment does not use.
    at.button(key="overfit_variants_experiment_batch_norm_placement").click().run()
    assert not at.exception
    assert at.session_state["overfitting"].experiment == "batch_norm_placement"
    assert any("rerun it" in info.value for info in at.info)
    # The form now holds the experiment: the small CNN on digits, the base and BatchNormalization both ways.
    assert at.selectbox(key="overfit_variants_model").value == "small_cnn"
    assert at.selectbox(key="overfit_variants_dataset").value == "mnist"
    assert at.checkbox(key="overfit_variants_base").value and at.checkbox(key="overfit_variants_batch_norm").value
    assert at.radio(key="overfit_variants_placement").value == "both"
    assert not at.checkbox(key="overfit_variants_dropout").value and not at.checkbox(key="overfit_variants_gap").value
    assert [at.number_input(key=f"overfit_variants_{name}").value for name in ("samples", "validation", "epochs")] == [
        1000, 500, 6]
    at.button(key="overfit_variants_stop").click().run()
    _wait_for(at)
    # Tweak: fewer samples and one epoch, then rerun — the same three variants train.
    for key, value in (("overfit_variants_samples", 64), ("overfit_variants_validation", 64), ("overfit_variants_epochs", 1)):
        at.number_input(key=key).set_value(value).run()
    at.button(key="overfit_variants_start").click().run()
    assert not at.exception and at.session_state["overfitting"].experiment is None
    _wait_for(at)
    table = table_starting_with(at, "Variant")
    assert list(table["Variant"]) == ["base", "+BN C+B+A", "+BN C+A+B"]
    assert (table["Status"] == "finished").all()


def test_the_dropout_experiment_fills_both_of_its_rates():
    from playground.labs.variants import EXPERIMENTS
    from playground_app.overfitting.variants import experiment_form

    form = experiment_form(EXPERIMENTS["dropout_fashion"])
    assert form["overfit_variants_dropout"] and form["overfit_variants_dropout_rates"] == [0.3, 0.5]
    assert form["overfit_variants_model"] == "fashion_dnn" and form["overfit_variants_epochs"] == 20


def test_global_pooling_on_a_network_without_convolutions_is_refused_before_training():
    at = open_page("overfitting")
    at.selectbox(key="overfit_variants_model").set_value("fashion_dnn").run()
    at.checkbox(key="overfit_variants_gap").check().run()
    assert not at.exception
    assert any("no Conv2D or pooling layer before its Flatten" in error.value for error in at.error)
    assert at.button(key="overfit_variants_start").disabled
    # Unticking everything but the base leaves one model: nothing to compare.
    at.checkbox(key="overfit_variants_gap").uncheck().run()
    at.checkbox(key="overfit_variants_dropout").uncheck().run()
    assert any("Choose between 2 and 6 models" in error.value for error in at.error)


def _open_tab(tab: str, language: str = "en") -> AppTest:
    """The page with its tab ``variants``, ``augmentation`` or ``dropout`` open (only the open tab's content runs)."""
    return open_page("overfitting", session_state={"lang": language, TABS_KEY: t(f"overfit.tab.{tab}", language)})


def test_only_the_open_tab_is_drawn():
    """Streamlit sends every tab's content to the browser unless the tabs track which one is open: the hidden
    augmentation preview and Dropout section were drawn again with every redraw of the live variants."""
    at = open_page("overfitting")
    assert at.button(key="overfit_variants_start") is not None
    assert not at.get("image") and not any("This step dropped" in text.value for text in at.markdown)
    at = _open_tab("dropout")
    assert any("This step dropped" in text.value for text in at.markdown)
    assert "overfit_variants_start" not in [button.key for button in at.button]


def test_the_augmentation_preview_draws_the_copies_and_the_code_both_ways():
    at = _open_tab("augmentation")
    assert len(at.get("image")) == 1 + 8  # The original and eight copies.
    codes = [block.value for block in at.code]
    assert any("ImageDataGenerator(" in code and "rotation_range=20" in code for code in codes)
    assert any("layers.RandomRotation(20 / 360" in code for code in codes)
    at.slider(key="overfit_aug_rotation_range").set_value(0.0).run()
    at.slider(key="overfit_aug_width_shift_range").set_value(0.0).run()
    at.slider(key="overfit_aug_height_shift_range").set_value(0.0).run()
    at.slider(key="overfit_aug_zoom_range").set_value(0.0).run()
    assert any("the copies equal the original" in caption.value for caption in at.caption)
    assert not any("RandomRotation" in block.value for block in at.code)
    at.checkbox(key="overfit_aug_horizontal_flip").check().run()
    assert any("mirrored digit" in warning.value for warning in at.warning)
    at.slider(key="overfit_aug_copies").set_value(12).run()
    assert len(at.get("image")) == 1 + 12


def test_an_uploaded_picture_goes_through_the_one_pixel_cap():
    from tests.helpers import palette_bomb_png

    at = _open_tab("augmentation")
    at.radio(key="overfit_aug_source").set_value("upload").run()
    assert any("Upload a picture" in info.value for info in at.info)
    at.file_uploader(key="overfit_aug_upload").set_value(("huge.png", palette_bomb_png(13_000), "image/png")).run()
    assert not at.exception
    assert any("megapixels" in error.value or "too large" in error.value for error in at.error), [e.value for e in at.error]
    assert len(at.get("image")) == 0


def test_dropout_made_visible_says_what_one_step_dropped_and_that_inference_changes_nothing():
    at = _open_tab("dropout")
    summary = next(text.value for text in at.markdown if "units dropped" in text.value or "This step dropped" in text.value)
    assert "of 64 units" in summary and "1/(1 − 0.5) = 2" in summary and "At inference: 0 units changed" in summary
    at.slider(key="overfit_drop_rate").set_value(0.2).run()
    summary = next(text.value for text in at.markdown if "This step dropped" in text.value)
    assert "1/(1 − 0.2) = 1.25" in summary
    chart = next(spec for spec in plotly_specs(at) if any(trace.get("meta") == "dropped" for trace in spec["data"]))
    crosses = next(trace for trace in chart["data"] if trace.get("meta") == "dropped")
    at.button(key="overfit_drop_new_step").click().run()
    chart = next(spec for spec in plotly_specs(at) if any(trace.get("meta") == "dropped" for trace in spec["data"]))
    assert next(trace for trace in chart["data"] if trace.get("meta") == "dropped")["x"] != crosses["x"]


def test_the_page_speaks_korean():
    at = open_page("overfitting", session_state={"lang": "ko"})
    assert at.title[0].value == "과대적합"
    assert at.button(key="overfit_variants_start").label == "▶ 변형 학습"
    at = _open_tab("dropout", "ko")
    assert any("학습 스텝" in text.value for text in at.markdown)  # The Dropout section's summary.
