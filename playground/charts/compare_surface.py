"""Figures of the loss-surface lab: an animated contour plot and a 3D surface, with optimizer paths.

The animation runs in the browser (plotly frames with a Play/Pause menu and a step slider), so the
paths move smoothly without a single Streamlit rerun. Frames redraw the whole plot: with
``redraw=False`` plotly.js ignores the frames' loss box.
"""

from __future__ import annotations

from collections.abc import Sequence

import base64
import io

import numpy as np
import plotly.graph_objects as go

from playground.charts.palette import colour as palette_colour
from PIL import Image
from plotly.colors import sample_colorscale

from playground.labs.surfaces import SURFACES, Trajectory, surface_grid
from playground.numbers import format_number

CLICK_TARGETS = "click-targets"
MAX_FRAMES = 80
# At most this many tick labels per axis of the 3D view.
SCENE_TICKS = 4


def _display_values(values: np.ndarray, log_scale: bool, floor: float) -> np.ndarray:
    """Heights as drawn: log10(1 + f − min f) for surfaces whose values span many decades."""
    values = np.asarray(values, dtype=np.float64)
    return np.log10(1.0 + values - floor) if log_scale else values


def _background_image(heights: np.ndarray, levels: int = 24) -> str:
    """The surface as a banded PNG (a filled contour map), as a data URI for a layout image.

    A layout image, not a contour trace: plotly.js removes every non-scatter trace from the plot
    while an animation frame is in transition, so a contour trace blinks out whenever Play runs.
    Rows are flipped because an image's first row is its top (the largest y).
    """
    low, high = float(np.min(heights)), float(np.max(heights))
    scaled = (heights - low) / (high - low) if high > low else np.zeros_like(heights)
    bands = np.minimum((scaled * levels).astype(int), levels - 1)
    palette = sample_colorscale("Viridis", [(band + 0.5) / levels for band in range(levels)], colortype="tuple")
    lookup = np.array([[round(255 * channel) for channel in colour] for colour in palette], dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(lookup[bands[::-1]], mode="RGB").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _frame_steps(trajectories: Sequence[Trajectory]) -> list[int]:
    """The steps that get a frame: all of them for short runs, evenly spread (last included) for long ones."""
    longest = max((len(trajectory.points) for trajectory in trajectories), default=1) - 1
    if longest <= MAX_FRAMES:
        return list(range(longest + 1))
    return sorted({int(round(value)) for value in np.linspace(0, longest, MAX_FRAMES + 1)})


def legend_name(trajectory: Trajectory, diverged_text: str) -> str:
    """The legend entry: the label, plus the diverged note when the path blew up."""
    return f"{trajectory.label} ({diverged_text})" if trajectory.diverged else trajectory.label


def _loss_lines(trajectories: Sequence[Trajectory], step: int, loss_text: str, diverged_text: str) -> str:
    """The box of current losses shown beside the plot at ``step``."""
    lines = [f"<b>{loss_text} · step {step}</b>"]
    for trajectory in trajectories:
        if trajectory.diverged and step >= len(trajectory.points):
            lines.append(f"{trajectory.label}: {diverged_text}")
        else:
            index = min(step, len(trajectory.points) - 1)
            lines.append(f"{trajectory.label}: {format_number(trajectory.losses[index])}")
    return "<br>".join(lines)


def _loss_annotation(text: str) -> dict:
    return dict(
        text=text, x=1.02, y=0.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
        showarrow=False, align="left", bgcolor="rgba(255,255,255,0.85)", bordercolor="#bbb", font=dict(size=12),
    )


def contour_figure(
    surface_name: str,
    trajectories: Sequence[Trajectory],
    *,
    loss_text: str = "loss",
    diverged_text: str = "diverged",
    play_text: str = "Play",
    pause_text: str = "Pause",
    step_text: str = "step",
) -> go.Figure:
    """An animated contour plot with every optimizer's path.

    Args:
        surface_name: A key of ``SURFACES``.
        trajectories: Paths from ``run_trajectories`` (may be empty: only the surface is drawn).
        loss_text: Translated word for "loss" (heading of the current-loss box).
        diverged_text: Translated word for "diverged".
        play_text: Label of the play button.
        pause_text: Label of the pause button.
        step_text: Label of the slider.

    Returns:
        A figure with the surface as a background image and traces: the minima, then a path line
        and a current-point marker per trajectory; frames for the animation when there are trajectories.
    """
    surface = SURFACES[surface_name]
    _, _, zs = surface_grid(surface_name, resolution=240)
    floor = float(np.min(zs))
    figure = go.Figure()
    figure.add_layout_image(dict(
        source=_background_image(_display_values(zs, surface.log_scale, floor)), xref="x", yref="y",
        x=surface.x_range[0], y=surface.y_range[1], sizex=surface.x_range[1] - surface.x_range[0],
        sizey=surface.y_range[1] - surface.y_range[0], sizing="stretch", layer="below",
    ))
    figure.add_trace(go.Scatter(
        x=[point[0] for point in surface.minima], y=[point[1] for point in surface.minima], mode="markers",
        marker=dict(symbol="star", size=14, color="white", line=dict(color="black", width=1)),
        name="minimum", showlegend=False, hoverinfo="x+y",
    ))
    steps = _frame_steps(trajectories) if trajectories else [0]
    for index, trajectory in enumerate(trajectories):
        colour = palette_colour(index)
        figure.add_trace(go.Scatter(
            x=trajectory.points[:1, 0], y=trajectory.points[:1, 1], mode="lines",
            line=dict(color=colour, width=2.5), name=legend_name(trajectory, diverged_text), legendgroup=trajectory.label,
        ))
        figure.add_trace(go.Scatter(
            x=trajectory.points[:1, 0], y=trajectory.points[:1, 1], mode="markers",
            marker=dict(color=colour, size=11, line=dict(color="white", width=1.5)),
            showlegend=False, legendgroup=trajectory.label, name=trajectory.label,
        ))
    figure.update_layout(
        xaxis=dict(range=list(surface.x_range), title="x", showgrid=False, zeroline=False),
        yaxis=dict(range=list(surface.y_range), title="y", showgrid=False, zeroline=False),
        margin=dict(l=40, r=220, t=30, b=40), height=560,
        legend=dict(x=1.02, y=1.0, xanchor="left"),
        annotations=[_loss_annotation(_loss_lines(trajectories, 0, loss_text, diverged_text))] if trajectories else [],
    )
    if trajectories:
        _add_animation(figure, trajectories, steps, loss_text, diverged_text, play_text, pause_text, step_text)
    _add_click_targets(figure, surface_name)
    return figure


def _add_click_targets(figure: go.Figure, surface_name: str, per_axis: int = 41) -> None:
    """Adds an invisible grid of points last, so a click anywhere on the plot can pick a start point.

    Streamlit reports clicks on points (not on images), hence the grid; it comes after the
    animated traces, so the frames' trace indices are unchanged.
    """
    surface = SURFACES[surface_name]
    grid_x, grid_y = np.meshgrid(np.linspace(*surface.x_range, per_axis), np.linspace(*surface.y_range, per_axis))
    figure.add_trace(go.Scatter(
        x=np.round(grid_x.ravel(), 3).tolist(), y=np.round(grid_y.ravel(), 3).tolist(), mode="markers",
        marker=dict(size=14, opacity=0.0), hovertemplate="start here: (%{x}, %{y})<extra></extra>",
        showlegend=False, name=CLICK_TARGETS,
    ))


def _add_animation(
    figure: go.Figure,
    trajectories: Sequence[Trajectory],
    steps: Sequence[int],
    loss_text: str,
    diverged_text: str,
    play_text: str,
    pause_text: str,
    step_text: str,
) -> None:
    """Adds one frame per shown step, a Play/Pause menu and a step slider."""
    path_indices = list(range(1, 1 + 2 * len(trajectories)))
    frames = []
    # The frames are made without plotly's per-property validation (``_validate=False``): validating 80
    # frames of paths cost 0.7-2.4 s a redraw, and the frames hold only plain x/y lists and one annotation.
    for step in steps:
        data = []
        for trajectory in trajectories:
            upto = min(step, len(trajectory.points) - 1)
            path = trajectory.points[: upto + 1]
            data.append(go.Scatter(x=path[:, 0].tolist(), y=path[:, 1].tolist(), _validate=False))
            data.append(go.Scatter(x=path[-1:, 0].tolist(), y=path[-1:, 1].tolist(), _validate=False))
        layout = go.Layout(annotations=[_loss_annotation(_loss_lines(trajectories, step, loss_text, diverged_text))],
                           _validate=False)
        frames.append(go.Frame(data=data, traces=path_indices, name=str(step), layout=layout, _validate=False))
    _set_frames(figure, frames)
    animation = dict(frame=dict(duration=60, redraw=True), transition=dict(duration=0), fromcurrent=True, mode="immediate")
    figure.update_layout(
        updatemenus=[dict(
            type="buttons", direction="left", x=0.0, y=-0.14, xanchor="left", yanchor="top", showactive=False,
            buttons=[
                dict(label=f"▶ {play_text}", method="animate", args=[None, animation]),
                dict(label=pause_text, method="animate",
                     args=[[None], dict(frame=dict(duration=0, redraw=True), mode="immediate", transition=dict(duration=0))]),
            ],
        )],
        sliders=[dict(
            active=0, x=0.2, y=-0.1, len=0.8, xanchor="left", yanchor="top",
            currentvalue=dict(prefix=f"{step_text}: "), pad=dict(t=0),
            steps=[dict(label=str(step), method="animate",
                        args=[[str(step)], dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))])
                   for step in steps],
        )],
        margin=dict(l=40, r=220, t=30, b=130),
        height=620,
    )


def _set_frames(figure: go.Figure, frames: list[go.Frame]) -> None:
    """Gives the figure its frames as built. The public ``figure.frames = …`` re-creates and re-validates
    every frame (about 1 s for 80 frames on a busy machine); plotly offers no switch for it, so the frames,
    made here from plain lists, are stored directly where the setter would store them."""
    if isinstance(getattr(figure, "_frame_objs", None), tuple):
        figure._frame_objs = tuple(frames)
    else:  # Another plotly version: the slow, public way.
        figure.frames = frames


def surface_3d_figure(surface_name: str, trajectories: Sequence[Trajectory], diverged_text: str = "diverged") -> go.Figure:
    """The surface in 3D with every optimizer's whole path drawn on it.

    Heights use the same log scale as the contour for Rosenbrock, Beale and Himmelblau, so their
    valleys stay visible instead of being flattened by the walls.
    """
    surface = SURFACES[surface_name]
    xs, ys, zs = surface_grid(surface_name, resolution=70)
    floor = float(np.min(zs))
    figure = go.Figure(go.Surface(x=xs, y=ys, z=_display_values(zs, surface.log_scale, floor),
                                  colorscale="Viridis", opacity=0.85, showscale=False, name="surface"))
    for index, trajectory in enumerate(trajectories):
        inside = (
            (trajectory.points[:, 0] >= surface.x_range[0]) & (trajectory.points[:, 0] <= surface.x_range[1])
            & (trajectory.points[:, 1] >= surface.y_range[0]) & (trajectory.points[:, 1] <= surface.y_range[1])
        )
        points = trajectory.points[inside]
        heights = _display_values(trajectory.losses[inside], surface.log_scale, floor)
        figure.add_trace(go.Scatter3d(
            x=points[:, 0], y=points[:, 1], z=heights, mode="lines+markers",
            line=dict(color=palette_colour(index), width=5), marker=dict(size=2),
            name=legend_name(trajectory, diverged_text),
        ))
    # An explicit width: a WebGL scene sized from its container at creation was drawn a quarter size
    # until the window was resized (seen in Chromium inside Streamlit).
    # Few ticks per axis: plotly's default put eight height labels on the short z axis, running into
    # each other and into the y axis's labels at the corner.
    figure.update_layout(
        height=560, width=860, margin=dict(l=0, r=0, t=10, b=0),
        legend=dict(x=0.0, y=1.0, xanchor="left", yanchor="top"),  # Top right is the toolbar's place.
        scene=dict(xaxis=dict(title="x", nticks=SCENE_TICKS), yaxis=dict(title="y", nticks=SCENE_TICKS),
                   zaxis=dict(title="log(1+f)" if surface.log_scale else "f", nticks=SCENE_TICKS, tickformat="~g")),
    )
    return figure
