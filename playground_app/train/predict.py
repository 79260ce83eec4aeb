"""Train page, section 5: predict one example with the trained model (``model.predict``, as in the notes)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground.charts.prediction import probabilities_spec
from playground.engine.runs import Run
from playground.labs.prediction import Prediction, predict_one, scaled_features, unscaled_features
from playground_app.common import tr
from playground_app.errors import safe_fragment
from playground_app.train.state import RunData, TrainKeys

SOURCE_KEY = TrainKeys.PREDICT_SOURCE
INDEX_KEY = TrainKeys.PREDICT_INDEX
FEATURE_KEY = "train_predict_feature_{}"
SOURCES = ("test", "typed")


@safe_fragment
def predict_section(run: Run, data: RunData, task: str) -> None:
    """Lets the learner pick a test example (or type feature values) and shows the model's probabilities.

    A fragment: another example reruns this section only, not the whole Train page (whose run costs a learner's
    browser about 0.7 CPU-seconds once the results are shown).

    Args:
        run: An ended run with a model.
        data: The test data it was evaluated on.
        task: The dataset's task.
    """
    st.markdown(f"**{tr('train.predict.title')}**")
    typed_allowed = data.kind == "tabular" and bool(data.feature_names)
    source = "test"
    if typed_allowed:
        source = st.radio(tr("train.predict.source"), SOURCES, key=SOURCE_KEY, horizontal=True,
                          format_func=lambda name: tr(f"train.predict.source_{name}"))
    left, right = st.columns([2, 3])
    with left:
        sample, truth = _typed_sample(data) if source == "typed" else _test_sample(data)
    model = run.model
    if model is None:
        st.caption(tr("train.predict.no_model"))
        return
    prediction = predict_one(model, sample, data.class_names, task)
    with right:
        _show(prediction, truth, run.run_id)
    st.code(tr("train.predict.code"), language="python")


def _test_sample(data: RunData) -> tuple[np.ndarray, str | None]:
    """A test example chosen by its number, shown as a picture or as the measured row."""
    count = len(data.y_test)
    index = int(st.number_input(tr("train.predict.index", last=count - 1), min_value=0, max_value=count - 1, value=0,
                                step=1, key=INDEX_KEY))
    sample = np.asarray(data.x_test[index], dtype="float32")
    if data.kind == "image":
        image = sample[..., 0] if sample.ndim == 3 and sample.shape[-1] == 1 else sample
        st.image(np.clip(image, 0.0, 1.0), width=140)
    else:
        values = unscaled_features(sample, data.feature_mean, data.feature_scale)
        names = data.feature_names or tuple(str(number) for number in range(len(values)))
        st.dataframe({tr("train.predict.feature"): list(names), tr("train.predict.value"): [f"{v:.3g}" for v in values]},
                     hide_index=True)
    label = int(data.y_test[index]) if len(data.class_names) else None
    truth = data.class_names[label] if label is not None and 0 <= label < len(data.class_names) else None
    return sample, truth


def _typed_sample(data: RunData) -> tuple[np.ndarray, None]:
    """Feature values typed in their own units (starting at the training mean), scaled like the training data."""
    values = []
    for number, name in enumerate(data.feature_names):
        start = data.feature_mean[number] if number < len(data.feature_mean) else 0.0
        values.append(st.number_input(name, value=float(round(start, 2)), format="%g",
                                      key=FEATURE_KEY.format(number)))
    return scaled_features(values, data.feature_mean, data.feature_scale), None


def _show(prediction: Prediction, truth: str | None, run_id: int) -> None:
    if prediction.value is not None:
        st.metric(tr("train.predict.predicted_value"), f"{prediction.value:.4g}")
        return
    best = prediction.best
    st.markdown(tr("train.predict.answer", name=best, probability=max(prediction.probabilities)))
    if truth is not None:
        st.caption(tr("train.predict.truth", name=truth))
    st.vega_lite_chart(spec=probabilities_spec(prediction, tr("train.predict.probability")),
                       key=f"train_predict_chart_{run_id}", width="stretch")
