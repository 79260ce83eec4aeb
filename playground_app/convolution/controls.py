"""Controls of the Convolution lab: kernel editor, crop picker, and the output-size formula text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from playground.labs.convolution import SizeFormula, crop
from playground.labs.kernels import KERNEL_SIZES, KERNELS, make_kernel
from playground_app.common import tr
from playground_app.convolution.input import ConvKeys

ANIMATION_MAX_SIDE = 12
CHANNEL_NAMES = ("R", "G", "B")


def _grid_editor(kernel: np.ndarray, key: str) -> np.ndarray:
    """An editable grid of numbers; returns what the learner typed (empty cells become NaN)."""
    frame = pd.DataFrame(kernel, columns=[str(column) for column in range(kernel.shape[1])])
    config = {column: st.column_config.NumberColumn(column, format="%.3f", width="small") for column in frame.columns}
    edited = st.data_editor(frame, key=key, hide_index=True, column_config=config, num_rows="fixed")
    return pd.DataFrame(edited).apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)


def kernel_editor(channels: int) -> np.ndarray:
    """Draws preset, size and the editable grid(s); returns (k, k) or, per channel, (k, k, channels).

    The editor's key includes the preset and size, so picking another preset starts from its values
    while edits to a preset are kept as long as it stays selected.
    """
    left, right = st.columns(2)
    preset = left.selectbox(tr("conv.kernel.preset"), list(KERNELS), format_func=lambda name: tr(f"conv.kernel.{name}"),
                            key=ConvKeys.KERNEL_PRESET)
    size = right.radio(tr("conv.kernel.size"), KERNEL_SIZES, format_func=lambda value: f"{value}×{value}",
                       horizontal=True, key=ConvKeys.KERNEL_SIZE)
    base = make_kernel(preset, size)
    same_for_all = True
    if channels > 1:
        same_for_all = st.checkbox(tr("conv.kernel.same_for_all"), value=True, key=ConvKeys.SAME_KERNEL)
    if same_for_all:
        return _grid_editor(base, ConvKeys.KERNEL_GRID.format(preset=preset, size=size))
    slices = []
    for channel, tab in enumerate(st.tabs([tr("conv.kernel.channel", channel=name) for name in CHANNEL_NAMES[:channels]])):
        with tab:
            slices.append(_grid_editor(base, ConvKeys.KERNEL_GRID.format(preset=preset, size=size) + f"_{channel}"))
    return np.stack(slices, axis=-1)


def crop_picker(image: np.ndarray, key_prefix: str) -> tuple[np.ndarray, tuple[int, int, int] | None]:
    """For images bigger than the animation allows, lets the learner pick the region to animate.

    Returns:
        The region and its (top, left, size), or the whole image and None when it is small enough.
    """
    height, width = image.shape[:2]
    if max(height, width) <= ANIMATION_MAX_SIDE:
        return image, None
    st.caption(tr("conv.crop.explain", size=ANIMATION_MAX_SIDE))
    columns = st.columns(3)
    size = columns[0].slider(tr("conv.crop.size"), 3, min(ANIMATION_MAX_SIDE, height, width), min(8, height, width),
                             key=f"{key_prefix}_crop_size")
    default_top, default_left = max(0, height // 2 - size // 2), max(0, width // 2 - size // 2)
    top = columns[1].slider(tr("conv.crop.top"), 0, height - size, min(default_top, height - size),
                            key=f"{key_prefix}_crop_top")
    left = columns[2].slider(tr("conv.crop.left"), 0, width - size, min(default_left, width - size),
                             key=f"{key_prefix}_crop_left")
    region = crop(image, top, left, size)
    return region, (top, left, region.shape[0])


def outline_region(figure: go.Figure, region: tuple[int, int, int] | None) -> go.Figure:
    """Draws the animated region on a full-image figure."""
    if region is not None:
        top, left, size = region
        figure.add_shape(type="rect", x0=left - 0.5, x1=left + size - 0.5, y0=top - 0.5, y1=top + size - 0.5,
                         line=dict(color="#e4572e", width=3))
    return figure


def formula_lines(rows: SizeFormula, cols: SizeFormula, padding: str) -> list[str]:
    """The output-size formula with the current numbers, per axis, and the padding Keras adds."""
    lines = []
    for axis, formula in ((tr("conv.formula.height"), rows), (tr("conv.formula.width"), cols)):
        reach = formula.dilation * (formula.kernel - 1)
        lines.append(
            f"{axis}: out = ⌊(n + p₁ + p₂ − d·(k−1) − 1) / s⌋ + 1 = "
            f"⌊({formula.size} + {formula.pad_before} + {formula.pad_after} − {formula.dilation}·{formula.kernel - 1}"
            f" − 1) / {formula.stride}⌋ + 1 = ⌊{formula.size + formula.pad_before + formula.pad_after - reach - 1}"
            f" / {formula.stride}⌋ + 1 = **{formula.output}**")
    if padding == "same":
        lines.append(tr("conv.formula.same", top=rows.pad_before, bottom=rows.pad_after, left=cols.pad_before,
                        right=cols.pad_after))
        if (rows.pad_before + rows.pad_after) % 2 or (cols.pad_before + cols.pad_after) % 2:
            lines.append(tr("conv.formula.asymmetric"))
    return lines
