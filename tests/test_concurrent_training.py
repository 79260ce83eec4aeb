"""Two sessions train at once in the server process; a third session's script runs meanwhile; none disturbs another."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground_app import MAIN_SCRIPT
from tests.helpers import open_page

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _session_training(epochs: int, optimizer: str) -> AppTest:
    at = open_page("train")
    at.selectbox(key="train_optimizer").set_value(optimizer).run()
    at.select_slider(key="train_batch_size").set_value(8).run()
    at.number_input(key="train_epochs").set_value(epochs).run()
    at.button(key="train_start").click().run()
    assert not at.exception
    return at


def test_two_sessions_train_at_once_and_a_third_session_runs_meanwhile():
    first = _session_training(epochs=25, optimizer="Adam")
    second = _session_training(epochs=20, optimizer="RMSprop")
    first_run = first.session_state["train"].runs[-1]
    second_run = second.session_state["train"].runs[-1]

    overlapped = False
    deadline = time.monotonic() + 240
    third = None
    while (first_run.active or second_run.active) and time.monotonic() < deadline:
        if first_run.status == "running" and second_run.status == "running":
            overlapped = True
            if third is None:
                # A third learner opens the app and the Train page while both fits run: its script runs
                # (and ends) in the same process. Streamlit's hook would reset Keras here; ours must not.
                third = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=180).run()
                third.switch_page("train/page.py").run()
                assert not third.exception
        time.sleep(0.2)
    assert overlapped, "the two trainings never ran at the same time"
    assert third is not None

    for at, run, epochs in ((first, first_run, 25), (second, second_run, 20)):
        snapshot = run.snapshot()
        assert snapshot.status == "finished", snapshot.error_fields
        assert len(snapshot.epochs) == epochs
        assert all(math.isfinite(logs["loss"]) for logs in snapshot.epochs)
        # Each session keeps its own model, trained with its own optimizer.
        assert run.model.optimizer.__class__.__name__ == run.config.optimizer
        # The stored evaluation matches the model the session holds (nobody swapped or reset it).
        data = at.session_state["train"].run_data[run.run_id]
        predicted = np.argmax(run.model.predict(data.x_test, verbose=0), axis=-1)
        assert predicted.tolist() == snapshot.results.predictions
        at.run()
        assert not at.exception
    assert first_run.model is not second_run.model
    assert {layer.name for layer in first_run.model.layers}  # Built and named without clashes.
