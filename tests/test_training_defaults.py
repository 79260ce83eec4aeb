"""The Train page's proposed training per dataset teaches something: a newcomer's first run learns (issue 12.2)."""

from __future__ import annotations

import time

import pytest

from playground.data.registry import DATASETS, load, subsample, training_defaults
from playground.engine import training
from playground.engine.optimizers import OPTIMIZERS
from playground.engine.runs import FINISHED, RunConfig
from playground.spec import tasks
from playground.spec.presets import PRESETS
from playground_app.train.options import BATCH_SIZES
from playground_app.train.setup import DEFAULT_TEST_SAMPLES, DEFAULT_TRAINING_SAMPLES

pytestmark = pytest.mark.slow

# Dataset → (the preset a newcomer trains on it, the test accuracy the first run must reach).
FIRST_RUNS = {"iris": ("iris", 0.9), "mnist": ("mnist_dnn", 0.85), "digits": ("mnist_dnn", 0.85)}


def test_every_dataset_proposes_a_training_the_page_can_show():
    for name in DATASETS:
        defaults = training_defaults(name)
        assert defaults.batch_size in BATCH_SIZES and defaults.optimizer in OPTIMIZERS and 1 <= defaults.epochs <= 200
    assert training_defaults("csv") == training_defaults("no such dataset")


def _train_as_proposed(dataset_name: str, dataset, spec: dict, loss: str) -> tuple[float, float]:
    """Trains ``spec`` on ``dataset`` with what the page proposes for ``dataset_name``; (test accuracy, seconds)."""
    import keras

    keras.utils.set_random_seed(0)
    defaults = training_defaults(dataset_name)
    config = RunConfig(label="#1 first", spec=spec, dataset=dataset_name, loss=loss, optimizer=defaults.optimizer,
                       learning_rate=defaults.learning_rate, batch_size=defaults.batch_size, epochs=defaults.epochs,
                       validation_split=0.2)  # The page's own default.
    job = training.make_job(config, dataset.x_train, dataset.y_train, dataset.x_test, dataset.y_test, dataset.task,
                            dataset.num_classes)
    started = time.monotonic()
    training.execute(job)
    seconds = time.monotonic() - started
    snapshot = job.run.snapshot()
    assert snapshot.status == FINISHED, snapshot.error_fields
    accuracy = snapshot.results.test_metrics["accuracy"]
    print(f"{dataset_name}: test accuracy {accuracy:.3f} in {seconds:.1f} s")
    return accuracy, seconds


@pytest.mark.parametrize("dataset_name", list(FIRST_RUNS))
def test_the_proposed_training_learns_within_seconds(dataset_name):
    """Trains what the page proposes, as the page does (its default subset), and checks the test accuracy."""
    preset, bar = FIRST_RUNS[dataset_name]
    dataset = load(dataset_name, allow_download=False)
    if len(dataset.y_train) > DEFAULT_TRAINING_SAMPLES or len(dataset.y_test) > DEFAULT_TEST_SAMPLES:
        dataset = subsample(dataset, DEFAULT_TRAINING_SAMPLES, DEFAULT_TEST_SAMPLES)
    # The input-shape fix the page offers (mnist_dnn on the 8×8 digits).
    spec = {**PRESETS[preset], "input_shape": list(dataset.input_shape)}
    _, _, loss = tasks.propose(dataset.task, dataset.num_classes)
    accuracy, seconds = _train_as_proposed(dataset_name, dataset, spec, loss)
    assert accuracy >= bar, f"{dataset_name}'s proposed training ends at {accuracy:.2f} test accuracy"
    assert seconds < 30, "the first training should show learning within seconds"


def test_the_decision_boundary_labs_network_learns_its_points_with_what_train_proposes():
    """The lab's XOR network (one hidden layer of 4 tanh units), handed to Train with the lab's XOR points: the
    training the page proposes for those points (its epochs, rate and batch size) solves XOR."""
    from playground.labs.boundary_setup import BoundarySetup

    setup = BoundarySetup(point_set="xor")
    accuracy, seconds = _train_as_proposed("xor_points", load("xor_points"), setup.spec(), setup.loss)
    assert accuracy >= 0.9, f"the lab's XOR network ends at {accuracy:.2f} test accuracy with what Train proposes"
    assert seconds < 30
