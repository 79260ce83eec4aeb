"""Saving a trained model for download, and loading an uploaded ``.keras`` file safely.

Uploads are loaded with ``keras.saving.load_model(..., safe_mode=True)``, which refuses to deserialise
code (a ``Lambda`` layer's Python bytecode). Every failure becomes a ``ModelFileError`` with a
translation key, so the page can say in the learner's language what was wrong with the file.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from typing import Any

from playground.errors import LearnerError


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
    """Loads a ``.keras`` file's bytes with ``safe_mode=True``.

    Raises:
        ModelFileError: ``train.upload_not_model`` for a file of another kind, ``train.upload_unsafe``
            for a model that holds code (a Lambda layer), ``train.upload_corrupt`` for a damaged file.
    """
    if not _looks_like_keras_archive(data):
        raise ModelFileError("train.upload_not_model", "This file is not a Keras model (.keras).")
    import keras

    with tempfile.TemporaryDirectory(prefix="playground-upload-") as folder:
        path = os.path.join(folder, "uploaded.keras")
        with open(path, "wb") as handle:
            handle.write(data)
        try:
            return keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as error:  # noqa: BLE001 - Keras raises many types; each becomes a plain message.
            text = str(error)
            if "safe_mode" in text or "Lambda" in text:
                raise ModelFileError("train.upload_unsafe", "The model holds Python code (a Lambda layer).") from error
            raise ModelFileError("train.upload_corrupt", f"The model file is damaged: {text[:200]}",
                                 detail=text.splitlines()[0][:200] if text else type(error).__name__) from error


def _looks_like_keras_archive(data: bytes) -> bool:
    """A ``.keras`` file is a zip archive with a ``config.json``; a damaged zip still counts (it is corrupt)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "config.json" in archive.namelist()
    except zipfile.BadZipFile:
        return True  # It starts like a zip archive: a truncated or damaged .keras file.
