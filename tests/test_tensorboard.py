"""Optional TensorBoard logs: off by default; on, a Train run's curves are what ``tensorboard --logdir`` reads."""

from __future__ import annotations

import os
import time

import pytest

from playground import cli
from playground.data.registry import load
from playground.engine import runner
from playground.engine.jobs import FitJob
from playground.engine.runs import FINISHED, RunConfig
from playground.engine.tensorboard import TENSORBOARD_VARIABLE, log_root, tensorboard_installed
from playground.spec.presets import PRESETS

pytestmark = [pytest.mark.timeout(300), pytest.mark.skipif(
    not tensorboard_installed(), reason='the tensorboard package is absent: pip install ".[tensorboard]"')]


def _scalars(folder: str, tag: str) -> list[float]:
    """The values of ``tag`` in a folder's event files, step by step, read with TensorFlow's own reader."""
    import tensorflow as tf

    values: dict[int, float] = {}
    for name in sorted(os.listdir(folder)):
        for event in tf.compat.v1.train.summary_iterator(os.path.join(folder, name)):
            for value in event.summary.value:
                if value.tag == tag:
                    values[event.step] = float(tf.make_ndarray(value.tensor))
    return [values[step] for step in sorted(values)]


def test_the_command_passes_the_log_folder_to_the_server_and_logging_is_off_by_default(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(TENSORBOARD_VARIABLE, raising=False)
    assert TENSORBOARD_VARIABLE not in cli.server_environment(cli.parse_arguments([]), {})
    assert log_root() is None
    environment = cli.server_environment(cli.parse_arguments(["--tensorboard", "logs"]), {})
    assert environment[TENSORBOARD_VARIABLE] == str(tmp_path / "logs")
    monkeypatch.setenv(TENSORBOARD_VARIABLE, "logs")
    assert cli.parse_arguments([]).tensorboard == "logs" and log_root() == str(tmp_path / "logs")


@pytest.mark.slow
def test_a_train_run_writes_event_files_tensorboard_reads_with_the_same_losses(monkeypatch, tmp_path):
    monkeypatch.setenv(TENSORBOARD_VARIABLE, str(tmp_path))
    config = RunConfig(label="#1 Adam", spec=PRESETS["iris"], dataset="iris", loss="sparse_categorical_crossentropy",
                       optimizer="Adam", learning_rate=0.01, epochs=3, batch_size=16)
    handle = runner.submit(FitJob(config), load("iris"))
    deadline = time.monotonic() + 120
    while handle.active:
        assert time.monotonic() < deadline, "the run did not end in time"
        handle.touch()
        time.sleep(0.05)
    snapshot = handle.runs[0].snapshot()
    assert snapshot.status == FINISHED
    (folder,) = os.listdir(tmp_path)  # One run, one folder named after it.
    assert folder.startswith("1-Adam_")
    run_logs = tmp_path / folder
    assert _scalars(str(run_logs / "train"), "epoch_loss") == pytest.approx(
        [logs["loss"] for logs in snapshot.epochs], rel=1e-5)
    assert _scalars(str(run_logs / "validation"), "epoch_loss") == pytest.approx(
        [logs["val_loss"] for logs in snapshot.epochs], rel=1e-5)
    assert len(_scalars(str(run_logs / "train"), "epoch_accuracy")) == 3
