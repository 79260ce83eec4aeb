"""The Train page's verdict: a green "fits" only after the model really trained one batch of this data.

The checks (``playground.spec.tasks.check``, ``playground.spec.structure.problems``) read shapes and
names; whatever they miss (an Embedding fed standardised features, a loss Keras refuses for these
labels) would only show when training fails in a worker. So before the page says "fits", ``verdict``
builds the model and trains ONE batch of a few samples here, the way the engine will
(``training.make_job``: same input reshaping, same label encoding, same compile). The answer is cached
per (spec, data, loss, labels), so reruns of the page do not repeat it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from playground.data.core import Dataset
from playground.spec import structure, tasks

TRIAL_SAMPLES = 8
CACHE_SIZE = 256

_cache: OrderedDict[tuple[Any, ...], str | None] = OrderedDict()
_cache_lock = threading.Lock()


def verdict(setup: tasks.Setup, dataset: Dataset, batch_size: int = 32) -> list[tasks.Problem]:
    """Everything that keeps this setup from training on this data; empty means it trains.

    Args:
        setup: The spec, the loss and the one-hot choice.
        dataset: The data (only a few samples are used).
        batch_size: The batch size, quoted in messages.

    Returns:
        ``tasks.check``'s problems, then the layers' (``structure.problems``), then, when nothing
        blocks, a problem if one batch could not be trained (no fix: the model cannot take this data).
    """
    problems = tasks.check(setup, dataset.input_shape, dataset.task, dataset.num_classes, batch_size)
    if any(problem.key == "train.problem_input_shape" for problem in problems):
        return problems  # The layers' shapes mean nothing until the input is the data's.
    problems += structure.problems(setup.spec)
    if any(problem.blocking for problem in problems):
        return problems
    error = one_batch_error(setup, dataset)
    if error is not None:
        problems.append(tasks.Problem("train.problem_trial_failed", {"detail": error}))
    return problems


def one_batch_error(setup: tasks.Setup, dataset: Dataset) -> str | None:
    """Trains one batch of ``TRIAL_SAMPLES`` samples; returns the error's first line, or None when it trained.

    Cached per spec, dataset, loss and label encoding (the answer does not change between reruns).
    """
    key = (json.dumps(setup.spec, sort_keys=True), dataset.name, tuple(dataset.input_shape), dataset.task,
           dataset.num_classes, setup.loss, setup.one_hot)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    error = _train_one_batch(setup, dataset)
    with _cache_lock:
        _cache[key] = error
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return error


def _train_one_batch(setup: tasks.Setup, dataset: Dataset) -> str | None:
    """Builds, compiles and fits one batch as the engine would; any failure is the answer."""
    from playground.engine import training
    from playground.engine.optimizers import make_optimizer
    from playground.engine.runs import RunConfig

    samples = min(TRIAL_SAMPLES, len(dataset.y_train))
    config = RunConfig(label="#0 trial", spec=setup.spec, dataset=dataset.name, loss=setup.loss, optimizer="Adam",
                       learning_rate=0.001, batch_size=samples, epochs=1, validation_split=0.0,
                       one_hot=setup.one_hot)
    x, y = dataset.x_train[:samples], dataset.y_train[:samples]
    try:
        job = training.make_job(config, x, y, x, y, dataset.task, dataset.num_classes)
        job.model.compile(optimizer=make_optimizer("Adam", 0.001), loss=setup.loss,
                          metrics=tasks.metrics_for(dataset.task))
        job.model.train_on_batch(job.x_train, job.y_train)
    except Exception as error:  # noqa: BLE001 - whatever Keras raises is the reason this cannot train.
        return training.short_message(error)
    return None


def clear_cache() -> None:
    """Forgets the verdicts (tests)."""
    with _cache_lock:
        _cache.clear()
