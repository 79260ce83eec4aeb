"""A learner's own pictures: class folders in a zip (the notes' ``train/cats``, ``train/dogs``) or the camera.

A zip goes through the one archive check (``playground.data.archives.check_archive``) before anything is
unpacked, and every picture through the one safe opener (``playground.data.images.open_upload``, with its
one pixel cap). Files that are not pictures are skipped and named. The folders become a ``PictureSet``
(small copies for the preview grid and training), then a ``Dataset`` at a base's input size:
squashed to a square as ``flow_from_directory(target_size=…)`` does, scaled to [0, 1], split.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np

from playground.data.archives import MEGABYTE, ArchiveLimits, check_archive
from playground.data.core import Dataset, split_indices
from playground.data.images import ImageOpenError, open_upload
from playground.errors import LearnerError

# What a zip of picture folders may hold: a few hundred photos of a few megabytes each.
IMAGE_ARCHIVE_LIMITS = ArchiveLimits(max_entries=4000, max_entry_bytes=20 * MEGABYTE,
                                     max_total_bytes=300 * MEGABYTE, max_ratio=100.0)
# Pictures are kept at this longest side (enough for every base's input, small in memory).
KEPT_SIDE = 160
MIN_PER_CLASS = 5
MAX_PER_CLASS = 300
MAX_CLASSES = 10
VALIDATION_SHARE = 0.2
SPLIT_SEED = 0
TRAIN_FOLDERS = ("train", "training")
VALIDATION_FOLDERS = ("validation", "val", "valid", "test")


class PictureError(LearnerError):
    """Pictures the page cannot learn from (``transfer.error.*``): one class, too few pictures, none at all."""


@dataclass
class PictureSet:
    """Pictures by class, as the learner brought them.

    Attributes:
        train: Class name → pictures (uint8 RGB arrays, longest side at most ``KEPT_SIDE``), in file order.
        validation: The same for a validation folder the archive held, or empty (then the page splits).
        skipped: ``(file name, reason key)`` of every file left out (not a picture, damaged, too large).
    """

    train: dict[str, list[np.ndarray]] = field(default_factory=dict)
    validation: dict[str, list[np.ndarray]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def class_names(self) -> tuple[str, ...]:
        """The classes in alphabetical order, as ``flow_from_directory`` numbers them."""
        return tuple(sorted(self.train))

    def counts(self) -> dict[str, tuple[int, int]]:
        """Class → (training pictures, validation pictures)."""
        return {name: (len(self.train[name]), len(self.validation.get(name, []))) for name in self.class_names}

    def renamed(self, names: dict[str, str]) -> PictureSet:
        """The same pictures with classes renamed (``old → new``; empty or unchanged names keep theirs).

        Raises:
            PictureError: Two classes would get the same name.
        """
        new = {old: (names.get(old) or old).strip() or old for old in self.train}
        if len(set(new.values())) < len(new):
            raise PictureError("transfer.error.duplicate_names")
        return PictureSet({new[old]: pictures for old, pictures in self.train.items()},
                          {new[old]: pictures for old, pictures in self.validation.items() if old in new},
                          list(self.skipped))


def read_zip(data: bytes) -> PictureSet:
    """Reads a zip of class folders, with or without a ``train``/``validation`` level.

    Layouts taken: ``cats/…``, ``train/cats/…`` (+ ``validation/cats/…``), and any of these inside one
    top folder (``cats_and_dogs_small/train/cats/…``). macOS's ``__MACOSX`` and hidden files are ignored.

    Raises:
        playground.data.archives.ArchiveError: Not a zip, damaged, or too big when unpacked (a zip bomb).
        PictureError: No class folders, one class only, too many classes, or too few pictures in a class.
    """
    contents = check_archive(data, IMAGE_ARCHIVE_LIMITS)
    pictures = PictureSet()
    files = [name for name in contents.names if not name.endswith("/") and not _ignored(name)]
    parts = _strip_common_folders([PurePosixPath(name).parts for name in files])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name, path in zip(files, parts):
            split, class_name = _place(path)
            if class_name is None:
                pictures.skipped.append((name, "transfer.skip.no_folder"))
                continue
            target = pictures.validation if split == "validation" else pictures.train
            if len(target.get(class_name, [])) >= MAX_PER_CLASS:
                pictures.skipped.append((name, "transfer.skip.class_full"))
                continue
            picture = _open(archive.read(name), name, pictures)
            if picture is not None:
                target.setdefault(class_name, []).append(picture)
    check_classes(pictures)
    return pictures


def from_captures(captures: dict[str, list[bytes]]) -> PictureSet:
    """Pictures taken with the camera (or uploaded one by one), class name → encoded pictures.

    Raises:
        PictureError: One class only, or too few pictures in a class.
    """
    pictures = PictureSet()
    for class_name, encoded in captures.items():
        for index, data in enumerate(encoded[:MAX_PER_CLASS]):
            picture = _open(data, f"{class_name} #{index + 1}", pictures)
            if picture is not None:
                pictures.train.setdefault(class_name, []).append(picture)
    check_classes(pictures)
    return pictures


def check_classes(pictures: PictureSet) -> None:
    """Refuses a set no model can learn from, saying what to add.

    Raises:
        PictureError: No pictures, one class only, too many classes, or a class under ``MIN_PER_CLASS``.
    """
    if not pictures.train:
        raise PictureError("transfer.error.no_pictures")
    if len(pictures.train) < 2:
        raise PictureError("transfer.error.one_class", name=next(iter(pictures.train)))
    if len(pictures.train) > MAX_CLASSES:
        raise PictureError("transfer.error.too_many_classes", count=len(pictures.train), limit=MAX_CLASSES)
    for name in pictures.class_names:
        total = len(pictures.train[name]) + len(pictures.validation.get(name, []))
        if total < MIN_PER_CLASS:
            raise PictureError("transfer.error.too_few", name=name, count=total, minimum=MIN_PER_CLASS)


def to_dataset(pictures: PictureSet, input_shape: tuple[int, int, int], seed: int = SPLIT_SEED) -> Dataset:
    """The pictures at ``input_shape`` (squashed to the square, [0, 1]), split into training and validation.

    The archive's validation folder is used when every class has one; otherwise ``VALIDATION_SHARE`` of
    each class is held out (stratified, fixed seed). Two classes make a binary task (labels 0/1 in
    alphabetical order, as ``class_mode='binary'``), more a multiclass one.
    """
    check_classes(pictures)
    names = pictures.class_names
    x_train, y_train = _stack(pictures.train, names, input_shape)
    if all(pictures.validation.get(name) for name in names):
        x_val, y_val = _stack(pictures.validation, names, input_shape)
    else:
        train, validation = split_indices(y_train, stratify=True, test_fraction=VALIDATION_SHARE, seed=seed)
        x_train, y_train, x_val, y_val = x_train[train], y_train[train], x_train[validation], y_train[validation]
    return Dataset(
        name="my_pictures", x_train=x_train, y_train=y_train, x_test=x_val, y_test=y_val,
        task="binary" if len(names) == 2 else "multiclass", class_names=names,
        input_shape=tuple(input_shape), kind="image", source_key="transfer.dataset_source",
        source_fields={"train": len(y_train), "validation": len(y_val), "size": input_shape[0]},
    )


def prepare_picture(picture: np.ndarray, input_shape: tuple[int, int, int]) -> np.ndarray:
    """One picture (uint8 RGB) as the model takes it: ``input_shape`` float32 in [0, 1]."""
    from PIL import Image

    height, width, channels = input_shape
    image = Image.fromarray(picture).convert("L" if channels == 1 else "RGB")
    resized = np.asarray(image.resize((width, height), Image.Resampling.BILINEAR), dtype=np.float32) / 255.0
    return resized.reshape(input_shape)


def open_picture(data: bytes) -> np.ndarray:
    """An uploaded or captured picture as a uint8 RGB array (longest side ``KEPT_SIDE``).

    Raises:
        playground.data.images.ImageOpenError: Empty, not a picture, or over the one pixel cap.
    """
    picture, _ = open_upload(data, KEPT_SIDE)
    return np.asarray(picture.convert("RGB"), dtype=np.uint8)


def _stack(by_class: dict[str, list[np.ndarray]], names: tuple[str, ...],
           input_shape: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    x = [prepare_picture(picture, input_shape) for name in names for picture in by_class.get(name, [])]
    y = [label for label, name in enumerate(names) for _ in by_class.get(name, [])]
    return np.stack(x).astype(np.float32), np.asarray(y, dtype=np.int64)


def _open(data: bytes, name: str, pictures: PictureSet) -> np.ndarray | None:
    """Opens one picture, or notes why it was skipped."""
    try:
        return open_picture(data)
    except ImageOpenError as error:
        pictures.skipped.append((name, f"common.image_{error.reason}"))
        return None


def _ignored(name: str) -> bool:
    """macOS resource forks and hidden files (``.DS_Store``) are not pictures anyone meant to upload."""
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def _strip_common_folders(paths: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Removes top folders every file shares (``cats_and_dogs_small/``), stopping at a train/validation level.

    A loose file beside the class folders (``cats_and_dogs_small/README.txt``) does not stop the stripping;
    it ends up outside any class folder and is listed as skipped.
    """
    while True:
        deep = [path for path in paths if len(path) > 2]
        first = deep[0][0] if deep else None
        if first is None or first.lower() in TRAIN_FOLDERS + VALIDATION_FOLDERS:
            return paths
        if any(path[0] != first for path in paths if len(path) > 1):
            return paths
        paths = [path[1:] if len(path) > 1 else path for path in paths]


def _place(path: tuple[str, ...]) -> tuple[str, str | None]:
    """(split, class) of a file's path; the class is None for a file that is not in a class folder."""
    split = "train"
    if len(path) >= 3 and path[0].lower() in TRAIN_FOLDERS + VALIDATION_FOLDERS:
        split = "validation" if path[0].lower() in VALIDATION_FOLDERS else "train"
        path = path[1:]
    if len(path) < 2:
        return split, None
    return split, path[0]
