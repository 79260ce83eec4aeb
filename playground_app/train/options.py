"""Train page, section 3: activation, optimizer, batch size, epochs, validation, callbacks."""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground.spec import SpecError, tasks, to_code
from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.spec.codegen import FitArguments
from playground.engine.optimizers import LEARNING_RATE_RANGE, OPTIMIZERS, optimizer_code
from playground.engine.runs import EarlyStoppingConfig, RunConfig
from playground.data.registry import training_defaults
from playground_app.common import lang, tr
from playground_app.train.state import TrainKeys, train_state
from playground_app.state import hold_value

KEEP = "keep"
BATCH_SIZES = (8, 16, 32, 64, 128, 256)


def options_section(task: str, dataset_name: str = "") -> RunConfig:
    """Draws the training options and returns them.

    The head section above checks the batch size against the data, so the page draws these
    options first (into their place below it) and hands it ``options.batch_size``.

    Args:
        task: The dataset's task (what EarlyStopping may watch).
        dataset_name: The dataset's registry name: a new one brings its proposed epochs, learning rate
            and batch size (``playground.data.registry.training_defaults``).
    """
    _propose_defaults(dataset_name)
    hold_value(TrainKeys.EPOCHS)
    hold_value(TrainKeys.BATCH_SIZE)
    first, second, third = st.columns(3)
    with first:
        activation = st.selectbox(tr("train.hidden_activation"), (KEEP, *HIDDEN_ACTIVATIONS), key=TrainKeys.HIDDEN_ACTIVATION,
                                  format_func=lambda name: tr("train.keep_per_layer") if name == KEEP else name)
        hold_value(TrainKeys.OPTIMIZER, "Adam")
        optimizer = st.selectbox(tr("train.optimizer"), list(OPTIMIZERS), key=TrainKeys.OPTIMIZER)
        entry = OPTIMIZERS[optimizer]
        # One learning-rate widget per optimizer: switching to SGD shows SGD's own default (0.01).
        hold_value(f"train_learning_rate_{optimizer}", entry.learning_rate)
        learning_rate = st.number_input(tr("train.learning_rate"), min_value=LEARNING_RATE_RANGE[0],
                                        max_value=LEARNING_RATE_RANGE[1], format="%g",
                                        key=f"train_learning_rate_{optimizer}")
        parameters = {
            parameter.name: st.number_input(parameter.name, min_value=parameter.minimum, max_value=parameter.maximum,
                                            value=parameter.default, format="%g",
                                            key=f"train_{optimizer}_{parameter.name}")
            for parameter in entry.parameters
        }
    with second:
        batch_size = st.select_slider(tr("train.batch_size"), BATCH_SIZES, key=TrainKeys.BATCH_SIZE)
        epochs = st.number_input(tr("train.epochs"), min_value=1, max_value=200, step=1, key=TrainKeys.EPOCHS)
        validation_split = st.slider(tr("train.validation_split"), 0.0, 0.5, 0.2, 0.05, key=TrainKeys.VALIDATION_SPLIT)
    with third:
        early_stopping = _early_stopping(task, validation_split)
        checkpoint = st.checkbox(tr("train.checkpoint"), key=TrainKeys.CHECKPOINT)
    # The run's configuration as far as this section knows it: the page adds the label, the model,
    # the data and the loss when Train is pressed (``dataclasses.replace``).
    return RunConfig(
        label="", spec=None, dataset="", loss="", optimizer=optimizer, learning_rate=float(learning_rate),
        optimizer_parameters={name: float(value) for name, value in parameters.items()},
        hidden_activation=None if activation == KEEP else activation, batch_size=int(batch_size), epochs=int(epochs),
        validation_split=float(validation_split), early_stopping=early_stopping, checkpoint=checkpoint,
    )


def _propose_defaults(dataset_name: str) -> None:
    """Puts the dataset's proposed epochs, learning rate and batch size in the widgets when the dataset changes.

    Only on a change: what the learner typed afterwards stays until another dataset is picked.
    """
    state = train_state()
    if TrainKeys.EPOCHS in st.session_state and state.defaults_origin == dataset_name:
        return
    state.defaults_origin = dataset_name
    defaults = training_defaults(dataset_name)
    st.session_state[TrainKeys.EPOCHS] = defaults.epochs
    st.session_state[TrainKeys.BATCH_SIZE] = defaults.batch_size
    st.session_state[f"train_learning_rate_{defaults.optimizer}"] = defaults.learning_rate


def show_training_code(options: RunConfig, loss: str, task: str, spec: dict[str, Any] | None) -> None:
    """Shows the Keras code of this training (model, compile and fit), as the course notes write it.

    Args:
        options: The training options.
        loss: The loss that passed the checks.
        task: The dataset's task.
        spec: The model's spec, or None for an uploaded model (the exported code then loads it).
    """
    with st.expander(tr("train.code")):
        _show_code(options, loss, task, spec)


def _early_stopping(task: str, validation_split: float) -> EarlyStoppingConfig | None:
    if not st.checkbox(tr("train.early_stopping"), key=TrainKeys.EARLY_STOPPING):
        return None
    monitor = st.selectbox(tr("train.monitor"), tasks.monitor_choices(task, validation_split), key=TrainKeys.MONITOR)
    patience = st.number_input(tr("train.patience"), min_value=1, max_value=50, value=3, key=TrainKeys.PATIENCE)
    restore = st.checkbox(tr("train.restore_best"), value=True, key=TrainKeys.RESTORE_BEST)
    return EarlyStoppingConfig(monitor, int(patience), restore)


def _show_code(options: RunConfig, loss: str, task: str, spec: dict[str, Any] | None) -> None:
    """Shows the code that trains this model as these options will (the one exporter, ``to_code``)."""
    stopping = options.early_stopping
    fit = FitArguments(options.batch_size, options.epochs, options.validation_split,
                       stopping.monitor if stopping else None, stopping.patience if stopping else 3,
                       stopping.restore_best_weights if stopping else True, options.checkpoint)
    compile_arguments = {"optimizer": optimizer_code(options.optimizer, options.learning_rate,
                                                     **options.optimizer_parameters),
                         "loss": loss, "metrics": tasks.metrics_for(task)}
    trained = None if spec is None else tasks.with_hidden_activation(spec, options.hidden_activation)
    try:
        st.code(to_code(trained, compile_arguments, fit), language="python")
    except SpecError as error:
        st.info(error.text(lang()))
