"""Keras code export: a model, its compile call and its training, in the course notes' style.

The notes write ``model = Sequential()`` then ``model.add(Dense(16, activation='relu'))``; the
exported code does the same, so a learner can paste it into a notebook next to the notes. Executing
the code builds a model with the same layers and parameter count, and with ``FitArguments`` it
trains as the Train page does (same callbacks, same monitors) — the tests execute both.
This is the only code exporter: the Build page shows ``to_code(spec)``, the Train page
``to_code(spec, compile_arguments, fit)``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from playground.spec import tasks
from playground.spec.layers import LAYER_TYPES, regularizer_code
from playground.spec.seeds import layer_seeds, source
from playground.spec.validation import validated

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMPILE_KEYS = ("optimizer", "loss", "metrics")
_EXPORT_MARKER = "# exported-code: start\n"


@dataclass(frozen=True)
class FitArguments:
    """How the exported code trains: ``model.fit``'s arguments and the callbacks wanted.

    Attributes:
        batch_size: Examples per gradient step.
        epochs: Passes over the training data.
        validation_split: Fraction of ``x_train`` Keras holds out for ``val_*`` logs.
        early_stopping_monitor: What EarlyStopping watches, or None for no EarlyStopping.
        patience: Epochs without improvement before EarlyStopping stops.
        restore_best_weights: Whether EarlyStopping rolls back to the best epoch.
        checkpoint: Whether to keep the best epoch in ``best.keras`` (ModelCheckpoint).
    """

    batch_size: int = 32
    epochs: int = 5
    validation_split: float = 0.2
    early_stopping_monitor: str | None = None
    patience: int = 3
    restore_best_weights: bool = True
    checkpoint: bool = False


def default_compile_arguments(spec: Any) -> dict[str, Any]:
    """Chooses optimizer, loss and metrics from the output layer, by the tasks module's rules.

    The output layer tells the task (``tasks.task_for_output``); the task gives the loss
    (``tasks.HEADS``) and the metric (``tasks.metrics_for``), so export and training agree.

    Args:
        spec: A model spec.

    Raises:
        SpecError: When the spec is invalid.
    """
    checked = validated(spec)
    activation = checked.spec["layers"][-1].get("activation", "linear")
    task = tasks.task_for_output(activation, checked.summary.output_shape[-1])
    return {"optimizer": "adam", "loss": tasks.HEADS[task].loss, "metrics": tasks.metrics_for(task)}


def to_code(spec: Any, compile_arguments: dict[str, Any] | None = None, fit: FitArguments | None = None,
            seed: int | None = None) -> str:
    """Returns runnable Keras code that builds, compiles and summarizes the model — and trains it.

    Args:
        spec: A model spec (see ``playground.spec``), or None for a model the learner uploaded:
            the code then loads ``model.keras`` and ``compile_arguments`` must be complete.
        compile_arguments: ``{"optimizer": ..., "loss": ..., "metrics": [...]}``; each value is a
            name (written as a string literal, e.g. ``'adam'``) or, for the optimizer, a Python
            expression such as ``playground.engine.optimizers.optimizer_code(...)`` returns
            (``keras.optimizers.SGD(learning_rate=0.01)``). Missing entries are chosen from the
            output layer (``default_compile_arguments``).
        fit: With it, the code goes on to create the callbacks and call ``model.fit`` on
            ``x_train`` / ``y_train`` (the names the notes use).
        seed: With it, every random initializer and dropout is written with its explicit seed, as
            ``build_model(spec, seed=seed)`` builds it (``playground.spec.seeds``).

    Returns:
        The code, ending with a newline.

    Raises:
        SpecError: When the spec is invalid.
        ValueError: When ``spec`` is None and ``compile_arguments`` lacks an entry.
    """
    if spec is None:
        missing = [key for key in _COMPILE_KEYS if key not in (compile_arguments or {})]
        if missing:
            raise ValueError(f"Without a spec, compile_arguments must give {', '.join(missing)}.")
        arguments = dict(compile_arguments or {})
        lines = ["from tensorflow import keras", "", "model = keras.models.load_model('model.keras')"]
    else:
        normalized = validated(spec).spec
        arguments = {**default_compile_arguments(normalized), **(compile_arguments or {})}
        lines = _model_lines(normalized, seed)
    lines += ["", _compile_call(arguments), "model.summary()"]
    if fit is not None:
        lines += ["", *_fit_lines(fit)]
    return "\n".join(lines) + "\n"


def _model_lines(normalized: dict[str, Any], seed: int | None = None) -> list[str]:
    """The imports and the ``Sequential`` stack of a validated spec (seeded as ``build_model`` seeds it)."""
    # A leading InputLayer adds no layer: its shape is the keras.Input line.
    added = [(index, layer) for index, layer in enumerate(normalized["layers"])
             if LAYER_TYPES[layer["type"]].adds_layer]
    used_types = list(dict.fromkeys(layer["type"] for _, layer in added))
    keras_types = [name for name in used_types if not LAYER_TYPES[name].module]
    lines = [
        "from tensorflow import keras",
        "from keras.models import Sequential",
        *([f"from keras.layers import {', '.join(keras_types)}"] if keras_types else []),
        "",
        *_definitions(used_types),
        "model = Sequential()",
        f"model.add(keras.Input(shape={_literal(tuple(normalized['input_shape']))}))",
    ]
    return lines + [f"model.add({_layer_call(layer, layer_seeds(layer, index, seed) if seed is not None else {})})"
                     for index, layer in added]


def _definitions(used_types: list[str]) -> list[str]:
    """The playground's own layer classes used by the model, written out so the code runs without the playground."""
    modules = list(dict.fromkeys(module for name in used_types for module in LAYER_TYPES[name].code_modules))
    return [line for module in modules for line in [*exported_part(module).splitlines(), "", ""]]


def exported_part(module: str) -> str:
    """The source of ``module`` after its ``# exported-code: start`` line, read without importing it (no Keras)."""
    origin = importlib.util.find_spec(module).origin  # type: ignore[union-attr]
    text = Path(str(origin)).read_text(encoding="utf-8")
    return text.split(_EXPORT_MARKER, 1)[1].strip("\n")


def _fit_lines(fit: FitArguments) -> list[str]:
    """The callbacks, then ``history = model.fit(...)``, with the monitors training uses."""
    lines: list[str] = []
    callbacks: list[str] = []
    if fit.early_stopping_monitor is not None:
        lines.append(f"early_stopping = keras.callbacks.EarlyStopping(monitor={fit.early_stopping_monitor!r}, "
                     f"patience={fit.patience}, restore_best_weights={fit.restore_best_weights})")
        callbacks.append("early_stopping")
    if fit.checkpoint:
        monitor = tasks.checkpoint_monitor(fit.validation_split, fit.early_stopping_monitor)
        lines.append(f"checkpoint = keras.callbacks.ModelCheckpoint('best.keras', monitor={monitor!r}, "
                     "save_best_only=True)")
        callbacks.append("checkpoint")
    call = (f"history = model.fit(x_train, y_train, batch_size={fit.batch_size}, epochs={fit.epochs}, "
            f"validation_split={fit.validation_split:g}")
    call += f", callbacks=[{', '.join(callbacks)}])" if callbacks else ")"
    return [*lines, call]


def _layer_call(layer: dict[str, Any], seeds: dict[str, Any] | None = None) -> str:
    """``Dense(16, activation='relu')``: positional arguments first, then non-default keywords, then seeds."""
    layer_type = LAYER_TYPES[layer["type"]]
    seeds = seeds or {}
    parts = [_literal(layer[name]) for name in layer_type.positional if name in layer]
    for field in layer_type.fields:
        if field.name in layer_type.positional and field.name in layer or field.name in seeds:
            continue
        if field.name in layer and layer[field.name] != field.default:
            value = layer[field.name]
            parts.append(f"{field.name}={regularizer_code(value) if field.kind == 'regularizer' else _literal(value)}")
    parts += [f"{name}={source(value)}" for name, value in seeds.items()]
    return f"{layer['type']}({', '.join(parts)})"


def _literal(value: Any) -> str:
    """Python source for a value: tuples for lists (as Keras documents), repr otherwise."""
    if isinstance(value, (list, tuple)):
        items = ", ".join(_literal(item) for item in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    if isinstance(value, float):
        return repr(float(f"{value:.10g}"))  # 0.30000000000000004 from a slider → 0.3
    return repr(value)


def _compile_call(arguments: dict[str, Any]) -> str:
    optimizer = str(arguments["optimizer"])
    # A bare name such as "adam" is a string for Keras; anything else is an expression to paste.
    optimizer_source = repr(optimizer) if _IDENTIFIER.match(optimizer) else optimizer
    metrics = arguments.get("metrics") or []
    return (f"model.compile(optimizer={optimizer_source}, loss={arguments['loss']!r}, "
            f"metrics={[str(metric) for metric in metrics]!r})")
