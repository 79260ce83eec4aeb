"""Compare page, section 1: the optimizer race (identical copies trained interleaved, curves live)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground.spec import tasks
from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.engine.optimizers import OPTIMIZERS
from playground.spec.presets import PRESET_DATASETS, PRESET_TITLES, PRESETS
from playground.engine.race import MAX_ENTRIES, MIN_ENTRIES, RACE_PRESETS, RaceEntry
from playground_app import clicks
from playground_app.common import tr
from playground_app.compare.optimizer_settings import optimizer_settings
from playground_app.compare.state import CompareState, RaceKeys, error_text
from playground_app.widgets.dataset_picker import pick_dataset
from playground_app.state import hold_value, shared

MODEL_SOURCES = ("build", "preset")
KEEP = "keep"  # Activation choice meaning "keep the model's own hidden activations".
DEFAULT_ENTRIES = (RaceEntry("SGD", 0.01), RaceEntry("Adam", 0.001))


def _apply_preset(name: str) -> None:
    """Fills the widgets with a one-click race (runs as a button callback, before the widgets exist)."""
    preset = RACE_PRESETS[name]
    state = st.session_state
    state[RaceKeys.SOURCE] = "preset"
    state[RaceKeys.PRESET] = preset.model
    state[RaceKeys.DATASET] = preset.dataset
    state[RaceKeys.COUNT] = len(preset.entries)
    state[RaceKeys.SAMPLES] = preset.samples
    state[RaceKeys.EPOCHS] = preset.epochs
    for index, entry in enumerate(preset.entries):
        _set_entry(index, entry)


def _set_entry(index: int, entry: RaceEntry) -> None:
    state = st.session_state
    state[RaceKeys.OPTIMIZER.format(index=index)] = entry.optimizer
    state[RaceKeys.ACTIVATION.format(index=index)] = entry.activation or KEEP
    state[RaceKeys.ENTRY_PREFIX.format(index=index, optimizer=entry.optimizer) + "_lr"] = entry.rate
    for parameter in OPTIMIZERS[entry.optimizer].parameters:
        entry_prefix = RaceKeys.ENTRY_PREFIX.format(index=index, optimizer=entry.optimizer)
        state[f"{entry_prefix}_{parameter.name}"] = float(entry.parameters.get(parameter.name, parameter.default))


def _initialise() -> None:
    if RaceKeys.COUNT in st.session_state:
        return
    st.session_state[RaceKeys.COUNT] = len(DEFAULT_ENTRIES)
    for index, entry in enumerate(DEFAULT_ENTRIES):
        _set_entry(index, entry)


def _presets() -> None:
    st.markdown(f"**{tr('compare.race.presets')}**")
    left, right = st.columns(2)
    left.button(tr("compare.race.preset.notes_table"), key=RaceKeys.PRESET_NOTES, on_click=_apply_preset,
                args=("notes_table",), use_container_width=True)
    right.button(tr("compare.race.preset.learning_rate"), key=RaceKeys.PRESET_RATES, on_click=_apply_preset,
                 args=("learning_rate",), use_container_width=True)


def _choose_spec() -> dict[str, Any] | None:
    """The model to race: the Build page's, or a preset."""
    build_spec = shared().spec
    hold_value(RaceKeys.SOURCE, "build" if build_spec is not None else "preset")
    source = st.radio(tr("compare.race.model"), MODEL_SOURCES, key=RaceKeys.SOURCE, horizontal=True,
                      format_func=lambda name: tr(f"compare.race.source_{name}"))
    if source == "build":
        if build_spec is None:
            st.info(tr("compare.race.no_build_spec"))
        return build_spec
    if RaceKeys.PRESET not in st.session_state:
        hold_value(RaceKeys.DATASET, "mnist")
    hold_value(RaceKeys.PRESET, "mnist_dnn")
    name = st.selectbox(tr("compare.race.preset"), list(PRESETS), key=RaceKeys.PRESET,
                        format_func=lambda key: tr(PRESET_TITLES[key]), on_change=_follow_preset_dataset)
    return PRESETS[name]


def _follow_preset_dataset() -> None:
    dataset = PRESET_DATASETS.get(st.session_state.get(RaceKeys.PRESET, ""))
    if dataset is not None:
        st.session_state[RaceKeys.DATASET] = dataset


def _entries() -> list[RaceEntry]:
    """Draws one row per contestant: optimizer, hidden activation, learning rate and parameters."""
    hold_value(RaceKeys.COUNT)
    count = st.number_input(tr("compare.race.count"), min_value=MIN_ENTRIES, max_value=MAX_ENTRIES, step=1,
                            key=RaceKeys.COUNT)
    entries = []
    for index in range(int(count)):
        with st.container(border=True):
            optimizer_column, activation_column = st.columns(2)
            hold_value(RaceKeys.OPTIMIZER.format(index=index), DEFAULT_ENTRIES[index % 2].optimizer)
            optimizer = optimizer_column.selectbox(tr("compare.optimizer"), list(OPTIMIZERS),
                                                   key=RaceKeys.OPTIMIZER.format(index=index))
            hold_value(RaceKeys.ACTIVATION.format(index=index))
            activation = activation_column.selectbox(
                tr("compare.race.activation"), (KEEP, *HIDDEN_ACTIVATIONS), key=RaceKeys.ACTIVATION.format(index=index),
                format_func=lambda name: tr("compare.race.keep") if name == KEEP else name,
            )
            rate, parameters = optimizer_settings(optimizer, RaceKeys.ENTRY_PREFIX.format(index=index, optimizer=optimizer))
            entries.append(RaceEntry(optimizer, rate, parameters, None if activation == KEEP else activation))
    return entries


def _options() -> tuple[int, int, int, float]:
    samples, epochs, batch, target = st.columns(4)
    # Defaults through session state, not value=, because the one-click races set these keys too.
    hold_value(RaceKeys.SAMPLES, 2000)
    hold_value(RaceKeys.EPOCHS, 5)
    train_samples = samples.number_input(tr("compare.race.samples"), min_value=32, max_value=60000, step=500,
                                         key=RaceKeys.SAMPLES)
    epoch_count = epochs.number_input(tr("compare.race.epochs"), min_value=1, max_value=100, key=RaceKeys.EPOCHS)
    batch_size = batch.number_input(tr("compare.race.batch_size"), min_value=1, max_value=4096, value=32,
                                    key=RaceKeys.BATCH)
    target_accuracy = target.number_input(tr("compare.race.target"), min_value=0.05, max_value=1.0, value=0.9,
                                          step=0.05, key=RaceKeys.TARGET)
    return int(train_samples), int(epoch_count), int(batch_size), float(target_accuracy)


def blocking_problem(spec: dict[str, Any], dataset: Any) -> str | None:
    """The first problem that would make this model fail on this data, translated, or None."""
    _, _, loss = tasks.propose(dataset.task, len(dataset.class_names))
    for problem in tasks.check(tasks.Setup(spec, loss), tuple(dataset.input_shape), dataset.task, len(dataset.class_names)):
        if problem.blocking:
            return tr(problem.key, **problem.fields)
    return None


def _start(state: CompareState, spec: dict[str, Any], dataset: Any, entries: list[RaceEntry],
           options: tuple[int, int, int, float]) -> None:
    from playground.engine import runner
    from playground.engine.jobs import RaceJob
    from playground.engine.race import check_settings

    train_samples, epochs, batch_size, target_accuracy = options
    try:
        check_settings(entries, epochs, batch_size)
        job = RaceJob(spec=spec, entries=tuple(entries), epochs=epochs, batch_size=batch_size,
                      target_accuracy=target_accuracy, train_samples=train_samples, dataset_name=dataset.name)
        state.race = runner.submit(job, dataset)
    except Exception as error:  # noqa: BLE001 - a bad setting gets a message; the form keeps its values.
        st.error(error_text(error))


def render(state: CompareState) -> None:
    """Draws the race set-up, Start/Stop, the live curves and the results table."""
    from playground_app.compare.race_live import show_race

    st.markdown(tr("compare.race.intro"))
    _initialise()
    _presets()
    spec = _choose_spec()
    dataset = pick_dataset(RaceKeys.PREFIX, allowed_tasks={"binary", "multiclass"}, show_examples=False)
    entries = _entries()
    options = _options()
    running = state.race is not None and state.race.active
    problem = blocking_problem(spec, dataset) if spec is not None and dataset is not None else None
    if problem:
        st.error(tr("compare.race.problem", detail=problem))
    # Started here, with this run's settings, just before Start is drawn, so it is drawn disabled
    # (playground_app.clicks).
    if clicks.taken(RaceKeys.START) and not running and spec is not None and dataset is not None and problem is None:
        _start(state, spec, dataset, entries, options)
        running = state.race is not None and state.race.active
    start_column, stop_column = st.columns(2)
    with start_column:
        clicks.button(tr("compare.race.start"), RaceKeys.START, type="primary",
                      disabled=running or spec is None or dataset is None or problem is not None,
                      use_container_width=True)
    if stop_column.button(tr("compare.race.stop"), key=RaceKeys.STOP, disabled=not running,
                          use_container_width=True) and state.race is not None:
        state.race.stop()
    if state.race is not None:
        show_race(state)
