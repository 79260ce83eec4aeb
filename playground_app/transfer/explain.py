"""Sections 3 and 4 of "Your images": predict a new picture with Grad-CAM, and take the model home."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from playground_app.common import tr
from playground_app.errors import show_error
from playground_app.transfer.state import TransferKeys, TransferState

PREDICT_SOURCES = ("validation", "upload", "camera")


def _trained_ways(state: TransferState) -> list[str]:
    """The ways whose model came home (finished or stopped), in ``WAYS`` order."""
    from playground.transfer.models import WAYS

    if state.race is None or state.race.active:
        return []
    return [way for way, run in zip(WAYS, state.race.runs) if run.model_bytes]


def _model(state: TransferState, way: str) -> Any:
    """The trained model of a way, loaded once (safe mode) and kept in the page's state."""
    from playground.engine.model_files import load_model_bytes
    from playground.transfer.models import WAYS

    if way not in state.models:
        run = state.race.runs[list(WAYS).index(way)]
        state.models[way] = load_model_bytes(run.model_bytes)
    return state.models[way]


def choose_way(state: TransferState) -> str | None:
    """The trained way to predict with and take home (fine-tuning first when there), or None."""
    ways = _trained_ways(state)
    if not ways:
        st.info(tr("transfer.train_first"))
        return None
    default = ways.index("fine_tuning") if "fine_tuning" in ways else 0
    return st.radio(tr("transfer.way"), ways, index=default, horizontal=True,
                    format_func=lambda way: tr(f"transfer.way.{way}"), key=TransferKeys.WAY)


def predict_and_explain(state: TransferState, way: str) -> None:
    """A picture (a validation one, an upload or the camera) → class probabilities and Grad-CAM."""
    from playground.transfer.bases import BASES
    from playground.transfer.images import open_picture, prepare_picture

    source = st.radio(tr("transfer.predict_source"), PREDICT_SOURCES, horizontal=True,
                      format_func=lambda name: tr(f"transfer.predict_source_{name}"), key=TransferKeys.PREDICT_SOURCE)
    dataset = state.dataset
    model_input = picture = None
    if source == "validation":
        index = st.slider(tr("transfer.predict_pick"), 1, len(dataset.y_test), 1, key=TransferKeys.PREDICT_PICK) - 1
        model_input = dataset.x_test[index]
        picture = model_input
        st.caption(tr("transfer.predict_truth", name=dataset.class_names[int(dataset.y_test[index])]))
    else:
        upload = (st.file_uploader(tr("transfer.predict_upload"), type=["png", "jpg", "jpeg", "webp", "bmp"],
                                   key=TransferKeys.PREDICT_UPLOAD) if source == "upload"
                  else st.camera_input(tr("transfer.predict_camera"), key=TransferKeys.PREDICT_CAMERA))
        if upload is None:
            return
        try:
            picture = open_picture(upload.getvalue())
        except Exception as error:  # noqa: BLE001 - not a picture: its message, the page goes on.
            show_error(error)
            return
        model_input = prepare_picture(picture, BASES[state.setup.base].input_shape)
    model = _model(state, way)
    heat_column, chart_column = st.columns([1, 1.3])
    with heat_column:
        from playground_app.widgets.gradcam import show_gradcam

        layer = None if way == "scratch" else BASES[state.setup.base].last_conv
        explained = show_gradcam(model, model_input, picture, dataset.class_names, layer=layer)
    with chart_column:
        if explained is not None:
            _probabilities(explained.probabilities, dataset.class_names)


def _probabilities(probabilities: np.ndarray, class_names: tuple[str, ...]) -> None:
    from playground.charts.prediction import probabilities_spec
    from playground.labs.prediction import Prediction

    prediction = Prediction(tuple(class_names), tuple(float(value) for value in probabilities))
    st.metric(tr("transfer.predicted"), prediction.best, f"{max(probabilities):.1%}", delta_color="off")
    st.vega_lite_chart(spec=probabilities_spec(prediction, tr("transfer.probability")), width="stretch")


def take_home(state: TransferState, way: str) -> None:
    """The trained model as ``.keras`` and the Keras code that reproduces the run in Colab."""
    from playground.transfer.bases import BASES, OFFLINE_BASE_PATH
    from playground.transfer.codegen import TransferRun, transfer_code
    from playground.transfer.models import WAYS

    run = state.race.runs[list(WAYS).index(way)]
    st.download_button(tr("transfer.save_model"), run.model_bytes, file_name=f"{way}.keras",
                       mime="application/octet-stream", key=TransferKeys.SAVE_MODEL)
    setup = state.setup
    code = transfer_code(TransferRun(way, setup.base, len(state.dataset.class_names), setup.job.epochs,
                                     setup.unfreeze_epoch, setup.job.batch_size))
    st.code(code, language="python")
    if not BASES[setup.base].online and way != "scratch":
        st.download_button(tr("transfer.save_base"), OFFLINE_BASE_PATH.read_bytes(), file_name="fashion_base.keras",
                           mime="application/octet-stream", key=TransferKeys.SAVE_BASE)
