"""Train page, sections 1–2: which model, which data, and the output layer + loss that fit them."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import streamlit as st

from playground.engine import trial
from playground.spec import SpecError, summarize, tasks
from playground.data.registry import Dataset, subsample
from playground.engine.model_files import ModelFileError, load_model_bytes
from playground.spec.presets import PRESET_DATASETS, PRESET_TITLES, PRESETS
from playground.errors import LearnerError
from playground_app.common import lang, tr
from playground_app.errors import show_error
from playground_app.widgets.dataset_picker import pick_dataset
from playground_app.state import hold_value, shared
from playground_app.train.state import TrainKeys, TrainState, train_state

SOURCES = ("build", "preset", "upload")
DEFAULT_PRESET = "iris"
DEFAULT_TRAINING_SAMPLES = 2000
DEFAULT_TEST_SAMPLES = 1000


@dataclass
class ModelChoice:
    """The model a learner picked: a spec to build, or an uploaded model to train further."""

    spec: dict[str, Any] | None
    model: Any = None
    model_bytes: bytes | None = None


@dataclass
class DataChoice:
    """The (subsampled) dataset and the output layer + loss settings that passed the checks."""

    dataset: Dataset
    loss: str
    one_hot: bool
    blocked: bool


def choose_model(state: TrainState) -> ModelChoice | None:
    """Draws the model source picker; returns the chosen model, or None (a message says why)."""
    # The default goes through session state (the Build page's "Train this model" sets it there too):
    # a widget given both a default and a session-state value makes Streamlit warn.
    hold_value(TrainKeys.MODEL_SOURCE, SOURCES[0 if shared().spec is not None else 1])
    source = st.radio(tr("train.model_source"), SOURCES, key=TrainKeys.MODEL_SOURCE,
                      format_func=lambda name: tr(f"train.source_{name}"), horizontal=True)
    if source == "upload":
        return _uploaded_model(state)
    if source == "build":
        spec = shared().spec
        if spec is None:
            st.info(tr("train.no_build_spec"))
            return None
        origin = "build:" + json.dumps(spec, sort_keys=True)
        title = tr("train.model_from_build")
    else:
        if TrainKeys.PRESET not in st.session_state:
            hold_value(TrainKeys.DATASET, PRESET_DATASETS[DEFAULT_PRESET])
        hold_value(TrainKeys.PRESET, DEFAULT_PRESET)
        name = st.selectbox(tr("train.preset"), list(PRESETS), key=TrainKeys.PRESET,
                            format_func=lambda key: tr(PRESET_TITLES[key]), on_change=_follow_preset_dataset)
        spec = PRESETS[name]
        origin = f"preset:{name}"
        title = tr(PRESET_TITLES[name])
    if state.spec_origin != origin:
        # A new model was picked: start over from it (fixes applied to the previous one are dropped).
        state.working_spec = copy.deepcopy(spec)
        state.spec_origin = origin
    _describe_model(title, state.working_spec)
    return ModelChoice(state.working_spec)


def _describe_model(title: str, spec: dict[str, Any]) -> None:
    """Says which model will train: where it comes from, its layers and parameters (after fixes)."""
    try:
        summary = summarize(spec)
    except SpecError:
        st.caption(tr("train.model_info_invalid", title=title, layers=len(spec.get("layers") or [])))
        return
    st.caption(tr("train.model_info", title=title, layers=len(summary.rows), params=summary.total_params))


def _follow_preset_dataset() -> None:
    """Picking a preset also picks the dataset it was written for, when the playground has it."""
    dataset = PRESET_DATASETS.get(st.session_state.get(TrainKeys.PRESET, ""))
    if dataset is not None:
        st.session_state[TrainKeys.DATASET] = dataset


def _uploaded_model(state: TrainState) -> ModelChoice | None:
    upload = st.file_uploader(tr("train.upload"), type=["keras"], key=TrainKeys.UPLOAD)
    if upload is None:
        state.uploaded_model, state.uploaded_name = None, ""
        st.info(tr("train.upload_needed"))
        return None
    identity = f"{upload.name}:{upload.size}:{upload.file_id}"
    if state.uploaded_name != identity:
        state.uploaded_model, state.uploaded_name = None, ""
        try:
            state.uploaded_model = load_model_bytes(upload.getvalue())
            state.uploaded_bytes = upload.getvalue()
            state.uploaded_name = identity
        except ModelFileError as error:
            show_error(error)  # Its reason may be a translated text of its own (a refused archive).
            return None
    model = state.uploaded_model
    st.success(tr("train.upload_loaded", name=upload.name, params=int(model.count_params())))
    st.caption(tr("train.model_info", title=upload.name, layers=len(model.layers), params=int(model.count_params())))
    return ModelChoice(spec=None, model=model, model_bytes=state.uploaded_bytes)


def model_as_spec(choice: ModelChoice) -> dict[str, Any]:
    """The spec the checks read: the chosen spec, or the input and output layer of an uploaded model."""
    if choice.spec is not None:
        return choice.spec
    last = choice.model.layers[-1]
    activation = getattr(getattr(last, "activation", None), "__name__", "linear")
    layer = {"type": "Dense", "units": int(choice.model.output_shape[-1]), "activation": activation}
    if type(last).__name__ != "Dense":
        layer = {"type": type(last).__name__}
    return {"input_shape": list(choice.model.input_shape[1:]), "layers": [layer]}


def choose_data() -> Dataset | None:
    """Draws the dataset picker and the sample-count slider; returns a subsampled dataset or None."""
    dataset = pick_dataset("train", handed=shared().handed_data)
    if dataset is None:
        return None
    available = len(dataset.y_train)
    if available <= 16:
        return dataset
    samples = st.slider(tr("train.samples"), min_value=16, max_value=available,
                        value=min(available, DEFAULT_TRAINING_SAMPLES), step=16 if available > 64 else 1,
                        key=TrainKeys.SAMPLES)
    if samples >= available and len(dataset.y_test) <= DEFAULT_TEST_SAMPLES:
        return dataset
    return subsample(dataset, samples, min(len(dataset.y_test), DEFAULT_TEST_SAMPLES))


def head_section(state: TrainState, choice: ModelChoice, dataset: Dataset, batch_size: int) -> DataChoice:
    """Proposes the output layer and loss for the task, shows mismatches and their one-click fixes.

    Args:
        state: The page's state (remembers which data the loss was proposed for).
        choice: The model to train.
        dataset: The data to train on.
        batch_size: The batch size chosen in the options section (checked against the data).
    """
    task, classes = dataset.task, dataset.num_classes
    units, activation, proposed_loss = tasks.propose(task, classes)
    origin = f"{dataset.name}:{task}:{classes}"
    if state.data_origin != origin or TrainKeys.LOSS not in st.session_state:
        # New data: propose the notes' loss for its task (the learner may still change it).
        st.session_state[TrainKeys.LOSS] = proposed_loss
        st.session_state[TrainKeys.ONE_HOT] = False
        state.data_origin = origin
    hold_value(TrainKeys.LOSS)
    hold_value(TrainKeys.ONE_HOT)
    task_name = tr(f"datasets.task.{task}")
    st.markdown(tr("train.proposal", task=task_name, units=units, activation=activation, loss=proposed_loss))
    spec = model_as_spec(choice)
    current_units, current_activation = tasks.output_layer(spec)
    if current_units is not None:
        st.caption(tr("train.current_head", units=current_units, activation=current_activation))
    left, right = st.columns(2)
    loss = left.selectbox(tr("train.loss"), list(tasks.LOSSES), key=TrainKeys.LOSS)
    one_hot = right.checkbox(tr("train.one_hot"), key=TrainKeys.ONE_HOT, disabled=task == "regression")
    setup = tasks.Setup(spec, loss, one_hot)
    if choice.spec is None:  # An uploaded model: only its input and output layer are known here.
        problems = tasks.check(setup, dataset.input_shape, task, classes, batch_size)
    else:  # Green only after one batch really trained (cached per setup: reruns do not repeat it).
        problems = trial.verdict(setup, dataset, batch_size)
    for index, problem in enumerate(problems):
        _show_problem(problem, index, editable=choice.spec is not None, task_name=task_name)
    blocked = any(problem.blocking for problem in problems)
    if not blocked:
        st.success(tr("train.head_ok"))
    return DataChoice(dataset, loss, one_hot, blocked)


def _show_problem(problem: tasks.Problem, index: int, editable: bool, task_name: str) -> None:
    fields = {**problem.fields}
    if "task" in fields:
        fields["task"] = task_name
    if isinstance(fields.get("detail"), LearnerError):
        fields["detail"] = fields["detail"].text(lang())
    text = tr(problem.key, **fields)
    if not problem.blocking:
        st.info(text)
        return
    st.warning(text)
    fixes = [fix for fix in problem.fixes if editable or fix.action in ("set_loss", "set_one_hot")]
    if not fixes:
        st.caption(tr("train.fix_unavailable" if problem.fixes else "train.no_fix"))
        return
    columns = st.columns(len(fixes))
    for number, (column, fix) in enumerate(zip(columns, fixes)):
        column.button(tr(fix.key, **fix.fields), key=f"train_fix_{index}_{number}", on_click=_apply_fix, args=(fix,))


def _apply_fix(fix: tasks.Fix) -> None:
    """Button callback: applies a fix to the working spec and the loss widgets before they redraw."""
    state = train_state()
    spec = state.working_spec or {"input_shape": [], "layers": []}
    setup = tasks.Setup(spec, st.session_state.get(TrainKeys.LOSS, ""), bool(st.session_state.get(TrainKeys.ONE_HOT)))
    fixed = tasks.apply_fix(setup, fix)
    if state.working_spec is not None:
        state.working_spec = fixed.spec
    st.session_state[TrainKeys.LOSS] = fixed.loss
    st.session_state[TrainKeys.ONE_HOT] = fixed.one_hot
