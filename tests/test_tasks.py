"""Problem type → output layer and loss; mismatches caught before training, with working one-click fixes."""

from __future__ import annotations

import numpy as np
import pytest

from playground.spec import tasks
from playground.spec.tasks import Setup


def _spec(units: int, activation: str, input_shape=(4,)) -> dict:
    return {"input_shape": list(input_shape),
            "layers": [{"type": "Dense", "units": 8, "activation": "relu"},
                       {"type": "Dense", "units": units, "activation": activation}]}


@pytest.mark.parametrize(("task", "classes", "expected"), [
    ("binary", 2, (1, "sigmoid", "binary_crossentropy")),
    ("multiclass", 10, (10, "softmax", "sparse_categorical_crossentropy")),
    ("regression", 0, (1, "linear", "mse")),
])
def test_the_task_proposes_the_notes_output_layer_and_loss(task, classes, expected):
    assert tasks.propose(task, classes) == expected
    units, activation, loss = expected
    assert tasks.check(Setup(_spec(units, activation), loss), (4,), task, classes) == []


def test_integer_labels_with_categorical_crossentropy_offer_two_fixes_that_both_work():
    setup = Setup(_spec(10, "softmax"), "categorical_crossentropy")
    problems = tasks.check(setup, (4,), "multiclass", 10, batch_size=32)
    assert [problem.key for problem in problems] == ["train.problem_categorical_integer"]
    from playground.i18n import t

    assert "Shapes (32, 1) and (32, 10) are incompatible" in t(problems[0].key, "en", **problems[0].fields)
    fixes = problems[0].fixes
    assert {fix.action for fix in fixes} == {"set_loss", "set_one_hot"}
    for fix in fixes:
        fixed = tasks.apply_fix(setup, fix)
        assert tasks.check(fixed, (4,), "multiclass", 10) == []
    assert tasks.apply_fix(setup, fixes[1]).one_hot is True


def test_ten_softmax_units_on_a_binary_task_is_caught_and_fixed():
    setup = Setup(_spec(10, "softmax"), "sparse_categorical_crossentropy")
    problems = tasks.check(setup, (4,), "binary", 2)
    assert problems and problems[0].key == "train.problem_units" and problems[0].blocking
    fixed = tasks.apply_fix(setup, problems[0].fixes[0])
    assert tasks.output_layer(fixed.spec) == (1, "sigmoid") and fixed.loss == "binary_crossentropy"
    assert tasks.check(fixed, (4,), "binary", 2) == []
    assert tasks.output_layer(setup.spec) == (10, "softmax"), "the original spec must not change"


def test_sigmoid_on_ten_classes_is_caught():
    problems = tasks.check(Setup(_spec(10, "sigmoid"), "sparse_categorical_crossentropy"), (4,), "multiclass", 10)
    assert problems[0].key == "train.problem_sigmoid_multiclass"


def test_regression_with_a_softmax_head_and_classification_loss_is_caught():
    problems = tasks.check(Setup(_spec(3, "softmax"), "sparse_categorical_crossentropy"), (4,), "regression", 0)
    keys = [problem.key for problem in problems]
    assert keys == ["train.problem_regression_head", "train.problem_loss_task"]


def test_same_element_count_is_reshaped_automatically_else_explained():
    spec = _spec(10, "softmax", input_shape=(28, 28))
    note = tasks.check(Setup(spec, "sparse_categorical_crossentropy"), (28, 28, 1), "multiclass", 10)
    assert [(problem.key, problem.blocking) for problem in note] == [("train.note_reshape", False)]
    x = np.zeros((5, 28, 28, 1), dtype="float32")
    assert tasks.fit_inputs(x, (28, 28)).shape == (5, 28, 28)
    assert tasks.fit_inputs(x, (784,)).shape == (5, 784)

    wrong = tasks.check(Setup(spec, "sparse_categorical_crossentropy"), (8, 8, 1), "multiclass", 10)
    assert wrong[0].key == "train.problem_input_shape" and wrong[0].blocking
    assert wrong[0].fields == {"model": "(28, 28)", "data": "(8, 8, 1)"}
    with pytest.raises(ValueError):
        tasks.fit_inputs(np.zeros((2, 8, 8, 1)), (28, 28))
    fixed = tasks.apply_fix(Setup(spec, "sparse_categorical_crossentropy"), wrong[0].fixes[0])
    assert fixed.spec["input_shape"] == [8, 8, 1]


def test_a_model_without_dense_head_gets_one_appended_after_flatten():
    spec = {"input_shape": [8, 8, 1], "layers": [{"type": "Conv2D", "filters": 4, "kernel_size": 3}]}
    problems = tasks.check(Setup(spec, "sparse_categorical_crossentropy"), (8, 8, 1), "multiclass", 10)
    assert problems[0].key == "train.problem_no_head"
    fixed = tasks.apply_fix(Setup(spec, "sparse_categorical_crossentropy"), problems[0].fixes[0])
    assert [layer["type"] for layer in fixed.spec["layers"]] == ["Conv2D", "Flatten", "Dense"]


def test_hidden_activation_changes_hidden_layers_only():
    spec = _spec(3, "softmax")
    changed = tasks.with_hidden_activation(spec, "sigmoid")
    assert [layer["activation"] for layer in changed["layers"]] == ["sigmoid", "softmax"]
    assert tasks.with_hidden_activation(spec, None) == spec


def test_labels_encoding_and_predicted_classes():
    encoded = tasks.one_hot(np.array([0, 2, 1]), 3)
    assert encoded.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert tasks.predicted_classes(np.array([[0.2], [0.7]])).tolist() == [0, 1]
    assert tasks.predicted_classes(np.array([[0.1, 0.9], [0.8, 0.2]])).tolist() == [1, 0]


def test_each_task_rule_is_written_once():
    """The data registry, the exporter and training all read the tasks module's rules."""
    from playground.data import core, registry
    from playground.spec import default_compile_arguments

    assert core.TASKS is tasks.TASKS and registry.TASKS is tasks.TASKS
    assert [tasks.metric_for(task) for task in tasks.TASKS] == ["accuracy", "accuracy", "mae"]
    for task, classes in (("binary", 2), ("multiclass", 3), ("regression", 1)):
        units, activation, loss = tasks.propose(task, classes)
        spec = {"input_shape": [4], "layers": [{"type": "Dense", "units": units, "activation": activation}]}
        assert tasks.task_for_output(activation, units) == task
        assert default_compile_arguments(spec) == {"optimizer": "adam", "loss": loss, "metrics": tasks.metrics_for(task)}
    # Two softmax units are a multiclass head; a sigmoid over several units is not binary.
    assert tasks.task_for_output("softmax", 2) == "multiclass"
    assert tasks.task_for_output("sigmoid", 3) == "regression"


def test_checkpoints_and_early_stopping_watch_only_what_is_logged():
    assert tasks.checkpoint_monitor(0.2) == "val_loss"
    assert tasks.checkpoint_monitor(0.0) == "loss"
    # With EarlyStopping the checkpoint keeps the epoch EarlyStopping judges best.
    assert tasks.checkpoint_monitor(0.2, "val_accuracy") == "val_accuracy"
    assert tasks.monitor_choices("multiclass", 0.2) == ["val_loss", "val_accuracy", "loss", "accuracy"]
    assert tasks.monitor_choices("regression", 0.0) == ["loss", "mae"]
