"""A green verdict is true: every preset on every offline dataset, after any sequence of offered fixes (issue 12.5).

Each setup the page could reach (start from a preset and its proposed loss, click any offered fix, again
and again) is judged by ``playground.engine.trial.verdict``; whenever it says "fits", one batch must really
train, the way the engine trains (``training.make_job``).
"""

from __future__ import annotations

import json

import pytest

from playground.data.registry import DatasetUnavailable, load
from playground.engine import training
from playground.engine.trial import verdict
from playground.spec import SpecError, tasks
from playground.spec.presets import PRESETS

MAX_FIXES = 6
OFFLINE = ("mnist", "fashion_mnist", "iris", "breast_cancer", "digits", "wine")


def _datasets():
    """One offline dataset per kind of samples: the verdicts depend on the samples' shape, the task and the number of
    classes, so a second dataset of the same kind (Fashion-MNIST after MNIST) reaches the same setups again."""
    found = {}
    for name in OFFLINE:
        try:
            dataset = load(name, allow_download=False)
        except DatasetUnavailable:
            continue
        found.setdefault((tuple(dataset.input_shape), dataset.task, dataset.num_classes), dataset)
    return list(found.values())


def _trains_one_batch(setup: tasks.Setup, dataset) -> str | None:
    """Trains one batch of 8 samples as the engine does; returns the error or None.

    Eagerly: a green verdict has already traced and trained this model's graph (``trial.one_batch_error``); what
    this adds is ``fit``'s own path over the engine's data, and eagerly it costs half as much.
    """
    import keras

    from playground.engine.runs import RunConfig

    x, y = dataset.x_train[:8], dataset.y_train[:8]
    config = RunConfig(label="#1 check", spec=setup.spec, dataset=dataset.name, loss=setup.loss, optimizer="Adam",
                       learning_rate=0.001, batch_size=8, epochs=1, validation_split=0.0, one_hot=setup.one_hot)
    try:
        job = training.make_job(config, x, y, x, y, dataset.task, dataset.num_classes)
        job.model.compile(optimizer="adam", loss=setup.loss, metrics=tasks.metrics_for(dataset.task), run_eagerly=True)
        job.model.fit(job.x_train, job.y_train, batch_size=8, epochs=1, verbose=0)
    except (SpecError, ValueError, TypeError, Exception) as error:  # noqa: BLE001
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    finally:
        keras.backend.clear_session()
    return None


def _reachable_setups(start: tasks.Setup, dataset) -> list[tuple[tasks.Setup, list[tasks.Problem]]]:
    """Every setup reachable by clicking offered fixes (at most ``MAX_FIXES`` in a row), with its verdict."""
    seen: dict[str, tuple[tasks.Setup, list[tasks.Problem]]] = {}
    frontier = [(start, 0)]
    while frontier:
        setup, depth = frontier.pop()
        key = json.dumps([setup.spec, setup.loss, setup.one_hot], sort_keys=True)
        if key in seen:
            continue
        problems = verdict(setup, dataset)
        seen[key] = (setup, problems)
        if depth >= MAX_FIXES:
            continue
        for problem in problems:
            if problem.blocking:
                frontier.extend((tasks.apply_fix(setup, fix), depth + 1) for fix in problem.fixes)
    return list(seen.values())


@pytest.mark.slow
def test_a_green_verdict_always_trains_one_batch():
    wrong_greens = []
    checked = 0
    for dataset in _datasets():
        _, _, loss = tasks.propose(dataset.task, dataset.num_classes)
        for name, spec in PRESETS.items():
            for setup, problems in _reachable_setups(tasks.Setup(spec, loss), dataset):
                if any(problem.blocking for problem in problems):
                    continue
                checked += 1
                error = _trains_one_batch(setup, dataset)
                if error is not None:
                    wrong_greens.append(f"{name} on {dataset.name}: {error}")
    print(f"{checked} green setups trained one batch")
    assert checked > 10
    assert not wrong_greens, "\n".join(wrong_greens)


def test_iris_model_on_mnist_is_offered_a_flatten_after_its_input_and_head_are_fixed():
    dataset = load("mnist", allow_download=False)
    setup = tasks.Setup(PRESETS["iris"], "sparse_categorical_crossentropy")
    for _ in range(2):  # "Set the input shape to (28, 28, 1)", then "Use Dense(10, softmax)".
        problem = next(problem for problem in verdict(setup, dataset) if problem.blocking)
        setup = tasks.apply_fix(setup, problem.fixes[0])
    problems = verdict(setup, dataset)
    assert [fix.action for problem in problems for fix in problem.fixes] == ["add_flatten"]
    fixed = tasks.apply_fix(setup, problems[0].fixes[0])
    assert fixed.spec["layers"][0] == {"type": "Flatten"}
    assert not verdict(fixed, dataset)


def test_mnist_cnn_on_the_8x8_digits_drops_the_pooling_that_does_not_fit():
    dataset = load("digits", allow_download=False)
    setup = tasks.Setup({**PRESETS["mnist_cnn"], "input_shape": [8, 8, 1]}, "sparse_categorical_crossentropy")
    problems = verdict(setup, dataset)
    fix = problems[0].fixes[0]
    assert fix.action == "drop_layer" and setup.spec["layers"][fix.value]["type"] == "MaxPooling2D"
    assert not verdict(tasks.apply_fix(setup, fix), dataset)
