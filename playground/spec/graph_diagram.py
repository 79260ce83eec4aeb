"""The graph view: a model's neurons, one labelled row per layer, from the input down to the output.

visualkeras's own graph view draws at most 10 circles per layer (Dense(10) became 9 circles and
"⋮") and writes no labels, so a learner could not tell which column was which. Here each layer is
a row, top to bottom as on the Build page, labelled "3. Dense · 10 units" in the learner's
language. A vector output is drawn as circles — all of them up to ``MAX_DRAWN_UNITS``; beyond
that a few, "…" and the last one, with "… 64 units" in the label. An image or a sequence is drawn
as a bar labelled with its shape. Lines join every circle to every circle of the row below
where the layer weighs all its inputs (Dense, an RNN), one to one where it works value by value
(Dropout, BatchNormalization, Activation).

``graph_layout`` computes the geometry (what tests count); ``draw_graph`` paints it with Pillow.
Nothing here imports Keras.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playground.i18n import t
from playground.spec.layers import LAYER_TYPES

MAX_DRAWN_UNITS = 16
"""Vectors up to this many values are drawn whole; longer ones are drawn shortened."""
_SHORTENED = 14
"""How many circles a shortened vector shows before its "…" (then its last one)."""

FONT_SIZE = 15
_DIAMETER = 26
_STEP = 36  # Circle centre to circle centre.
_ROW = 78
_PADDING = 20
_BAR = (220, 24)
_INPUT_COLOUR = "#dddddd"
_FALLBACK_COLOUR = "#999999"


@dataclass(frozen=True)
class GraphRow:
    """One drawn layer (or the input).

    Attributes:
        label: "3. Dense · 10 units", "… 64 units" when shortened, or "2. Conv2D · 26×26×32".
        colour: Fill colour (the registry's colour of the layer type).
        circles: Centres of the drawn neurons (empty for a bar).
        bar: (left, top, right, bottom) of the bar of an image or sequence output, or None.
        gap: Where the "…" of a shortened vector is written, or None.
        label_at: Top-left corner of the label.
        one_to_one: Whether it is joined to the row above value by value (same-size vectors).
    """

    label: str
    colour: str
    circles: tuple[tuple[int, int], ...]
    bar: tuple[int, int, int, int] | None
    gap: tuple[int, int] | None
    label_at: tuple[int, int]
    one_to_one: bool


@dataclass(frozen=True)
class GraphLayout:
    """The whole graph: its size in pixels and its rows, input first."""

    width: int
    height: int
    rows: tuple[GraphRow, ...]


def _font(size: int = FONT_SIZE) -> Any:
    from playground.spec.diagrams import diagram_font

    return diagram_font(size)


def _dimensions(shape: tuple[Any, ...]) -> str:
    return "×".join("?" if size is None else f"{size}" for size in shape[1:])


def _label(number: int, class_name: str, shape: tuple[Any, ...], lang: str) -> str:
    title = t("build.graph_input", lang) if number == 0 else f"{number}. {class_name}"
    if len(shape) != 2:
        return f"{title} · {_dimensions(shape)}"
    layer_type = LAYER_TYPES.get(class_name)
    word = "units" if layer_type is not None and layer_type.field("units") is not None else "values"
    capped = "_capped" if shape[1] > MAX_DRAWN_UNITS else ""
    return f"{title} · {t(f'build.graph_{word}{capped}', lang, count=f'{shape[1]:,}')}"


def graph_layout(input_shape: tuple[Any, ...], layers: list[tuple[str, tuple[Any, ...]]],
                 lang: str = "en") -> GraphLayout:
    """Lays out the graph of a model.

    Args:
        input_shape: The model's input shape, batch axis first (``(None, 4)``).
        layers: Each layer's Keras class name and output shape (batch axis first), in order.
        lang: The language of the words in the labels.

    Returns:
        The geometry ``draw_graph`` paints: one ``GraphRow`` for the input and one per layer.
    """
    entries = [("Input", tuple(input_shape)), *layers]
    labels = [_label(number, name, shape, lang) for number, (name, shape) in enumerate(entries)]
    label_width = max(int(_font().getlength(label)) for label in labels) + 2 * _PADDING
    widest = max([min(shape[1], MAX_DRAWN_UNITS) if len(shape) == 2 else 0 for _, shape in entries] + [1])
    drawing_width = max(widest * _STEP, _BAR[0])
    centre = label_width + drawing_width // 2
    rows: list[GraphRow] = []
    previous: tuple[Any, ...] | None = None
    for number, ((class_name, shape), label) in enumerate(zip(entries, labels)):
        middle = _PADDING + number * _ROW + _DIAMETER // 2
        colour = _INPUT_COLOUR if number == 0 else getattr(LAYER_TYPES.get(class_name), "colour", _FALLBACK_COLOUR)
        label_at = (_PADDING, middle - FONT_SIZE // 2 - 2)
        if len(shape) != 2:
            bar = (centre - _BAR[0] // 2, middle - _BAR[1] // 2, centre + _BAR[0] // 2, middle + _BAR[1] // 2)
            rows.append(GraphRow(label, colour, (), bar, None, label_at, False))
            previous = shape
            continue
        count = shape[1]
        drawn = count if count <= MAX_DRAWN_UNITS else _SHORTENED + 1
        slots = drawn if count <= MAX_DRAWN_UNITS else drawn + 1  # One slot holds the "…".
        left = centre - (slots - 1) * _STEP // 2
        positions = [left + slot * _STEP for slot in range(slots)]
        gap = None
        if count > MAX_DRAWN_UNITS:
            gap = (positions[_SHORTENED], middle)
            positions = positions[:_SHORTENED] + positions[_SHORTENED + 1:]
        layer_type = LAYER_TYPES.get(class_name)
        one_to_one = (number > 0 and previous == shape and layer_type is not None
                      and layer_type.field("units") is None)
        rows.append(GraphRow(label, colour, tuple((x, middle) for x in positions), None, gap, label_at, one_to_one))
        previous = shape
    height = 2 * _PADDING + (len(entries) - 1) * _ROW + _DIAMETER
    return GraphLayout(label_width + drawing_width + _PADDING, height, tuple(rows))


def _anchors(row: GraphRow, side: str) -> list[tuple[int, int]]:
    """Where lines leave a row (``side`` "bottom") or reach it ("top")."""
    if row.bar is not None:
        left, top, right, bottom = row.bar
        return [((left + right) // 2, bottom if side == "bottom" else top)]
    offset = _DIAMETER // 2 if side == "bottom" else -_DIAMETER // 2
    return [(x, y + offset) for x, y in row.circles]


def draw_graph(layout: GraphLayout) -> Any:
    """Paints ``layout`` and returns the Pillow image (RGB, white background)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (layout.width, layout.height), "white")
    draw = ImageDraw.Draw(image)
    for above, below in zip(layout.rows, layout.rows[1:]):
        starts, ends = _anchors(above, "bottom"), _anchors(below, "top")
        pairs = zip(starts, ends) if below.one_to_one else ((start, end) for start in starts for end in ends)
        for start, end in pairs:
            draw.line((start, end), fill="#b0b0b0", width=1)
    font = _font()
    radius = _DIAMETER // 2
    for row in layout.rows:
        draw.text(row.label_at, row.label, fill="black", font=font)
        if row.bar is not None:
            draw.rounded_rectangle(row.bar, radius=4, fill=row.colour, outline="black")
        for x, y in row.circles:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=row.colour, outline="black")
        if row.gap is not None:
            draw.text(row.gap, "…", fill="black", font=font, anchor="mm")
    return image
