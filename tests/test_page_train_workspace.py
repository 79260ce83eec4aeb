"""Runs last: a run that ended on the Train page is there again in a new session (a reload, a server restart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from playground.engine.runs import DIVERGED, FINISHED, Run
from playground.engine.workspace import Workspace, valid_workspace_id
from playground.i18n import t
from tests.helpers import open_page
from tests.test_workspace import ended_run


def _table_labels(at: AppTest) -> list[str]:
    """The labels in the runs table (the one whose first column is the run), or [] when there is none."""
    for table in at.dataframe:
        frame = table.value
        if frame.columns[0] == t("train.column.run", "en"):
            return list(frame[frame.columns[0]])
    return []


def _diverged_run(label: str) -> Run:
    # Diverged: the page shows its results and downloads but does not load its (fake) model for Draw.
    run = ended_run(label, status=FINISHED, model=b"not really a model")
    run.apply({"status": DIVERGED, "error": ("train.diverged", {"learning_rate": 0.01})})
    return run


def test_an_ended_run_comes_back_in_a_new_session_and_can_be_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path))
    first = open_page("train")
    first.session_state["train"].runs.append(_diverged_run("#1 kept"))
    first.run()
    assert not first.exception
    assert [run.config.label for run in Workspace.open().runs()] == ["#1 kept"]

    second = open_page("train")  # A fresh session: what a reload or a restarted server starts with.
    assert _table_labels(second) == ["#1 kept"]
    restored = second.session_state["train"].runs[0]
    assert restored.model_bytes == b"not really a model"
    assert restored.snapshot().results.test_metrics == {"loss": 0.7, "accuracy": 0.6}
    assert any(button.label for button in second.get("download_button"))

    second.button(key=f"train_delete_{restored.run_id}").click().run()
    assert not second.exception
    assert _table_labels(second) == []
    assert Workspace.open().runs() == []
    assert _table_labels(open_page("train")) == []


def test_clear_runs_clears_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path))
    Workspace.open().save(_diverged_run("#1 old"))
    at = open_page("train")
    assert _table_labels(at) == ["#1 old"]
    at.button(key="train_clear").click().run()
    assert not at.exception
    assert Workspace.open().runs() == []
    assert _table_labels(open_page("train")) == []


def test_a_class_server_gives_each_browser_its_own_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path))
    monkeypatch.setenv("PLAYGROUND_SCHEDULER", "tcp://class-server:8786")
    Workspace.open("alice").save(_diverged_run("#1 alice"))
    alice = open_page("train", query_params={"ws": "alice"})
    assert _table_labels(alice) == ["#1 alice"]
    stranger = open_page("train")
    assert _table_labels(stranger) == []
    new_id = stranger.query_params["ws"]  # Made on the first visit and kept in the link.
    new_id = new_id[0] if isinstance(new_id, list) else new_id
    assert valid_workspace_id(new_id) and new_id != "alice"


def test_a_reload_during_training_finds_the_run_live_and_it_is_kept_when_it_ends_unwatched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """F5 while a run trains: the new session shows it training (with Stop); it is on disk once it ends."""
    from playground.engine.runner import Handle
    from playground.engine.runs import RUNNING, RunConfig
    from playground_app.train import state as train_state

    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path))
    monkeypatch.setattr(train_state, "_live", {})
    first = open_page("train")
    state = first.session_state["train"]
    running = Run(RunConfig(label="#1 live", spec={"layers": [{"type": "Dense", "units": 3}]}, dataset="iris",
                            loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.01, epochs=4))
    running.apply({"steps": 6, "status": RUNNING})
    running.add_batch(0, 3, {"loss": 1.0})
    handle = Handle(None, [running])
    # What the Train button does (live._launch), without a cluster: listed, and kept on disk at its end.
    handle.on_end = train_state.keeping_runs(state)
    train_state.listed(handle, {})

    second = open_page("train")  # The reload: a new session of the same desktop workspace.
    assert _table_labels(second) == ["#1 live"]
    assert not second.button(key="train_stop").disabled, "Stop must work on the run after a reload"
    assert [run.config.label for run in Workspace.open().runs()] == []

    # The run ends while no page watches: the follower's on_end keeps it.
    finished = ended_run("#1 live")
    running.apply({"status": FINISHED})
    running.set_results(finished.snapshot().results)
    handle.done.set()
    handle.on_end(handle)
    assert [run.config.label for run in Workspace.open().runs()] == ["#1 live"]
    third = open_page("train")
    assert _table_labels(third) == ["#1 live"], "the run is listed once, from the disk"
