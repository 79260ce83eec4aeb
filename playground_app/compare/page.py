"""Compare page: an optimizer race, a loss-surface lab and an activation explorer, one tab each."""

from types import ModuleType

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.pace import keep_watching
from playground_app.compare import activations as compare_activations
from playground_app.compare import race as compare_race
from playground_app.compare import surface as compare_surface
from playground_app.compare.state import TABS_KEY, CompareState, compare_state
from playground_app.errors import page_boundary, safe_fragment


@safe_fragment
def _on_its_own(section: ModuleType, state: CompareState) -> None:
    """A lab whose controls rerun only itself: changing the loss surface used to rerun the whole page (the race's
    controls too)."""
    section.render(state)


st.title(tr("nav.compare"))
cluster.start_in_background()  # Workers warm up while the learner sets things up.
st.caption(tr("compare.tagline"))
state = compare_state()
# Only the open tab runs and reaches the browser: every tab's content used to, and the hidden labs made every redraw
# of a live race cost the browser about 0.03 of a core more (bench/live_pages.py). Switching tabs reruns the page.
tabs = st.tabs([tr("compare.tab.race"), tr("compare.tab.surface"), tr("compare.tab.activations")], key=TABS_KEY,
               on_change="rerun")
# Each section catches its own failures, so one broken section never hides the other two.
# The race is not a fragment: its Start and Stop rerun the whole page, and it has live fragments of its own.
if tabs[0].open:
    with tabs[0], page_boundary():
        compare_race.render(state)
else:
    keep_watching(state.race)  # Its live view is not drawn: say the learner is still here.
for tab, section in zip(tabs[1:], (compare_surface, compare_activations)):
    if tab.open:
        with tab:
            _on_its_own(section, state)
