"""Uploaded ``.keras`` files: a zip bomb, foreign code and a damaged zip each get their true, plain reason."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile

import pytest

from playground.engine import model_files
from playground.engine.model_files import ModelFileError, load_model_bytes


@pytest.fixture(scope="module")
def tiny_model_bytes() -> bytes:
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="relu", name="out")])
    return model_files.model_to_bytes(model)


def _rewritten(model_bytes: bytes, config_json: bytes | None = None, padding_mb: int = 0) -> bytes:
    """The model again, its config replaced or padded with spaces (streamed: the test stays small)."""
    source = zipfile.ZipFile(io.BytesIO(model_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "config.json":
                archive.writestr(item.filename, source.read(item.filename))
                continue
            with archive.open("config.json", "w", force_zip64=True) as entry:
                entry.write(config_json if config_json is not None else source.read("config.json"))
                for _ in range(padding_mb):
                    entry.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_model_is_refused_without_inflating_it(tiny_model_bytes):
    bomb = _rewritten(tiny_model_bytes, padding_mb=200)
    assert len(bomb) < 1024 * 1024  # a small upload …
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError) as refused:
            load_model_bytes(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.key == "train.upload_archive_refused"
    assert "config.json" in str(refused.value) and "model.save" in str(refused.value)
    assert peak < 20 * 1024 * 1024  # … refused before 200 MB were inflated


def test_the_padding_alone_was_the_problem(tiny_model_bytes):
    assert load_model_bytes(_rewritten(tiny_model_bytes, padding_mb=0)).count_params() == 3


@pytest.mark.parametrize("target", [
    {"module": "os", "class_name": "system", "config": "ls", "registered_name": "system"},
    {"module": "my_layers", "class_name": "Fancy", "config": {}},
])
def test_a_config_naming_code_outside_keras_is_unsafe_not_damaged(tiny_model_bytes, target):
    config = json.loads(zipfile.ZipFile(io.BytesIO(tiny_model_bytes)).read("config.json"))
    config["config"]["layers"][-1]["config"]["activation"] = target
    with pytest.raises(ModelFileError) as refused:
        load_model_bytes(_rewritten(tiny_model_bytes, json.dumps(config).encode()))
    assert refused.value.key == "train.upload_foreign_code"
    name = f"{target['module']}.{target['class_name']}"
    assert name in str(refused.value) and "Unsafe" in str(refused.value) and "damaged" not in str(refused.value)
    assert name in refused.value.text("ko")


def test_a_damaged_zip_says_damaged_and_never_shows_a_server_path(tiny_model_bytes):
    with pytest.raises(ModelFileError) as refused:
        load_model_bytes(tiny_model_bytes[: len(tiny_model_bytes) // 2])
    text = str(refused.value)
    assert refused.value.key == "train.upload_damaged_archive"
    assert "damaged" in text and "/tmp" not in text and "playground-upload" not in text
    assert "not found" not in text.lower()
