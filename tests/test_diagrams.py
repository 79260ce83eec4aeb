"""visualkeras diagrams of Keras 3 models: every layer type, every preset, readable PNGs."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image, ImageStat

from playground.spec import diagrams
from playground.spec.layers import LAYER_TYPES, new_layer
from playground.spec.presets import PRESETS
from playground.spec import build_model, summarize

# One small model per registry type: the input each type needs, then the type with its starter
# arguments (what "Add layer" gives a learner), then a Dense so every model has two layers.
_IMAGE = [12, 12, 3]
_SEQUENCE = [6, 4]
INPUT_FOR_TYPE: dict[str, list[int]] = {
    "Dense": [20],
    "InputFeatures": [2],
    "Conv2D": _IMAGE,
    "MaxPooling2D": _IMAGE,
    "AveragePooling2D": _IMAGE,
    "GlobalAveragePooling2D": _IMAGE,
    "Flatten": _IMAGE,
    "Reshape": [784],
    "Dropout": [20],
    "BatchNormalization": _IMAGE,
    "Activation": [20],
    "LeakyReLU": [20],
    "Rescaling": _IMAGE,
    "SimpleRNN": _SEQUENCE,
    "LSTM": _SEQUENCE,
    "GRU": _SEQUENCE,
    "Embedding": [10],
}


def _type_spec(type_name: str) -> dict[str, Any]:
    if type_name == "InputLayer":
        return {"input_shape": None, "layers": [new_layer("InputLayer"), {"type": "Flatten"},
                                               {"type": "Dense", "units": 4}]}
    return {"input_shape": INPUT_FOR_TYPE[type_name],
            "layers": [new_layer(type_name), {"type": "Dense", "units": 4}]}


def _decode(png: bytes) -> Image.Image:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _assert_drawn(png: bytes, min_width: int = 60, min_height: int = 30) -> Image.Image:
    """A real picture: decodes, has a sensible size, and is not one flat colour."""
    image = _decode(png)
    width, height = image.size
    assert width >= min_width and height >= min_height, image.size
    assert max(image.size) <= diagrams.MAX_IMAGE_SIDE
    grey = image.convert("L")
    low, high = grey.getextrema()
    assert high - low > 100, "the diagram is blank"
    # Not a white sheet with a few stray pixels: a visible share of the picture is drawn.
    drawn = sum(1 for value in grey.getdata() if value < 200) / (width * height)
    assert drawn > 0.02, f"only {drawn:.1%} of the picture is drawn"
    return image


def test_the_test_table_covers_every_registry_type():
    assert set(INPUT_FOR_TYPE) | {"InputLayer"} == set(LAYER_TYPES)


@pytest.mark.parametrize("type_name", list(LAYER_TYPES))
def test_both_views_draw_every_layer_type(type_name: str):
    spec = _type_spec(type_name)
    if spec["input_shape"] is None:
        del spec["input_shape"]
    model = build_model(spec)
    _assert_drawn(diagrams.layered_view_png(model))
    _assert_drawn(diagrams.graph_view_png(model))


@pytest.mark.parametrize("preset_name", list(PRESETS))
def test_both_views_draw_every_preset(preset_name: str):
    model = build_model(PRESETS[preset_name])
    layered = _assert_drawn(diagrams.layered_view_png(model), min_width=200)
    graph = _assert_drawn(diagrams.graph_view_png(model), min_width=200)
    # The graph view puts one row per layer below the input, so deeper models are taller, not wider.
    assert graph.height >= 70 * len(model.layers)
    assert layered.width <= diagrams.MAX_WIDTH
    assert layered.mode == graph.mode == "RGB"


def test_stand_in_reports_keras_shapes_and_the_summary_agrees():
    spec = PRESETS["mnist_cnn"]
    model = build_model(spec)
    stand_in, colour_map = diagrams.layered_stand_in(model)
    summary = summarize(spec)
    assert [layer.output_shape for layer in stand_in.layers] == [tuple(layer.output.shape) for layer in model.layers]
    assert [layer.output_shape for layer in stand_in.layers] == [row.output_shape for row in summary.rows]
    # The legend label is the stand-in's class name: numbered, Keras class, readable dimensions.
    assert type(stand_in.layers[0]).__name__ == "1. Conv2D  26×26×32"
    assert type(stand_in.layers[-1]).__name__ == "6. Dense  10"
    # Same Keras class → same colour, whatever its shape.
    conv_colours = {colour_map[type(layer)]["fill"] for layer in stand_in.layers if "Conv2D" in type(layer).__name__}
    assert conv_colours == {LAYER_TYPES["Conv2D"].colour}


def test_stand_in_never_touches_the_keras_layers():
    model = build_model(PRESETS["mnist_dnn"])
    diagrams.layered_view_png(model)
    assert not any(hasattr(layer, "output_shape") for layer in model.layers)


def test_without_dimensions_the_legend_has_one_entry_per_class():
    model = build_model(PRESETS["mnist_dnn"])
    stand_in, _ = diagrams.layered_stand_in(model, show_dimension=False)
    assert sorted({type(layer).__name__ for layer in stand_in.layers}) == ["Dense", "Flatten"]


def test_legend_with_dimensions_makes_the_picture_taller():
    model = build_model(PRESETS["mnist_cnn"])
    bare = _decode(diagrams.layered_view_png(model, legend=False))
    with_legend = _decode(diagrams.layered_view_png(model, legend=True, show_dimension=True))
    # Six layers, one legend line each (wrapped to the picture's width): clearly taller.
    assert with_legend.height > bare.height + 40


def test_font_is_a_real_truetype_font():
    font = diagrams.diagram_font()
    assert "FreeTypeFont" in type(font).__name__
    # A readable size: a capital letter is at least 10 pixels tall.
    assert font.getbbox("A")[3] - font.getbbox("A")[1] >= 10


def test_huge_models_are_refused_with_a_translatable_message():
    fake_model = SimpleNamespace(layers=[object()] * (diagrams.MAX_DIAGRAM_LAYERS + 1))
    with pytest.raises(diagrams.DiagramTooLargeError) as caught:
        diagrams.layered_view_png(fake_model)
    assert caught.value.key == "build.diagram_too_large"
    assert caught.value.fields == {"count": diagrams.MAX_DIAGRAM_LAYERS + 1, "limit": diagrams.MAX_DIAGRAM_LAYERS}
    with pytest.raises(diagrams.DiagramTooLargeError):
        diagrams.graph_view_png(fake_model)


def test_oversized_pictures_are_scaled_down_keeping_their_shape():
    wide = Image.new("RGBA", (diagrams.MAX_IMAGE_SIDE * 2, 300), "white")
    wide.paste((0, 0, 0, 255), (0, 0, 500, 300))
    image = _decode(diagrams._to_png(wide))
    assert image.size == (diagrams.MAX_IMAGE_SIDE, 150)
    assert ImageStat.Stat(image.convert("L")).extrema[0][0] < 50


SINGLE_CONV = {"input_shape": [28, 28, 1], "layers": [{"type": "Conv2D", "filters": 8, "kernel_size": 3}]}


@pytest.mark.parametrize("spec", [PRESETS["iris"], PRESETS["text_lstm"], SINGLE_CONV], ids=["iris", "lstm", "conv"])
def test_small_models_are_drawn_bigger_natively(spec: dict[str, Any]):
    """A small model is drawn at a larger scale (not enlarged afterwards), big enough to read."""
    model = build_model(spec)
    stand_in, colour_map = diagrams.layered_stand_in(model)
    scale, boxes = diagrams.box_scale(stand_in, colour_map)
    assert scale > 1.0
    assert max(boxes.size) >= 240
    image = _decode(diagrams.layered_view_png(model))
    assert image.width <= diagrams.MAX_WIDTH


@pytest.mark.parametrize("preset_name", list(PRESETS))
def test_the_legend_stays_readable_at_natural_width(preset_name: str):
    """The picture is at most MAX_WIDTH wide, so its 16 px legend is still ~16 px on the page."""
    image = _decode(diagrams.layered_view_png(build_model(PRESETS[preset_name])))
    assert image.width <= diagrams.MAX_WIDTH
    assert diagrams.FONT_SIZE / image.width >= 16 / 900


def test_the_deep_cnn_legend_uses_columns():
    model = build_model(PRESETS["deep_cnn_bn"])
    labels = [type(layer).__name__ for layer in diagrams.layered_stand_in(model)[0].layers]
    columns, rows, _, width = diagrams.legend_layout(labels, diagrams.TARGET_BOXES_WIDTH)
    assert columns >= 2 and rows * columns >= 20 and width <= diagrams.MAX_WIDTH


def _graph(layers: list[dict[str, Any]], input_shape: list[int]):
    from playground.spec.graph_diagram import graph_layout

    model = build_model({"input_shape": input_shape, "layers": layers})
    return graph_layout(tuple(model.input_shape), [(type(layer).__name__, tuple(layer.output.shape))
                                                   for layer in model.layers])


def test_the_graph_view_draws_every_unit_of_a_dense_10_and_labels_it():
    layout = _graph([{"type": "Dense", "units": 10}], [4])
    inputs, dense = layout.rows
    assert len(inputs.circles) == 4 and inputs.label == "Input · 4 values"
    assert len(dense.circles) == 10 and dense.gap is None
    assert dense.label == "1. Dense · 10 units"


def test_the_graph_view_shortens_only_beyond_16_and_says_so():
    from playground.spec.graph_diagram import MAX_DRAWN_UNITS

    layout = _graph([{"type": "Dense", "units": 16}, {"type": "Dense", "units": 64}, {"type": "Dropout", "rate": 0.2}],
                    [4])
    sixteen, sixty_four, dropout = layout.rows[1:]
    assert MAX_DRAWN_UNITS == 16 and len(sixteen.circles) == 16 and sixteen.gap is None
    assert len(sixty_four.circles) < 16 and sixty_four.gap is not None
    assert sixty_four.label == "2. Dense · … 64 units"
    assert dropout.one_to_one and not sixty_four.one_to_one


def test_the_graph_view_labels_images_with_their_shape_in_korean_too():
    from playground.spec.graph_diagram import graph_layout

    model = build_model(PRESETS["mnist_cnn"])
    layers = [(type(layer).__name__, tuple(layer.output.shape)) for layer in model.layers]
    layout = graph_layout(tuple(model.input_shape), layers, "ko")
    assert layout.rows[1].label == "1. Conv2D · 26×26×32" and layout.rows[1].bar is not None
    assert layout.rows[-1].label == "6. Dense · 유닛 10개"
    assert layout.width <= diagrams.MAX_WIDTH + 60
