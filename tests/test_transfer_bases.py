"""The bases (``playground.transfer.bases``): the online loader path on a small local weights file, no internet."""

from __future__ import annotations

import numpy as np
import pytest

from playground.transfer.bases import BASES, BaseError, cache_folder, cached_weights, ensure_weights, load_base


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """An empty Keras cache of the test's own (``$KERAS_HOME/models``)."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    return tmp_path


@pytest.fixture(scope="module")
def mobilenet_weights(tmp_path_factory):
    """A MobileNetV2 (no top, 96×96) with random weights, saved as Keras's download is: a legacy .h5 file."""
    import h5py
    import keras
    from keras.src.legacy.saving import legacy_h5_format

    keras.utils.set_random_seed(3)
    model = keras.applications.MobileNetV2(include_top=False, weights=None, input_shape=(96, 96, 3))
    path = tmp_path_factory.mktemp("weights") / "served_weights.h5"
    with h5py.File(path, "w") as handle:
        legacy_h5_format.save_weights_to_hdf5_group(handle, model)
    return path, model.get_weights()


def test_an_online_base_is_downloaded_once_into_the_keras_cache_with_progress(keras_home, mobilenet_weights):
    served, weights = mobilenet_weights
    assert cached_weights("mobilenet_v2") is None
    with pytest.raises(BaseError) as refused:
        load_base("mobilenet_v2")
    assert refused.value.key == "transfer.error.needs_download" and "9 MB" in str(refused.value)
    seen: list[tuple[int, int]] = []
    path = ensure_weights("mobilenet_v2", lambda done, total: seen.append((done, total)), url=served.as_uri())
    assert path == cache_folder() / BASES["mobilenet_v2"].weights_file and path.is_file()
    assert seen and seen[-1] == (served.stat().st_size, served.stat().st_size)
    # Cached now: no second download (the address below does not exist).
    assert ensure_weights("mobilenet_v2", url=(served.parent / "gone.h5").as_uri()) == path
    base = load_base("mobilenet_v2")
    assert base.name == "conv_base" and base.output.shape[1:] == (3, 3, 1280)
    for loaded, original in zip(base.get_weights(), weights):
        np.testing.assert_array_equal(loaded, original)


def test_a_failed_download_says_so_and_leaves_nothing_half_written(keras_home, tmp_path):
    with pytest.raises(BaseError) as refused:
        ensure_weights("xception", url=(tmp_path / "no-such-file.h5").as_uri())
    assert refused.value.key == "transfer.error.download_failed"
    assert "offline base" in str(refused.value) and "84 MB" in str(refused.value)
    assert not any(cache_folder().glob("*")) if cache_folder().exists() else True


def test_the_offline_base_ships_and_loads_without_any_download(keras_home):
    assert cached_weights("fashion_offline") is not None
    base = load_base("fashion_offline")
    assert base.name == "conv_base" and tuple(base.input_shape[1:]) == (28, 28, 1)
    assert cached_weights("fashion_offline").stat().st_size < 2_000_000
    assert {BASES["fashion_offline"].top_block, BASES["fashion_offline"].last_conv} <= {layer.name for layer in base.layers}


def test_vgg16_takes_rgb_in_0_1_exactly_as_its_own_preprocess_input_feeds_it():
    import keras

    from playground.transfer.bases import _accept_rgb, preprocessing_layers

    keras.utils.set_random_seed(0)
    reference = keras.applications.VGG16(include_top=False, weights=None, input_shape=(32, 32, 3))
    ours = keras.applications.VGG16(include_top=False, weights=None, input_shape=(32, 32, 3))
    ours.set_weights(reference.get_weights())
    _accept_rgb(ours)
    picture = np.random.default_rng(1).uniform(0, 1, size=(2, 32, 32, 3)).astype("float32")
    expected = reference(keras.applications.vgg16.preprocess_input(picture * 255.0))
    scaled = picture
    for layer in preprocessing_layers("vgg16"):
        scaled = layer(scaled)
    np.testing.assert_allclose(np.asarray(ours(scaled)), np.asarray(expected), rtol=1e-4, atol=1e-4)
