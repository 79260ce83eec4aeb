"""Opening uploaded pictures safely: one place for size limits, corrupt files and fast JPEG decoding.

The Draw page and the Convolution lab both take a learner's photo. Whatever a page does with the
picture afterwards, opening it has the same traps: an empty or non-image file, a truncated file that
fails only while decoding, a huge photo (or a decompression bomb) that would take seconds and
gigabytes to decode, and phone photos stored sideways.
"""

from __future__ import annotations

import io
from typing import Any

from playground.errors import LearnerError

# Larger pictures are refused before decoding: a digit or a convolution demo needs a few hundred pixels.
# The one cap for every picture upload (Draw, the Convolution lab, image folders): callers cannot pass
# another, so no page can forget it. Pillow's own bomb check (MAX_IMAGE_PIXELS, about 179 megapixels
# for an error) is far above it and is reported as the same plain "too large" message.
MAX_UPLOAD_MEGAPIXELS = 40.0


class ImageOpenError(LearnerError):
    """Why an upload could not be opened.

    A ``LearnerError`` (``common.image_<reason>``) so that any page can show it as it is; pages
    with a message of their own (the Draw page, the Convolution lab) choose it by ``reason``.

    Attributes:
        reason: "empty", "too_many_pixels" or "not_image".
        detail: A short technical detail (the decoder's own words), possibly empty.
        megapixels: The picture's size, for "too_many_pixels".
    """

    def __init__(self, reason: str, detail: str = "", megapixels: float = 0.0,
                 limit: float = MAX_UPLOAD_MEGAPIXELS) -> None:
        self.reason = reason
        self.detail = detail
        self.megapixels = megapixels
        super().__init__(f"common.image_{reason}", detail=detail or reason, pixels=f"{megapixels:.0f}", limit=f"{limit:.0f}")


def open_upload(data: bytes, longest_side: int, shrink: bool = True) -> tuple[Any, tuple[int, int]]:
    """Decodes uploaded bytes into a loaded PIL image.

    Args:
        data: The file's bytes.
        longest_side: The size the caller needs; a JPEG is decoded directly at a reduced scale that
            is still at least this big (milliseconds instead of a second for a phone photo).
        shrink: Also shrink the picture so that its longest side is at most ``longest_side``.

    Returns:
        The picture (turned upright by its EXIF note) and its original (height, width).

    Raises:
        ImageOpenError: For an empty, too large (over ``MAX_UPLOAD_MEGAPIXELS``, read from the header
            before decoding), corrupt or non-image file.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ImageOpenError("empty")
    try:
        picture = Image.open(io.BytesIO(data))
        width, height = picture.size
        megapixels = width * height / 1e6
        if megapixels > MAX_UPLOAD_MEGAPIXELS:
            raise ImageOpenError("too_many_pixels", megapixels=megapixels)
        picture.draft(None, (longest_side, longest_side))
        picture = ImageOps.exif_transpose(picture)
        picture.load()
        if shrink and max(picture.size) > longest_side:
            picture.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    except Image.DecompressionBombError as error:
        # Pillow refuses a huge picture while opening it, before we could read its size ourselves.
        raise ImageOpenError("too_many_pixels", megapixels=_bomb_megapixels(error)) from error
    except UnidentifiedImageError as error:
        raise ImageOpenError("not_image", type(error).__name__) from error
    except (OSError, ValueError, SyntaxError) as error:
        if isinstance(error, ImageOpenError):
            raise
        # Truncated or corrupt files fail while decoding, with a variety of exception types.
        raise ImageOpenError("not_image", str(error)[:80] or type(error).__name__) from error
    return picture, (height, width)


def _bomb_megapixels(error: Exception) -> float:
    """The picture's size from Pillow's bomb message ("Image size (400000000 pixels) exceeds …"), or 0."""
    import re

    found = re.search(r"\((\d+) pixels\)", str(error))
    return int(found.group(1)) / 1e6 if found else 0.0
