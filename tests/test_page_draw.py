"""The Draw page, driven through AppTest with drawings injected into the canvas's state."""

from __future__ import annotations

import base64
import io

from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from playground.labs.digits_augment import render_as_canvas
from playground.labs.digits_training import held_out_split, load_bundled_digits
from playground_app.draw.input import CANVAS_KEY, read_upload
from tests.helpers import png_header
from tests.helpers import open_page



def canvas_state(rgba: np.ndarray) -> dict:
    """The value the canvas component keeps in session state after a stroke (a PNG data URL)."""
    buffer = io.BytesIO()
    Image.fromarray(rgba).save(buffer, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"drawing": {"raw": {"objects": [{"type": "path"}], "background": "#000000"}, "data": url}, "backgroundFit": None}


def open_draw_page(**session: object) -> AppTest:
    return open_page("draw", session_state=session)


@pytest.fixture(scope="module")
def held_out_drawings() -> list[tuple[np.ndarray, int]]:
    """Three held-out MNIST digits rendered as canvas drawings (never trained on)."""
    images, labels = load_bundled_digits()
    _, held_out = held_out_split(labels)
    rng = np.random.default_rng(3)
    chosen = [held_out[labels[held_out] == digit][0] for digit in (2, 5, 7)]
    return [(render_as_canvas(images[index], rng), int(labels[index])) for index in chosen]


def metric_values(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_empty_canvas_asks_for_a_digit_instead_of_guessing():
    at = open_draw_page()
    assert at.title[0].value == "Draw"
    assert any("Draw a digit" in info.value for info in at.info)
    assert not at.metric


def test_a_drawn_digit_gets_a_prediction_and_a_28_by_28_preview(held_out_drawings):
    for drawing, label in held_out_drawings:
        at = open_draw_page(**{CANVAS_KEY: canvas_state(drawing)})
        values = metric_values(at)
        assert values["Prediction"] == str(label)
        assert float(values["Confidence"].rstrip("%")) > 50
        charts = [chart.proto.spec for chart in at.get("plotly_chart")]
        assert any('"heatmap"' in spec for spec in charts), "the 28×28 model input is not shown"
        assert any('"bar"' in spec for spec in charts), "the probability chart is not shown"


def test_clearing_the_canvas_goes_back_to_draw_a_digit(held_out_drawings):
    at = open_draw_page(**{CANVAS_KEY: canvas_state(held_out_drawings[0][0])})
    assert at.metric
    cleared = np.zeros((280, 280, 4), dtype=np.uint8)
    cleared[..., 3] = 255
    at.session_state[CANVAS_KEY] = canvas_state(cleared)
    at.run()
    assert not at.exception and not at.metric
    assert any("Draw a digit" in info.value for info in at.info)


def test_korean_page(held_out_drawings):
    at = open_draw_page(lang="ko", **{CANVAS_KEY: canvas_state(held_out_drawings[1][0])})
    assert at.title[0].value == "숫자 그리기"
    assert "예측" in metric_values(at)


def test_an_incompatible_trained_model_is_refused_with_its_reason(held_out_drawings):
    import keras

    from playground_app.state import SharedState

    cifar_like = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    at = open_draw_page(
        shared=SharedState(models={"cifar mlp": SimpleNamespace(model=cifar_like)}), **{CANVAS_KEY: canvas_state(held_out_drawings[2][0])}
    )
    at.selectbox(key="draw_model").set_value("cifar mlp").run()
    assert not at.exception
    warnings = " ".join(warning.value for warning in at.warning)
    assert "cifar mlp" in warnings and "32×32×3" in warnings and "28×28×1" in warnings
    # The default model answers instead, so the learner still sees a prediction.
    assert metric_values(at)["Prediction"] == str(held_out_drawings[2][1])


def test_a_compatible_trained_model_is_used(held_out_drawings):
    import keras

    from playground_app.state import SharedState

    # A model that always says 3, whatever it sees: its answer proves it was the one used.
    always_three = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")]
    )
    kernel, bias = always_three.layers[-1].get_weights()
    bias[:] = -10.0
    bias[3] = 10.0
    always_three.layers[-1].set_weights([np.zeros_like(kernel), bias])
    at = open_draw_page(
        shared=SharedState(models={"my cnn": SimpleNamespace(model=always_three)}), **{CANVAS_KEY: canvas_state(held_out_drawings[0][0])}
    )
    at.selectbox(key="draw_model").set_value("my cnn").run()
    assert not at.exception and not at.warning
    assert metric_values(at)["Prediction"] == "3"


def test_upload_mode_without_a_file_explains_what_to_do():
    at = open_draw_page()
    at.radio(key="draw_source").set_value("upload").run()
    assert not at.exception
    assert any("Upload a picture" in info.value for info in at.info)


def encoded(picture: Image.Image, format_name: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=format_name)
    return buffer.getvalue()


def test_uploads_are_decoded_or_refused_with_a_reason():
    photo = Image.fromarray(np.full((60, 40, 3), 230, dtype=np.uint8))
    assert read_upload(encoded(photo, "JPEG")).picture.size == (40, 60)
    not_an_image = read_upload(b"this is a text file, not a picture")
    assert not_an_image.picture is None and not_an_image.error_key == "draw.upload_bad"
    truncated = read_upload(encoded(photo)[:60])
    assert truncated.picture is None and truncated.error_key == "draw.upload_bad"
    huge = read_upload(encoded(Image.new("L", (9000, 9000))))
    assert huge.picture is None and huge.error_key == "draw.upload_too_big"
    # Pillow refuses this one itself while opening it; the learner still reads "too large", not its exception.
    bomb = read_upload(png_header(20_000, 20_000))
    assert bomb.picture is None and bomb.error_key == "draw.upload_too_big"
    assert "400 megapixels" in bomb.error and "DecompressionBomb" not in bomb.error
    phone_photo = read_upload(encoded(Image.new("RGB", (6000, 4000), "white"), "JPEG"))
    assert max(phone_photo.picture.size) <= 1120 and phone_photo.picture.size[0] > phone_photo.picture.size[1]


def test_feature_maps_of_the_drawn_digit_are_shown_on_request(held_out_drawings):
    at = open_draw_page(**{CANVAS_KEY: canvas_state(held_out_drawings[0][0])})
    charts_before = len(at.get("plotly_chart"))
    at.toggle(key="draw_show_features").set_value(True).run()
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) > charts_before
    assert at.session_state["draw"].show_features is True


def test_the_default_model_says_how_accurate_it_is():
    from playground.labs.digits import DEFAULT_MODEL_HELD_OUT_ACCURACY

    at = open_draw_page()
    claimed = f"{DEFAULT_MODEL_HELD_OUT_ACCURACY:.1%}"
    assert any(claimed in caption.value and "1,000" in caption.value for caption in at.caption)


def test_an_uploaded_photo_of_dark_ink_on_paper_is_predicted(monkeypatch, held_out_drawings):
    from playground_app.draw import input as draw_input

    drawing, label = held_out_drawings[1]
    # A photo-like picture: dark ink on light, uneven paper, larger than the canvas.
    ink = np.asarray(Image.fromarray(drawing[..., 0]).resize((600, 600)), dtype=np.float32) / 255
    paper = 210 + np.linspace(-25, 25, 600)[None, :] - 170 * ink
    photo = Image.fromarray(paper.clip(0, 255).astype(np.uint8)).convert("RGB")
    monkeypatch.setattr(draw_input, "uploaded_picture", lambda: draw_input.UploadResult(picture=photo))
    at = open_draw_page(draw_source="upload")
    assert metric_values(at)["Prediction"] == str(label)


def test_a_refused_upload_shows_the_reason_and_no_guess(monkeypatch):
    from playground_app.draw import input as draw_input

    refused = draw_input.UploadResult(error_key="draw.upload_bad", error_fields={"detail": "truncated file"})
    monkeypatch.setattr(draw_input, "uploaded_picture", lambda: refused)
    at = open_draw_page(draw_source="upload")
    assert any("could not be read as a picture (truncated file)" in error.value for error in at.error)
    assert not at.metric and not at.info  # No contradicting "looks blank" next to the error.


def test_grad_cam_of_the_drawn_digit_is_shown_on_request(held_out_drawings):
    at = open_draw_page(**{CANVAS_KEY: canvas_state(held_out_drawings[0][0])})
    assert not any(caption.value.startswith("Red: the places") for caption in at.caption)
    at.toggle(key="draw_show_gradcam").set_value(True).run()
    assert not at.exception
    assert any(caption.value.startswith("Red: the places") for caption in at.caption)
    assert at.session_state["draw"].show_gradcam
