"""Train page, section 5: test evaluation, confusion matrix, misclassified images, downloads."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground.charts.confusion import confusion_spec
from playground.engine.runs import FINISHED, RUNNING, STOPPED, Run, history_csv
from playground.labs.model_uses import ModelShapes, model_uses
from playground.numbers import MISSING, format_number
from playground_app.common import tr
from playground_app.errors import page_boundary, safe_fragment
from playground_app.state import publish_model
from playground_app.train.predict import predict_section
from playground_app.train.state import RunData, TrainKeys, TrainState, forget_run, keep_ended

GALLERY_COLUMNS = 8
# Characters of caption one gallery row holds on one line (wide layout): 8 columns of "7 → 2", 6 of "Ankle boot → Sneaker".
GALLERY_ROW_CHARACTERS = 120
RESULT_KEY = TrainKeys.RESULT_RUN


# What the results say about the pages that can use a run's model (keys of ``MODEL_USES``, in its order).
PUBLISHED_KEYS: dict[tuple[str, ...], str] = {
    ("draw", "convolution"): "train.published",
    ("draw",): "train.published_draw",
    ("convolution",): "train.published_convolution",
}


def publish_finished(state: TrainState) -> None:
    """Hands each finished or stopped run's model to the other pages, once, noting which pages can use it."""
    for run in state.runs:
        if run.run_id not in state.published and run.status in (FINISHED, STOPPED) and run.has_model:
            publish_model(run.config.label, run)
            state.published[run.run_id] = _uses(run)


def _uses(run: Run) -> tuple[str, ...]:
    """The pages that can use the run's model: decided from its spec, or from the model for an uploaded one."""
    try:
        shapes = ModelShapes.of_spec(run.config.spec) if run.config.spec else ModelShapes.of_model(run.model)
    except ValueError:  # A spec that no longer validates, or a model file that cannot be read: say nothing.
        return ()
    return model_uses(shapes)


def keep_runs(state: TrainState) -> None:
    """Saves the runs that just ended to this browser's workspace; says so when one could not be saved."""
    for run in keep_ended(state):
        st.warning(tr("train.not_kept", label=run.config.label))


def runs_table(state: TrainState) -> None:
    """One row per run: how it was trained and where it ended, to compare runs at a glance."""
    if not state.runs:
        return
    rows = []
    for run in state.runs:
        snapshot = run.snapshot()
        config = snapshot.config
        last = snapshot.epochs[-1] if snapshot.epochs else {}
        # While a run trains, its epoch in progress counts (epoch logs arrive only when an epoch ends).
        done = min(snapshot.epoch + 1, config.epochs) if snapshot.status == RUNNING else len(snapshot.epochs)
        rows.append({
            tr("train.column.run"): config.label,
            tr("train.column.status"): tr(f"train.status.{snapshot.status}"),
            tr("train.column.dataset"): config.dataset,
            tr("train.column.activation"): config.hidden_activation or tr("train.keep_per_layer"),
            tr("train.column.optimizer"): f"{config.optimizer} ({config.learning_rate:g})",
            tr("train.column.loss"): config.loss,
            tr("train.column.batch_epochs"): f"{config.batch_size} / {done}/{config.epochs}",
            "loss": format_number(last.get("loss")),
            "val_loss": format_number(last.get("val_loss")),
            tr("train.column.test"): _headline(snapshot.results.test_metrics) if snapshot.results else MISSING,
        })
    st.dataframe(rows, hide_index=True, width="stretch")


def _headline(metrics: dict[str, float]) -> str:
    """The test metric a learner looks at first: accuracy for classification, else the loss."""
    for name in ("accuracy", "mae", "loss"):
        if name in metrics:
            return f"{name} {format_number(metrics[name])}"
    return ""


@safe_fragment
def results_section(state: TrainState) -> None:
    """Shows the results of one ended run (the newest by default).

    A fragment: picking another run's results reruns this section only, not the whole Train page.
    """
    ended = [run for run in state.runs if run.snapshot().results is not None]
    if not ended:
        st.caption(tr("train.no_results"))
        return
    labels = {run.run_id: run.config.label for run in ended}
    newest = ended[-1].run_id
    if state.result_choice not in labels:
        state.result_choice = None  # The chosen run was deleted: back to following the newest.
    # The newest ended run unless the learner picked one (a selectbox keeps its old value when runs are added).
    st.session_state[RESULT_KEY] = state.result_choice or newest
    chosen = st.selectbox(tr("train.results_for"), list(reversed(labels)), key=RESULT_KEY,
                          format_func=labels.__getitem__, on_change=_remember_result_choice, args=(state, newest))
    run = next(run for run in ended if run.run_id == chosen)
    snapshot = run.snapshot()
    results = snapshot.results
    st.markdown(f"**{tr('train.test_metrics')}**")
    columns = st.columns(max(len(results.test_metrics), 1))
    for column, (name, value) in zip(columns, results.test_metrics.items()):
        column.metric(tr("train.metric_value", name=name), format_number(value))
    data = state.run_data.get(run.run_id)
    if results.confusion is not None and data is not None:
        st.markdown(f"**{tr('train.confusion')}**")
        spec = confusion_spec(results.confusion, data.class_names,
                              {"true": tr("train.confusion_true"), "predicted": tr("train.confusion_predicted")})
        st.vega_lite_chart(spec=spec, key=f"train_confusion_{run.run_id}", width="content")
        if data.kind == "image":
            _gallery(results.misclassified, results.predictions, data)
    if data is not None and run.has_model:
        with page_boundary():  # A model that cannot predict must not hide the downloads below.
            predict_section(run, data, _task(run, results))
    published_key = PUBLISHED_KEYS.get(state.published.get(run.run_id, ()))
    if published_key:
        st.caption(tr(published_key, label=run.config.label))
    _downloads(run, snapshot)
    if st.button(tr("train.delete_run"), key=f"train_delete_{run.run_id}", disabled=run.active,
                 help=tr("train.delete_run_help")):
        forget_run(state, run)
        state.result_choice = None
        st.session_state.pop(RESULT_KEY, None)
        st.rerun()


def _task(run: Run, results) -> str:
    """The run's task: regression has no confusion matrix; one sigmoid unit means binary."""
    if results.confusion is None:
        return "regression"
    return "binary" if run.config.loss == "binary_crossentropy" else "multiclass"


def _remember_result_choice(state: TrainState, newest: int) -> None:
    """Selectbox callback: a run the learner picks stays shown; picking the newest follows new runs again."""
    chosen = st.session_state.get(RESULT_KEY)
    state.result_choice = None if chosen == newest else chosen


def _gallery(indices: list[int], predictions: list[float], data: RunData) -> None:
    st.markdown(f"**{tr('train.misclassified')}**")
    if not indices:
        st.caption(tr("train.none_misclassified"))
        return
    captions = [tr("train.misclassified_caption", true=_class_name(data.class_names, int(data.y_test[index])),
                   predicted=_class_name(data.class_names, int(predictions[index]))) for index in indices]
    count = gallery_columns(captions)
    columns = st.columns(count)
    for position, (index, caption) in enumerate(zip(indices, captions)):
        image = np.asarray(data.x_test[index], dtype="float32")
        if image.ndim == 3 and image.shape[-1] == 1:
            image = image[..., 0]
        columns[position % count].image(np.clip(image, 0.0, 1.0), caption=caption, width="stretch")


def gallery_columns(captions: list[str]) -> int:
    """Columns of the misclassified gallery: as many as keep the longest caption on one line (3 to 8)."""
    longest = max((len(caption) for caption in captions), default=1)
    return max(3, min(GALLERY_COLUMNS, GALLERY_ROW_CHARACTERS // longest))


def _class_name(names: tuple[str, ...], index: int) -> str:
    return names[index] if 0 <= index < len(names) else str(index)


def _downloads(run: Run, snapshot) -> None:
    left, right, third = st.columns(3)
    file_stem = f"run_{run.run_id}"
    left.download_button(tr("train.download_history"), history_csv(snapshot), file_name=f"{file_stem}_history.csv",
                         mime="text/csv", key=f"train_download_history_{run.run_id}")
    if run.model_bytes is not None:
        right.download_button(tr("train.download_model"), run.model_bytes, file_name=f"{file_stem}.keras",
                              mime="application/octet-stream", key=f"train_download_model_{run.run_id}")
    if run.checkpoint_bytes is not None:
        third.download_button(tr("train.download_checkpoint"), run.checkpoint_bytes, file_name=f"{file_stem}_best.keras",
                              mime="application/octet-stream", key=f"train_download_checkpoint_{run.run_id}")
