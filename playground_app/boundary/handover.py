"""Open in Build: the Decision boundary lab hands its network to the Build page (as Build hands its to Train)."""

from __future__ import annotations

import streamlit as st

from playground.labs.boundary import FEATURES, PLAIN_FEATURES
from playground.labs.boundary_setup import BoundarySetup
from playground_app.boundary.state import BoundaryKeys
from playground_app.build.state import Notice, build_state
from playground_app.common import tr

SWITCH_TO_BUILD = "boundary_switch_to_build"
BUILD_PAGE = "build/page.py"


def _open_in_build(setup: BoundarySetup) -> None:
    """Button callback: the Build page's stack becomes this network (st.switch_page cannot run in a callback)."""
    state = build_state()
    state.load(setup.spec())
    features = ", ".join(FEATURES[name].label for name in setup.features)
    plain = tuple(setup.features) == PLAIN_FEATURES
    state.notice = Notice("success", "boundary.opened_in_build_plain" if plain else "boundary.opened_in_build",
                          {} if plain else {"features": features})
    st.session_state[SWITCH_TO_BUILD] = True


def open_in_build_button(setup: BoundarySetup) -> None:
    """The button, and the page switch it asked for."""
    st.button(tr("boundary.open_in_build"), key=BoundaryKeys.OPEN_IN_BUILD, icon=":material/construction:",
              help=tr("boundary.open_in_build_help"), on_click=_open_in_build, args=(setup,))
    if st.session_state.pop(SWITCH_TO_BUILD, False):
        st.switch_page(BUILD_PAGE)
