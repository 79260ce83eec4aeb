"""The Train page in AppTest: trains real bundled data, shows curves, metrics, confusion matrix; checks and fixes."""

from __future__ import annotations


import time

import pytest
from streamlit.testing.v1 import AppTest
from tests.helpers import chart_rows, curves_charts, open_page

pytestmark = pytest.mark.slow


def _open_train_page() -> AppTest:
    return open_page("train")


def _wait_for_runs(at: AppTest, timeout: float = 150.0) -> None:
    """AppTest runs the script synchronously; the training thread goes on, so wait and rerun."""
    state = at.session_state["train"]
    deadline = time.monotonic() + timeout
    while state.active_runs() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not state.active_runs(), "training did not end in time"
    at.run()
    assert not at.exception


def test_iris_trains_and_shows_curves_metrics_and_confusion_matrix():
    at = _open_train_page()
    assert at.session_state["train_dataset"] == "iris"
    assert any("softmax" in markdown.value and "sparse_categorical_crossentropy" in markdown.value
               for markdown in at.markdown), "the page should propose the output layer and loss"
    # Long enough to still train when the page that answers the click ends: that page waits for the first points, and
    # for a run about to end (2 epochs of IRIS on warm workers ended within it, and the page drew Train enabled again).
    at.number_input(key="train_epochs").set_value(60).run()
    at.checkbox(key="train_checkpoint").check().run()
    # The exported code is the one exporter's: the model, its compile call and the fit with these options.
    code = at.code[0].value
    assert "model = Sequential()" in code and "epochs=60" in code and "monitor='val_loss'" in code
    at.button(key="train_start").click().run()
    assert not at.exception
    # A second click would start a second run: the page that answers the click already shows it busy.
    assert at.button(key="train_start").disabled, "Train is still clickable right after the click"
    _wait_for_runs(at)
    run = at.session_state["train"].runs[-1]
    assert run.status == "finished"
    assert len(run.snapshot().epochs) == 60
    confusion = [chart for chart in at.get("vega_lite_chart")
                 if '"rect"' in chart.proto.spec and '"predicted"' in chart.proto.spec]
    assert confusion, "confusion matrix missing"
    cells = chart_rows(confusion[0])
    assert sum(cell["count"] for cell in cells) == len(run.snapshot().results.predictions)
    ((_, points),) = curves_charts(at)
    curve_names = {point["curve"] for point in points}
    assert any("validation" in name for name in curve_names) and any("train" in name for name in curve_names)
    metric_labels = [metric.label for metric in at.metric]
    assert "test accuracy" in metric_labels and "test loss" in metric_labels
    assert any("finished" in str(element.proto) for element in at.get("progress"))
    table = next(frame.value for frame in at.dataframe if "run" in frame.value.columns)
    assert table.iloc[0]["run"] == run.config.label and table.iloc[0]["status"] == "finished"
    assert run.config.label in at.session_state["shared"].models
    downloads = [str(button.proto.label) for button in at.get("download_button")]
    assert downloads == ["History as CSV", "Model as .keras", "Best checkpoint as .keras"], "the model was not published to other pages"
    # An IRIS model reads four numbers: neither Draw nor the Convolution lab can use it, so nothing says they can.
    assert not [caption.value for caption in at.caption if "can now" in caption.value]
    # One example of the 30 test flowers: numbered 0-29, as the box takes them (its label said 0–30).
    chooser = at.number_input(key="train_predict_index")
    assert (chooser.min, chooser.max) == (0, 29) and "(0–29)" in chooser.label, chooser.label


def test_mnist_subset_trains_a_dnn_and_shows_misclassified_digits():
    at = _open_train_page()
    at.selectbox(key="train_preset").set_value("mnist_dnn").run()
    assert at.session_state["train_dataset"] == "mnist"
    assert any("reshaped automatically" in info.value for info in at.info)
    at.slider(key="train_samples").set_value(160).run()
    at.number_input(key="train_epochs").set_value(1).run()
    at.button(key="train_start").click().run()
    _wait_for_runs(at)
    run = at.session_state["train"].runs[-1]
    assert run.status == "finished", run.snapshot().error_fields
    confusion = run.snapshot().results.confusion
    assert len(confusion) == 10
    # A Dense model on 28×28 digits: Draw can use it; it has no convolution for the lab's feature maps.
    promises = [caption.value for caption in at.caption if "can now" in caption.value]
    assert promises == [f"The Draw page can now use this model ({run.config.label})."]
    if run.snapshot().results.misclassified:
        captions = [str(image.proto) for image in at.get("image")]
        assert any(" → " in caption for caption in captions), "misclassified gallery missing"


def test_categorical_loss_with_integer_labels_blocks_training_until_a_fix_is_clicked():
    at = _open_train_page()
    at.selectbox(key="train_loss").set_value("categorical_crossentropy").run()
    assert any("are incompatible" in warning.value for warning in at.warning)
    assert at.button(key="train_start").disabled
    fix_labels = [button.label for button in at.button if button.key and button.key.startswith("train_fix_")]
    assert fix_labels == ["Switch to sparse_categorical_crossentropy", "One-hot encode the labels"]
    at.button(key="train_fix_0_1").click().run()
    assert not at.exception
    assert at.checkbox(key="train_one_hot").value is True
    assert not at.warning and not at.button(key="train_start").disabled


def test_wrong_output_layer_is_fixed_with_one_click():
    at = _open_train_page()
    at.selectbox(key="train_preset").set_value("breast_cancer").run()
    at.selectbox(key="train_dataset").set_value("iris").run()  # A 1-unit sigmoid model on three classes.
    assert at.warning and at.button(key="train_start").disabled
    assert any("sigmoid output" in warning.value for warning in at.warning)
    head_fix = next(button for button in at.button if button.label.startswith("Use Dense(3"))
    head_fix.click().run()
    assert not at.exception
    assert at.session_state["train"].working_spec["layers"][-1] == {"type": "Dense", "units": 3, "activation": "softmax"}
    # The input shape still differs (30 features vs 4 per flower): explained, with its own fix.
    assert [warning.value for warning in at.warning if "sigmoid" in warning.value] == []
    assert any("(30,)" in warning.value for warning in at.warning)
    next(button for button in at.button if button.label.startswith("Set the model's input shape")).click().run()
    assert not at.warning and not at.button(key="train_start").disabled


def test_page_renders_in_korean():
    at = _open_train_page()
    at.session_state["lang"] = "ko"  # AppTest's switch_page runs the page without the app's sidebar.
    at.run()
    assert not at.exception
    assert at.title[0].value == "학습"
    assert at.button(key="train_start").label == "학습 시작"


def test_the_head_section_quotes_the_batch_size_chosen_in_the_options_below_it():
    """The head is drawn above the options but checks their batch size (the page draws the options first)."""
    at = _open_train_page()
    at.select_slider(key="train_batch_size").set_value(128)
    at.selectbox(key="train_loss").set_value("categorical_crossentropy").run()
    assert not at.exception
    assert any("(128, 1)" in warning.value for warning in at.warning)
    # The head section still sits above the options on the page.
    subheaders = [element.value for element in at.subheader]
    assert subheaders.index("2. Output layer and loss") < subheaders.index("3. How to train")
