"""The Draw page's state: one dataclass under the session-state key ``"draw"``."""

from __future__ import annotations

from dataclasses import dataclass

from playground_app.state import page_state


STATE_KEY = "draw"
SOURCES = ("draw", "upload")


class DrawKeys:
    """The Draw page's widget keys, declared once beside its state (all start with "draw_")."""

    SOURCE = "draw_source"
    MODEL = "draw_model"
    BRUSH = "draw_brush"
    CANVAS = "draw_canvas"
    UPLOAD = "draw_upload"
    PREVIEW_CHART = "draw_preview_chart"
    PROBABILITY_CHART = "draw_probability_chart"
    SHOW_FEATURES = "draw_show_features"
    SHOW_GRADCAM = "draw_show_gradcam"
    FEATURES_PREFIX = "draw_features"


@dataclass
class DrawState:
    """What the Draw page remembers between reruns and page switches.

    Streamlit forgets a widget's value when its page is left; these fields bring the choices back.

    Attributes:
        source: "draw" (the canvas) or "upload" (a photo).
        brush_width: The canvas brush width in pixels.
        model_choice: The chosen model (``playground_app.draw.model.DEFAULT_CHOICE`` or a Train-page label).
        show_features: Whether the feature maps of the digit are shown.
        show_gradcam: Whether the Grad-CAM heatmap (where the model looked) is shown.
    """

    source: str = "draw"
    brush_width: int = 18
    model_choice: str = "__default__"
    show_features: bool = False
    show_gradcam: bool = False


def draw_state() -> DrawState:
    """Returns this session's Draw page state, creating it on first use."""
    return page_state(STATE_KEY, DrawState)
