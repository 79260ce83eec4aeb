"""Browser test of the Build page: a small CNN built through the form, its diagram, a bad upload."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from playground.spec import spec_from_url_param
from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def _settle(page) -> None:
    page.wait_for_timeout(300)
    wait_for_app(page)


def _choose(page, key: str, option: str) -> None:
    """Picks ``option`` in the Streamlit selectbox with widget key ``key``."""
    box = page.locator(f".st-key-{key} input")
    box.click()
    box.fill(option)  # The selectbox filters its options by what is typed.
    page.get_by_role("option", name=option, exact=True).click()
    _settle(page)


CARDS = '[class*="st-key-build_card_"]'


def _add_layer(page, type_name: str) -> None:
    _choose(page, "build_new_type", type_name)
    before = page.locator(CARDS).count()
    page.locator(".st-key-build_add button").click()
    # Wait until the rerun has drawn the new card (a click during a rerun must not be lost).
    page.wait_for_function(f"() => document.querySelectorAll('{CARDS}').length > {before}", timeout=60_000)
    _settle(page)


def _set_number(page, key_part: str, value: str) -> None:
    """Types into the last number input whose key ends with ``key_part`` (the newest layer's)."""
    box = page.locator(f'[class*="st-key-build_f_"][class*="_{key_part}"] input').last
    box.fill(value)
    box.press("Enter")
    _settle(page)


def _model_in_link(page) -> dict:
    return spec_from_url_param(parse_qs(urlparse(page.url).query)["model"][0])


def test_build_a_small_cnn_through_the_form_and_see_its_diagram(page, app_url):
    """Empties the stack, adds Conv2D → MaxPooling2D → Flatten → Dense with clicks, sees the diagram."""
    page.goto(f"{app_url}/build")
    wait_for_app(page)
    # The diagram is drawn last: once it is there, the first script run is complete.
    page.wait_for_selector('[data-testid="stImage"] img', timeout=120_000)
    delete_buttons = '[class*="st-key-build_del_"] button'
    while remaining := page.locator(delete_buttons).count():
        page.locator(delete_buttons).first.click()
        # Wait until the rerun has removed that card before clicking the next one.
        page.wait_for_function(
            f"() => document.querySelectorAll('{delete_buttons}').length < {remaining}", timeout=60_000)
        _settle(page)
    # An empty stack is an error the page explains, not a crash.
    page.get_by_text("cannot be built yet").wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0

    _add_layer(page, "Conv2D")
    _set_number(page, "filters", "8")
    _add_layer(page, "MaxPooling2D")
    _add_layer(page, "Flatten")
    _add_layer(page, "Dense")
    _set_number(page, "units", "10")

    page.get_by_text("(None, 13, 13, 8)").first.wait_for()
    page.get_by_text("(None, 10)").first.wait_for()
    wait_for_app(page)
    image = page.locator('[data-testid="stImage"] img').first
    image.wait_for(timeout=120_000)
    # The element appears before the PNG has decoded: wait for a real, wide picture.
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 200", arg=image.element_handle(),
                           timeout=60_000)
    # Shown at its natural width (drawn at the model's size), never stretched into a blur.
    natural, shown = image.evaluate("(img) => [img.naturalWidth, img.getBoundingClientRect().width]")
    assert shown <= natural + 1, (natural, shown)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "build-small-cnn.png"), full_page=True)

    model = _model_in_link(page)
    assert [layer["type"] for layer in model["layers"]] == ["Conv2D", "MaxPooling2D", "Flatten", "Dense"]
    assert model["layers"][0]["filters"] == 8 and model["layers"][-1]["units"] == 10
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_corrupt_upload_is_refused_and_the_stack_kept(page, app_url, tmp_path):
    """Uploads a broken JSON file: a plain message, and the model on the page stays."""
    page.goto(f"{app_url}/build")
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stImage"] img', timeout=120_000)
    before = _model_in_link(page)
    broken = tmp_path / "broken.json"
    broken.write_text('{"input_shape": [28, 28, 1], "layers": [')
    page.locator('.st-key-build_upload input[type="file"]').set_input_files(str(broken))
    _settle(page)
    page.locator('[data-testid="stAlert"]').filter(has_text="JSON").first.wait_for()
    # The message shows while the page may still be running: a file chosen before that run ends can go to an
    # uploader the run replaces (the second upload was lost, about once in 15 runs on a loaded machine).
    _settle(page)
    assert _model_in_link(page) == before
    good = tmp_path / "iris.json"
    good.write_text(json.dumps({"input_shape": [4], "layers": [{"type": "Dense", "units": 3, "activation": "softmax"}]}))
    page.locator('.st-key-build_upload input[type="file"]').set_input_files(str(good))
    _settle(page)
    page.get_by_text("Loaded the model from iris.json").wait_for()
    assert _model_in_link(page)["input_shape"] == [4]
    assert page.locator('[data-testid="stException"]').count() == 0
