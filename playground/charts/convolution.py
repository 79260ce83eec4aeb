"""Plotly figures of the convolution lab: the sliding-window animation, result images, feature-map grids.

Builders return figures and never render. Texts shown inside a figure come in through a ``labels`` dict
(already translated by the page), so this module needs no language.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.labs.convolution import WindowFrames
from playground.labs.features import FeatureMap

WINDOW_COLOUR = "#e4572e"
OUTPUT_COLOUR = "#29a3a3"
WINNER_COLOUR = "#ffd23f"
PADDING_COLOUR = "#3b82f6"

DEFAULT_LABELS: dict[str, str] = {
    "input": "Input (padding: the 0s outside the dotted line)",
    "input_unpadded": "Input (no padding)",
    "output": "Output",
    "arithmetic": "Products",
    "window": "Window",
    "sum": "sum",
    "max": "max",
    "average": "average",
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "position": "Output cell",
    "channels_summed": "summed over {channels} channels",
    "filter": "map",
}


def _normalise(plane: np.ndarray) -> np.ndarray:
    """Scales a map into [0, 1] for display (a constant map becomes mid-grey)."""
    low, high = float(np.min(plane)), float(np.max(plane))
    return np.full_like(plane, 0.5, dtype=float) if high - low < 1e-12 else (plane - low) / (high - low)


def image_figure(image: np.ndarray, title: str = "", height: int = 320) -> go.Figure:
    """Shows an (H, W) map in grey (its own range) or an (H, W, 3) image in colour, pixel-exact on hover."""
    # Plain graph objects: plotly express's imshow cost 70 ms a figure, a tenth of a second of every redraw.
    array = np.asarray(image, dtype=float)
    if array.ndim == 3 and array.shape[2] == 3:
        trace = go.Image(z=np.round(np.clip(array, 0.0, 1.0) * 255), colormodel="rgb",
                         hovertemplate="row %{y}, col %{x}: %{z}<extra></extra>")
    else:
        trace = go.Heatmap(z=array if array.ndim == 2 else array[:, :, 0], colorscale="gray", showscale=False,
                           hovertemplate="row %{y}, col %{x}: %{z:.3f}<extra></extra>")
    figure = go.Figure(trace)
    figure.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                         plot_bgcolor="white")
    figure.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain")
    figure.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, autorange="reversed",
                        scaleanchor="x", constrain="domain")
    return figure


def feature_map_grid(feature_map: FeatureMap, max_maps: int = 16, columns: int = 8, label: str = "map") -> go.Figure:
    """Draws the first ``max_maps`` maps of a layer as a grid of grey images, each scaled to its own range.

    Args:
        feature_map: One layer's output.
        max_maps: How many maps to draw at most.
        columns: Maps per row.
        label: Word put before each map's number ("map 1", "필터 1").
    """
    count = min(max_maps, feature_map.channels)
    planes = np.stack([_normalise(feature_map.maps[:, :, index]) for index in range(count)])
    columns = min(columns, count)
    rows = -(-count // columns)
    height = 40 + rows * 110
    # Leave ~22 px between rows so each map's title sits above it, not on the map of the row above.
    row_spacing = min(0.3, 22 / height) if rows > 1 else 0.0
    figure = px.imshow(planes, facet_col=0, facet_col_wrap=columns, color_continuous_scale="gray",
                       zmin=0, zmax=1, facet_col_spacing=0.01, facet_row_spacing=row_spacing)
    figure.for_each_annotation(lambda note: note.update(text=f"{label} {int(note.text.split('=')[-1]) + 1}"))
    figure.update_layout(height=height, coloraxis_showscale=False, margin=dict(l=5, r=5, t=30, b=5))
    figure.update_xaxes(showticklabels=False)
    figure.update_yaxes(showticklabels=False)
    return figure


def _box(row_top: float, col_left: float, row_bottom: float, col_right: float, colour: str, axis: str,
         width: int = 3) -> dict:
    """A rectangle around cells [row_top..row_bottom] × [col_left..col_right] of a heatmap."""
    return dict(type="rect", xref=f"x{axis}", yref=f"y{axis}", x0=col_left - 0.5, x1=col_right + 0.5,
                y0=row_top - 0.5, y1=row_bottom + 0.5, line=dict(color=colour, width=width))


def _format(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1e4 else f"{value:.2g}"


def _display_plane(array: np.ndarray) -> np.ndarray:
    """(H, W, C) → (H, W): channels averaged for the picture (the numbers on hover stay per frame)."""
    return array if array.ndim == 2 else array.mean(axis=2)


def _frame_panel(frames: WindowFrames, index: int, labels: Mapping[str, str], channel: int) -> tuple[np.ndarray, list[str], str]:
    """The third panel of one frame: per-tap numbers, their texts, and the caption with the result."""
    operation = frames.operation
    if operation == "conv":
        products = frames.products[index]
        values = products.sum(axis=2)
        channels = products.shape[2]
        texts = []
        for row in range(values.shape[0]):
            for col in range(values.shape[1]):
                if channels == 1:
                    texts.append(f"{_format(frames.values[index, row, col, 0])}×{_format(frames.kernel[row, col, 0])}"
                                 f"<br>={_format(values[row, col])}")
                else:
                    texts.append(_format(values[row, col]))
        caption = f"{labels['sum']} = {_format(float(frames.results[index]))}"
        if channels > 1:
            caption += " (" + labels["channels_summed"].format(channels=channels) + ")"
        return values, texts, caption
    values = frames.values[index, :, :, channel]
    texts = [_format(value) for value in values.ravel()]
    caption = f"{labels[operation]} = {_format(float(frames.results[index, channel]))}"
    return values, texts, caption


def _attach_frames(figure: go.Figure, frames: list[dict]) -> None:
    """Adds animation frames, skipping plotly's per-property validation when this plotly allows it.

    Validating ~150 frames of heatmaps, shapes and annotations takes plotly about a second (measured 1.1 s
    of the 1.3 s a 12×12 animation took), on every rerun of the page. The frames are built here from
    known-good values, so they are constructed unvalidated; should a plotly release change these internals,
    the public (validating) assignment is used instead.
    """
    try:
        unvalidated = tuple(go.Frame(frame, _validate=False) for frame in frames)
        if not hasattr(figure, "_frame_objs"):
            raise AttributeError("_frame_objs")
        figure._frame_objs = unvalidated
    except (TypeError, AttributeError):
        figure.frames = frames


def animation_figure(frames: WindowFrames, labels: Mapping[str, str] | None = None, channel: int = 0,
                     height: int = 460, duration_ms: int = 350) -> go.Figure:
    """The CNN-Explainer-style animation: padded input, output being written, and the arithmetic.

    Panel 1 shows the padded input with the receptive field outlined; panel 2 the output, filled in cell by
    cell, with the current cell outlined; panel 3 the window's numbers (input × kernel products for a
    convolution, the window with the winner outlined for max pooling). A play/pause button and a slider step
    through the frames, one per output cell.

    Args:
        frames: From ``convolution_frames`` or ``pooling_frames``.
        labels: Translated texts (keys of ``DEFAULT_LABELS``); missing keys fall back to English.
        channel: For pooling of a multi-channel image, the channel whose numbers are shown.
        height: Figure height in pixels.
        duration_ms: Time per frame when playing.
    """
    texts = {**DEFAULT_LABELS, **(labels or {})}
    pooled = frames.operation != "conv"
    padded = frames.padded[:, :, channel] if pooled else _display_plane(frames.padded)
    output = frames.output[:, :, channel] if pooled else frames.output
    out_h, out_w = output.shape
    figure = make_subplots(rows=1, cols=3, column_widths=[0.4, 0.3, 0.3], horizontal_spacing=0.06,
                           subplot_titles=(texts["input"] if frames.padding.total else texts["input_unpadded"],
                                           texts["output"], texts["window"] if pooled else texts["arithmetic"]))
    tap_h, tap_w = frames.kernel.shape[:2]
    figure.add_trace(go.Heatmap(z=padded, colorscale="gray", showscale=False, texttemplate="%{z:.2f}"
                                if padded.size <= 196 else None, hovertemplate="row %{y}, col %{x}: %{z:.3f}<extra></extra>"),
                     row=1, col=1)
    low, high = float(np.min(output)), float(np.max(output))
    hidden = np.full(output.shape, np.nan)
    figure.add_trace(go.Heatmap(z=hidden, zmin=low, zmax=high, colorscale="Viridis", showscale=False,
                                texttemplate="%{z:.2f}" if output.size <= 196 else None,
                                hovertemplate="row %{y}, col %{x}: %{z:.3f}<extra></extra>"), row=1, col=2)
    figure.add_trace(go.Heatmap(z=np.zeros((tap_h, tap_w)), colorscale="RdBu", zmid=0, showscale=False,
                                texttemplate="%{text}", text=[[""] * tap_w] * tap_h,
                                hovertemplate="%{text}<extra></extra>"), row=1, col=3)
    titles = list(figure.layout.annotations)
    # A dotted line separates the real image from the zeros of the padding around it.
    pad = frames.padding
    image_outline = []
    if pad.top or pad.bottom or pad.left or pad.right:
        outline = _box(pad.top, pad.left, padded.shape[0] - 1 - pad.bottom, padded.shape[1] - 1 - pad.right,
                       PADDING_COLOUR, "", 2)
        outline["line"]["dash"] = "dot"
        image_outline.append(outline)
    plotly_frames = []
    for index in range(frames.count):
        top, left, bottom, right = frames.receptive_field(index)
        shapes = [*image_outline, _box(top, left, bottom, right, WINDOW_COLOUR, ""),
                  _box(frames.rows[index], frames.cols[index], frames.rows[index], frames.cols[index], OUTPUT_COLOUR, "2")]
        if frames.dilation > 1:
            shapes += [_box(top + row * frames.dilation, left + col * frames.dilation, top + row * frames.dilation,
                            left + col * frames.dilation, WINDOW_COLOUR, "", 1)
                       for row in range(tap_h) for col in range(tap_w)]
        if frames.winners is not None:
            win_row, win_col = frames.winners[index, channel]
            shapes.append(_box(win_row, win_col, win_row, win_col, WINNER_COLOUR, "3", 4))
            shapes.append(_box(top + win_row, left + win_col, top + win_row, left + win_col, WINNER_COLOUR, "", 2))
        revealed = hidden.copy()
        revealed.ravel()[: index + 1] = output.ravel()[: index + 1]
        panel, panel_texts, caption = _frame_panel(frames, index, texts, channel)
        panel_text_grid = [panel_texts[row * tap_w: (row + 1) * tap_w] for row in range(tap_h)]
        notes = [*titles, dict(text=f"<b>{caption}</b>", xref="x3 domain", yref="y3 domain", x=0.5, y=-0.08,
                               showarrow=False, font=dict(size=15))]
        plotly_frames.append(dict(
            name=str(index), traces=[1, 2],
            data=[dict(type="heatmap", z=revealed), dict(type="heatmap", z=panel, text=panel_text_grid)],
            layout=dict(shapes=shapes, annotations=notes)))
    first = plotly_frames[0]
    figure.data[1].z = first["data"][0]["z"]
    figure.data[2].z, figure.data[2].text = first["data"][1]["z"], first["data"][1]["text"]
    figure.update_layout(shapes=first["layout"]["shapes"], annotations=first["layout"]["annotations"])
    _attach_frames(figure, plotly_frames)
    play_arguments = dict(frame=dict(duration=duration_ms, redraw=True), transition=dict(duration=0), fromcurrent=True)
    figure.update_layout(
        height=height, margin=dict(l=10, r=10, t=40, b=90),
        updatemenus=[dict(type="buttons", direction="left", x=0, y=-0.12, xanchor="left", yanchor="top",
                          showactive=False, buttons=[
                              dict(label=texts["play"], method="animate", args=[None, play_arguments]),
                              dict(label=texts["pause"], method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])])],
        sliders=[dict(active=0, x=0.18, y=-0.1, len=0.82, yanchor="top",
                      currentvalue=dict(prefix=texts["position"] + ": "),
                      steps=[dict(label=f"({frames.rows[index]},{frames.cols[index]})", method="animate",
                                  args=[[str(index)], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                                           transition=dict(duration=0))])
                             for index in range(frames.count)])])
    # Fixed ranges: the output starts almost empty, and autorange would zoom onto its first cell.
    for column, (rows, cols) in enumerate((padded.shape, output.shape, (tap_h, tap_w)), start=1):
        figure.update_yaxes(range=[rows - 0.5, -0.5], scaleanchor=f"x{'' if column == 1 else column}",
                            showticklabels=False, showgrid=False, zeroline=False, row=1, col=column)
        figure.update_xaxes(range=[-0.5, cols - 0.5], showticklabels=False, showgrid=False, zeroline=False,
                            constrain="domain", row=1, col=column)
    figure.update_layout(plot_bgcolor="#f3f3f3")
    return figure
