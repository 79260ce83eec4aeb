"""Workspaces keep ended runs on disk: round trip, separation by id, delete and clear, the id choice."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from playground.engine.runs import (
    DIVERGED, FINISHED, RUNNING, EarlyStoppingConfig, Run, RunConfig, RunEvent, RunResults,
)
from playground.engine.workspace import (
    LOCAL, Workspace, choose_workspace_id, home, is_shared_server, valid_workspace_id,
)
from playground.errors import Translated


def ended_run(label: str = "#1 relu+adam", status: str = FINISHED, model: bytes | None = b"model") -> Run:
    """A run as the follower thread leaves it: curves, events, results, models, a final status."""
    config = RunConfig(label=label, spec={"layers": [{"type": "Dense", "units": 3}]}, dataset="iris",
                       loss="sparse_categorical_crossentropy", optimizer="adam", learning_rate=0.01,
                       optimizer_parameters={"beta_1": 0.9}, hidden_activation="relu", batch_size=16, epochs=2,
                       early_stopping=EarlyStoppingConfig("val_loss", 2, False), checkpoint=True)
    run = Run(config)
    run.apply({"steps": 2, "status": RUNNING})
    run.add_batch(0, 0, {"loss": 1.0})
    run.add_batch(0, 1, {"loss": 0.8, "accuracy": 0.5})
    run.add_epoch(0, {"loss": 0.8, "val_loss": 0.9})
    run.add_batch(1, 0, {"loss": float("nan")})
    run.add_event(RunEvent("checkpoint", 0, 0.9, "val_loss"))
    run.add_event(RunEvent("stop_seen", 1, 3.0))
    run.set_results(RunResults({"loss": 0.7, "accuracy": 0.6}, [[1, 0], [1, 2]], [1], [0.0, 0.0, 1.0]))
    run.model_bytes = model
    run.checkpoint_bytes = None if model is None else b"best " + model
    if status == DIVERGED:
        run.finish(status, "train.error.diverged", epoch=1, layer=Translated("train.layer", name="dense"))
    else:
        run.finish(status)
    return run


SAME_FIELDS = ("config", "status", "batches", "epochs", "events", "epoch", "batch", "steps_per_epoch", "error_key",
               "results")


@pytest.mark.parametrize("status", [FINISHED, DIVERGED])
def test_round_trip_keeps_everything_the_page_shows(tmp_path: Path, status: str):
    run = ended_run(status=status)
    run.set_elapsed(12.5)
    assert Workspace.open(root=tmp_path).save(run)
    restored, = Workspace.open(root=tmp_path).runs()
    before, after = run.snapshot(), restored.snapshot()
    for name in SAME_FIELDS:
        if name == "batches":  # NaN != NaN: compare its text.
            assert repr(after.batches) == repr(before.batches)
        else:
            assert getattr(after, name) == getattr(before, name), name
    assert math.isnan(after.batches[-1].logs["loss"])
    assert after.elapsed == pytest.approx(12.5)
    assert restored.model_bytes == b"model" and restored.checkpoint_bytes == b"best model"
    assert restored.uid == run.uid and restored.run_id != run.run_id
    if status == DIVERGED:
        layer = after.error_fields["layer"]
        assert isinstance(layer, Translated) and (layer.key, layer.fields) == ("train.layer", {"name": "dense"})
        assert after.error_fields["epoch"] == 1


def test_save_twice_keeps_one_and_refuses_an_active_run(tmp_path: Path):
    workspace = Workspace.open(root=tmp_path)
    run = ended_run()
    assert workspace.save(run) and not workspace.save(run)
    assert len(workspace.runs()) == 1
    active = Run(run.config)
    active.apply({"status": RUNNING})
    with pytest.raises(ValueError):
        workspace.save(active)


def test_runs_come_back_oldest_first_and_without_models_when_none(tmp_path: Path):
    workspace = Workspace.open(root=tmp_path)
    for number in range(3):
        workspace.save(ended_run(f"#{number}", model=None))
    restored = workspace.runs()
    assert [run.config.label for run in restored] == ["#0", "#1", "#2"]
    assert all(run.model_bytes is None and run.checkpoint_bytes is None for run in restored)
    assert not any(workspace.models.iterdir())


def test_two_workspaces_never_see_each_other(tmp_path: Path):
    first, second = Workspace.open("alice", root=tmp_path), Workspace.open("bob", root=tmp_path)
    first.save(ended_run("alice's"))
    assert [run.config.label for run in first.runs()] == ["alice's"]
    assert second.runs() == []
    second.clear()
    assert len(first.runs()) == 1


def test_delete_and_clear_remove_records_and_files(tmp_path: Path):
    workspace = Workspace.open(root=tmp_path)
    kept, dropped = ended_run("kept"), ended_run("dropped")
    workspace.save(kept)
    workspace.save(dropped)
    workspace.delete(dropped)
    assert [run.config.label for run in Workspace.open(root=tmp_path).runs()] == ["kept"]
    assert sorted(path.name for path in workspace.models.iterdir()) == [f"{kept.uid}-best.keras", f"{kept.uid}.keras"]
    workspace.clear()
    assert workspace.runs() == [] and not any(workspace.models.iterdir())


def test_home_follows_the_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLAYGROUND_HOME", str(tmp_path))
    assert home() == tmp_path
    assert Workspace.open().folder == tmp_path / "workspaces" / LOCAL


@pytest.mark.parametrize("bad", ["", "..", "../x", "a/b", "x" * 65, None])
def test_ids_from_links_cannot_escape_the_folder(tmp_path: Path, bad: str | None):
    assert not valid_workspace_id(bad)
    if bad is not None:
        with pytest.raises(ValueError):
            Workspace.open(bad, root=tmp_path)


def test_which_workspace():
    assert not is_shared_server("127.0.0.1", None) and not is_shared_server(None, None)
    assert not is_shared_server("localhost", "") and not is_shared_server("::1", None)
    assert is_shared_server("0.0.0.0", None) and is_shared_server("127.0.0.1", "tcp://host:8786")
    assert is_shared_server("classroom.example", None)
    assert choose_workspace_id(False, "abc") == LOCAL
    assert choose_workspace_id(True, "abc") == "abc"
    fresh = choose_workspace_id(True, "../etc")
    assert valid_workspace_id(fresh) and fresh != choose_workspace_id(True, None)


def test_saves_from_many_threads_all_land(tmp_path: Path):
    import threading

    workspace = Workspace.open(root=tmp_path)
    runs = [ended_run(f"#{number}") for number in range(8)]
    threads = [threading.Thread(target=workspace.save, args=(run,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(run.uid for run in workspace.runs()) == sorted(run.uid for run in runs)
