"""How often a lab's live view redraws while it trains: one pace for the labs (Train has its own two).

Every rerun of a fragment costs the learner's browser, which shares the cores with the training: about 0.06
CPU-seconds for any fragment, and about 0.1 more for each plotly chart in it, because Streamlit (1.67) mounts a
new chart for every redraw (bench/live_pages.py). Redrawn every second, the Compare race took 0.32 of a core in the
browser; redrawn every half second, the Decision boundary lab took 0.8 and its training got 0.6 of a core instead
of 1.6. The Train page redraws its cheap progress line every 2 s and its curves every 4 s
(``playground_app.train.live``).
"""

LAB_SECONDS = 3.0
"""Seconds between two redraws of a lab's live chart and table (Compare, Overfitting, Your images, boundary)."""
