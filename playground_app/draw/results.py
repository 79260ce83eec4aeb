"""What the Draw page shows about a digit: the 28×28 model input, the prediction, the feature maps."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from playground.charts.digits import digit_preview_figure, probability_figure
from playground.labs.digit_reading import uncertainty_notes
from playground_app.common import lang, tr
from playground_app.draw.state import DrawKeys

PREDICT_CODE = """\
from PIL import Image
import numpy as np

# Light digit on black, 28×28, values 0–1: what the model above was shown.
image = Image.open("digit.png").convert("L").resize((28, 28))
x = np.array(image, dtype="float32") / 255.0
probabilities = model.predict(x.reshape(1, 28, 28, 1))[0]
print("digit:", probabilities.argmax(), "confidence:", probabilities.max())
"""


def show_model_input(digit: np.ndarray) -> None:
    """Shows the 28×28 image the model receives, enlarged with square pixels."""
    st.markdown(f"**{tr('draw.model_sees')}**", help=tr("draw.model_sees_help"))
    st.plotly_chart(
        digit_preview_figure(digit, lang()),
        config={"displayModeBar": False},
        key=DrawKeys.PREVIEW_CHART,
        width="content",
    )


def show_prediction(probabilities: np.ndarray | None, empty_message: str | None,
                    digit: np.ndarray | None = None) -> None:
    """Shows the predicted digit, its confidence and the ten probabilities, or ``empty_message``."""
    if probabilities is None or not np.asarray(probabilities).any():
        if empty_message:
            st.info(empty_message)
        return
    best = int(np.argmax(probabilities))
    confidence = float(probabilities[best])
    prediction_column, confidence_column = st.columns(2)
    prediction_column.metric(tr("draw.prediction"), str(best))
    confidence_column.metric(tr("draw.confidence"), f"{confidence:.1%}")
    notes = uncertainty_notes(digit, probabilities) if digit is not None else []
    if notes:
        st.warning(" ".join(tr(note.key, **note.fields) for note in notes))
    st.plotly_chart(
        probability_figure(probabilities, lang()),
        config={"displayModeBar": False},
        key=DrawKeys.PROBABILITY_CHART,
        width="stretch",
    )


def show_code() -> None:
    """The course notes' way of doing the same with a PNG file and ``model.predict``."""
    with st.expander(tr("draw.code_title")):
        st.code(PREDICT_CODE, language="python")


def show_feature_maps_of(model: Any, digit: np.ndarray | None, shown: bool) -> bool:
    """Offers the conv/pool feature maps of the digit (the Convolution lab's view) behind a toggle.

    A toggle, not an expander: an expander's content runs on every stroke even when closed, and
    drawing dozens of maps per stroke would slow the prediction down.

    Returns:
        Whether the learner wants the maps shown.
    """
    shown = st.toggle(tr("draw.feature_maps"), value=shown, help=tr("draw.feature_maps_help"), key=DrawKeys.SHOW_FEATURES)
    if not shown:
        return shown
    if digit is None or not np.asarray(digit).any():
        st.info(tr("draw.feature_maps_empty"))
        return shown
    try:
        from playground_app.widgets.feature_maps import show_feature_maps
    except ImportError:
        # The feature-map view comes from the Convolution lab; without it the page still works.
        st.info(tr("draw.feature_maps_unavailable"))
        return shown
    show_feature_maps(model, np.asarray(digit, dtype=np.float32)[..., np.newaxis], key_prefix=DrawKeys.FEATURES_PREFIX)
    return shown


def show_gradcam_of(model: Any, digit: np.ndarray | None, shown: bool) -> bool:
    """Offers the Grad-CAM heatmap of the digit behind a toggle (where the model looked for its answer).

    Returns:
        Whether the learner wants it shown.
    """
    shown = st.toggle(tr("gradcam.title"), value=shown, key=DrawKeys.SHOW_GRADCAM)
    if shown and digit is not None and np.asarray(digit).any():
        from playground_app.widgets.gradcam import show_gradcam

        show_gradcam(model, np.asarray(digit, dtype=np.float32)[..., np.newaxis],
                     class_names=tuple(str(number) for number in range(10)), width=280)
    elif shown:
        st.info(tr("gradcam.empty"))
    return shown
