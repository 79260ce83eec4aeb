"""AppTest of the Build page: presets, the summary table, editing the stack, errors, the link."""

from __future__ import annotations


import pytest
from streamlit.testing.v1 import AppTest

from playground.spec.presets import PRESETS
from playground.spec import build_model, spec_from_url_param, spec_to_url_param, summarize
from tests.helpers import open_page, top_level_place



def _open(query_params: dict[str, str] | None = None) -> AppTest:
    return open_page("build", query_params=query_params)


def _load_preset(at: AppTest, name: str) -> None:
    at.selectbox(key="build_preset").set_value(name)
    at.button(key="build_load_preset").click().run()
    assert not at.exception


def _state(at: AppTest):
    return at.session_state["build"]


def _table(at: AppTest) -> list[dict[str, str]]:
    return at.dataframe[0].value.to_dict("records")


def _metrics(at: AppTest) -> dict[str, str]:
    """The totals under the summary, as model.summary() ends: one "label: **number**" line each."""
    lines = [line for markdown in at.markdown for line in markdown.value.split("  \n") if line.endswith("**")]
    return dict(line[:-2].split(": **") for line in lines if ": **" in line)


def _errors(at: AppTest) -> list[str]:
    return [element.value for element in at.error]


def _click_layer_button(at: AppTest, action: str, index: int) -> None:
    uid = _state(at).uids[index]
    at.button(key=f"build_{action}_{uid}").click().run()
    assert not at.exception


def test_loading_a_preset_shows_keras_summary_and_totals():
    at = _open()
    _load_preset(at, "deep_cnn_bn")
    keras_model = build_model(PRESETS["deep_cnn_bn"])
    rows = _table(at)
    assert len(rows) == len(keras_model.layers)
    assert [row["Output shape"] for row in rows] == [str(tuple(layer.output.shape)) for layer in keras_model.layers]
    assert [row["Param #"] for row in rows] == [f"{layer.count_params():,}" for layer in keras_model.layers]
    metrics = _metrics(at)
    trainable = sum(int(weight.numpy().size) for weight in keras_model.trainable_weights)
    assert metrics["Total params"] == f"{keras_model.count_params():,}"
    assert metrics["Trainable params"] == f"{trainable:,}"
    # BatchNormalization's moving mean and variance are the non-trainable part.
    assert metrics["Non-trainable params"] == f"{keras_model.count_params() - trainable:,}"
    assert keras_model.count_params() - trainable > 0
    assert any("Loaded" in element.value for element in at.success)


def test_adding_a_layer_updates_table_and_shared_spec():
    at = _open()
    _load_preset(at, "mnist_dnn")
    before = len(_table(at))
    at.selectbox(key="build_new_type").set_value("Dropout")
    at.button(key="build_add").click().run()
    assert not at.exception
    rows = _table(at)
    assert len(rows) == before + 1
    assert rows[-1]["Layer (type)"].endswith("(Dropout)")
    assert at.session_state["shared"].spec["layers"][-1]["type"] == "Dropout"


def test_editing_an_argument_changes_the_parameter_count():
    at = _open()
    _load_preset(at, "mnist_dnn")
    uid = _state(at).uids[1]  # Dense(16) after Flatten: 784 * 16 + 16 parameters.
    at.number_input(key=f"build_f_{uid}_units").set_value(32).run()
    assert not at.exception
    expected = summarize({"input_shape": [28, 28], "layers": [
        {"type": "Flatten"}, {"type": "Dense", "units": 32, "activation": "relu"},
        {"type": "Dense", "units": 8, "activation": "relu"}, {"type": "Dense", "units": 10, "activation": "softmax"}]})
    assert _metrics(at)["Total params"] == f"{expected.total_params:,}"
    assert _state(at).spec["layers"][1]["units"] == 32


def test_breaking_the_stack_marks_the_layer_and_keeps_everything():
    at = _open()
    _load_preset(at, "mnist_dnn")
    valid_link = at.query_params["model"]
    at.selectbox(key="build_new_type").set_value("Conv2D")
    at.button(key="build_add").click().run()
    # Move the new Conv2D up to right after Flatten (layer 2): the image shape is gone there.
    for index in (4, 3, 2):
        _click_layer_button(at, "up", index)
    layers = _state(at).spec["layers"]
    assert [layer["type"] for layer in layers] == ["Flatten", "Conv2D", "Dense", "Dense", "Dense"]
    errors = _errors(at)
    assert any("Conv2D (layer 2)" in text and "(None, 784)" in text for text in errors), errors
    assert any("cannot be built yet" in element.value for element in at.warning)
    # The rest of the stack is kept; Train/Compare and the link still hold the last valid model.
    assert len(layers) == 5
    assert [layer["type"] for layer in at.session_state["shared"].spec["layers"]] == ["Flatten", "Dense", "Dense",
                                                                                         "Dense"]
    assert at.query_params["model"] == valid_link
    # Deleting the misplaced Conv2D makes the stack valid again.
    _click_layer_button(at, "del", 1)
    assert not _errors(at)
    assert len(_table(at)) == 4


def test_delete_duplicate_and_move():
    at = _open()
    _load_preset(at, "breast_cancer")
    assert [row["Layer (type)"] for row in _table(at)] == ["dense_1 (Dense)", "dense_2 (Dense)", "dense_3 (Dense)"]
    _click_layer_button(at, "dup", 0)
    assert [layer.get("units") for layer in _state(at).spec["layers"]] == [16, 16, 8, 1]
    _click_layer_button(at, "down", 0)
    _click_layer_button(at, "del", 3)
    assert [layer.get("units") for layer in _state(at).spec["layers"]] == [16, 16, 8]
    _click_layer_button(at, "up", 2)
    assert [layer.get("units") for layer in _state(at).spec["layers"]] == [16, 8, 16]
    assert [row["Output shape"] for row in _table(at)] == ["(None, 16)", "(None, 8)", "(None, 16)"]


def test_the_link_reproduces_the_model_and_follows_edits():
    param = spec_to_url_param(PRESETS["iris"])
    at = _open({"model": param})
    assert [row["Output shape"] for row in _table(at)] == ["(None, 10)", "(None, 20)", "(None, 10)", "(None, 3)"]
    assert any("link" in element.value for element in at.success)
    _click_layer_button(at, "del", 2)
    reopened = spec_from_url_param(at.query_params["model"])
    assert [layer["units"] for layer in reopened["layers"]] == [10, 20, 3]
    # A second session opening that link sees the edited model.
    other = _open({"model": at.query_params["model"]})
    assert [row["Output shape"] for row in _table(other)] == ["(None, 10)", "(None, 20)", "(None, 3)"]


def test_a_rerun_that_still_carries_the_pages_older_link_keeps_the_latest_edit():
    """Under load the browser may send a rerun before it has the link the page last wrote (it still shows the
    older one): that is the page's own past, and reloading it would throw away the learner's newest edit."""
    at = _open()
    _load_preset(at, "breast_cancer")
    older = at.query_params["model"]
    _click_layer_button(at, "dup", 0)
    assert at.query_params["model"] != older

    at.query_params["model"] = older
    at.run()

    assert not at.exception, at.exception
    assert [layer.get("units") for layer in _state(at).spec["layers"]] == [16, 16, 8, 1]
    assert not any("link" in element.value for element in at.success)


@pytest.mark.parametrize("broken", ["1.not-base64!!", "garbage", "1." + "A" * 7000])
def test_a_broken_link_says_so_and_keeps_the_default_model(broken: str):
    at = _open({"model": broken})
    (message,) = _errors(at)
    # Said once, whole, in plain words: no message quoted inside another, no Python error names.
    assert message.count("The model in this link") == 1 and message.count("is kept") == 1, message
    assert "Error" not in message and "format" not in message, message
    assert len(_table(at)) == len(PRESETS["mnist_cnn"]["layers"])


def test_a_link_holding_an_invalid_model_names_the_layer_once():
    """The link decodes, but its model has a Lambda: the layer's own reason, introduced once as coming from the link."""
    import base64
    import zlib

    body = b'{"input_shape": [4], "layers": [{"type": "Lambda"}]}'
    link = "1." + base64.urlsafe_b64encode(zlib.compress(body)).decode("ascii").rstrip("=")
    (message,) = _errors(_open({"model": link}))
    assert "Lambda" in message and message.count("could not be opened") == 1, message


def test_an_oversized_link_is_refused_with_the_apps_own_message_and_the_model_kept():
    # 100,000 characters: past what a server accepts (h11: 16 KiB), below what Streamlit drops (512 Ki).
    at = _open({"model": "1." + "A" * 100_000})
    assert not at.exception
    errors = _errors(at)
    assert any("100,002 characters long" in text and "at most 6,000" in text and "JSON" in text for text in errors)
    assert len(_table(at)) == len(PRESETS["mnist_cnn"]["layers"])
    assert len(at.query_params["model"]) < 1_000  # the address bar holds the kept model's own link again


def test_a_model_too_large_for_a_link_gets_no_link_and_says_to_share_a_file(monkeypatch):
    from playground.spec import io as spec_io

    # Every preset's link is a few hundred characters; a cap of 50 makes one "too large".
    monkeypatch.setattr(spec_io, "MAX_URL_CHARACTERS", 50)
    at = _open()
    assert not at.exception
    assert "model" not in at.query_params
    assert any("too large to share as a link" in box.value and "JSON file" in box.value for box in at.info)


def test_code_and_korean():
    at = _open()
    assert any("model = Sequential()" in block.value for block in at.code)
    # (AppTest drops the sidebar tree after switch_page, so the radio is set through its key.)
    at.session_state["lang"] = "ko"
    at.run()
    assert not at.exception
    assert at.title[0].value == "모델 만들기"
    assert "전체 파라미터" in _metrics(at)


def test_the_totals_are_lines_of_text_that_wrap_never_cut():
    """As three st.metric side by side in the summary's column, "Non-trainable params" was cut with an ellipsis, and
    at a 1,100-px window the numbers too ("34,…"): the totals are model.summary()'s last three lines."""
    at = _open()
    assert not at.metric
    assert list(_metrics(at)) == ["Total params", "Trainable params", "Non-trainable params"]
    at.session_state["lang"] = "ko"
    at.run()
    assert list(_metrics(at)) == ["전체 파라미터", "학습 파라미터", "비학습 파라미터"]


@pytest.mark.parametrize("language, size", [("en", "400 KB"), ("ko", "400KB")])
def test_the_json_uploader_states_its_own_limit(language: str, size: str):
    at = _open()
    at.session_state["lang"] = language
    at.run()
    uploader = at.get("file_uploader")[0]
    assert size in uploader.proto.help
    # Streamlit's own caption shows the uploader's limit: no longer the server's 50 MB.
    assert uploader.proto.max_upload_size_mb == 1


def _expander_of(at: AppTest, uid: int):
    return next(block for block in at.expander if block.proto.label == "Edit arguments"
                and any(getattr(child, "key", "") and f"_{uid}_" in child.key for child in block))


def test_the_argument_editor_stays_open_while_an_error_in_it_is_fixed():
    at = _open()
    uid = _state(at).uids[0]  # mnist_cnn's first Conv2D.
    at.text_input(key=f"build_f_{uid}_kernel_size").set_value("30").run()  # Larger than the 28×28 input.
    assert _errors(at)
    assert _expander_of(at, uid).proto.expanded
    at.text_input(key=f"build_f_{uid}_kernel_size").set_value("5").run()
    assert not at.exception and not _errors(at)
    assert _expander_of(at, uid).proto.expanded, "the editor snapped shut as soon as the error was fixed"


def test_the_preset_box_says_custom_once_the_stack_differs():
    at = _open()
    assert at.selectbox(key="build_preset").value == "mnist_cnn"
    uid = _state(at).uids[-1]
    at.number_input(key=f"build_f_{uid}_units").set_value(12).run()
    assert at.selectbox(key="build_preset").value is None
    assert "Custom" in at.selectbox(key="build_preset").proto.placeholder
    _load_preset(at, "iris")
    assert at.selectbox(key="build_preset").value == "iris"
    # A link holding a preset's model names that preset.
    other = _open({"model": spec_to_url_param(PRESETS["iris"])})
    assert other.selectbox(key="build_preset").value == "iris"


def test_the_summary_shows_every_row_and_whole_numbers():
    """Columns are as wide as their longest text (no "22,5…"); a deep model's 20 rows all show."""
    import json

    at = _open()
    _load_preset(at, "deep_cnn_bn")
    table = at.dataframe[0]
    rows = _table(at)
    assert len(rows) == 20
    widths = {name: column["width"] for name, column in json.loads(table.proto.columns).items() if "width" in column}
    for header in ("Layer (type)", "Output shape", "Param #"):
        longest = max([header, *(row[header] for row in rows)], key=len)
        assert widths[header] >= 6.2 * len(longest) + 16, (header, longest, widths)


def test_a_selected_row_explains_its_parameter_count():
    at = _open()
    assert any("Click a row" in caption.value for caption in at.caption)
    at.session_state["build_summary_table"] = {"selection": {"rows": [], "columns": [], "cells": [[0, "Layer (type)"]]}}
    at.run()
    assert not at.exception
    texts = [element.value for element in at.info]
    assert any("conv2d_1 (Conv2D)" in text and "320 parameters = (3·3·1 + 1) · 32" in text for text in texts), texts


def test_a_notice_coming_and_going_leaves_the_editor_where_it_was():
    """A loaded preset's notice shows once; the elements below it keep their places while it comes and goes (a moved
    widget shows twice in the browser until the run ends)."""
    at = _open()
    place = top_level_place(at, "build_load_preset")
    _load_preset(at, "iris")
    assert at.success  # "Loaded the preset …"
    assert top_level_place(at, "build_load_preset") == place
    at.run()
    assert not at.success
    assert top_level_place(at, "build_load_preset") == place
