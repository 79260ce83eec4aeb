"""Grad-CAM view shared by the Draw page and "Your images": the picture with where the model looked."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from playground_app.common import tr


def show_gradcam(model: Any, model_input: np.ndarray, picture: np.ndarray | None = None,
                 class_names: tuple[str, ...] = (), layer: str | None = None, width: int = 240) -> Any:
    """Shows the Grad-CAM heatmap of the predicted class over the picture, with a one-line explanation.

    Args:
        model: A trained convolutional Keras model.
        model_input: One input as the model takes it (no batch axis).
        picture: What to draw the heatmap over (uint8 RGB or [0, 1] grey); the input when None.
        class_names: Names of the classes, for the caption.
        layer: The convolutional layer to weigh (the last one when None).
        width: Width of the shown image in pixels.

    Returns:
        The ``GradCam`` (probabilities included), or None when the model has no convolution.
    """
    from playground.transfer.gradcam import gradcam, overlay

    try:
        explained = gradcam(model, model_input, layer=layer)
    except ValueError:
        st.info(tr("gradcam.no_conv"))
        return None
    shown = picture if picture is not None else model_input
    blended = overlay(_enlarged(shown, width), explained.heatmap)
    name = class_names[explained.class_index] if explained.class_index < len(class_names) else str(explained.class_index)
    st.image(blended, width=width, caption=tr("gradcam.caption", name=name, layer=explained.layer))
    st.caption(tr("gradcam.about"))
    return explained


def _enlarged(picture: np.ndarray, width: int) -> np.ndarray:
    """The picture scaled up to ``width`` (square pixels for a small digit), as uint8."""
    from PIL import Image

    array = np.asarray(picture)
    if array.dtype != np.uint8:
        array = (np.clip(array, 0, 1) * 255).astype(np.uint8)
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    image = Image.fromarray(array)
    if image.width >= width:
        return np.asarray(image)
    height = round(image.height * width / image.width)
    return np.asarray(image.resize((width, height), Image.Resampling.NEAREST))
