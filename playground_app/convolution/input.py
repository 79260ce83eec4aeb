"""The Convolution lab's state and its input picker (bundled samples or an upload)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import streamlit as st

from playground.data.samples import SAMPLES, LoadedImage, SampleError, decode_upload, load_sample, mnist_digit
from playground_app.common import tr
from playground_app.state import page_state

STATE_KEY = "convolution"
UPLOAD = "upload"


class ConvKeys:
    """The Convolution lab's widget keys, declared once beside its state (all start with "conv_").

    ``KERNEL_GRID`` names the kernel editor for one preset and size (a channel's slice adds
    ``_<channel>``), so picking another preset starts from its values. The crop prefixes name the
    crop pickers of the convolution and pooling sections (``<prefix>_crop_size`` …).
    """

    SECTION = "conv_section"
    UPLOAD = "conv_upload"
    SOURCE = "conv_source"
    DIGIT = "conv_digit"
    EXAMPLE = "conv_example"
    KERNEL_PRESET = "conv_preset"
    KERNEL_SIZE = "conv_kernel_size"
    SAME_KERNEL = "conv_same_kernel"
    FULL_INPUT_CHART = "conv_full_input"
    FULL_OUTPUT_CHART = "conv_full_output"
    STRIDE = "conv_stride"
    PADDING = "conv_padding"
    DILATION = "conv_dilation"
    RELU = "conv_relu"
    ANIMATION_CHART = "conv_animation"
    POOL_MODE = "conv_pool_mode"
    POOL_SIZE = "conv_pool_size"
    POOL_STRIDE = "conv_pool_stride"
    POOL_PADDING = "conv_pool_padding"
    POOL_CHANNEL = "conv_pool_channel"
    POOL_ANIMATION_CHART = "conv_pool_animation"
    FEATURE_MODEL = "conv_fm_model"
    KERNEL_GRID = "conv_kernel_{preset}_{size}"
    CONV_CROP_PREFIX = "conv"
    POOL_CROP_PREFIX = "conv_pool"
    FEATURES_PREFIX = "conv"


@dataclass
class ConvolutionPageState:
    """What the Convolution lab keeps between reruns (widgets keep their own values under ``conv_*`` keys).

    Attributes:
        upload: The last upload that decoded, kept when a later upload fails.
        upload_name: Its file name.
        upload_id: Streamlit's id of the file last tried, so a file is decoded once, not on every rerun.
        upload_error: The message of the last failed upload (key, fields), shown until a good one arrives.
        spec_models: Untrained models built from Build-page specs, by the spec's JSON text.
    """

    upload: LoadedImage | None = None
    upload_name: str = ""
    upload_id: str = ""
    upload_error: tuple[str, dict[str, Any]] | None = None
    spec_models: dict[str, Any] = field(default_factory=dict)


def convolution_state() -> ConvolutionPageState:
    """Returns this session's lab state, creating it on first use."""
    return page_state(STATE_KEY, ConvolutionPageState)


@st.cache_data(show_spinner=False)
def _cached_sample(name: str, digit: int, index: int) -> np.ndarray:
    return mnist_digit(digit, index) if name == "mnist_digit" else load_sample(name)


def _read_upload(state: ConvolutionPageState) -> None:
    uploaded = st.file_uploader(tr("conv.input.upload"), type=["png", "jpg", "jpeg"], key=ConvKeys.UPLOAD)
    if uploaded is not None and uploaded.file_id != state.upload_id:
        state.upload_id = uploaded.file_id
        try:
            state.upload = decode_upload(uploaded.getvalue(), uploaded.name)
            state.upload_name, state.upload_error = uploaded.name, None
        except SampleError as error:
            # The previous good image stays: a bad file must not cost the learner what they had.
            state.upload_error = (error.key, error.fields)
    if state.upload_error is not None:
        key, fields = state.upload_error
        st.error(tr(key, **fields))
    if state.upload is not None and state.upload.downscaled:
        height, width = state.upload.original_size
        new_height, new_width = state.upload.pixels.shape[:2]
        st.info(tr("conv.input.downscaled", name=state.upload_name, height=height, width=width,
                   new_height=new_height, new_width=new_width))


def input_picker(state: ConvolutionPageState) -> np.ndarray:
    """Draws the input controls and returns the chosen image (float in [0, 1], (H, W) or (H, W, 3))."""
    options = [*SAMPLES, UPLOAD]
    source = st.selectbox(tr("conv.input.source"), options, format_func=lambda name: tr(f"conv.sample.{name}"),
                          key=ConvKeys.SOURCE)
    if source == "mnist_digit":
        left, right = st.columns(2)
        digit = left.number_input(tr("conv.input.digit"), 0, 9, 7, key=ConvKeys.DIGIT)
        index = right.number_input(tr("conv.input.example"), 0, 499, 0, key=ConvKeys.EXAMPLE)
        return _cached_sample(source, int(digit), int(index))
    if source == UPLOAD:
        _read_upload(state)
        if state.upload is None:
            st.info(tr("conv.input.no_upload"))
            return _cached_sample("cross", 0, 0)
        return state.upload.pixels
    return _cached_sample(source, 0, 0)


def describe(image: np.ndarray) -> str:
    """A short description of an image's size and kind for captions."""
    kind = tr("conv.input.rgb") if image.ndim == 3 else tr("conv.input.gray")
    return tr("conv.input.describe", height=image.shape[0], width=image.shape[1], kind=kind)

