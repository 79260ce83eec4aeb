"""AppTest of the Convolution lab: presets, stride and padding, pooling, uploads, feature maps, Korean."""

from __future__ import annotations

import io
import json

import pytest
from streamlit.testing.v1 import AppTest

from playground.labs.kernels import KERNELS
from tests.helpers import open_page



@pytest.fixture(scope="module")
def lab() -> AppTest:
    """The Convolution lab in one AppTest session (TensorFlow is imported once for the module)."""
    return open_page("convolution")


def chart_titles(at: AppTest) -> list[str]:
    """Titles of the plotly figures on the page (the full-result figure names its size and value range)."""
    titles = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec).get("layout", {})
        title = layout.get("title", {})
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


def formula_text(at: AppTest) -> str:
    return "\n".join(markdown.value for markdown in at.markdown if "out =" in markdown.value)


def test_default_page_shows_the_formula_and_the_animation(lab):
    assert "= **26**" in formula_text(lab)  # 28×28 digit, 3×3 kernel, valid: 26.
    assert any("Full result 26×26" in title for title in chart_titles(lab))
    animation = json.loads(lab.get("plotly_chart")[-1].proto.spec)
    assert len(animation["frames"]) == 36  # 8×8 region, 3×3 kernel, valid: 6×6 output cells.


@pytest.mark.parametrize("preset", list(KERNELS))
def test_every_preset_renders_a_result(lab, preset):
    lab.selectbox(key="conv_preset").set_value(preset).run()
    assert not lab.exception
    assert not lab.error
    titles = [title for title in chart_titles(lab) if title.startswith("Full result")]
    assert titles, "no full result shown"
    if preset in ("sobel_x", "sobel_y", "laplacian"):
        assert "-" in titles[0].split("values")[1]  # Edge detectors give negative responses on a digit.
    lab.selectbox(key="conv_preset").set_value("identity").run()


def test_stride_two_with_same_padding_halves_the_size(lab):
    lab.slider(key="conv_stride").set_value(2)
    lab.radio(key="conv_padding").set_value("same").run()
    assert not lab.exception and not lab.error
    text = formula_text(lab)
    assert "= **14**" in text  # ceil(28 / 2)
    assert "top 0, bottom 1, left 0, right 1" in text  # Keras's asymmetric padding for this case.
    assert any("Full result 14×14" in title for title in chart_titles(lab))


def test_stride_with_dilation_is_refused_like_keras(lab):
    lab.slider(key="conv_dilation").set_value(2).run()
    assert not lab.exception
    assert any("stride or the dilation to 1" in error.value for error in lab.error)
    lab.slider(key="conv_dilation").set_value(1)
    lab.slider(key="conv_stride").set_value(1)
    lab.radio(key="conv_padding").set_value("valid").run()
    assert not lab.error


def test_kernel_edits_are_used_and_an_emptied_cell_gets_a_message(lab):
    assert lab.data_editor, "kernel editor missing"
    edits = {"edited_rows": {1: {"1": 2.0}}, "added_rows": [], "deleted_rows": []}
    lab.session_state["conv_kernel_identity_3"] = edits  # Centre weight 1 → 2 doubles the image.
    lab.run()
    assert any("values 0.00 … 2.00" in title for title in chart_titles(lab))
    lab.session_state["conv_kernel_identity_3"] = {**edits, "edited_rows": {0: {"0": None}}}
    lab.run()
    assert not lab.exception
    assert any("Fill every cell" in error.value for error in lab.error)
    lab.session_state["conv_kernel_identity_3"] = {**edits, "edited_rows": {}}
    lab.run()
    assert not lab.error


def test_pooling_section_with_same_padding(lab):
    lab.radio(key="conv_section").set_value("pool").run()
    lab.radio(key="conv_pool_padding").set_value("same")
    lab.slider(key="conv_pool_size").set_value(3).run()
    assert not lab.exception and not lab.error
    assert "= **10**" in formula_text(lab)  # ceil(28 / 3)
    lab.radio(key="conv_pool_mode").set_value("average").run()
    assert not lab.exception
    assert any("only the real cells" in caption.value for caption in lab.caption)
    lab.radio(key="conv_section").set_value("conv").run()


def test_corrupt_upload_gets_a_clear_message_and_a_good_one_is_used(lab):
    lab.selectbox(key="conv_source").set_value("upload").run()
    lab.file_uploader(key="conv_upload").set_value(("holiday.png", b"\x89PNG not really", "image/png")).run()
    assert not lab.exception
    assert any("'holiday.png' is not a readable image" in error.value for error in lab.error)
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 200, 30)).save(buffer, format="PNG")
    lab.file_uploader(key="conv_upload").set_value(("green.png", buffer.getvalue(), "image/png")).run()
    assert not lab.exception and not lab.error
    assert any("Input (10×20, RGB, 3 channels)" in title for title in chart_titles(lab))
    lab.selectbox(key="conv_source").set_value("mnist_digit").run()


def test_a_decompression_bomb_upload_is_refused_and_the_previous_picture_kept(lab):
    from PIL import Image

    from tests.helpers import palette_bomb_png

    lab.selectbox(key="conv_source").set_value("upload").run()
    buffer = io.BytesIO()
    Image.new("L", (12, 16), 200).save(buffer, format="PNG")
    lab.file_uploader(key="conv_upload").set_value(("small.png", buffer.getvalue(), "image/png")).run()
    lab.file_uploader(key="conv_upload").set_value(("tiny.png", palette_bomb_png(13_000), "image/png")).run()
    assert not lab.exception
    assert any("'tiny.png' is too large (169 megapixels; the limit is 40)" in error.value for error in lab.error)
    assert any("Input (16×12, grayscale" in title for title in chart_titles(lab))  # what the learner had
    lab.selectbox(key="conv_source").set_value("mnist_digit").run()


def test_feature_maps_of_the_build_page_model(lab):
    from playground_app.state import SHARED_KEY, SharedState

    spec = {"input_shape": [28, 28, 1], "layers": [
        {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"},
        {"type": "MaxPooling2D", "pool_size": 2}, {"type": "Flatten"}, {"type": "Dense", "units": 10}]}
    lab.session_state[SHARED_KEY] = SharedState(spec=spec)
    lab.radio(key="conv_section").set_value("features").run()
    options = lab.selectbox(key="conv_fm_model").options
    lab.selectbox(key="conv_fm_model").set_value(next(option for option in options if "Build" in option)).run()
    assert not lab.exception and not lab.error
    assert any("untrained" in info.value or "not been trained" in info.value for info in lab.info)
    layers = [markdown.value for markdown in lab.markdown if "output" in markdown.value and "·" in markdown.value]
    assert len(layers) == 2 and "26×26×4" in layers[0] and "13×13×4" in layers[1]
    lab.radio(key="conv_section").set_value("conv").run()


def test_page_speaks_korean():
    at = open_page("convolution", session_state={"lang": "ko"})  # The sidebar radio's key.
    assert at.title[0].value == "합성곱 실험실"
    assert "높이" in formula_text(at)
    assert at.selectbox(key="conv_preset").value == "identity"
    assert "항등" in at.selectbox(key="conv_preset").options[0]
