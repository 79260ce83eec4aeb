"""One way to show an error to the learner, and the one boundary every page runs inside.

An error raised by ``playground`` for the learner is a ``LearnerError``: it is shown as its own text,
in the learner's language. Anything else is a bug: the learner gets one plain message with the first
line of the error (never a traceback), the developer gets the traceback in the server's log, and
the rest of the page keeps what the learner entered.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator
from typing import Any

import streamlit as st

from playground.errors import LearnerError, first_line
from playground_app.common import lang, tr

try:
    from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException
except ImportError:  # pragma: no cover - an older or newer Streamlit keeps them elsewhere.
    ScriptControlException = ()  # type: ignore[assignment,misc]

_log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """The message for ``error`` in the learner's language.

    Args:
        error: A ``LearnerError`` (its own text) or anything else (the generic message naming the
            first line of the error, so a teacher can still tell what broke).

    Returns:
        One paragraph of plain text.
    """
    if isinstance(error, LearnerError):
        return error.text(lang())
    return tr("common.error_generic", detail=first_line(error))


def show_error(error: BaseException) -> None:
    """Shows ``error`` as an error box: a learner's mistake as its text, a bug as the generic message.

    A bug's traceback goes to the server's log instead: the learner cannot act on it.
    """
    if not isinstance(error, LearnerError):
        _log.error("Unexpected error on a page", exc_info=error)
    st.error(error_text(error), icon=":material/error:")


@contextlib.contextmanager
def page_boundary() -> Iterator[None]:
    """Runs a page (or one section of it) so that no error ever reaches the learner as a traceback.

    Use it around a whole page's body, and again around a section that must not hide the others
    when it fails (the Compare page's tabs). ``st.rerun()`` and ``st.stop()`` work by raising
    Streamlit's control-flow exceptions; those pass through untouched.

    Example:
        with page_boundary():
            main()
    """
    try:
        yield
    except ScriptControlException:
        raise
    except Exception as error:  # noqa: BLE001 - the page boundary: the learner sees a message, never a traceback.
        show_error(error)


def safe_fragment(function: Callable[..., None] | None = None, *,
                  run_every: float | None = None) -> Any:
    """``st.fragment`` (bare or with ``run_every``) whose every run is inside ``page_boundary``.

    A fragment's own runs (a widget in it, its ``run_every``) start at the fragment, outside the page's body, so the
    page's boundary does not wrap them: without its own, an error there showed Streamlit's exception box.

    Example:
        @safe_fragment
        def results_section(state): ...
    """

    def make(body: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(body)  # The fragment is known by the body's module and name, as with ``st.fragment``.
        def guarded(*args: Any, **kwargs: Any) -> None:
            with page_boundary():
                body(*args, **kwargs)

        return st.fragment(guarded, run_every=run_every)

    return make(function) if function is not None else make
