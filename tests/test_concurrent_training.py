"""Three sessions train at once on the engine's workers; each gets its own results, and the pages stay usable."""

from __future__ import annotations

import io
import json
import math
import time
import zipfile

import numpy as np
import pytest

from tests.helpers import open_page

pytestmark = pytest.mark.slow


def _session_ready(epochs: int, optimizer: str):
    # Three learners, three workspaces (as a class server gives them): tabs of one desktop workspace
    # would each see the others' live training, as a reload does.
    at = open_page("train", session_state={"workspace_id": f"learner{optimizer.lower()}"})
    at.selectbox(key="train_optimizer").set_value(optimizer).run()
    at.select_slider(key="train_batch_size").set_value(8).run()
    at.number_input(key="train_epochs").set_value(epochs).run()
    return at


def _click_train(at) -> None:
    at.button(key="train_start").click().run()
    assert not at.exception


def _trained_optimizer(model_bytes: bytes) -> str:
    """The optimizer the worker compiled the model with, read from the returned .keras file."""
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as archive:
        config = json.loads(archive.read("config.json"))
    return config["compile_config"]["optimizer"]["class_name"]


def test_three_sessions_train_at_once_and_each_gets_its_own_results():
    # Long enough to overlap: each click's run of the page waits up to a second and a half for its first points.
    plans = [(60, "Adam"), (50, "RMSprop"), (40, "SGD")]
    sessions = [_session_ready(epochs, optimizer) for epochs, optimizer in plans]
    for at in sessions:  # One click after the other, as learners who press Train at about the same time.
        _click_train(at)
    runs = [at.session_state["train"].runs[-1] for at in sessions]

    together = 0
    deadline = time.monotonic() + 240
    while any(run.active for run in runs) and time.monotonic() < deadline:
        together = max(together, sum(run.status == "running" for run in runs))
        # A page rerun while the others train: the sessions' scripts never wait for a training.
        started = time.monotonic()
        sessions[0].run()
        assert not sessions[0].exception
        assert time.monotonic() - started < 30
        time.sleep(0.2)
    # All three at once, even on two cores: none of the learners waits, "queued", for another's run to end.
    assert together == 3, f"at most {together} of the three trainings ran at the same time"

    for at, run, (epochs, optimizer) in zip(sessions, runs, plans):
        snapshot = run.snapshot()
        assert snapshot.status == "finished", snapshot.error_fields
        assert len(snapshot.epochs) == epochs
        assert all(math.isfinite(logs["loss"]) for logs in snapshot.epochs)
        # Each session's model was trained with its own optimizer, in a worker, and came home.
        assert _trained_optimizer(run.model_bytes) == optimizer
        # The stored evaluation matches the model the session holds (nobody swapped it).
        data = at.session_state["train"].run_data[run.run_id]
        predicted = np.argmax(run.model.predict(data.x_test, verbose=0), axis=-1)
        assert predicted.tolist() == [int(value) for value in snapshot.results.predictions]
        names = [layer.name for layer in run.model.layers]
        assert len(names) == len(set(names)), f"layer names clash: {names}"
        at.run()
        assert not at.exception
    assert len({id(run.model) for run in runs}) == 3
