"""Where the Draw page's picture comes from: the drawing canvas or an uploaded photo.

Each source is a function returning the raw picture (or None), so tests can replace
``canvas_image`` with a function returning a drawing: AppTest cannot move a mouse over a canvas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import streamlit as st

from playground.data.images import ImageOpenError, open_upload
from playground_app.common import tr
from playground_app.draw.state import DrawKeys

CANVAS_KEY = DrawKeys.CANVAS  # Tests put a drawing here.
CANVAS_SIZE = 280
UPLOAD_TYPES = ["png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff"]
# Uploads are shrunk to this side once, so that showing and preprocessing them on every rerun is cheap.
DISPLAY_SIDE = 1120


@dataclass
class UploadResult:
    """A decoded upload: the picture, or why it was refused (a translation key and its fields)."""

    picture: Any = None
    error_key: str | None = None
    error_fields: dict[str, Any] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        """The reason in the learner's language, or None for a good picture."""
        return tr(self.error_key, **self.error_fields) if self.error_key else None


def canvas_image(brush_width: int) -> np.ndarray | None:
    """Draws the 280×280 canvas (white brush on black) and returns its RGBA pixels, or None.

    ``update_streamlit=True`` sends the picture after every stroke, so the prediction follows the
    drawing with no button. The canvas's own toolbar holds undo, redo and clear.
    """
    from streamlit_drawable_canvas import st_canvas

    result = st_canvas(
        stroke_width=brush_width,
        stroke_color="#FFFFFF",
        background_color="#000000",
        update_streamlit=True,
        height=CANVAS_SIZE,
        width=CANVAS_SIZE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=CANVAS_KEY,
    )
    return result.image_data


def read_upload(data: bytes) -> UploadResult:
    """Decodes uploaded bytes into a PIL image, refusing non-images and huge pictures politely."""
    try:
        picture, _ = open_upload(data, longest_side=DISPLAY_SIDE)
    except ImageOpenError as error:
        if error.reason == "too_many_pixels":
            return UploadResult(error_key="draw.upload_too_big",
                                error_fields={"pixels": error.fields["pixels"], "limit": error.fields["limit"]})
        return UploadResult(error_key="draw.upload_bad", error_fields={"detail": error.detail or error.reason})
    return UploadResult(picture=picture)


def uploaded_picture() -> UploadResult | None:
    """Shows the file uploader; returns the decoded upload, or None when nothing is uploaded."""
    upload = st.file_uploader(
        tr("draw.upload"), type=UPLOAD_TYPES, help=tr("draw.upload_help"), key=DrawKeys.UPLOAD
    )
    if upload is None:
        return None
    return read_upload(upload.getvalue())
