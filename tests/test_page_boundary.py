"""The page boundary (``playground_app.errors.page_boundary``) through a tiny page script."""

from __future__ import annotations

import ast
from pathlib import Path

from streamlit.testing.v1 import AppTest

from playground.labs.errors import CompareError

SCRIPT = str(Path(__file__).resolve().parent / "page_boundary_script.py")


def _run(what: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.session_state["raise"] = what
    at.session_state["lang"] = lang
    return at.run()


def _texts(at: AppTest) -> list[str]:
    return [element.value for element in at.text]


def _assert_no_traceback(at: AppTest) -> None:
    assert not at.exception
    shown = " ".join([*_texts(at), *(element.value for element in at.error)])
    assert "Traceback" not in shown and "File \"" not in shown


def test_a_learner_error_is_shown_as_its_own_text_in_the_learners_language():
    error = CompareError("compare.error.optimizer_count", minimum=1, maximum=9)
    for lang in ("en", "ko"):
        at = _run("learner", lang)
        _assert_no_traceback(at)
        assert [element.value for element in at.error] == [error.text(lang)]
        # The code after the boundary still runs: the rest of the page stays.
        assert _texts(at) == ["before", "end"]


def test_a_bug_gets_one_plain_message_with_its_first_line_only():
    at = _run("bug")
    _assert_no_traceback(at)
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith("Something went wrong: division by zero.") and "line 3" not in message
    assert _texts(at) == ["before", "end"]


def test_st_stop_passes_through_the_boundary():
    at = _run("stop")
    _assert_no_traceback(at)
    assert not at.error and _texts(at) == ["before"]


def test_st_rerun_passes_through_the_boundary():
    at = _run("rerun")
    _assert_no_traceback(at)
    assert not at.error and at.session_state["runs"] == 2 and _texts(at) == ["before", "after", "end"]


def test_a_failing_fragment_shows_its_message_in_its_place_and_the_page_goes_on():
    at = _run("fragment_bug")
    _assert_no_traceback(at)
    assert len(at.error) == 1 and at.error[0].value.startswith("Something went wrong: division by zero.")
    assert _texts(at) == ["before", "section", "after", "end"]


def test_every_fragment_of_the_app_runs_inside_its_own_boundary():
    """A fragment's own reruns (its run_every, a widget in it) start at the fragment, outside the page's boundary: one
    made with ``st.fragment`` showed Streamlit's exception box, traceback included, when it failed. Every fragment of
    the app is a ``safe_fragment``."""
    app = Path(__file__).resolve().parent.parent / "playground_app"
    bare = []
    for path in sorted(app.rglob("*.py")):
        if path.name == "errors.py":  # safe_fragment itself.
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "fragment" and getattr(node.value, "id", "") == "st":
                bare.append(f"{path.relative_to(app.parent)}:{node.lineno}")
    assert not bare, f"fragments outside safe_fragment: {bare}"
