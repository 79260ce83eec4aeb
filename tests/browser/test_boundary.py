"""Browser: the Decision boundary page trains a lesson and shows the coloured boundary."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image, ImageColor

from playground.charts.boundary import CLASS_COLOURS

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def _choose_the_hidden_xor_lesson(page) -> None:
    """Clicks the lesson and waits until the browser shows what it set (its text, 60 epochs): a click sent before
    that carries the controls' older values (CI once trained the default 100 epochs and never saw "Epoch 60")."""
    page.get_by_role("button", name="3. One hidden layer solves XOR").click()
    page.get_by_text(re.compile(r"Four tanh neurons")).first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('input')].some(box => box.getAttribute('aria-label') === 'Epochs per Train'"
        " && box.value === '60')", timeout=60_000)
    wait_for_app(page, 60_000)


def test_a_lesson_trains_and_the_boundary_appears(page, app_url):
    """Clicks the XOR hidden-layer lesson, trains it and sees the epoch line and the heatmap."""
    page.goto(f"{app_url}/boundary")
    wait_for_app(page, 120_000)
    _choose_the_hidden_xor_lesson(page)
    page.get_by_role("button", name="Train", exact=True).click()
    # The epoch counter goes past a few epochs while the job still trains (frames arrive live).
    page.get_by_text(re.compile(r"Epoch ([5-9]|[1-9]\d+) ·")).first.wait_for(timeout=120_000)
    page.get_by_text(re.compile(r"Epoch 60 ·")).first.wait_for(timeout=180_000)
    wait_for_app(page, 60_000)
    plane = page.locator('[data-testid="stVegaLiteChart"]').first
    plane.screenshot(path=str(ARTIFACTS / "boundary-xor.png"))
    # The model's colours under the points: a trained XOR plane is mostly its two classes' colours.
    pixels = np.asarray(Image.open(ARTIFACTS / "boundary-xor.png").convert("RGB")).reshape(-1, 3).astype(int)
    for colour in CLASS_COLOURS[:2]:
        rgb = np.array(ImageColor.getrgb(colour))
        # Drawn at 0.75 over white: a cell sure of the class is between its colour and white.
        tinted = np.abs(pixels - (0.75 * rgb + 0.25 * 255)).max(axis=1) < 40
        assert tinted.mean() > 0.1, (colour, tinted.mean())
    page.screenshot(path=str(ARTIFACTS / "boundary-page.png"), full_page=True)


def test_the_network_inside_shows_each_neuron_and_its_weights_on_hover(page, app_url):
    """Trains one epoch of the XOR lesson, sees every neuron's map and hovers one for its weights and bias."""
    page.goto(f"{app_url}/boundary")
    wait_for_app(page, 120_000)
    _choose_the_hidden_xor_lesson(page)
    page.get_by_role("button", name="One epoch", exact=True).click()
    page.get_by_text(re.compile(r"Epoch 1 ·")).first.wait_for(timeout=120_000)
    wait_for_app(page, 60_000)
    assert "lab=1." in page.url  # The whole lab is in the link.
    network = page.locator('[data-testid="stVegaLiteChart"]').nth(2)  # The plane, the losses, the network.
    network.scroll_into_view_if_needed()
    network.screenshot(path=str(ARTIFACTS / "boundary-network.png"))
    box = network.locator("canvas, svg").first.bounding_box()
    # The hidden layer is the middle column: move down it until Vega shows a neuron's tooltip.
    tooltip = page.locator("#vg-tooltip-element.visible")
    for fraction_y in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * fraction_y)
        page.wait_for_timeout(300)
        if tooltip.count() and "neuron 1." in tooltip.text_content():
            break
    tooltip.wait_for(timeout=10_000)
    text = tooltip.text_content()
    assert "weights" in text and "bias" in text and "neuron 1." in text, text
    network.screenshot(path=str(ARTIFACTS / "boundary-network-hover.png"))


def test_a_csv_is_refused_plainly_then_a_good_one_gives_points(page, app_url, tmp_path):
    """Uploads a CSV with three number columns (refused with the reason), then a 2-column one (points, code)."""
    bad, good = tmp_path / "three.csv", tmp_path / "two.csv"
    bad.write_text("a,b,c,kind\n" + "\n".join(f"{i},{i % 3},{i % 5},{i % 2}" for i in range(30)))
    good.write_text("length,width,kind\n" + "\n".join(f"{(i % 2) * 2 + i % 3 * 0.1},{i % 5 * 0.3},{'ab'[i % 2]}"
                                                      for i in range(30)))
    page.goto(f"{app_url}/boundary")
    wait_for_app(page, 120_000)
    page.get_by_text("my CSV", exact=True).click()
    wait_for_app(page, 60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text(re.compile(r"has 3 number columns")).first.wait_for(timeout=60_000)
    assert not page.get_by_text("Traceback").count()
    page.screenshot(path=str(ARTIFACTS / "boundary-csv-refused.png"), full_page=True)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    page.get_by_text(re.compile(r"x₁ = length, x₂ = width; 2 classes")).first.wait_for(timeout=60_000)
    wait_for_app(page, 60_000)
    assert page.get_by_role("button", name="Train", exact=True).is_enabled()
    page.screenshot(path=str(ARTIFACTS / "boundary-csv.png"), full_page=True)


def test_a_click_before_the_controls_are_ready_leaves_them_as_they_were(page, app_url):
    """On a slow first load the sliders, number boxes and the features box appear after the Train button (their
    code comes later). A Train click meanwhile reached the server without their values; the next run drew them at
    their minimum (20 points, 0 hidden layers, SGD at 0.0001, batch 1, no features) and the lab then used those."""
    held, holding = [], [True]
    late = re.compile(r"/static/js/(Slider|NumberInput|Multiselect)\.[^/]*\.js$")
    # Their code arrives only after the click.
    page.route(late, lambda route: held.append(route) if holding[0] else route.continue_())
    page.goto(f"{app_url}/boundary")
    train = page.get_by_role("button", name="Train", exact=True)
    train.wait_for()
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Train'"
                           " && !b.disabled)", timeout=60_000)
    train.click()
    page.wait_for_timeout(1_500)
    assert held, "the controls' code was not held back: this test no longer reproduces a slow first load"
    holding[0] = False
    for route in held:
        route.continue_()
    # Until the training has ended (or stopped: controls that changed restart the lab) and the page ran again.
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Train'"
                           " && !b.disabled) && !document.body.innerText.includes('Training…')", timeout=180_000)
    wait_for_app(page, 60_000)
    values = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('input')]"
                           ".filter(box => box.getAttribute('aria-label')).map(box => [box.getAttribute('aria-label'), box.value]))")
    assert values.get("Hidden layers (0 = perceptron)") == "1" and values.get("Epochs per Train") == "100", values
    assert values.get("Batch size") == "10" and values.get("Learning rate") == "0.03", values
    assert page.get_by_test_id("stSlider").filter(has_text="Points").first.get_by_text("200").count(), "points changed"
    features = page.get_by_test_id("stMultiSelect").first.inner_text()
    assert "x₁" in features and "x₂" in features, features
