"""Which workspace this browser's runs are kept in (the Streamlit side of ``playground.engine.workspace``).

A desktop (served on 127.0.0.1, no shared scheduler) has one workspace, ``"local"``. A class server gives
every browser its own random workspace id and keeps it in the link (``?ws=...``), so a reload, a bookmark
or a server restart brings the same learner back to the same runs, and no learner sees another's.
"""

from __future__ import annotations

import logging
import os
import sqlite3

import streamlit as st

from playground.engine.workspace import SCHEDULER_VARIABLE, Workspace, choose_workspace_id, is_shared_server

QUERY_KEY = "ws"
SESSION_KEY = "workspace_id"
_log = logging.getLogger(__name__)


def workspace_id() -> str:
    """Returns this browser's workspace id and keeps it in the link (called on every run by ``main.py``).

    The id is chosen once per session (the link's, or a new one on a class server's first visit) and put
    back into the link whenever it is missing there: moving between pages may drop query parameters, and
    a reload without ``?ws=`` would open an empty workspace.
    """
    shared = is_shared_server(st.get_option("server.address"), os.environ.get(SCHEDULER_VARIABLE))
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = choose_workspace_id(shared, st.query_params.get(QUERY_KEY))
    chosen = st.session_state[SESSION_KEY]
    if shared and st.query_params.get(QUERY_KEY) != chosen:
        st.query_params[QUERY_KEY] = chosen
    return chosen


def open_workspace(workspace_id: str) -> Workspace | None:
    """Opens the workspace, or returns None (and logs why) when its folder cannot be used.

    Training must go on when the disk is full or read-only: runs are then only kept in the session.
    """
    try:
        return Workspace.open(workspace_id)
    except (OSError, ValueError, sqlite3.Error) as error:
        _log.warning("Workspace %s cannot be opened: %s", workspace_id, error)
        return None
