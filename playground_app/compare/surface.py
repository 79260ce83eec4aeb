"""Compare page, section 2: the loss-surface lab (real keras.optimizers on 2D functions)."""

from __future__ import annotations

import streamlit as st

from playground.engine.optimizers import OPTIMIZERS
from playground.labs.surfaces import MAX_OPTIMIZERS, SURFACES, OptimizerChoice, Trajectory, suggested_learning_rate
from playground.numbers import format_number
from playground_app.common import tr
from playground_app.compare.optimizer_settings import optimizer_settings
from playground_app.compare.state import CompareState, SurfaceKeys, compare_state
from playground_app.errors import error_text
from playground_app.state import hold_value

VIEWS = ("contour", "3d")
DEFAULT_OPTIMIZERS = ["SGD", "SGD+momentum", "RMSprop", "Adam"]


def _reset_for_surface() -> None:
    """When the learner picks another surface, move the start point and learning rates to suit it."""
    name = st.session_state[SurfaceKeys.NAME]
    surface = SURFACES[name]
    st.session_state[SurfaceKeys.START_X], st.session_state[SurfaceKeys.START_Y] = surface.start
    for optimizer in OPTIMIZERS:
        st.session_state[SurfaceKeys.RATE.format(optimizer=optimizer)] = suggested_learning_rate(name, optimizer)


def _start_from_click() -> None:
    """A click on the contour plot moves the start point there (runs before the widgets are drawn)."""
    event = st.session_state.get(SurfaceKeys.CONTOUR) or {}
    # The click targets are the figure's last trace: after the minima and two traces per path drawn.
    targets = 1 + 2 * len(compare_state().trajectories)
    points = [point for point in event.get("selection", {}).get("points", []) if point.get("curve_number") == targets]
    if points:
        st.session_state[SurfaceKeys.START_X] = float(points[0]["x"])
        st.session_state[SurfaceKeys.START_Y] = float(points[0]["y"])


def _inputs() -> tuple[str, tuple[float, float], int, list[OptimizerChoice]]:
    """Draws the controls; returns (surface, start, steps, optimizer choices)."""
    if SurfaceKeys.NAME not in st.session_state:
        st.session_state[SurfaceKeys.NAME] = "rosenbrock"
        _reset_for_surface()
    for key in (SurfaceKeys.NAME, SurfaceKeys.START_X, SurfaceKeys.START_Y):
        hold_value(key)
    left, middle, right, steps_column = st.columns([2, 1, 1, 1])
    name = left.selectbox(
        tr("compare.surface.function"), list(SURFACES), key=SurfaceKeys.NAME,
        format_func=lambda key: tr(f"compare.surface.{key}"), on_change=_reset_for_surface,
    )
    x = middle.number_input(tr("compare.surface.start_x"), min_value=-100.0, max_value=100.0, step=0.1, key=SurfaceKeys.START_X)
    y = right.number_input(tr("compare.surface.start_y"), min_value=-100.0, max_value=100.0, step=0.1, key=SurfaceKeys.START_Y)
    steps = steps_column.number_input(tr("compare.surface.steps"), min_value=10, max_value=1000, value=200, step=10, key=SurfaceKeys.STEPS)
    st.caption(tr(f"compare.surface.{name}.about"))
    chosen = st.multiselect(
        tr("compare.surface.optimizers"), list(OPTIMIZERS), default=DEFAULT_OPTIMIZERS,
        max_selections=MAX_OPTIMIZERS, key=SurfaceKeys.OPTIMIZERS,
    )
    choices = []
    with st.expander(tr("compare.surface.settings"), expanded=False):
        for optimizer in chosen:
            st.markdown(f"**{optimizer}**")
            key_prefix = SurfaceKeys.OPTIMIZER_PREFIX.format(optimizer=optimizer)
            rate, parameters = optimizer_settings(optimizer, key_prefix, suggested_learning_rate(name, optimizer))
            choices.append(OptimizerChoice(optimizer, rate, parameters))
    return name, (float(x), float(y)), int(steps), choices


def _results_table(trajectories: list[Trajectory]) -> None:
    """One row per optimizer: final loss, final point, and whether it diverged."""
    rows = []
    for trajectory in trajectories:
        final = trajectory.points[-1]
        status = (tr("compare.diverged_at", step=trajectory.diverged_at) if trajectory.diverged
                  else tr("compare.surface.finished"))
        rows.append({
            tr("compare.optimizer"): trajectory.label,
            tr("compare.surface.final_loss"): format_number(trajectory.losses[-1]),
            "x": format_number(final[0]), "y": format_number(final[1]),
            tr("compare.status"): status,
        })
    st.dataframe(rows, hide_index=True)


def render(state: CompareState) -> None:
    """Draws the loss-surface lab and recomputes the paths whenever an input changed."""
    from playground.charts.compare_surface import contour_figure, surface_3d_figure
    from playground.labs.surfaces import run_trajectories

    st.markdown(tr("compare.surface.intro"))
    name, start, steps, choices = _inputs()
    if not choices:
        st.info(tr("compare.surface.pick_one"))
        return
    signature = (name, start, steps, tuple((c.optimizer, c.learning_rate, tuple(sorted(c.parameters.items()))) for c in choices))
    if signature != state.surface_signature:
        try:
            with st.spinner(tr("compare.surface.computing")):
                state.trajectories = run_trajectories(name, start, choices, steps)
            state.surface_error = None
        except ValueError as error:
            state.trajectories, state.surface_error = [], error_text(error)
        state.surface_signature = signature
    if state.surface_error:
        st.error(state.surface_error)
        return
    diverged = tr("compare.diverged")
    # A radio, not tabs: a 3D chart drawn inside a hidden tab keeps the tiny size it was given there.
    view = st.radio(tr("compare.surface.view"), VIEWS, key=SurfaceKeys.VIEW, horizontal=True,
                    format_func=lambda name: tr(f"compare.surface.{name}_tab"), label_visibility="collapsed")
    if view == "contour":
        figure = contour_figure(
            name, state.trajectories, loss_text=tr("compare.loss"), diverged_text=diverged,
            play_text=tr("compare.surface.play"), pause_text=tr("compare.surface.pause"), step_text=tr("compare.surface.step"),
        )
        st.plotly_chart(figure, key=SurfaceKeys.CONTOUR, on_select=_start_from_click, selection_mode="points")
        st.caption(tr("compare.surface.click_hint"))
    else:
        st.plotly_chart(surface_3d_figure(name, state.trajectories, diverged), key=SurfaceKeys.SURFACE_3D, width="content")
    _results_table(state.trajectories)
    if any(trajectory.diverged for trajectory in state.trajectories):
        st.warning(tr("compare.surface.diverged_hint"))
