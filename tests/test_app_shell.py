"""The app frame: translation table, home page without TensorFlow, Keras-safe Streamlit hook, CLI."""

from __future__ import annotations

import re
import os
import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from playground_app import MAIN_SCRIPT

from playground import cli

from playground import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_has_english_and_korean():
    assert i18n.missing_translations() == []
    assert i18n.t("nav.build", "ko") == "모델 만들기"


def test_every_key_used_in_pages_exists():
    pattern = re.compile(r"""\btr\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")
    used = set()
    for path in (ROOT / "playground_app").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "no translated strings found in pages"
    assert sorted(used - set(i18n.TABLE)) == []


def test_every_key_built_from_a_name_is_declared_and_exists():
    """Keys built with f-strings (``tr(f"conv.pool.{mode}")``) are checked through their declared families."""
    from playground_app.key_families import KEY_FAMILIES

    pattern = re.compile(r"""\btr\(\s*f["']([^"']+)["']""")
    templates = set()
    for path in (ROOT / "playground_app").rglob("*.py"):
        templates |= {re.sub(r"\{[^}]*\}", "{}", key) for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert len(templates) >= 18, "no f-string keys found: has the pattern stopped matching?"
    assert sorted(templates - set(KEY_FAMILIES)) == [], "declare these in playground_app/key_families.py"
    missing = [template.format(name) for template, names in KEY_FAMILIES.items() for name in names
               if template.format(name) not in i18n.TABLE]
    assert missing == []


def test_home_page_renders_in_both_languages():
    at = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Deep Learning Playground"
    at.sidebar.radio[0].set_value("ko").run()
    assert not at.exception
    assert at.title[0].value == "딥러닝 플레이그라운드"


def test_a_new_session_opens_in_the_links_language_else_the_browsers():
    assert i18n.first_language("ko", "en-US") == "ko"
    assert i18n.first_language(None, "ko-KR") == "ko"
    assert i18n.first_language("xx", "ko_KR") == "ko"
    assert i18n.first_language(None, "fr-FR") == i18n.first_language(None, None) == "en"


def test_the_language_picked_goes_into_the_link_so_a_reload_keeps_it():
    at = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=30).run()
    assert "lang" not in at.query_params, "an English browser's link names its own language"
    at.sidebar.radio[0].set_value("ko").run()
    assert at.query_params.get("lang") == "ko", at.query_params
    again = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=30)
    again.query_params["lang"] = "ko"
    again.run()
    assert again.title[0].value == "딥러닝 플레이그라운드"


def test_home_page_does_not_import_tensorflow():
    """The page itself imports no TensorFlow (its background warm-up is switched off here to see that)."""
    code = (
        "import sys; import playground.warmup as warmup; warmup.warm_in_background = lambda: None; "
        "from streamlit.testing.v1 import AppTest; "
        f"at = AppTest.from_file({str(MAIN_SCRIPT)!r}).run(); "
        "assert not at.exception; "
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_the_home_page_warms_tensorflow_in_the_background_after_it_is_drawn(tmp_path):
    """Build's first diagram waited 9-16 s for TensorFlow; now the home page starts that import behind itself."""
    code = (
        "import sys, time; from streamlit.testing.v1 import AppTest; import playground.warmup as warmup; "
        "started = time.perf_counter(); "
        f"at = AppTest.from_file({str(MAIN_SCRIPT)!r}).run(); "
        "drawn = time.perf_counter() - started; assert not at.exception; "
        "warmup.warm_in_background().join(300); warmed = time.perf_counter() - started; "
        "print('keras' in sys.modules, drawn < warmed, 'playground-warmup' not in [t.name for t in __import__('threading').enumerate()])"
    )
    keras_home = tmp_path / "keras"  # Keras set up already: the warm-up runs (on a fresh HOME it waits, below).
    keras_home.mkdir()
    environment = {**os.environ, "KERAS_HOME": str(keras_home)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=400,
                            env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True True True"


def test_the_warm_up_writes_nothing_into_a_fresh_home(tmp_path):
    """Importing TensorFlow makes Keras write ~/.keras/keras.json: not before the learner uses Keras."""
    environment = {key: value for key, value in os.environ.items() if key != "KERAS_HOME"}
    environment["HOME"] = str(tmp_path)
    code = "import playground.warmup as warmup; print(warmup.warm_in_background())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"
    assert list(tmp_path.iterdir()) == []


def test_streamlit_no_longer_resets_keras_after_a_run():
    import keras

    at = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=30).run()
    assert not at.exception
    from playground_app import keras_hook

    assert keras_hook.is_installed()
    # A name counter that clear_session() would reset survives further script runs.
    first = keras.layers.Dense(1).name
    at.run()
    second = keras.layers.Dense(1).name
    assert first != second


def test_console_command_serves_on_loopback_without_usage_stats_or_questions():
    arguments = cli.streamlit_arguments(port=8600)
    assert arguments[:2] == ["streamlit", "run"]
    assert arguments[2] == str(MAIN_SCRIPT) and MAIN_SCRIPT.exists()
    assert "--server.address=127.0.0.1" in arguments
    assert "--browser.gatherUsageStats=false" in arguments
    assert "--server.port=8600" in arguments
    # Headless: Streamlit's "Email:" question never stops a learner's first run.
    assert "--server.headless=true" in arguments
    # Streamlit's full garbage collection after every script run starves trainings and live charts.
    assert "--runner.postScriptGC=false" in arguments


def test_the_logic_package_never_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "playground").rglob("*.py")
        if re.search(r"^\s*(import streamlit|from streamlit)", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == []


def test_console_command_explains_itself():
    result = subprocess.run([sys.executable, "-m", "playground.cli", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "--port" in result.stdout and "--no-browser" in result.stdout


def test_switching_language_leaves_no_widget_with_a_default_and_a_value_set_for_it(monkeypatch):
    """The switch re-assigns every choice its own value (``common._note_language_change``); a widget also drawn with
    a default of its own (``index=``, ``value=``) then has two, and the one it was drawn with is ignored. Build's layer
    fields are drawn from the model's spec (their value and the spec's are the same; the app's server does not warn
    about them, ``streamlit_options``); a choice the page keeps in session state takes its first value there
    (``playground_app.state.hold_value``)."""
    import pytest

    from streamlit.elements.lib import policies
    from streamlit.runtime.state import get_session_state

    from playground_app.build.state import BuildKeys
    from tests.helpers import open_page

    spec_fields = tuple(key.split("{")[0] for key in (BuildKeys.FIELD, BuildKeys.INPUT_SHAPE))
    both: list[str] = []

    def noted(default_value, key, writes_allowed=True):
        if (key is not None and default_value is not None and get_session_state().is_new_state_value(key)
                and not key.startswith(spec_fields)):
            both.append(key)

    monkeypatch.setattr(policies, "check_session_state_rules", noted)
    for page in ("train", "build", "compare", "boundary"):
        at = open_page(page)
        at.sidebar.radio[0].set_value("ko").run()
        assert not at.exception, at.exception
    if not both:
        return
    pytest.fail(f"drawn with a default and a value set by the language switch: {sorted(set(both))}")
