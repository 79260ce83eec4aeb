"""Overfitting page, section 2: the notes' ImageDataGenerator arguments as Keras 3 layers, on a chosen image."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground.labs.augmentation import AugmentationSettings, augmented_copies, image_data_generator_code, keras_layers_code
from playground_app.common import tr
from playground_app.errors import error_text, show_error
from playground_app.overfitting.state import AugmentKeys, OverfittingState
from playground_app.state import hold_value

SOURCES = ("digit", "fashion", "photo", "upload")
UPLOAD_SIDE = 128  # Longest side of an uploaded picture once opened: enough to see the transformations.
PHOTO = "flower"
# Slider of each numeric argument: (minimum, maximum, default, step).
RANGES: dict[str, tuple[float, float, float, float]] = {
    "rotation_range": (0.0, 180.0, 20.0, 5.0),
    "width_shift_range": (0.0, 0.5, 0.1, 0.05),
    "height_shift_range": (0.0, 0.5, 0.1, 0.05),
    "shear_range": (0.0, 45.0, 0.0, 5.0),
    "zoom_range": (0.0, 0.5, 0.1, 0.05),
}
SWITCHES = ("horizontal_flip", "rescale")


def _image() -> tuple[np.ndarray | None, str]:
    """The chosen image as float32 in [0, 1], (H, W) or (H, W, 3), and its source; None until an upload comes."""
    from playground.data.samples import decode_upload, load_sample, mnist_digit

    source = st.radio(tr("overfit.aug.source"), SOURCES, key=AugmentKeys.SOURCE, horizontal=True,
                      format_func=lambda key: tr(f"overfit.aug.source.{key}"))
    if source == "digit":
        digit = st.number_input(tr("overfit.aug.digit"), 0, 9, 7, key=AugmentKeys.DIGIT)
        return np.asarray(mnist_digit(int(digit)), dtype="float32"), source
    if source == "fashion":
        item = st.number_input(tr("overfit.aug.item"), 0, 9999, 0, key=AugmentKeys.ITEM)
        try:
            from playground.data.registry import load

            dataset = load("fashion_mnist", allow_download=False)
            return np.asarray(dataset.x_test[int(item) % len(dataset.x_test)], dtype="float32")[..., 0], source
        except Exception as error:  # noqa: BLE001 - without the data the preview shows a digit instead.
            st.info(tr("overfit.aug.fashion_missing", detail=error_text(error)))
            return np.asarray(mnist_digit(7), dtype="float32"), "digit"
    if source == "photo":
        from PIL import Image

        photo = load_sample(PHOTO)
        height, width = photo.shape[:2]
        scale = UPLOAD_SIDE / max(height, width)
        small = Image.fromarray((photo * 255).astype("uint8")).resize((round(width * scale), round(height * scale)))
        return np.asarray(small, dtype="float32") / 255.0, source
    upload = st.file_uploader(tr("overfit.aug.upload"), type=["png", "jpg", "jpeg"], key=AugmentKeys.UPLOAD)
    if upload is None:
        st.info(tr("overfit.aug.upload_first"))
        return None, source
    # Opened through the one pixel cap every upload goes through (playground.data.images).
    return decode_upload(upload.getvalue(), upload.name, max_side=UPLOAD_SIDE).pixels, source


def _settings() -> AugmentationSettings:
    """The notes' arguments, one slider or switch each."""
    values: dict[str, object] = {}
    columns = st.columns(len(RANGES))
    for column, (name, (low, high, default, step)) in zip(columns, RANGES.items()):
        values[name] = float(column.slider(tr(f"overfit.aug.{name}"), low, high, default, step,
                                           key=AugmentKeys.SETTING.format(name=name)))
    flip, rescale, copies = st.columns(3)
    values["horizontal_flip"] = flip.checkbox(tr("overfit.aug.horizontal_flip"), value=False,
                                              key=AugmentKeys.SETTING.format(name="horizontal_flip"))
    rescaled = rescale.checkbox(tr("overfit.aug.rescale"), value=False, key=AugmentKeys.SETTING.format(name="rescale"))
    values["rescale"] = 1 / 255 if rescaled else None
    hold_value(AugmentKeys.COPIES, 8)
    copies.slider(tr("overfit.aug.copies"), 4, 16, step=1, key=AugmentKeys.COPIES)
    return AugmentationSettings(**values)  # type: ignore[arg-type]


def _grid(image: np.ndarray, settings: AugmentationSettings, seed: int) -> None:
    """The original and its random copies, what the model would receive, in rows of eight."""
    count = int(st.session_state[AugmentKeys.COPIES])
    # With rescale, the pictures go in as 0–255 (as files are read) and Rescaling brings them back to 0–1.
    source = image * 255.0 if settings.rescale is not None else image
    # The first time in a server this imports TensorFlow (several seconds): said, not a blank space.
    with st.spinner(tr("overfit.aug.making")):
        copies = np.clip(augmented_copies(source, settings, count, seed), 0.0, 1.0)
    pictures = [image] + [copy[..., 0] if copy.shape[-1] == 1 else copy for copy in copies]
    captions = [tr("overfit.aug.original")] + [tr("overfit.aug.copy", number=index + 1) for index in range(count)]
    for start in range(0, len(pictures), 8):
        columns = st.columns(8)
        for column, picture, caption in zip(columns, pictures[start:start + 8], captions[start:start + 8]):
            column.image(np.asarray(picture, dtype="float32"), caption=caption, width="stretch", clamp=True)


def render(state: OverfittingState) -> None:
    """Draws the image picker, the argument sliders, the grid of copies and the code both ways."""
    st.markdown(tr("overfit.aug.intro"))
    image, source = _image()
    settings = _settings()
    if settings.horizontal_flip and source == "digit":
        st.warning(tr("overfit.aug.flip_warning"))
    if st.button(tr("overfit.aug.regenerate"), key=AugmentKeys.REGENERATE):
        state.augmentation_seed += 1
    if image is not None:
        if settings.is_identity:
            st.caption(tr("overfit.aug.identity"))
        try:
            _grid(image, settings, state.augmentation_seed)
        except Exception as error:  # noqa: BLE001 - the code below still helps; the reason is shown plainly.
            show_error(error)
    old, new = st.columns(2)
    old.markdown(f"**{tr('overfit.aug.code_old')}**")
    old.code(image_data_generator_code(settings), language="python")
    new.markdown(f"**{tr('overfit.aug.code_new')}**")
    new.code(keras_layers_code(settings), language="python")
