"""Open in Build: the Decision boundary lab hands its network to the Build page (as Build hands its to Train)."""

from __future__ import annotations

import streamlit as st

from playground.labs.boundary import FEATURES, PLAIN_FEATURES
from playground.labs.boundary_setup import BoundarySetup
from playground_app import clicks
from playground_app.boundary.state import BoundaryKeys
from playground_app.build.state import Notice, build_state
from playground_app.common import tr

BUILD_PAGE = "build/page.py"


def _open_in_build(setup: BoundarySetup) -> None:
    """The Build page's stack becomes this network."""
    state = build_state()
    state.load(setup.spec())
    # "Train this model" then trains on these very points (their noise, number, classes and split), not on the
    # first data with two features.
    state.made_with = setup.dataset()
    features = ", ".join(FEATURES[name].label for name in setup.features)
    plain = tuple(setup.features) == PLAIN_FEATURES
    state.notice = Notice("success", "boundary.opened_in_build_plain" if plain else "boundary.opened_in_build",
                          {} if plain else {"features": features})


def open_in_build_button(setup: BoundarySetup) -> None:
    """The button; its click hands this run's network to Build and opens it (``playground_app.clicks``)."""
    if clicks.taken(BoundaryKeys.OPEN_IN_BUILD):
        _open_in_build(setup)
        st.switch_page(BUILD_PAGE)
    clicks.button(tr("boundary.open_in_build"), BoundaryKeys.OPEN_IN_BUILD, icon=":material/construction:",
                  help=tr("boundary.open_in_build_help"))
