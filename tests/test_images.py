"""Opening uploads: the traps both upload pages share."""

import io

import pytest
from PIL import Image

from playground.data.images import ImageOpenError, open_upload


def encoded(picture: Image.Image, format_name: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=format_name)
    return buffer.getvalue()


def test_a_big_jpeg_is_decoded_small_and_keeps_its_original_size():
    picture, original = open_upload(encoded(Image.new("RGB", (3000, 2000), "white"), "JPEG"), longest_side=500)
    assert original == (2000, 3000)
    assert max(picture.size) == 500 and picture.size[0] > picture.size[1]


def test_without_shrinking_the_picture_stays_at_least_the_asked_size():
    picture, _ = open_upload(encoded(Image.new("RGB", (3000, 2000), "white"), "JPEG"), longest_side=500, shrink=False)
    assert 500 <= max(picture.size) < 3000  # Decoded at a reduced JPEG scale, not resampled further.


def test_a_sideways_phone_photo_is_turned_upright():
    photo = Image.new("RGB", (60, 40), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # EXIF orientation: rotate 90° to display.
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", exif=exif)
    picture, _ = open_upload(buffer.getvalue(), longest_side=100)
    assert picture.size == (40, 60)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"name,value\n1,2\n", "not_image"),
    (encoded(Image.new("L", (50, 50)))[:60], "not_image"),
    (encoded(Image.new("L", (9000, 9000))), "too_many_pixels"),
])
def test_bad_uploads_say_why(data, reason):
    with pytest.raises(ImageOpenError) as caught:
        open_upload(data, longest_side=100)
    assert caught.value.reason == reason


def test_a_decompression_bomb_is_refused_as_too_large_not_by_its_exception_name(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 2× this raises DecompressionBombError.
    with pytest.raises(ImageOpenError) as caught:
        open_upload(encoded(Image.new("L", (100, 100))), longest_side=100)
    assert caught.value.reason == "too_many_pixels"
    assert caught.value.megapixels == pytest.approx(0.01)
    assert "DecompressionBomb" not in str(caught.value)
