"""A tiny page for ``tests/test_page_boundary.py``: raises what ``st.session_state["raise"]`` names inside the boundary."""

import streamlit as st

from playground.labs.errors import CompareError
from playground_app.errors import page_boundary, safe_fragment

st.session_state.setdefault("runs", 0)
st.session_state["runs"] += 1
what = st.session_state.get("raise", "nothing")
with page_boundary():
    st.text("before")
    if what == "learner":
        raise CompareError("compare.error.optimizer_count", minimum=1, maximum=9)
    if what == "bug":
        raise ZeroDivisionError("division by zero\n  File \"x.py\", line 3, in <module>")
    if what == "stop":
        st.stop()
    if what == "rerun" and st.session_state["runs"] == 1:
        st.rerun()
    if what == "fragment_bug":

        @safe_fragment
        def section() -> None:
            st.text("section")
            raise ZeroDivisionError("division by zero")

        section()
    st.text("after")
st.text("end")
