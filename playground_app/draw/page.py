"""Draw: draw (or upload) a digit and see the prediction — and the 28×28 image the model sees.

Reads top to bottom: where the picture comes from, which model reads it, the picture, then what
the model makes of it. What happens to the picture is ``playground.labs.digit_reading``.
"""

import streamlit as st

from playground.labs.digit_reading import read_digit
from playground.labs.digits import DEFAULT_MODEL_HELD_OUT_ACCURACY
from playground_app.common import tr
from playground_app.draw import input as draw_input
from playground_app.draw import model as draw_model
from playground_app.draw import results as draw_results
from playground_app.draw.state import SOURCES, DrawKeys, draw_state
from playground_app.errors import page_boundary, show_error

st.title(tr("nav.draw"))
st.write(tr("draw.intro"))
state = draw_state()

with page_boundary():
    settings_column, model_column = st.columns([1, 1])
    with settings_column:
        state.source = st.radio(
            tr("draw.source"), SOURCES, index=SOURCES.index(state.source), horizontal=True,
            format_func=lambda source: tr(f"draw.source_{source}"), key=DrawKeys.SOURCE,
        )
    with model_column:
        try:
            state.model_choice, chosen = draw_model.choose_model(state.model_choice)
        except FileNotFoundError:
            st.error(tr("draw.model_missing"))
            st.stop()
    if chosen.warning:
        st.warning(chosen.warning)
    elif state.model_choice == draw_model.DEFAULT_CHOICE:
        model_column.caption(tr("draw.default_model_note", accuracy=f"{DEFAULT_MODEL_HELD_OUT_ACCURACY:.1%}"))

    input_column, preview_column, prediction_column = st.columns([1.2, 1, 1.3])
    picture = None
    empty_message = tr("draw.empty")
    with input_column:
        if state.source == "draw":
            state.brush_width = st.slider(tr("draw.brush"), 4, 40, state.brush_width, key=DrawKeys.BRUSH)
            picture = draw_input.canvas_image(state.brush_width)
            st.caption(tr("draw.canvas_help"))
        else:
            upload = draw_input.uploaded_picture()
            empty_message = tr("draw.empty_upload") if upload is not None else tr("draw.upload_prompt")
            if upload is not None and upload.error:
                st.error(upload.error)
                empty_message = None  # The error already says what is wrong; "blank" would contradict it.
            elif upload is not None:
                picture = upload.picture
                st.image(picture, caption=tr("draw.uploaded_caption"), width=280)

    reading = read_digit(picture, chosen.model)
    if reading.error is not None:
        show_error(reading.error)
    if reading.picture_refused:
        empty_message = None
    with preview_column:
        if reading.probabilities is not None:
            draw_results.show_model_input(reading.digit)
    with prediction_column:
        draw_results.show_prediction(reading.probabilities, empty_message, reading.digit)
    state.show_gradcam = draw_results.show_gradcam_of(chosen.model, reading.digit, state.show_gradcam)
    state.show_features = draw_results.show_feature_maps_of(chosen.model, reading.digit, state.show_features)
    draw_results.show_code()
