"""Saving a trained model for download, and loading an uploaded ``.keras`` file safely.

An upload passes three gates before Keras builds anything from it:

1. ``playground.data.archives.check_archive`` reads the zip's central directory and refuses a zip bomb
   (a huge padded ``config.json`` in a small file) before one byte is inflated;
2. the model's ``config.json`` (now known to be small) is searched for any object named from outside
   Keras (``os.system``, a custom layer's module, a Lambda) — refused as unsafe, not called damaged;
3. ``keras.saving.load_model(..., safe_mode=True)`` then loads it, refusing code deserialisation too.

Every failure becomes a ``ModelFileError`` with a translation key, so the page can say in the
learner's language what was wrong with the file; no message ever shows the server's temporary path.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

from playground.data.archives import MEGABYTE, ArchiveError, ArchiveLimits, check_archive
from playground.errors import LearnerError, Translated, first_line
from playground.spec.layers import LAYER_TYPES

# A .keras file holds config.json and metadata.json (kilobytes) and model.weights.h5 (the weights;
# the app's upload limit is 50 MB, and weights barely compress). Anything far beyond is refused.
KERAS_ARCHIVE_LIMITS = ArchiveLimits(
    max_entries=16,
    max_entry_bytes=256 * MEGABYTE,
    max_total_bytes=300 * MEGABYTE,
    max_ratio=100.0,
    entry_limits=MappingProxyType({"config.json": 8 * MEGABYTE, "metadata.json": MEGABYTE}),
)
# Objects in a Keras config name their module; only Keras's own may be built from an upload.
_KERAS_PACKAGES = ("keras",)
_LAMBDA_CLASS_NAMES = {"Lambda", "__lambda__"}
# The playground's own layers (``InputFeatures``), registered with Keras under the "playground" package:
# a file names them by that registered name (from the app, or from exported code run in Colab, whose
# module is then "__main__"), and importing their module registers the class for safe_mode loading.
_PLAYGROUND_CLASSES: dict[str, str] = {f"playground>{name}": layer_type.module
                                       for name, layer_type in LAYER_TYPES.items() if layer_type.module}
_UPLOAD_NAME = "uploaded.keras"


class ModelFileError(LearnerError):
    """An uploaded file that is not a model we can load (a ``train.upload_*`` key, its fields, a message)."""


def model_to_bytes(model: Any) -> bytes:
    """Returns the model saved in the native ``.keras`` format (what ``model.save("x.keras")`` writes)."""
    with tempfile.TemporaryDirectory(prefix="playground-save-") as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as handle:
            return handle.read()


def load_model_bytes(data: bytes) -> Any:
    """Loads a ``.keras`` file's bytes, refusing bombs, foreign code and damage with plain messages.

    Raises:
        ModelFileError: ``train.upload_not_model`` for a file of another kind,
            ``train.upload_archive_refused`` for an archive that would unpack too big (a zip bomb),
            ``train.upload_foreign_code`` for a config naming code outside Keras (``os.system``),
            ``train.upload_unsafe`` for a Lambda layer, ``train.upload_damaged_archive`` for a damaged zip,
            ``train.upload_corrupt`` for a model Keras cannot read.
    """
    config = _checked_config(data)
    foreign = _foreign_object(config)
    if foreign in _LAMBDA_CLASS_NAMES:
        raise ModelFileError("train.upload_unsafe", "The model holds Python code (a Lambda layer).")
    if foreign is not None:
        raise ModelFileError("train.upload_foreign_code", name=foreign)
    import importlib

    import keras

    for module in _PLAYGROUND_CLASSES.values():
        importlib.import_module(module)
    with tempfile.TemporaryDirectory(prefix="playground-upload-") as folder:
        path = os.path.join(folder, _UPLOAD_NAME)
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            return keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as error:  # noqa: BLE001 - Keras raises many types; each becomes a plain message.
            text = str(error)
            if "safe_mode" in text or "Lambda" in text:
                raise ModelFileError("train.upload_unsafe", "The model holds Python code (a Lambda layer).") from error
            # Keras quotes the file's path; the learner's file has no such path, and the server's
            # temporary folder is none of their business.
            detail = first_line(error).replace(path, _UPLOAD_NAME).replace(folder, "")
            raise ModelFileError("train.upload_corrupt", detail=detail) from error


def _checked_config(data: bytes) -> Any:
    """Checks the archive's sizes, then reads and parses its ``config.json`` (small by then).

    Raises:
        ModelFileError: Not a model, a refused archive, or a damaged one.
    """
    try:
        contents = check_archive(data, KERAS_ARCHIVE_LIMITS)
    except ArchiveError as error:
        if error.reason == "not_zip":
            raise ModelFileError("train.upload_not_model") from error
        if error.reason == "damaged":
            raise ModelFileError("train.upload_damaged_archive") from error
        raise ModelFileError("train.upload_archive_refused", reason=Translated(error.key, **error.fields)) from error
    if "config.json" not in contents.names:
        raise ModelFileError("train.upload_not_model")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return json.loads(archive.read("config.json"))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RecursionError) as error:
        # A bad CRC, a bad deflate stream or JSON that is not JSON: the file was damaged.
        raise ModelFileError("train.upload_corrupt", detail=first_line(error)) from error


def _foreign_object(config: Any) -> str | None:
    """The first object in a Keras config built from outside Keras ("os.system"), a Lambda, or None.

    Keras configs name every object as ``{"module": ..., "class_name": ...}``; a hand-edited file
    can name any module at all. Refusing them here gives the learner the true reason (unsafe),
    where Keras would only say it "could not be deserialized".
    """
    for item in _dicts(config):
        class_name = str(item.get("class_name", ""))
        if class_name in _LAMBDA_CLASS_NAMES:
            return class_name
        if item.get("registered_name") in _PLAYGROUND_CLASSES and class_name == str(item["registered_name"]).split(">")[1]:
            continue
        module = item.get("module")
        if module is not None and str(module).split(".")[0] not in _KERAS_PACKAGES:
            return f"{module}.{class_name}"[:120]
    return None


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    """Every dict inside a JSON value, depth first (iteratively: a deep file cannot overflow the stack)."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
