"""The three sections of the Convolution lab: convolution, pooling, and feature maps of a real model."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from playground.charts.convolution import DEFAULT_LABELS, animation_figure, image_figure
from playground.labs.convolution import (DILATION_RANGE, PADDINGS, POOL_MODES, STRIDE_RANGE, ConvolutionError,
                                    axis_formula, conv2d, convolution_frames, pool2d, pooling_frames)
from playground_app.common import lang, tr
from playground_app.convolution.controls import CHANNEL_NAMES, crop_picker, formula_lines, kernel_editor, outline_region
from playground_app.convolution.input import ConvKeys, ConvolutionPageState, describe
from playground_app.widgets.feature_maps import show_feature_maps
from playground_app.state import shared


def _labels() -> dict[str, str]:
    """The animation's texts in the learner's language."""
    return {key: tr(f"conv.anim.{key}") for key in DEFAULT_LABELS}


def _result_pair(image: np.ndarray, result: np.ndarray, region: tuple[int, int, int] | None, title: str) -> None:
    left, right = st.columns(2)
    with left:
        figure = outline_region(image_figure(image, tr("conv.result.input", description=describe(image))), region)
        st.plotly_chart(figure, key=ConvKeys.FULL_INPUT_CHART)
    with right:
        st.plotly_chart(image_figure(result, title), key=ConvKeys.FULL_OUTPUT_CHART)


def _show_formula(image: np.ndarray, kernel_size: int, stride: int, padding: str, dilation: int) -> None:
    rows = axis_formula(image.shape[0], kernel_size, stride, padding, dilation)
    cols = axis_formula(image.shape[1], kernel_size, stride, padding, dilation)
    st.markdown("  \n".join(formula_lines(rows, cols, padding)))


def convolution_section(image: np.ndarray) -> None:
    """Kernel, stride, padding, dilation and ReLU; the full result, the formula and the animation."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    controls, settings = st.columns([3, 2])
    with controls:
        kernel = kernel_editor(channels)
    with settings:
        stride = st.slider(tr("conv.stride"), *STRIDE_RANGE, 1, key=ConvKeys.STRIDE)
        padding = st.radio(tr("conv.padding"), PADDINGS, horizontal=True, key=ConvKeys.PADDING)
        dilation = st.slider(tr("conv.dilation"), *DILATION_RANGE, 1, key=ConvKeys.DILATION)
        relu = st.checkbox(tr("conv.relu"), key=ConvKeys.RELU)
    try:
        result = conv2d(image, kernel, stride, padding, dilation)
        _show_formula(image, kernel.shape[0], stride, padding, dilation)
    except ConvolutionError as error:
        st.error(error.text(lang()))
        return
    if relu:
        result = np.maximum(result, 0.0)
    title = tr("conv.result.output", height=result.shape[0], width=result.shape[1],
               low=float(result.min()), high=float(result.max()))
    st.subheader(tr("conv.anim.heading"))
    region_image, region = crop_picker(image, ConvKeys.CONV_CROP_PREFIX)
    _result_pair(image, result, region, title)
    try:
        frames = convolution_frames(region_image, kernel, stride, padding, dilation)
    except ConvolutionError as error:
        st.warning(error.text(lang()))
        return
    if region is not None and frames.padding.total:  # Only padding is placed differently on a region.
        st.caption(tr("conv.anim.crop_note"))
    if relu:
        st.caption(tr("conv.anim.relu_note"))
    st.plotly_chart(animation_figure(frames, _labels()), key=ConvKeys.ANIMATION_CHART, config={"displayModeBar": False})


def pooling_section(image: np.ndarray) -> None:
    """Max / average pooling with size, stride and padding; the result, the formula and the animation."""
    columns = st.columns(4)
    mode = columns[0].radio(tr("conv.pool.mode"), POOL_MODES, format_func=lambda name: tr(f"conv.pool.{name}"),
                            horizontal=True, key=ConvKeys.POOL_MODE)
    pool_size = columns[1].slider(tr("conv.pool.size"), 2, 4, 2, key=ConvKeys.POOL_SIZE)
    stride_choice = columns[2].selectbox(tr("conv.stride"), ["pool", *range(1, 5)], key=ConvKeys.POOL_STRIDE,
                                         format_func=lambda value: tr("conv.pool.stride_default")
                                         if value == "pool" else str(value))
    padding = columns[3].radio(tr("conv.padding"), PADDINGS, horizontal=True, key=ConvKeys.POOL_PADDING)
    stride = pool_size if stride_choice == "pool" else int(stride_choice)
    try:
        result = pool2d(image, pool_size, stride, padding, mode)
        _show_formula(image, pool_size, stride, padding, 1)
    except ConvolutionError as error:
        st.error(error.text(lang()))
        return
    if padding == "same":
        st.caption(tr(f"conv.pool.same_{mode}"))
    title = tr("conv.result.output", height=result.shape[0], width=result.shape[1],
               low=float(result.min()), high=float(result.max()))
    st.subheader(tr("conv.anim.heading"))
    region_image, region = crop_picker(image, ConvKeys.POOL_CROP_PREFIX)
    _result_pair(image, result, region, title)
    channel = 0
    if image.ndim == 3:
        channel = st.radio(tr("conv.pool.channel"), range(image.shape[2]), horizontal=True, key=ConvKeys.POOL_CHANNEL,
                           format_func=lambda index: CHANNEL_NAMES[index])
    try:
        frames = pooling_frames(region_image, pool_size, stride, padding, mode)
    except ConvolutionError as error:
        st.warning(error.text(lang()))
        return
    if region is not None and frames.padding.total:  # Only padding is placed differently on a region.
        st.caption(tr("conv.anim.crop_note"))
    st.plotly_chart(animation_figure(frames, _labels(), channel=channel), key=ConvKeys.POOL_ANIMATION_CHART,
                    config={"displayModeBar": False})


def _spec_model(state: ConvolutionPageState, spec: dict[str, Any]) -> Any:
    """Builds (once per spec) the untrained model of the Build page's spec."""
    from playground.spec import build_model, spec_to_json

    text = spec_to_json(spec)
    if text not in state.spec_models:
        state.spec_models.clear()  # Only the current spec is worth keeping in memory.
        state.spec_models[text] = build_model(spec, name="build_page_model")
    return state.spec_models[text]


def _default_model() -> Any | None:
    try:
        from playground.labs.digits import load_default_model

        return load_default_model()
    except (ImportError, FileNotFoundError, OSError, ValueError):
        return None


def feature_maps_section(image: np.ndarray, state: ConvolutionPageState) -> None:
    """Lets the learner pick a model (trained, from the Build page, or the default digit model) and shows its maps."""
    choices: dict[str, Any] = {}
    for label in reversed(list(shared().models)):
        choices[tr("conv.models.trained", label=label)] = ("trained", label)
    if shared().spec is not None:
        choices[tr("conv.models.build")] = ("build", None)
    choices[tr("conv.models.default")] = ("default", None)
    picked = st.selectbox(tr("conv.models.pick"), list(choices), key=ConvKeys.FEATURE_MODEL)
    kind, label = choices[picked]
    if kind == "trained":
        model = shared().models[label].model
    elif kind == "build":
        st.info(tr("conv.models.untrained"))
        try:
            model = _spec_model(state, shared().spec)
        except ValueError as error:  # SpecError is a ValueError carrying its own translation.
            text = getattr(error, "text", None)
            st.error(text(lang()) if callable(text) else str(error))
            return
    else:
        model = _default_model()
        if model is None:
            st.warning(tr("conv.models.no_default"))
            return
    show_feature_maps(model, image, ConvKeys.FEATURES_PREFIX)


SECTIONS: dict[str, Any] = {"conv": convolution_section, "pool": pooling_section, "features": None}
"""Section name → its drawing function (the feature maps need the shared model; the page draws them)."""
