"""Overfitting page, section 1: a base model and the variants ticked, trained together by the race engine.

The variants are race entries (``playground.labs.variants.VariantEntry``): the page describes a
``RaceJob`` and submits it, as the Compare page's optimizer race does, but allowed to spread over the
free workers (``playground.engine.spread``); the curves and the table of every share come back
through one handle, and its Stop stops them all.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground.engine.race import MAX_ENTRIES, MIN_ENTRIES, Watch
from playground.errors import LearnerError
from playground.labs.augmentation import DIGIT_AUGMENTATION
from playground.labs.variants import (BASE, BASE_MODEL_DATASETS, BASE_MODELS, EXPERIMENTS, MAX_DROPOUT, Variant,
                                      VariantExperiment, entries_for)
from playground_app.common import tr
from playground_app.compare.race import blocking_problem
from playground_app.errors import error_text
from playground_app.overfitting.state import OverfittingState, VariantKeys
from playground_app.state import hold_value, shared
from playground_app.widgets.dataset_picker import pick_dataset

BUILD = "build"
SOURCES = (*BASE_MODELS, BUILD)
PLACEMENTS = ("CBA", "CAB", "both")
METRICS = ("accuracy", "loss")
DROPOUT_RATES = tuple(round(0.1 * step, 1) for step in range(1, round(MAX_DROPOUT * 10) + 1))
DEFAULT_DROPOUT = 0.5


def _experiments(state: OverfittingState, running: bool) -> None:
    """One button per one-click experiment; a click starts it at once."""
    st.markdown(f"**{tr('overfit.experiments')}**")
    columns = st.columns(2)
    for index, name in enumerate(EXPERIMENTS):
        title = tr(f"overfit.experiment.{name}.title")
        if columns[index % 2].button(tr("overfit.experiment.run", title=title), key=VariantKeys.EXPERIMENT.format(name=name),
                                     disabled=running, width="stretch"):
            _run_experiment(state, name)


def _run_experiment(state: OverfittingState, name: str) -> None:
    from playground.data.registry import load

    experiment = EXPERIMENTS[name]
    try:
        dataset = load(experiment.dataset)
    except Exception as error:  # noqa: BLE001 - an unavailable dataset is said plainly; the page goes on.
        st.error(tr("overfit.error.dataset_missing", dataset=tr(f"datasets.name.{experiment.dataset}"),
                    detail=error_text(error)))
        return
    _submit(state, experiment.spec, dataset, list(entries_for(experiment.variants)),
            (experiment.train_samples, experiment.validation_samples, experiment.epochs, experiment.batch_size,
             experiment.patience), experiment=name, form=experiment_form(experiment))


def experiment_form(experiment: VariantExperiment) -> dict[str, Any]:
    """The set-up form's widget values that describe ``experiment``, so the learner can tweak it and rerun.

    Every one-click experiment's variants are ones the form can tick (the base, Dropout at some rates,
    BatchNormalization at one or both placements, global pooling, L2, the digits' augmentation).
    """
    variants = experiment.variants
    placements = sorted({variant.batch_norm for variant in variants if variant.batch_norm}, key=PLACEMENTS.index)
    rates = sorted({variant.dropout for variant in variants if variant.dropout is not None})
    return {
        VariantKeys.MODEL: experiment.model,
        VariantKeys.DATASET: experiment.dataset,
        VariantKeys.BASE: BASE in variants,
        VariantKeys.DROPOUT: bool(rates),
        VariantKeys.DROPOUT_RATES: rates or [DEFAULT_DROPOUT],
        VariantKeys.BATCH_NORM: bool(placements),
        VariantKeys.PLACEMENT: "both" if len(placements) > 1 else (placements or ["CBA"])[0],
        VariantKeys.GLOBAL_POOLING: any(variant.global_pooling for variant in variants),
        VariantKeys.L2: any(variant.l2 for variant in variants),
        VariantKeys.AUGMENTATION: any(variant.augmentation is not None for variant in variants),
        VariantKeys.SAMPLES: experiment.train_samples,
        VariantKeys.VALIDATION: experiment.validation_samples,
        VariantKeys.EPOCHS: experiment.epochs,
        VariantKeys.BATCH: experiment.batch_size,
        VariantKeys.PATIENCE: experiment.patience,
    }


def _follow_model_dataset() -> None:
    dataset = BASE_MODEL_DATASETS.get(st.session_state.get(VariantKeys.MODEL, ""))
    if dataset is not None:
        st.session_state[VariantKeys.DATASET] = dataset


def _choose_spec() -> dict[str, Any] | None:
    """The base model: one of the lab's, or the Build page's."""
    hold_value(VariantKeys.MODEL, "small_cnn")
    hold_value(VariantKeys.DATASET, BASE_MODEL_DATASETS["small_cnn"])
    name = st.selectbox(tr("overfit.base_model"), SOURCES, key=VariantKeys.MODEL,
                        format_func=lambda key: tr(f"overfit.model.{key}"), on_change=_follow_model_dataset)
    if name != BUILD:
        return BASE_MODELS[name]
    spec = shared().spec
    if spec is None:
        st.info(tr("overfit.no_build_spec"))
    return spec


def _variants() -> list[Variant]:
    """The ticked variants, the base model first when it is ticked."""
    st.markdown(f"**{tr('overfit.variants')}**")
    chosen = []
    if st.checkbox(tr("overfit.include_base"), value=True, key=VariantKeys.BASE):
        chosen.append(BASE)
    left, right = st.columns(2)
    if left.checkbox(tr("overfit.tick.dropout"), value=True, key=VariantKeys.DROPOUT):
        hold_value(VariantKeys.DROPOUT_RATES, [DEFAULT_DROPOUT])
        rates = left.multiselect(tr("overfit.dropout_rates"), DROPOUT_RATES, key=VariantKeys.DROPOUT_RATES)
        chosen += [Variant(dropout=float(rate)) for rate in sorted(rates)]
    if right.checkbox(tr("overfit.tick.batch_norm"), value=False, key=VariantKeys.BATCH_NORM):
        placement = right.radio(tr("overfit.placement"), PLACEMENTS, key=VariantKeys.PLACEMENT, horizontal=True,
                                format_func=lambda key: tr(f"overfit.placement.{key}"))
        chosen += [Variant(batch_norm=where) for where in (("CBA", "CAB") if placement == "both" else (placement,))]
    if left.checkbox(tr("overfit.tick.global_pooling"), value=False, key=VariantKeys.GLOBAL_POOLING):
        chosen.append(Variant(global_pooling=True))
    if right.checkbox(tr("overfit.tick.l2"), value=False, key=VariantKeys.L2):
        chosen.append(Variant(l2=True))
    if left.checkbox(tr("overfit.tick.augmentation", settings=DIGIT_AUGMENTATION.describe()), value=False,
                     key=VariantKeys.AUGMENTATION):
        chosen.append(Variant(augmentation=DIGIT_AUGMENTATION))
    return chosen


def _options() -> tuple[int, int, int, int, int]:
    samples, validation, epochs, batch, patience = st.columns(5)
    return (
        int(samples.number_input(tr("overfit.train_samples"), 32, 60000, 1000, 250, key=VariantKeys.SAMPLES)),
        int(validation.number_input(tr("overfit.validation_samples"), 32, 10000, 500, 250, key=VariantKeys.VALIDATION)),
        int(epochs.number_input(tr("overfit.epochs"), 1, 100, 10, key=VariantKeys.EPOCHS)),
        int(batch.number_input(tr("overfit.batch_size"), 1, 1024, 32, key=VariantKeys.BATCH)),
        int(patience.number_input(tr("overfit.patience"), 1, 20, 3, key=VariantKeys.PATIENCE)),
    )


def _problem(spec: dict[str, Any] | None, dataset: Any, variants: list[Variant]) -> str | None:
    """Why these variants cannot train on this data (translated), or None."""
    if spec is None or dataset is None:
        return ""
    if not MIN_ENTRIES <= len(variants) <= MAX_ENTRIES:
        return tr("overfit.count_problem", minimum=MIN_ENTRIES, maximum=MAX_ENTRIES, count=len(variants))
    problem = blocking_problem(spec, dataset)
    if problem:
        return tr("overfit.problem", detail=problem)
    for entry in entries_for(variants):
        try:
            entry.model_spec(spec)
        except LearnerError as error:
            return error_text(error)
    return None


def _submit(state: OverfittingState, spec: dict[str, Any], dataset: Any, entries: list[Any],
            options: tuple[int, int, int, int, int], experiment: str | None = None,
            form: dict[str, Any] | None = None) -> None:
    """Submits the variants; ``form`` (an experiment's set-up) fills the form for the next run once they started."""
    from playground.engine import runner
    from playground.engine.jobs import RaceJob

    train_samples, validation_samples, epochs, batch_size, patience = options
    try:
        job = RaceJob(spec=spec, entries=tuple(entries), epochs=epochs, batch_size=batch_size,
                      train_samples=train_samples, dataset_name=dataset.name, validation_samples=validation_samples,
                      watch=Watch("val_loss", patience), spread=True)
        state.race = runner.submit(job, dataset)
        state.experiment = experiment
    except Exception as error:  # noqa: BLE001 - a bad setting gets a message; the form keeps its values.
        st.error(error_text(error))
        return
    # Set before any widget of the form exists in this run (the experiment buttons come first), then rerun.
    st.session_state.update(form or {})
    st.rerun()  # At once, so that Start is disabled and Stop enabled while the variants train.


def render(state: OverfittingState) -> None:
    """Draws the experiments, the set-up, Start/Stop, and the variants' curves and table."""
    from playground_app.overfitting.variants_live import show_variants

    st.markdown(tr("overfit.variants.intro"))
    running = state.race is not None and state.race.active
    _experiments(state, running)
    st.divider()
    spec = _choose_spec()
    dataset = pick_dataset(VariantKeys.PREFIX, allowed_tasks={"binary", "multiclass"}, show_examples=False)
    variants = _variants()
    options = _options()
    problem = _problem(spec, dataset, variants)
    if problem:
        st.error(problem)
    start_column, stop_column = st.columns(2)
    if start_column.button(tr("overfit.start"), key=VariantKeys.START, type="primary", disabled=running or problem is not None,
                           width="stretch"):
        _submit(state, spec, dataset, list(entries_for(variants)), options)
    if stop_column.button(tr("overfit.stop"), key=VariantKeys.STOP, disabled=not running,
                          width="stretch") and state.race is not None:
        state.race.stop()
    if state.race is None:
        return
    if state.experiment is not None:
        st.info(f"**{tr(f'overfit.experiment.{state.experiment}.title')}** — "
                f"{tr(f'overfit.experiment.{state.experiment}.point')}\n\n{tr('overfit.experiment.form_filled')}")
    metric = st.radio(tr("overfit.metric"), METRICS, key=VariantKeys.METRIC, horizontal=True,
                      format_func=lambda key: tr(f"overfit.metric.{key}"))
    show_variants(state, metric)
