"""The "Your images" page in a real browser: upload class folders, race the three ways, see Grad-CAM."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app
from tests.test_transfer_images import digit_pngs, folders

pytestmark = pytest.mark.browser


def _upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        {"name": name, "mimeType": "application/zip", "buffer": data})
    wait_for_app(page)


def test_a_zip_of_class_folders_trains_three_ways_and_explains_a_picture(page, app_url):
    """A one-class zip is refused plainly; two folders show a preview, train three ways, and get Grad-CAM."""
    page.goto(f"{app_url}/transfer")
    wait_for_app(page)
    page.get_by_text("A zip of class folders").click()
    wait_for_app(page)
    _upload(page, "one-class.zip", folders({"train/cats": digit_pngs(0, 8)}))
    page.get_by_text("Only one class was found").wait_for()
    _upload(page, "digits.zip", folders({"train/zeros": digit_pngs(0, 12), "train/ones": digit_pngs(1, 12)}))
    page.get_by_text("zeros 8", exact=True).wait_for()  # The second class's preview grid, last picture.
    assert page.get_by_text("pictures for training, 0 in a validation folder").count() == 2
    page.get_by_role("button", name="Train the three ways").click()
    # The race ends in a few seconds; then the results table and the prediction section appear.
    page.get_by_text("Red: the places").wait_for(timeout=180_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stMetric"]').filter(has_text="Prediction").count() == 1
    # The code to take home is drawn after Grad-CAM, in the same run of the page: on a loaded machine it comes a
    # moment later (the status widget may not say "Running" yet when the legend is already shown).
    page.get_by_text("conv_base.trainable = False").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stVegaLiteChart"] .mark-line path').first.wait_for()  # The three ways' curves.
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "transfer-three-ways.png"), full_page=True)
    page.locator('[data-testid="stVegaLiteChart"]').first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "transfer-curves.png"))
    page.get_by_text("Red: the places").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "transfer-gradcam.png"))
