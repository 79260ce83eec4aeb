"""Where the Draw page's picture comes from: the drawing canvas or an uploaded photo.

Each source is a function returning the raw picture (or None), so tests can replace
``canvas_image`` with a function returning a drawing: AppTest cannot move a mouse over a canvas.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import streamlit as st

from ui.common import tr

CANVAS_KEY = "draw_canvas"
CANVAS_SIZE = 280
UPLOAD_TYPES = ["png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff"]
# Larger pictures are refused before decoding: decoding a 100-megapixel photo takes seconds and
# gigabytes, and a digit needs no more than a few hundred pixels.
MAX_UPLOAD_MEGAPIXELS = 40
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
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        width, height = picture.size
        megapixels = width * height / 1e6
        if megapixels > MAX_UPLOAD_MEGAPIXELS:
            return UploadResult(
                error_key="draw.upload_too_big",
                error_fields={"pixels": f"{megapixels:.0f}", "limit": MAX_UPLOAD_MEGAPIXELS},
            )
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 size directly: a phone photo then costs
        # milliseconds instead of a second; a digit needs no more than DISPLAY_SIDE pixels.
        picture.draft(None, (DISPLAY_SIDE, DISPLAY_SIDE))
        # Phone photos are stored sideways with an EXIF note saying how to turn them.
        picture = ImageOps.exif_transpose(picture)
        picture.load()
        if max(picture.size) > DISPLAY_SIDE:
            picture.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE), Image.Resampling.LANCZOS)
        return UploadResult(picture=picture)
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        return UploadResult(error_key="draw.upload_bad", error_fields={"detail": type(error).__name__})
    except (OSError, ValueError, SyntaxError) as error:
        # Truncated or corrupt files fail while decoding, with a variety of exception types.
        detail = str(error)[:80] or type(error).__name__
        return UploadResult(error_key="draw.upload_bad", error_fields={"detail": detail})


def uploaded_picture() -> UploadResult | None:
    """Shows the file uploader; returns the decoded upload, or None when nothing is uploaded."""
    upload = st.file_uploader(
        tr("draw.upload"), type=UPLOAD_TYPES, help=tr("draw.upload_help"), key="draw_upload"
    )
    if upload is None:
        return None
    return read_upload(upload.getvalue())
