"""visualkeras diagrams of Keras 3 models, as PNG bytes.

visualkeras 0.2.0's ``layered_view`` reads ``layer.output_shape`` on every layer, an attribute
Keras 3 layers no longer have (only the model keeps one). Rather than patch attributes onto live
Keras layers (which Keras tracks, and which another session's training might be using), the
layered view is drawn from a read-only stand-in: an object with ``.layers``, each stand-in layer
carrying the real layer's ``name`` and an ``output_shape`` read from ``layer.output.shape``. Each
stand-in's class is named after the real Keras class, because visualkeras colours the boxes and
writes the legend by ``type(layer).__name__``.

``graph_view`` only follows Keras 3's node graph (``_inbound_nodes`` → ``parent_nodes``) and
``model.output_shape``, which Keras 3 Sequential models still provide, so it is given the model
itself.

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


def layered_view_png(model: Any, legend: bool = True, show_dimension: bool = True) -> bytes:
    """Draws ``model`` as visualkeras's layered (3D boxes) view.

    Args:
        model: A built Keras 3 model.
        legend: Whether to add the legend of layer types under the boxes.
        show_dimension: With ``legend``, list every layer with its output dimensions.

    Returns:
        The diagram as PNG bytes (RGB, white background).

    Raises:
        DiagramTooLargeError: The model has more than ``MAX_DIAGRAM_LAYERS`` layers.
    """
    import visualkeras

    _check_size(model)
    with warnings.catch_warnings():
        # visualkeras warns about its own deprecated defaults; nothing a learner can act on.
        warnings.simplefilter("ignore", UserWarning)
        stand_in, colour_map = layered_stand_in(model, show_dimension=show_dimension)
        image = visualkeras.layered_view(
            stand_in,
            legend=legend,
            # The dimensions are already in the stand-in class names (see layered_stand_in).
            show_dimension=False,
            color_map=colour_map,
            font=diagram_font(),
            legend_text_spacing_offset=0,
            # "balanced" keeps big layers (a 150×150×3 input, Dense(4096)) from making the
            # picture thousands of pixels wide while small layers stay visible.
            sizing_mode="balanced",
            spacing=20,
            padding=20,
        )
    return _to_png(image)


def graph_view_png(model: Any) -> bytes:
    """Draws ``model`` as visualkeras's graph view (neurons as circles, at most 10 per layer).

    Args:
        model: A built Keras 3 model.

    Returns:
        The diagram as PNG bytes (RGB, white background).

    Raises:
        DiagramTooLargeError: The model has more than ``MAX_DIAGRAM_LAYERS`` layers.
    """
    import visualkeras

    _check_size(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        image = visualkeras.graph_view(model, node_size=40, layer_spacing=120, padding=20)
    return _to_png(image)
