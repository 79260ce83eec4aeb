"""The spec's summary equals Keras's; specs survive JSON files and links; damaged ones are refused plainly."""

from __future__ import annotations

import base64
import copy
import json
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground.spec.presets import PRESETS
from playground.spec import (SpecError, build_model, spec_from_json, spec_from_url_param, spec_to_json,
                             spec_to_url_param, summarize, validate)
from playground.spec.io import MAX_URL_CHARACTERS
from tests.test_layers import assert_matches_keras


def test_summary_rows_say_what_a_learner_reads_in_model_summary():
    summary = summarize(PRESETS["mnist_cnn"])
    assert [row.name for row in summary.rows][:2] == ["conv2d_1", "max_pooling2d_2"]
    assert summary.rows[0].output_shape == (None, 26, 26, 32)
    assert summary.rows[0].params == 3 * 3 * 1 * 32 + 32
    assert summary.input_shape == (None, 28, 28, 1) and summary.output_shape == (None, 10)
    assert summary.total_params == sum(row.params for row in summary.rows)


def test_batch_normalization_has_non_trainable_moving_statistics():
    summary = summarize({"input_shape": [6], "layers": [{"type": "BatchNormalization"}]})
    assert (summary.trainable_params, summary.non_trainable_params) == (12, 12)


def test_input_layer_becomes_the_input_shape_and_adds_no_row():
    spec = {"layers": [{"type": "InputLayer", "shape": [4]}, {"type": "Dense", "units": 3}]}
    assert validate(spec)["input_shape"] == [4]
    summary = summarize(spec)
    assert [row.index for row in summary.rows] == [1] and summary.rows[0].name == "dense_2"
    assert_matches_keras(spec)


def test_validate_normalizes_without_touching_the_original():
    spec = {"input_shape": [4], "layers": [{"type": "Dense", "units": 8.0, "activation": None}]}
    original = copy.deepcopy(spec)
    assert validate(spec)["layers"][0] == {"type": "Dense", "units": 8, "activation": "linear"}
    assert spec == original
    build_model(spec)
    assert spec == original


_DENSE = st.fixed_dictionaries({"type": st.just("Dense"), "units": st.integers(1, 12),
                                "use_bias": st.booleans()})
_CONV = st.fixed_dictionaries({"type": st.just("Conv2D"), "filters": st.integers(1, 6), "kernel_size": st.integers(1, 3),
                               "strides": st.integers(1, 2), "padding": st.sampled_from(["valid", "same"])})
_POOL = st.fixed_dictionaries({"type": st.sampled_from(["MaxPooling2D", "AveragePooling2D"]), "pool_size": st.integers(1, 3),
                               "padding": st.sampled_from(["valid", "same"])})
_SAME = st.sampled_from([{"type": "BatchNormalization"}, {"type": "Dropout", "rate": 0.2}, {"type": "LeakyReLU"}])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(height=st.integers(5, 12), width=st.integers(5, 12), channels=st.integers(1, 3),
       image_layers=st.lists(st.one_of(_CONV, _POOL, _SAME), max_size=4), head=st.lists(_DENSE, min_size=1, max_size=2))
def test_random_cnn_stacks_match_keras_or_are_refused_by_both(height, width, channels, image_layers, head):
    """Whatever the playground accepts, Keras builds with the same shapes and counts."""
    spec = {"input_shape": [height, width, channels], "layers": [*image_layers, {"type": "Flatten"}, *head]}
    try:
        validate(spec)
    except SpecError as error:
        assert error.key == "spec.error.window_too_big"  # the only way these stacks can be wrong
        return
    assert_matches_keras(spec)


@pytest.mark.parametrize("name", list(PRESETS))
def test_json_and_link_round_trips_keep_the_model(name):
    spec = PRESETS[name]
    assert spec_from_json(spec_to_json(spec)) == validate(spec)
    assert spec_from_json(spec_to_json(spec).encode("utf-8")) == validate(spec)
    link = spec_to_url_param(spec)
    assert spec_from_url_param(link) == validate(spec)
    assert len(link) < 400 and all(character.isalnum() or character in "-_." for character in link)


@pytest.mark.parametrize("text, word", [
    ("", "line 1"),
    ("{\"input_shape\": [4], \"layers\": [", "line 1"),
    ("not json at all", "valid model file"),
    ("[1, 2, 3]", "must be an object"),
    ("{\"input_shape\": [4], \"layers\": []}", "no layers"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    ("[" * 40_000 + "]" * 40_000, "nested too deeply"),
    ("[" * 60_000 + "]" * 60_000, "playground model needs"),
], ids=["empty", "cut off", "not json", "a list", "no layers", "not utf-8", "deep nesting", "too long"])
def test_bad_json_files_get_a_plain_message(text, word):
    with pytest.raises(SpecError) as caught:
        spec_from_json(text)
    assert word in str(caught.value)


def _link_of(payload: bytes) -> str:
    return "1." + base64.urlsafe_b64encode(zlib.compress(payload)).decode().rstrip("=")


@pytest.mark.parametrize("link", [
    "",
    "2.abc",
    "1.!!!not-base64!!!",
    "1.AAAA",
    spec_to_url_param(PRESETS["iris"])[:-6],
    _link_of(b"{\"input_shape\": [4], \"layers\": [{\"type\": \"Lambda\"}]}"),
    _link_of(b"not json"),
    _link_of(b" " * 10_000_000),  # a small link that would expand to 10 MB
    "1." + "A" * (MAX_URL_CHARACTERS + 1),
], ids=["empty", "wrong version", "not base64", "not zlib", "cut off", "Lambda inside", "not json", "zip bomb", "too long"])
def test_damaged_or_huge_links_are_refused(link):
    with pytest.raises(SpecError) as caught:
        spec_from_url_param(link)
    assert caught.value.layer_index in (None, 0)
    assert any(word in str(caught.value) for word in ("link", "Lambda", "model file"))


def test_the_app_never_makes_a_link_it_would_refuse(monkeypatch):
    from playground.spec import io as spec_io

    monkeypatch.setattr(spec_io, "MAX_URL_CHARACTERS", 50)
    with pytest.raises(SpecError) as caught:
        spec_to_url_param(PRESETS["iris"])
    assert caught.value.key == "spec.error.link_too_long_to_make" and "JSON file" in str(caught.value)


def test_korean_text_survives_the_json_file():
    text = spec_to_json(PRESETS["iris"])
    assert json.loads(text) == validate(PRESETS["iris"])


def test_normalize_then_infer_is_written_once():
    """Every reader of a spec goes through ``validated``; none rebuilds "normalize then infer"."""
    root = Path(__file__).resolve().parent.parent / "playground"
    callers = sorted(str(path.relative_to(root)) for path in root.rglob("*.py")
                     if re.search(r"\b(normalize|infer)\(", path.read_text(encoding="utf-8"))
                     and path.name not in {"checks.py", "shapes.py", "validation.py"})
    assert callers == []
