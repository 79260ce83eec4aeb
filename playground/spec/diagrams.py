"""visualkeras diagrams of Keras 3 models, as PNG bytes.

visualkeras 0.2.0's ``layered_view`` reads ``layer.output_shape`` on every layer, an attribute
Keras 3 layers no longer have (only the model keeps one). Rather than patch attributes onto live
Keras layers (which Keras tracks, and which another session's training might be using), the
layered view is drawn from a read-only stand-in: an object with ``.layers``, each stand-in layer
carrying the real layer's ``name`` and an ``output_shape`` read from ``layer.output.shape``. Each
stand-in's class is named after the real Keras class, because visualkeras colours the boxes and
writes the legend by ``type(layer).__name__``.

The layered view is drawn at a scale chosen from the model (``box_scale``: small models bigger,
deep ones smaller, natively, never resampled up) with a legend drawn here in columns, so the
picture is at most ``MAX_WIDTH`` wide and the page can show it at its natural width. The graph
view is drawn by ``playground.spec.graph_diagram`` (labelled rows, every unit of a Dense(10)):
visualkeras's own draws at most 10 circles per layer and no labels.

Labels use DejaVu Sans, the TrueType font matplotlib ships, so they are readable on any machine
(Pillow's built-in bitmap font is tiny). visualkeras and Keras are imported lazily.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from playground.spec.layers import LAYER_TYPES
from playground.errors import LearnerError

MAX_DIAGRAM_LAYERS = 80
"""Models with more layers than this are not drawn: the picture would be unreadable and slow."""

MAX_IMAGE_SIDE = 4000
"""A diagram wider or taller than this many pixels is scaled down (keeping its aspect ratio)."""

FONT_SIZE = 16


class DiagramTooLargeError(LearnerError):
    """The model has too many layers to draw a readable diagram (``build.diagram_too_large``)."""

    def __init__(self, count: int, limit: int = MAX_DIAGRAM_LAYERS) -> None:
        super().__init__("build.diagram_too_large",
                         f"The model has {count} layers; diagrams are drawn for at most {limit}.", count=count, limit=limit)


# Each registry entry carries its type's colour (``LayerType.colour``); a class outside the
# registry (a layer of an uploaded model) is drawn grey.
_FALLBACK_COLOUR = "#999999"


def _colour(class_name: str) -> str:
    """The registry's colour of a Keras layer class, the same in every diagram."""
    layer_type = LAYER_TYPES.get(class_name)
    return layer_type.colour if layer_type is not None else _FALLBACK_COLOUR


class _LayerStandIn:
    """What visualkeras's layered view reads from one layer: its name and output shape."""

    def __init__(self, name: str, output_shape: tuple[Any, ...]) -> None:
        self.name = name
        self.output_shape = output_shape


class _ModelStandIn:
    """What visualkeras's layered view reads from a model: its list of layers."""

    def __init__(self, layers: list[_LayerStandIn]) -> None:
        self.layers = layers


@lru_cache(maxsize=1024)
def _stand_in_class(label: str) -> type[_LayerStandIn]:
    """Returns a ``_LayerStandIn`` subclass whose ``__name__`` is ``label``.

    visualkeras keys its colours and legend entries on ``type(layer)`` and writes
    ``type(layer).__name__`` in the legend, so the class name *is* the legend label.
    """
    return type(label, (_LayerStandIn,), {})


def _output_shape(layer: Any) -> tuple[Any, ...]:
    """Returns a Keras 3 layer's output shape, batch dimension included: ``(None, 26, 26, 8)``."""
    output = layer.output
    # A layer with several outputs (none in the registry today) is drawn by its first one.
    if isinstance(output, (list, tuple)):
        output = output[0]
    return tuple(output.shape)


def _legend_label(class_name: str, output_shape: tuple[Any, ...], show_dimension: bool) -> str:
    """Returns "Conv2D  26×26×32" (or just "Conv2D"), the text of one legend entry."""
    if not show_dimension:
        return class_name
    dimensions = "×".join("?" if size is None else str(size) for size in output_shape[1:])
    return f"{class_name}  {dimensions}"


def layered_stand_in(model: Any, show_dimension: bool = True) -> tuple[_ModelStandIn, dict[type, dict[str, str]]]:
    """Returns the read-only stand-in of ``model`` that visualkeras's ``layered_view`` accepts.

    visualkeras's own ``show_dimension`` legend prints ``Conv2D(['26', '26', '32'])``; here each
    layer instead gets a stand-in class named "Conv2D  26×26×32", so the legend (one entry per
    class) lists every layer with readable dimensions, and the colour map gives every stand-in the
    colour of its Keras class.

    Args:
        model: A built Keras 3 model (e.g. from ``playground.spec.build_model``).
        show_dimension: Whether legend labels carry the output dimensions (then one entry per
            layer; otherwise one per layer class).

    Returns:
        The stand-in (an object with ``.layers``, each with ``.name`` and ``.output_shape``) and
        the ``color_map`` to pass to ``visualkeras.layered_view``.
    """
    layers: list[_LayerStandIn] = []
    colour_map: dict[type, dict[str, str]] = {}
    for number, layer in enumerate(model.layers, start=1):
        class_name = type(layer).__name__
        shape = _output_shape(layer)
        label = _legend_label(class_name, shape, show_dimension)
        if show_dimension:
            # Numbered as the summary table counts layers; this also keeps two layers with the
            # same class and shape on two legend lines.
            label = f"{number}. {label}"
        stand_in_class = _stand_in_class(label)
        colour_map[stand_in_class] = {"fill": _colour(class_name), "outline": "black"}
        layers.append(stand_in_class(layer.name, shape))
    return _ModelStandIn(layers), colour_map


@lru_cache(maxsize=4)
def diagram_font(size: int = FONT_SIZE) -> Any:
    """Returns matplotlib's DejaVu Sans at ``size`` points as a Pillow font.

    Falls back to Pillow's default font (scalable in Pillow ≥ 10.1) if matplotlib's font file is
    missing, so a diagram is still drawn.
    """
    from PIL import ImageFont

    path = _dejavu_path()
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _dejavu_path() -> Path | None:
    try:
        import matplotlib
    except ImportError:
        return None
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return path if path.exists() else None


def _check_size(model: Any) -> None:
    count = len(model.layers)
    if count > MAX_DIAGRAM_LAYERS:
        raise DiagramTooLargeError(count)


def _to_png(image: Any) -> bytes:
    """Flattens ``image`` onto white, scales it down to ``MAX_IMAGE_SIDE`` and encodes it as PNG."""
    from PIL import Image

    if max(image.size) > MAX_IMAGE_SIDE:
        image = image.copy()
        image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = background
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


MAX_WIDTH = 900
"""Widest diagram drawn, in pixels: the page shows it at its natural width, so the legend's
``FONT_SIZE`` text stays that size on screen (a 2,000-pixel picture shown in a 900-pixel column
would shrink it below 8 px)."""
TARGET_BOXES_WIDTH = 760
"""The width the boxes of the layered view are drawn at when their height allows."""
MAX_BOXES_HEIGHT = 320
"""Tallest the boxes of the layered view are drawn (a lone Conv2D would otherwise be a tower)."""
MAX_BOX_SCALE = 3.0
"""Largest drawing scale: a 3-layer dense model is drawn bigger, not blown up afterwards."""

# visualkeras's "balanced" sizes are linear in these arguments, so multiplying them all by one
# scale draws the same picture that many times bigger or smaller, natively (no resampling blur).
_BALANCED_DEFAULTS = {"scale_xy": 4.0, "scale_z": 1.5, "min_xy": 20, "min_z": 20, "max_xy": 240, "max_z": 400,
                      "spacing": 20}


def _boxes(stand_in: Any, colour_map: dict[type, dict[str, str]], scale: float) -> Any:
    """visualkeras's boxes of ``stand_in`` drawn at ``scale`` times the default size, without legend."""
    import visualkeras

    arguments = {name: (value * scale if isinstance(value, float) else max(2, round(value * scale)))
                 for name, value in _BALANCED_DEFAULTS.items()}
    with warnings.catch_warnings():
        # visualkeras warns about its own deprecated defaults; nothing a learner can act on.
        warnings.simplefilter("ignore", UserWarning)
        return visualkeras.layered_view(
            stand_in, legend=False, show_dimension=False, color_map=colour_map,
            # "balanced" keeps big layers (a 150×150×3 input, Dense(4096)) from making the picture
            # thousands of pixels wide while small layers stay visible; a vector is a bar whose
            # height follows its units, so Dense(20) is visibly taller than Dense(3).
            sizing_mode="balanced", one_dim_orientation="y", padding=20, **arguments)


def box_scale(stand_in: Any, colour_map: dict[type, dict[str, str]]) -> tuple[float, Any]:
    """Chooses the drawing scale from the model and returns it with the boxes drawn at that scale.

    A small model (IRIS: four Dense layers, 190 × 90 pixels at visualkeras's default) is drawn up
    to ``MAX_BOX_SCALE`` times bigger; a deep one (20 layers, 1,700 pixels) smaller, so that the
    boxes fill about ``TARGET_BOXES_WIDTH`` and never pass ``MAX_BOXES_HEIGHT``.
    """
    first = _boxes(stand_in, colour_map, 1.0)
    width, height = first.size
    scale = min(TARGET_BOXES_WIDTH / width, MAX_BOXES_HEIGHT / height, MAX_BOX_SCALE)
    if abs(scale - 1.0) < 0.05:
        return 1.0, first
    return scale, _boxes(stand_in, colour_map, scale)


def legend_layout(labels: list[str], width: int, font_size: int = FONT_SIZE) -> tuple[int, int, int, int]:
    """Returns the legend's (columns, rows, column width, total width) for ``labels`` in ``width``.

    As many columns as fit side by side; at least one (which then sets the picture's width).
    """
    font = diagram_font(font_size)
    column_width = max(int(font.getlength(label)) for label in labels) + _SWATCH + 3 * _GAP
    columns = max(1, min(len(labels), (width - 2 * _GAP) // column_width))
    rows = -(-len(labels) // columns)
    return columns, rows, column_width, max(width, columns * column_width + 2 * _GAP)


_SWATCH = 16
_GAP = 12
_LINE = 26


def _with_legend(boxes: Any, entries: list[tuple[str, str]]) -> Any:
    """Puts the legend (a colour square and a label per entry, in columns) under ``boxes``."""
    from PIL import Image, ImageDraw

    labels = [label for label, _ in entries]
    columns, rows, column_width, width = legend_layout(labels, boxes.width)
    height = boxes.height + rows * _LINE + _GAP
    picture = Image.new("RGB", (width, height), "white")
    picture.paste(boxes.convert("RGB"), ((width - boxes.width) // 2, 0))
    draw = ImageDraw.Draw(picture)
    font = diagram_font()
    left = (width - columns * column_width) // 2
    for number, (label, colour) in enumerate(entries):
        # Down each column first, so the layers read in order like the summary table.
        x = left + (number // rows) * column_width + _GAP
        y = boxes.height + (number % rows) * _LINE
        draw.rectangle((x, y + 4, x + _SWATCH, y + 4 + _SWATCH), fill=colour, outline="black")
        draw.text((x + _SWATCH + _GAP // 2 + 2, y + 2), label, fill="black", font=font)
    return picture


def layered_view_png(model: Any, legend: bool = True, show_dimension: bool = True) -> bytes:
    """Draws ``model`` as visualkeras's layered (3D boxes) view, at a size chosen from the model.

    The boxes are drawn natively at the scale ``box_scale`` picks (never enlarged afterwards),
    and the legend is drawn here in ``FONT_SIZE`` DejaVu Sans, in as many columns as the width
    holds, so it is as readable for a 20-layer CNN as for IRIS. The picture is at most
    ``MAX_WIDTH`` wide; the page shows it at its natural width.

    Args:
        model: A built Keras 3 model.
        legend: Whether to add the legend of layers under the boxes.
        show_dimension: With ``legend``, list every layer with its output dimensions.

    Returns:
        The diagram as PNG bytes (RGB, white background).

    Raises:
        DiagramTooLargeError: The model has more than ``MAX_DIAGRAM_LAYERS`` layers.
    """
    _check_size(model)
    stand_in, colour_map = layered_stand_in(model, show_dimension=show_dimension)
    _, boxes = box_scale(stand_in, colour_map)
    if boxes.width > MAX_WIDTH:  # Only when the minimum box sizes still add up too wide.
        boxes = _shrunk(boxes, MAX_WIDTH)
    if legend:
        entries: dict[str, str] = {}
        for layer in stand_in.layers:
            entries.setdefault(type(layer).__name__, colour_map[type(layer)]["fill"])
        boxes = _with_legend(boxes, list(entries.items()))
    return _to_png(boxes)


def _shrunk(image: Any, width: int) -> Any:
    from PIL import Image

    image = image.copy()
    image.thumbnail((width, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
    return image


def graph_view_png(model: Any, lang: str = "en") -> bytes:
    """Draws ``model`` as a graph of neurons, one labelled row per layer (``graph_diagram``).

    Args:
        model: A built Keras 3 model.
        lang: The language of the labels' words ("units").

    Returns:
        The diagram as PNG bytes (RGB, white background).

    Raises:
        DiagramTooLargeError: The model has more than ``MAX_DIAGRAM_LAYERS`` layers.
    """
    from playground.spec.graph_diagram import draw_graph, graph_layout

    _check_size(model)
    layers = [(type(layer).__name__, _output_shape(layer)) for layer in model.layers]
    return _to_png(draw_graph(graph_layout(tuple(model.input_shape), layers, lang)))
