"""The Decision boundary page's buttons and live picture: jobs go to the engine, frames come back.

Train and One epoch submit a ``FitJob`` continuing from the weights so far (``BoundarySetup.job``); the
worker publishes a decision grid after each epoch (``Run.set_frame``). While a job runs the pictures are
drawn inside two ``st.fragment(run_every=...)``: only they rerun, the network inside less often (see
``PICTURE_SECONDS``). When the job ends the page takes its model and epochs and reruns once.
"""

from __future__ import annotations

import random

import streamlit as st

from playground.charts.boundary import loss_spec, plane_spec
from playground.charts.boundary_network import network_spec
from playground.engine import runner
from playground.engine.runs import DIVERGED, FAILED
from playground.labs.boundary import MAX_DRAWN_UNITS, BoundaryFrame
from playground.labs.boundary_setup import BoundarySetup
from playground.numbers import format_number
from playground_app import clicks, pace
from playground_app.boundary.state import BoundaryState
from playground_app.rerun import rerun_page
from playground_app.common import tr
from playground_app.errors import safe_fragment

# How often the live pictures redraw while a job runs (``playground_app.pace``): the line, the plane and the losses at
# the labs' pace, the network inside three times more rarely. Redrawn every 0.5 s, all four took 0.8 of a core in the
# browser and 0.1 in the server, and the training got 0.6 of a core instead of 0.9 (bench/live_pages.py).
PICTURE_SECONDS = pace.LAB_SECONDS
NETWORK_SECONDS = 3 * pace.LAB_SECONDS
# Until the job's first epoch the picture looks this often, so the first boundary shows soon after it exists.
FIRST_EPOCH_SECONDS = pace.FIRST_POINTS_SECONDS
CHART_LABELS = ("train", "test", "class", "epoch", "loss", "model")
"""The words the boundary charts write (``boundary.chart.<name>``)."""
NETWORK_LABELS = ("input", "layer", "unit", "output", "weights", "bias")
"""The words the network picture writes (``boundary.net.<name>``)."""


def buttons(state: BoundaryState, setup: BoundarySetup, epochs: int) -> None:
    """Train / Stop / One epoch / Reset / New weights (callbacks: the page that follows sees their effect).

    Train and One epoch start here, before the buttons are drawn, with this run's setup (``playground_app.clicks``).
    """
    asked = [count for key, count in (("boundary_train", epochs), ("boundary_one_epoch", 1)) if clicks.taken(key)]
    if asked and not (state.handle is not None and state.handle.active):
        _start(state, setup, asked[0])
    busy = state.handle is not None and state.handle.active
    columns = st.columns(5)
    with columns[0]:
        clicks.button(tr("boundary.train"), "boundary_train", type="primary", disabled=busy, width="stretch")
    columns[1].button(tr("boundary.stop"), key="boundary_stop", disabled=not busy, width="stretch",
                      on_click=_stop, args=(state,))
    with columns[2]:
        clicks.button(tr("boundary.one_epoch"), "boundary_one_epoch", disabled=busy, width="stretch")
    columns[3].button(tr("boundary.reset"), key="boundary_reset", disabled=busy, width="stretch",
                      help=tr("boundary.reset_help"), on_click=state.restart)
    columns[4].button(tr("boundary.new_weights"), key="boundary_new_weights", disabled=busy, width="stretch",
                      help=tr("boundary.new_weights_help"), on_click=_new_weights, args=(state,))
    st.caption(tr("boundary.continue_note"))


def _start(state: BoundaryState, setup: BoundarySetup, epochs: int) -> None:
    state.error = None
    state.handle = runner.submit(setup.job(epochs, state.weight_seed, state.model_bytes), setup.dataset())


def _stop(state: BoundaryState) -> None:
    if state.handle is not None:
        state.handle.stop()


def _new_weights(state: BoundaryState) -> None:
    state.weight_seed = random.randrange(1, 2**31)
    state.restart()


def _absorb(state: BoundaryState) -> None:
    """Takes an ended job's epochs, frame and model into the page state."""
    handle, state.handle = state.handle, None
    run = handle.runs[0]
    snapshot = run.snapshot()
    if snapshot.status in (DIVERGED, FAILED):
        state.error = tr(snapshot.error_key, **snapshot.error_fields) if snapshot.error_key else snapshot.status
        return
    state.history.extend(snapshot.epochs)
    if run.frame is not None:
        state.frame = run.frame[1]
    if handle.models and handle.models[0] is not None:
        state.model_bytes = handle.models[0]


def live_picture(state: BoundaryState) -> None:
    """The boundary, the epoch line and the loss curves, then the network inside; live while a job runs.

    While a job runs two fragments redraw on their own: the line, the plane and the losses every
    ``PICTURE_SECONDS``, the network inside every ``NETWORK_SECONDS``. The first one notices the job's end and
    draws the whole page again (its buttons come back).

    Both draw ``state.setup``, read when they run: the setup the weights and frames belong to (the running job's),
    whatever the controls say meanwhile or the setup was when the fragment was made.
    """
    live = state.handle is not None and state.handle.active
    first = live and not _job_epochs(state)  # The job has no epoch yet: look often, to draw the first one soon.

    @safe_fragment(run_every=(FIRST_EPOCH_SECONDS if first else PICTURE_SECONDS) if live else None)
    def picture() -> None:
        handle = state.handle
        if handle is not None:
            handle.touch()  # Somebody is watching: the job is not an orphan of a closed tab.
            if not handle.active:
                _absorb(state)
                st.rerun()  # The job ended: redraw the whole page so the buttons come back.
        frame, history = _now(state)
        if state.error:
            st.error(tr("boundary.failed", reason=state.error))
        if history:
            last = history[-1]
            st.markdown(tr("boundary.status", epoch=len(history), loss=format_number(last.get("loss")),
                           test_loss=format_number(last.get("val_loss")),
                           accuracy=f"{last.get('val_accuracy', float('nan')):.0%}")
                        + (f" · {tr('boundary.training')}" if live else ""))
        elif live:
            waiting = handle is not None and pace.waiting_for_a_worker(handle.runs)
            st.markdown(tr("engine.waiting") if waiting else tr("boundary.training"))
        else:
            st.markdown(tr("boundary.untrained"))
        labels = {name: tr(f"boundary.chart.{name}") for name in CHART_LABELS}
        left, right = st.columns([3, 2])
        grid = frame.grid if frame is not None else None
        setup = state.setup
        # Vega-Lite, not plotly: the browser keeps these charts and takes their new data (playground.charts.boundary).
        # The pointer reads the model's answer on a trained plane, not on one redrawn every few seconds.
        left.vega_lite_chart(spec=plane_spec(grid, *setup.data(), labels, setup.bounds, hover=not live),
                             key="boundary_plane",
                             width="content")  # Square (the spec's size): a circle of points looks round.
        if history:  # Before the first epoch an empty loss chart would say nothing.
            right.vega_lite_chart(spec=loss_spec(history, labels), key="boundary_losses", width="stretch")
        if first and _job_epochs(state):
            rerun_page()  # The first epoch is drawn: back to the slow pace.

    @safe_fragment(run_every=NETWORK_SECONDS if live else None)
    def network() -> None:
        inside_network(_now(state)[0], state.setup)

    picture()
    network()


def _job_epochs(state: BoundaryState) -> int:
    """Epochs the running job has finished so far (0 without a job)."""
    return len(state.handle.runs[0].snapshot().epochs) if state.handle is not None else 0


def _now(state: BoundaryState) -> tuple[BoundaryFrame | None, list[dict]]:
    """The newest frame and every epoch's logs so far: the page's, then the running job's."""
    frame, history = state.frame, list(state.history)
    if state.handle is not None:
        run = state.handle.runs[0]
        if run.frame is not None:
            frame = run.frame[1]
        history += list(run.snapshot().epochs)
    return frame, history


def inside_network(frame: BoundaryFrame | None, setup: BoundarySetup) -> None:
    """Every neuron's own map laid out as the network, once there is a trained frame."""
    st.subheader(tr("boundary.inside"))
    # The last defence: a frame is drawn only with the layers of its own network (IndexError in network_spec once
    # in CI). ``live_picture`` draws ``state.setup``, and ``BoundaryState.restart`` stops a job of another network.
    if frame is None or len(frame.weights) != len(setup.hidden) + 1:
        st.caption(tr("boundary.inside_untrained"))
        return
    st.caption(tr("boundary.inside_help", most=MAX_DRAWN_UNITS))
    labels = {name: tr(f"boundary.net.{name}") for name in NETWORK_LABELS}
    st.vega_lite_chart(spec=network_spec(frame, setup.features, [units for units, _ in setup.hidden], labels,
                                         setup.bounds), key="boundary_network", width="content")
