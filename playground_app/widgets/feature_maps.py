"""A reusable view of a model's feature maps: every Conv2D / pooling layer's output for one image."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from playground.charts.convolution import feature_map_grid, image_figure
from playground.labs.convolution import ConvolutionError
from playground.labs.features import FeatureMap, feature_maps, image_input_shape, prepare_input
from playground_app.common import lang, tr
from playground_app.errors import show_error


def show_feature_maps(model: Any, image: Any, key_prefix: str) -> list[FeatureMap] | None:
    """Draws the image the model sees and, per Conv2D / pooling layer, a grid of its feature maps.

    Never raises: a model without such layers, or one that cannot take an image, gets a plain message.

    Args:
        model: A built Keras model with one image input.
        image: (H, W) or (H, W, C) values in [0, 1]; resized and converted to the model's input shape.
        key_prefix: Prefix of this view's widget keys (the calling page's, e.g. "draw" or "conv").

    Returns:
        The feature maps shown, or None when there was nothing to show.
    """
    try:
        maps = feature_maps(model, image)
        seen = prepare_input(image, image_input_shape(model))
    except ConvolutionError as error:
        st.info(error.text(lang()))
        return None
    except Exception as error:  # noqa: BLE001 - a model from another page must never break this one.
        show_error(error)
        return None
    left, right = st.columns([1, 3])
    with left:
        st.plotly_chart(image_figure(seen, tr("conv.fm.model_input", shape="×".join(map(str, np.shape(seen)))),
                                     height=240), key=f"{key_prefix}_fm_input")
    with right:
        most = max(feature_map.channels for feature_map in maps)
        limit = st.slider(tr("conv.fm.max_maps"), min_value=1, max_value=max(most, 2), value=min(16, most),
                          key=f"{key_prefix}_fm_max_maps")
        st.caption(tr("conv.fm.caption"))
    for feature_map in maps:
        height, width, channels = feature_map.maps.shape
        st.markdown(tr("conv.fm.layer", name=feature_map.layer_name, type=feature_map.layer_type,
                       shape=f"{height}×{width}×{channels}"))
        st.plotly_chart(feature_map_grid(feature_map, limit, label=tr("conv.fm.map")),
                        key=f"{key_prefix}_fm_{feature_map.layer_name}")
    return maps
