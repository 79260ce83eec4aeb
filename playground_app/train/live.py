"""Train page, section 4: the Train / Stop / experiment buttons and the live curves.

Training runs in a worker process of the Dask cluster (``playground.engine.runner``). The buttons and the live view
are one fragment (``train_section``): a click on Train reruns them alone, not the whole page. While a run is active a
fragment inside it redraws on its own (``st.fragment(run_every=…)``): the progress line with Stop, the curves (a
Vega-Lite chart the browser keeps and gives the new points, ``playground.charts.curves``) and the runs table; the rest
of the page stays usable. When the last run ends, the live view asks for one run of the whole page so that the
results section appears.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import streamlit as st

from playground.engine import runner
from playground.engine.race import RACE_PRESETS
from playground.engine.jobs import FitJob
from playground.spec import tasks, validate
from playground.charts.curves import metric_names
from playground.data.registry import Dataset, load, subsample
from playground.spec.presets import PRESETS
from playground.engine.runs import ACTIVE_STATUSES, DIVERGED, FAILED, RUNNING, Run, RunConfig, RunSnapshot, evaluating
from playground.spec import SpecError
from playground_app import clicks, pace
from playground_app.common import lang, tr
from playground_app.widgets.curves import show_curves
from playground_app.errors import safe_fragment, show_error
from playground_app.rerun import rerun_page
from playground_app.train.results import runs_table
from playground_app.train.setup import ModelChoice
from playground_app.train.state import RunData, TrainKeys, TrainState, forget_all, keeping_runs, listed

EXPERIMENT = "notes_table"  # The notes' sigmoid+SGD / relu+SGD / relu+Adam table.
# While a run is queued or trains, one fragment redraws the progress line, Stop, the curves and the runs table every
# LIVE_SECONDS. Measured in the browser (bench/chart_updates.py, CPU-seconds per redraw): any run of a fragment costs
# about 0.025 on a small page and 0.05 on a page as long as this one; the chart's new points about 0.04 more (a
# plotly chart, mounted anew for each new figure, cost 0.11). So one fragment costs less than a progress fragment and a
# chart fragment, and its pace never has to change: no quick redraws of the chart before the first points and no
# second run of the whole page when they come.
LIVE_SECONDS = 2.0
# While the run that trains (or starts now) has no points on the chart, each run of the live view (the click's too)
# waits up to this long for them after drawing the rest, the chart included, and draws them in it as they arrive: the
# chart is the one the browser has already mounted (``_curves``), so they cost it new data only. Just under
# LIVE_SECONDS, so the waits follow one another: first points are drawn as they come, whenever they come (with 1.5 s,
# points that came just after the click's wait showed up to 0.9 s late: click -> first point 1.27, 1.46 and 2.46 s).
FIRST_POINTS_WAIT_SECONDS = 1.9
QUEUED_STARTS_WITHIN_SECONDS = pace.QUEUED_STARTS_WITHIN_SECONDS  # (A queued run about to start.)
# When every active run will end before the next redraw (it is evaluating, or less than LIVE_SECONDS of batches is
# left), the redraw waits for the end, up to this long, so "finished" and the results show when they are true
# instead of a redraw later. A click meanwhile waits as long, only then.
END_WAIT_SECONDS = 1.9
# What follows the last batch: the test-set evaluation and the model's trip home (about 0.5-1 s measured).
AFTER_LAST_BATCH_SECONDS = 1.0
OVERLAY_KEY = TrainKeys.OVERLAY
# The live chart's one element: the empty panels before the first points and the curves after them.
CURVES_KEY = "train_curves"


def train_section(state: TrainState, choice: ModelChoice | None, dataset: Dataset | None, loss: str,
                  one_hot: bool, options: RunConfig | None, blocked: bool, planned: RunConfig | None) -> None:
    """The buttons (``start_buttons``), the section's title and the live view (``live_section``), as one fragment.

    A click on Train or the experiment reruns this fragment alone, with the settings of the last run of the page:
    a setting changed just before the click reruns the page first (Streamlit runs a fragment's click after a run of
    the page in progress, and folds it into one it has not started). A run of the whole Train page cost the learner's
    browser 0.4-0.9 CPU-seconds, taken from the training that had just started on the same cores, and ran the
    setup sections' script before the job was sent. The whole page runs when the last run ends, for its results.
    """

    @safe_fragment
    def section() -> None:
        start_buttons(state, choice, dataset, loss, one_hot, options, blocked)
        st.subheader(tr("train.section_live"))
        live_section(state, planned)

    section()


def start_buttons(state: TrainState, choice: ModelChoice | None, dataset: Dataset | None, loss: str,
                  one_hot: bool, options: RunConfig | None, blocked: bool) -> None:
    """Draws Train, the experiment button and Clear runs; starts the training a click asked for."""
    ready = choice is not None and dataset is not None and options is not None and not blocked
    # Started here, just before the buttons, with this run's settings (``playground_app.clicks``): the one run of the
    # page that answers a click already draws them busy (started after them, the whole page ran a second time:
    # 0.4 CPU-seconds in the browser, while the model builds).
    single, experiment = clicks.taken(TrainKeys.START), clicks.taken(TrainKeys.EXPERIMENT)
    failure = None
    try:
        if single and ready and not state.active_runs():
            _start_single(state, choice, dataset, loss, one_hot, options)
        elif experiment and not state.active_runs():
            _start_experiment(state)
    except Exception as error:  # noqa: BLE001 - said under the buttons, never a traceback.
        failure = error
    busy = bool(state.active_runs())
    first, second, third = st.columns([1, 2, 1])
    # A disabled primary button stays red and looks clickable: it is primary only when it can be pressed.
    with first:
        clicks.button(tr("train.start"), TrainKeys.START, type="primary" if ready and not busy else "secondary",
                      disabled=busy or not ready, width="stretch")
    with second:
        clicks.button(tr("train.experiment"), TrainKeys.EXPERIMENT, disabled=busy, width="stretch",
                      help=tr("train.experiment_help", samples=RACE_PRESETS[EXPERIMENT].samples,
                              epochs=RACE_PRESETS[EXPERIMENT].epochs))
    if third.button(tr("train.clear_runs"), key=TrainKeys.CLEAR, disabled=busy, width="stretch"):
        forget_all(state)
        st.session_state[OVERLAY_KEY] = []
        st.rerun()  # The results of the runs forgotten go too.
    # What is said under the buttons takes one place in the page, whatever it says (or nothing): the live chart below
    # keeps its place when a run ends, and the browser keeps it (see ``live_section``).
    with st.container():
        if failure is not None:  # Why the click started nothing, under the buttons.
            if isinstance(failure, SpecError):
                st.error(tr("train.spec_error", detail=failure.text(lang())), icon=":material/error:")
            else:
                show_error(failure)
        if busy:
            st.caption(tr("train.busy"))
        elif blocked:
            st.caption(tr("train.blocked"))


def _label(state: TrainState, activation: str | None, optimizer: str) -> str:
    number = len(state.runs) + 1
    return f"#{number} {activation}+{optimizer}" if activation else f"#{number} {optimizer}"


def _start_single(state: TrainState, choice: ModelChoice, dataset: Dataset, loss: str, one_hot: bool,
                  options: RunConfig) -> None:
    spec = None if choice.spec is None else tasks.with_hidden_activation(choice.spec, options.hidden_activation)
    config = dataclasses.replace(options, label=_label(state, options.hidden_activation, options.optimizer), spec=spec,
                                 dataset=dataset.name, loss=loss, one_hot=one_hot)
    _launch(state, [(config, dataset, choice.model_bytes)])


def _start_experiment(state: TrainState) -> None:
    """The notes' table (``RACE_PRESETS["notes_table"]``) as separate runs on one chart."""
    preset = RACE_PRESETS[EXPERIMENT]
    dataset = subsample(load(preset.dataset, allow_download=False), preset.samples)
    planned = []
    for offset, entry in enumerate(preset.entries):
        spec = tasks.with_hidden_activation(PRESETS[preset.model], entry.activation)
        config = RunConfig(label=f"#{len(state.runs) + offset + 1} {entry.activation}+{entry.optimizer}", spec=spec,
                           dataset=dataset.name, loss=tasks.HEADS[dataset.task].loss, optimizer=entry.optimizer,
                           learning_rate=entry.rate, optimizer_parameters=dict(entry.parameters),
                           hidden_activation=entry.activation, epochs=preset.epochs, validation_split=0.2)
        planned.append((config, dataset, None))
    _launch(state, planned, replace_overlay=True)


def _launch(state: TrainState, planned: list[tuple[RunConfig, Dataset, bytes | None]],
            replace_overlay: bool = False) -> None:
    """Checks every model before starting any, then sends each run to a training worker."""
    for config, _, _ in planned:
        if config.spec is not None:
            validate(config.spec)
    keep = keeping_runs(state)
    handles = [runner.submit(FitJob(config, model_bytes), dataset, on_end=keep)
               for config, dataset, model_bytes in planned]
    for handle, (_, dataset, _) in zip(handles, planned):
        run = handle.runs[0]
        state.handles.append(handle)
        state.runs.append(run)
        state.run_data[run.run_id] = RunData(np.asarray(dataset.x_test), np.asarray(dataset.y_test),
                                             tuple(dataset.class_names), dataset.kind, tuple(dataset.feature_names),
                                             tuple(dataset.feature_mean), tuple(dataset.feature_scale))
        listed(handle, {run.run_id: state.run_data[run.run_id]})
    new_ids = [handle.runs[0].run_id for handle in handles]
    kept = [] if replace_overlay else [run_id for run_id in st.session_state.get(OVERLAY_KEY, [])
                                       if run_id in state.run_data]
    st.session_state[OVERLAY_KEY] = kept + new_ids


def live_section(state: TrainState, planned: RunConfig | None = None) -> None:
    """Draws the overlay choice and the live fragment (progress, Stop, curves).

    ``planned`` is the training the page would start (its loss and epochs shape the empty chart shown
    before any run), or None when nothing can be trained yet.
    """
    if not state.runs:
        st.info(tr("train.no_runs"))
        if planned is not None:
            _waiting_chart(planned)
        return
    labels = {run.run_id: run.config.label for run in state.runs}
    st.session_state[OVERLAY_KEY] = [run_id for run_id in st.session_state.get(OVERLAY_KEY, []) if run_id in labels]
    controls = st.columns([3, 1, 1])
    controls[0].multiselect(tr("train.overlay"), list(labels), key=OVERLAY_KEY, format_func=labels.__getitem__)
    controls[1].toggle(tr("train.log_scale"), key=TrainKeys.LOG_SCALE)
    show_batches = controls[2].toggle(tr("train.show_batches"), value=True, key=TrainKeys.SHOW_BATCHES)
    if show_batches:
        st.caption(tr("train.chart.batches_caption"))
    live = bool(state.active_runs())
    # One fragment whether or not a run is active, so that its elements stay the same ones when the run ends (Streamlit
    # names a fragment by its function and its place in the page; the browser draws a chart anew when the fragment it
    # belongs to changes): the chart the learner watched stays, zoom included, and gets its last points. Drawn anew, it
    # cost the browser about 0.2 CPU-seconds, taken from the other learners' trainings. It redraws itself only while a
    # run is active: a run that makes it without ``run_every`` (the run has ended) has Streamlit stop its redraws.
    safe_fragment(run_every=LIVE_SECONDS if live else None)(_live_view)(state, live)


def _live_view(state: TrainState, live: bool) -> None:
    """The progress line and Stop, the curves and the runs table; while ``live``, the redraw that sees the last run
    end asks for a run of the whole page."""
    _progress_and_stop(state)
    chart = st.empty()  # Redrawn in place when the first points come while this run of the view waits for them.
    with chart.container():
        _curves(state)
    runs_table(state)  # Its epoch counts and losses move while a run trains.
    if live and _waiting_for_first_points(state) and _wait_for_first_points(state):
        with chart.container():
            # Without the key: the chart drawn above in this run has it, and a key names one element. The spec is the
            # same (``_curves``): the browser keeps the chart and draws the points in it.
            _curves(state, key=None)
    if live and not state.active_runs():
        rerun_page()  # The last run ended: its results appear.


def _waiting_for_first_points(state: TrainState) -> bool:
    """Whether the run that trains now (or starts now) is on the chart with none of its points drawn yet."""
    return first_points_pending(state.active_runs(), set(st.session_state.get(OVERLAY_KEY, [])), state.charted_runs)


def first_points_pending(active: list[Run], chosen: set[int], charted: set[int]) -> bool:
    """Whether a redraw should wait for first points: a chosen run that trains, or is just starting, has none charted.

    Args:
        active: The queued or training runs, oldest first.
        chosen: Ids of the runs on the chart.
        charted: Ids of the runs whose points the chart has drawn.
    """
    return any(run.run_id in chosen and run.run_id not in charted for run in _current(active))


def _current(active: list[Run]) -> list[Run]:
    """The runs that train now, or else the first queued one when it is about to start (``pace.about_to_start``)."""
    return [run for run in active if run.status == RUNNING] or [run for run in active[:1] if pace.about_to_start(run)]


def _wait_for_first_points(state: TrainState, seconds: float = FIRST_POINTS_WAIT_SECONDS) -> bool:
    """Waits (at most ``seconds``) until the run that trains, or starts now, has its first points; says whether
    it has them."""
    deadline = time.monotonic() + seconds
    while True:
        waited = _current(state.active_runs())
        if not waited:
            return False
        if any(run.has_points for run in waited):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _progress_and_stop(state: TrainState) -> None:
    for handle in state.handles:
        if handle.active:
            handle.touch()  # Somebody is watching: the run is not an orphan of a closed tab.
    _wait_for_an_imminent_end(state)
    with st.container():  # However many lines (and messages) it holds, the chart below keeps its place.
        _progress_lines(state)
    st.button(tr("train.stop"), key=TrainKeys.STOP, disabled=not state.active_runs(), on_click=_stop_all, args=(state,))


def _progress_lines(state: TrainState) -> None:
    """The progress line of each run that trains, or of the newest run when none does."""
    shown = [run for run in state.active_runs() if run.status == "running"] or state.runs[-1:]
    for run in shown:
        _progress(run.snapshot())


def _wait_for_an_imminent_end(state: TrainState) -> None:
    """Waits (see ``END_WAIT_SECONDS``) when every active run will have ended before the next redraw."""
    handles = [handle for handle in state.handles if handle.active]
    left = []
    for run in state.active_runs():
        snapshot = run.snapshot()
        if evaluating(snapshot):
            left.append(0.0)
        elif snapshot.eta is not None and snapshot.eta < LIVE_SECONDS:
            left.append(snapshot.eta)
        else:
            return  # Queued, or training for a while yet: the next redraw comes first.
    if not handles or not left:
        return
    deadline = time.monotonic() + min(END_WAIT_SECONDS, max(left) + AFTER_LAST_BATCH_SECONDS)
    for handle in handles:
        handle.done.wait(max(0.0, deadline - time.monotonic()))


def _progress(snapshot: RunSnapshot) -> None:
    if snapshot.status == "running" and evaluating(snapshot):
        # fit has ended and the test set is being evaluated: no batch count or time left to show.
        st.progress(1.0, text=tr("train.progress_evaluating", label=snapshot.config.label,
                                 elapsed=snapshot.elapsed))
        return
    eta = tr("train.eta", seconds=snapshot.eta) if snapshot.eta is not None else ""
    if snapshot.status == "running":
        epoch = min(snapshot.epoch + 1, snapshot.config.epochs)
    else:
        epoch = len(snapshot.epochs)
    # Between epochs the record's batch counter is back at 0; an ended run shows its last epoch complete.
    ended_on_epoch = snapshot.status != "running" and snapshot.batch == 0 and snapshot.epochs
    batch = snapshot.steps_per_epoch if ended_on_epoch else snapshot.batch
    text = tr("train.progress", label=snapshot.config.label, status=tr(f"train.status.{snapshot.status}"),
              epoch=epoch, epochs=snapshot.config.epochs, batch=batch, steps=snapshot.steps_per_epoch,
              elapsed=snapshot.elapsed, eta=eta)
    # A finished run is complete even when EarlyStopping ended it early; a stopped one shows how far it got.
    st.progress(1.0 if snapshot.status == "finished" else snapshot.progress, text=text)
    if snapshot.status in (DIVERGED, FAILED) and snapshot.error_key:
        st.error(tr(snapshot.error_key, **snapshot.error_fields))


def _waiting_chart(config: RunConfig) -> None:
    """Before any run: empty panels for ``config``'s loss and metric over its epochs, saying Train draws them."""
    show_curves([], CURVES_KEY, metrics=_planned_metrics(config), epochs=config.epochs,
                note=tr("train.chart.before_any_run"))


def _stop_all(state: TrainState) -> None:
    """Stop button: the running run ends after its current batch; queued runs of an experiment never start."""
    for handle in state.handles:
        if handle.active:
            handle.stop()


def _curves(state: TrainState, key: str | None = CURVES_KEY) -> None:
    """The live chart of the runs chosen for it: those with points, and those that train or wait to (their legend, and
    the chart their first points will go in: the same chart, so the browser draws them in the one it has)."""
    chosen_ids = set(st.session_state.get(OVERLAY_KEY, []))
    chosen = [run.snapshot() for run in state.runs if run.run_id in chosen_ids]
    if not chosen:
        return
    # A run that ended with nothing to draw (failed before its first batches) has no place on the chart; its message is
    # shown with its progress when it is the newest run, and here when it is an older one.
    snapshots = [snapshot for snapshot in chosen if snapshot.has_points or snapshot.status in ACTIVE_STATUSES]
    last_id = state.runs[-1].run_id if state.runs else None
    for snapshot in chosen:
        if snapshot not in snapshots and snapshot.run_id != last_id and snapshot.error_key:
            st.error(f"{snapshot.config.label}: {tr(snapshot.error_key, **snapshot.error_fields)}")
    state.charted_runs.update(snapshot.run_id for snapshot in snapshots if snapshot.has_points)
    if not snapshots:
        return
    # The panels the runs' losses ask for (from their settings, so they are there before the first points), and any
    # other metric their logs have.
    metrics = list(dict.fromkeys(name for snapshot in snapshots for name in _planned_metrics(snapshot.config)))
    metrics += [name for name in metric_names(snapshots) if name not in metrics]
    show_curves(snapshots, key, metrics=metrics[:4], note=tr("train.chart.before_first_points"),
                log_scale=bool(st.session_state.get(TrainKeys.LOG_SCALE)),
                show_batches=bool(st.session_state.get(TrainKeys.SHOW_BATCHES, True)))


def _planned_metrics(config: RunConfig) -> list[str]:
    """The loss and the metric a run of ``config`` logs (``tasks.metrics_for`` its loss's task)."""
    loss_type = tasks.LOSSES.get(config.loss)
    return ["loss", tasks.metric_for(loss_type.tasks[0])] if loss_type else ["loss"]
