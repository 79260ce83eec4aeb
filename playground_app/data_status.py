"""The sidebar line that says whether data can be downloaded or the bundled sets are in use.

It also names the full datasets already on this computer (downloaded once, or installed by a system
package such as Debian's ``dataset-fashion-mnist``), so "offline" never reads as "Fashion-MNIST is gone".

The internet check runs once per server (and again every ten minutes), in a background thread (``st.cache_resource`` holds its
future), so no page waits on it for more than ``FIRST_WAIT_SECONDS``. Until it answers, the
sidebar says "checking…" and a small fragment looks again every second. Nothing on this path
imports TensorFlow: the home page must render without it.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import streamlit as st

from playground.data.online import reachable
from playground.data.registry import DATASETS, cached_datasets, installed_datasets
from playground_app.common import tr
from playground_app.errors import safe_fragment

FIRST_WAIT_SECONDS = 0.5
POLL_SECONDS = 1.0
# A learner who plugs in a cable sees "online" within ten minutes, without restarting the app.
PROBE_AGAIN_SECONDS = 600


@st.cache_resource(show_spinner=False, ttl=PROBE_AGAIN_SECONDS)
def _internet_check() -> Future:
    """Starts the reachability probe once per server (again every ten minutes); True when online."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="data-status")
    future = executor.submit(reachable)
    executor.shutdown(wait=False)  # the one task still runs; the pool just takes no more.
    return future


def show_data_status() -> None:
    """Draws the data status in the sidebar: online / offline, and datasets already downloaded."""
    future = _internet_check()
    with st.sidebar:
        try:
            future.result(timeout=FIRST_WAIT_SECONDS)
        except FutureTimeout:
            _poll_until_known()
            return
        _render(future)


@safe_fragment(run_every=POLL_SECONDS)
def _poll_until_known() -> None:
    """Shows "checking…" and looks again every second until the probe has answered."""
    future = _internet_check()
    if future.done():
        _render(future)
    else:
        st.caption(tr("datasets.status.checking"))


def _render(future: Future) -> None:
    online = bool(future.result())
    # Material icons ship with Streamlit's own font; emoji need a system emoji font many PCs lack.
    icon = ":material/cloud_done:" if online else ":material/cloud_off:"
    st.caption(f"{icon} " + tr("datasets.status.online" if online else "datasets.status.offline"))
    for key, names in (("datasets.status.cached", cached_datasets()),
                       ("datasets.status.installed", installed_datasets())):
        if names:
            st.caption(tr(key, names=", ".join(DATASETS[name].title for name in names)))
