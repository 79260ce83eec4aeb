"""The problem type decides the output layer and the loss; mismatches are caught before training.

The course notes' rule, as a registry: binary → 1 sigmoid unit + binary_crossentropy; multiclass →
softmax with one unit per class + sparse_categorical_crossentropy (integer labels) or
categorical_crossentropy (one-hot labels); regression → a linear unit + mean squared error.

``check`` compares a model spec, a loss and the data and returns ``Problem``s, each with a
translation key, its fields, and one-click ``Fix``es that ``apply_fix`` carries out on a ``Setup``.
Nothing here imports TensorFlow.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from playground.spec.layers import LAYER_TYPES, LayerType

TASKS: tuple[str, ...] = ("binary", "multiclass", "regression")
"""The problem types, in the order pages offer them (the data registry re-exports this tuple)."""


@dataclass(frozen=True)
class Head:
    """What a task asks of the output layer and the loss (units depend on the class count)."""

    activation: str
    loss: str


HEADS: dict[str, Head] = {
    "binary": Head("sigmoid", "binary_crossentropy"),
    "multiclass": Head("softmax", "sparse_categorical_crossentropy"),
    "regression": Head("linear", "mse"),
}


@dataclass(frozen=True)
class LossType:
    """An entry of ``LOSSES``: which tasks the loss fits and which labels it expects."""

    tasks: tuple[str, ...]
    labels: str  # "integer", "one_hot" or "value"


LOSSES: dict[str, LossType] = {
    "binary_crossentropy": LossType(("binary",), "integer"),
    "sparse_categorical_crossentropy": LossType(("binary", "multiclass"), "integer"),
    "categorical_crossentropy": LossType(("binary", "multiclass"), "one_hot"),
    "mse": LossType(("regression",), "value"),
    "mae": LossType(("regression",), "value"),
    "huber": LossType(("regression",), "value"),
}


@dataclass(frozen=True)
class Setup:
    """The choices a fix may change: the spec, the loss and whether labels are one-hot encoded."""

    spec: dict[str, Any]
    loss: str
    one_hot: bool = False


@dataclass(frozen=True)
class Fix:
    """A one-click fix: ``key`` is its button text; ``action`` and ``value`` say what it does."""

    key: str
    action: str  # "set_loss", "set_one_hot", "set_head", "set_input_shape", and the layer fixes of ``structure``:
    # "add_flatten" (before layer ``value``), "drop_layer" (``value``), "set_padding_same" (on layer ``value``)
    value: Any = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """A mismatch found before training. ``blocking`` problems disable the Train button."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)
    fixes: tuple[Fix, ...] = ()
    blocking: bool = True


def output_units(task: str, class_count: int) -> int:
    """Units of the output layer: one for binary and regression, one per class otherwise."""
    return class_count if task == "multiclass" else 1


def propose(task: str, class_count: int) -> tuple[int, str, str]:
    """Returns ``(units, activation, loss)`` the notes recommend for ``task``."""
    if task not in HEADS:
        raise ValueError(f"Unknown task {task!r}; use one of {', '.join(TASKS)}.")
    head = HEADS[task]
    return output_units(task, class_count), head.activation, head.loss


def metric_for(task: str) -> str:
    """The one metric compiled for ``task`` besides the loss, as the notes do.

    Accuracy for classification (a learner reads "92 % right"); mean absolute error for regression,
    where accuracy means nothing and MAE is in the target's own units.
    """
    return "mae" if task == "regression" else "accuracy"


def metrics_for(task: str) -> list[str]:
    """The ``metrics`` list to compile with (``[metric_for(task)]``)."""
    return [metric_for(task)]


def task_for_output(activation: str, units: int) -> str:
    """The task an output layer was written for, when only the model is known (code export).

    softmax → multiclass (the playground's labels are integers); one sigmoid unit → binary;
    anything else → regression.
    """
    if activation == HEADS["multiclass"].activation:
        return "multiclass"
    if activation == HEADS["binary"].activation and units == 1:
        return "binary"
    return "regression"


def monitor_choices(task: str, validation_split: float) -> list[str]:
    """What EarlyStopping may watch: the loss and the task's metric, validation first when there is some.

    A callback can only watch what Keras logs, and ``val_*`` exists only with validation data.
    """
    names = ["loss", metric_for(task)]
    return [f"val_{name}" for name in names] + names if validation_split > 0 else names


def checkpoint_monitor(validation_split: float, early_stopping_monitor: str | None = None) -> str:
    """What ModelCheckpoint watches to keep the best epoch.

    With EarlyStopping, its monitor, so the saved model is the epoch EarlyStopping judges best;
    otherwise validation loss when there is validation data, else training loss.
    """
    if early_stopping_monitor:
        return early_stopping_monitor
    return "val_loss" if validation_split > 0 else "loss"


def output_layer(spec: dict[str, Any]) -> tuple[int | None, str]:
    """Returns ``(units, activation)`` of the last layer when it is Dense, else ``(None, "")``."""
    layers = spec.get("layers") or []
    if not layers or layers[-1].get("type") != "Dense":
        return None, ""
    last = layers[-1]
    return int(last.get("units", 0)), str(last.get("activation") or "linear")


def check(
    setup: Setup, data_shape: tuple[int, ...], task: str, class_count: int, batch_size: int = 32
) -> list[Problem]:
    """Lists what would go wrong (or be silently wrong) if this setup trained on this data.

    Args:
        setup: The spec, the loss and the one-hot choice.
        data_shape: Shape of one sample of the data, e.g. ``(28, 28, 1)``.
        task: ``"binary"``, ``"multiclass"`` or ``"regression"``.
        class_count: Number of classes (ignored for regression).
        batch_size: Batch size, quoted in the error Keras would raise.

    Returns:
        Problems in the order a learner should fix them; empty when all is well.
    """
    problems = [*_input_problems(setup.spec, data_shape), *_head_problems(setup, task, class_count)]
    problems += _loss_problems(setup, task, class_count, batch_size)
    return problems


def _head_fix(task: str, class_count: int) -> Fix:
    units, activation, loss = propose(task, class_count)
    return Fix("train.fix_head", "set_head", (units, activation, loss), {"units": units, "activation": activation, "loss": loss})


def _input_problems(spec: dict[str, Any], data_shape: tuple[int, ...]) -> list[Problem]:
    model_shape = tuple(int(size) for size in spec.get("input_shape") or ())
    data_shape = tuple(int(size) for size in data_shape)
    if model_shape == data_shape:
        return []
    fields = {"model": _shape_text(model_shape), "data": _shape_text(data_shape)}
    if math.prod(model_shape) == math.prod(data_shape):
        return [Problem("train.note_reshape", fields, blocking=False)]
    fix = Fix("train.fix_input_shape", "set_input_shape", list(data_shape), {"data": fields["data"]})
    return [Problem("train.problem_input_shape", fields, (fix,))]


def _head_problems(setup: Setup, task: str, class_count: int) -> list[Problem]:
    units, activation = output_layer(setup.spec)
    expected_units, expected_activation, _ = propose(task, class_count)
    fix = _head_fix(task, class_count)
    if units is None:
        return [Problem("train.problem_no_head", {}, (fix,))]
    fields = {"units": units, "activation": activation, "classes": class_count, "expected_units": expected_units,
              "expected_activation": expected_activation}
    if task == "regression":
        if activation in ("softmax", "sigmoid") or units != 1:
            return [Problem("train.problem_regression_head", fields, (fix,))]
        return []
    if task == "binary" and units == 2 and activation == "softmax":
        return []  # Two softmax units with integer labels is a valid way to do binary classification.
    if activation == "sigmoid" and task == "multiclass":
        return [Problem("train.problem_sigmoid_multiclass", fields, (fix,))]
    if units != expected_units:
        return [Problem("train.problem_units", fields, (fix,))]
    if activation == "softmax" and units == 1:
        return [Problem("train.problem_softmax_single", fields, (fix,))]
    if activation not in ("softmax", "sigmoid"):
        return [Problem("train.problem_head_activation", fields, (fix,))]
    return []


def _loss_problems(setup: Setup, task: str, class_count: int, batch_size: int) -> list[Problem]:
    loss = setup.loss
    units, _ = output_layer(setup.spec)
    if loss not in LOSSES:
        return [Problem("train.problem_unknown_loss", {"loss": loss}, (_head_fix(task, class_count),))]
    if task not in LOSSES[loss].tasks:
        _, _, proposed = propose(task, class_count)
        fix = Fix("train.fix_loss", "set_loss", proposed, {"loss": proposed})
        return [Problem("train.problem_loss_task", {"loss": loss, "task": task}, (fix,))]
    if loss == "categorical_crossentropy" and not setup.one_hot:
        fields = {"batch": batch_size, "units": units or class_count}
        return [Problem("train.problem_categorical_integer", fields, (
            Fix("train.fix_sparse", "set_loss", "sparse_categorical_crossentropy"),
            Fix("train.fix_one_hot", "set_one_hot", True),
        ))]
    if loss != "categorical_crossentropy" and setup.one_hot:
        return [Problem("train.problem_one_hot_unneeded", {"loss": loss}, (Fix("train.fix_no_one_hot", "set_one_hot", False),))]
    if loss == "binary_crossentropy" and units not in (None, 1):
        return [Problem("train.problem_units", {"units": units, "activation": output_layer(setup.spec)[1],
                                                "classes": class_count, "expected_units": 1,
                                                "expected_activation": "sigmoid"}, (_head_fix(task, class_count),))]
    return []


def apply_fix(setup: Setup, fix: Fix) -> Setup:
    """Returns the setup with ``fix`` applied (the spec is copied, never changed in place)."""
    if fix.action == "set_loss":
        return replace(setup, loss=str(fix.value), one_hot=setup.one_hot and fix.value == "categorical_crossentropy")
    if fix.action == "set_one_hot":
        return replace(setup, one_hot=bool(fix.value))
    if fix.action == "set_head":
        units, activation, loss = fix.value
        return Setup(with_output_head(setup.spec, units, activation), loss, one_hot=False)
    spec = copy.deepcopy(setup.spec)
    layers = spec.setdefault("layers", [])
    if fix.action == "set_input_shape":
        spec["input_shape"] = list(fix.value)
    elif fix.action == "add_flatten":
        layers.insert(int(fix.value), {"type": "Flatten"})
    elif fix.action == "drop_layer":
        del layers[int(fix.value)]
    elif fix.action == "set_padding_same":
        layers[int(fix.value)]["padding"] = "same"
    else:
        raise ValueError(f"Unknown fix action {fix.action!r}.")
    return replace(setup, spec=spec)


def with_output_head(spec: dict[str, Any], units: int, activation: str) -> dict[str, Any]:
    """Returns a copy of ``spec`` whose last Dense layer has ``units`` and ``activation`` (added if missing)."""
    spec = copy.deepcopy(spec)
    layers = spec.setdefault("layers", [])
    if layers and layers[-1].get("type") == "Dense":
        layers[-1]["units"] = int(units)
        layers[-1]["activation"] = activation
    else:
        if layers and len(spec.get("input_shape") or ()) > 1 and not _flattens(layers):
            layers.append({"type": "Flatten"})
        layers.append({"type": "Dense", "units": int(units), "activation": activation})
    return spec


def _flattens(layers: list[dict[str, Any]]) -> bool:
    """Whether some layer already turns the input into a vector (its registry entry says so)."""
    entries = (_entry(layer) for layer in layers)
    return any(entry is not None and entry.flattens for entry in entries)


def _entry(layer: dict[str, Any]) -> LayerType | None:
    """The registry entry of a layer dict; None for a type the registry lacks (the checks refuse it)."""
    return LAYER_TYPES.get(layer.get("type"))


def with_hidden_activation(spec: dict[str, Any], activation: str | None) -> dict[str, Any]:
    """Returns a copy of ``spec`` with ``activation`` on every hidden layer (None keeps each layer's own)."""
    spec = copy.deepcopy(spec)
    if activation is None:
        return spec
    layers = spec.get("layers") or []
    for layer in layers[:-1]:
        entry = _entry(layer)
        if entry is not None and entry.hidden_activation:
            layer["activation"] = activation
    return spec


def fit_inputs(x: np.ndarray, input_shape: tuple[int, ...] | list[int]) -> np.ndarray:
    """Reshapes samples to the model's input shape when only the layout differs.

    Raises:
        ValueError: When the element counts differ (``check`` explains this to the learner first).
    """
    target = tuple(int(size) for size in input_shape)
    if tuple(x.shape[1:]) == target:
        return x
    if math.prod(x.shape[1:]) != math.prod(target):
        raise ValueError(f"Samples of shape {_shape_text(x.shape[1:])} cannot become {_shape_text(target)}.")
    return x.reshape((len(x), *target))


def encode_labels(y: np.ndarray, one_hot_labels: bool, class_count: int) -> np.ndarray:
    """Labels as the loss expects them: integers, or one-hot rows for categorical_crossentropy."""
    return one_hot(y, class_count) if one_hot_labels else y


def one_hot(y: np.ndarray, class_count: int) -> np.ndarray:
    """One-hot encodes integer labels, like ``keras.utils.to_categorical`` (without importing Keras)."""
    labels = np.asarray(y).reshape(-1).astype(int)
    encoded = np.zeros((len(labels), class_count), dtype="float32")
    encoded[np.arange(len(labels)), labels] = 1.0
    return encoded


def predicted_classes(outputs: np.ndarray) -> np.ndarray:
    """Class predictions: a sigmoid unit thresholded at 0.5, or the arg-max over softmax units."""
    outputs = np.asarray(outputs)
    if outputs.ndim == 1 or outputs.shape[-1] == 1:
        return (outputs.reshape(-1) > 0.5).astype(int)
    return outputs.argmax(axis=-1).astype(int)


def _shape_text(shape: tuple[int, ...] | list[int]) -> str:
    """Writes a shape as Keras prints it: ``(28, 28, 1)`` or ``(784,)``."""
    return str(tuple(int(size) for size in shape))
