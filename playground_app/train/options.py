"""Train page, section 3: activation, optimizer, batch size, epochs, validation, callbacks."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from playground.spec.activations import HIDDEN_ACTIVATIONS
from playground.engine.optimizers import LEARNING_RATE_RANGE, OPTIMIZERS, optimizer_code
from playground.engine.runs import EarlyStoppingConfig
from playground_app.common import tr

KEEP = "keep"
BATCH_SIZES = (8, 16, 32, 64, 128, 256)


@dataclass
class Options:
    """How to train, as picked on the page (what ``RunConfig`` needs besides model, data and loss)."""

    hidden_activation: str | None
    optimizer: str
    learning_rate: float
    optimizer_parameters: dict[str, float] = field(default_factory=dict)
    batch_size: int = 32
    epochs: int = 5
    validation_split: float = 0.2
    early_stopping: EarlyStoppingConfig | None = None
    checkpoint: bool = False


def options_section(task: str) -> Options:
    """Draws the training options and returns them.

    The head section above checks the batch size against the data, so the page draws these
    options first (into their place below it) and hands it ``options.batch_size``.
    """
    first, second, third = st.columns(3)
    with first:
        activation = st.selectbox(tr("train.hidden_activation"), (KEEP, *HIDDEN_ACTIVATIONS), key="train_hidden_activation",
                                  format_func=lambda name: tr("train.keep_per_layer") if name == KEEP else name)
        optimizer = st.selectbox(tr("train.optimizer"), list(OPTIMIZERS), index=list(OPTIMIZERS).index("Adam"),
                                 key="train_optimizer")
        entry = OPTIMIZERS[optimizer]
        # One learning-rate widget per optimizer: switching to SGD shows SGD's own default (0.01).
        learning_rate = st.number_input(tr("train.learning_rate"), min_value=LEARNING_RATE_RANGE[0],
                                        max_value=LEARNING_RATE_RANGE[1], value=entry.learning_rate, format="%g",
                                        key=f"train_learning_rate_{optimizer}")
        parameters = {
            parameter.name: st.number_input(parameter.name, min_value=parameter.minimum, max_value=parameter.maximum,
                                            value=parameter.default, format="%g",
                                            key=f"train_{optimizer}_{parameter.name}")
            for parameter in entry.parameters
        }
    with second:
        batch_size = st.select_slider(tr("train.batch_size"), BATCH_SIZES, value=32, key="train_batch_size")
        epochs = st.number_input(tr("train.epochs"), min_value=1, max_value=200, value=5, step=1, key="train_epochs")
        validation_split = st.slider(tr("train.validation_split"), 0.0, 0.5, 0.2, 0.05, key="train_validation_split")
    with third:
        early_stopping = _early_stopping(task, validation_split)
        checkpoint = st.checkbox(tr("train.checkpoint"), key="train_checkpoint")
    options = Options(None if activation == KEEP else activation, optimizer, float(learning_rate),
                      {name: float(value) for name, value in parameters.items()}, int(batch_size), int(epochs),
                      float(validation_split), early_stopping, checkpoint)
    return options


def show_training_code(options: Options, loss: str, task: str) -> None:
    """Shows the Keras code of this training (compile and fit), as the course notes write it."""
    with st.expander(tr("train.code")):
        st.code(training_code(options, loss, task), language="python")


def _early_stopping(task: str, validation_split: float) -> EarlyStoppingConfig | None:
    if not st.checkbox(tr("train.early_stopping"), key="train_early_stopping"):
        return None
    metric = "mae" if task == "regression" else "accuracy"
    monitors = ["loss", metric]
    if validation_split > 0:
        # EarlyStopping can only watch what is logged: val_* exists only with validation data.
        monitors = [f"val_{name}" for name in monitors] + monitors
    monitor = st.selectbox(tr("train.monitor"), monitors, key="train_monitor")
    patience = st.number_input(tr("train.patience"), min_value=1, max_value=50, value=3, key="train_patience")
    restore = st.checkbox(tr("train.restore_best"), value=True, key="train_restore_best")
    return EarlyStoppingConfig(monitor, int(patience), restore)


def training_code(options: Options, loss: str, task: str) -> str:
    """The compile and fit calls these options make, in the course notes' style."""
    metric = "mae" if task == "regression" else "accuracy"
    optimizer = optimizer_code(options.optimizer, options.learning_rate, **options.optimizer_parameters)
    callbacks = []
    lines = []
    if options.early_stopping is not None:
        stopping = options.early_stopping
        lines.append(f"early_stopping = keras.callbacks.EarlyStopping(monitor={stopping.monitor!r}, "
                     f"patience={stopping.patience}, restore_best_weights={stopping.restore_best_weights})")
        callbacks.append("early_stopping")
    if options.checkpoint:
        monitor = "val_loss" if options.validation_split > 0 else "loss"
        lines.append(f"checkpoint = keras.callbacks.ModelCheckpoint('best.keras', monitor={monitor!r}, save_best_only=True)")
        callbacks.append("checkpoint")
    lines.append(f"model.compile(optimizer={optimizer}, loss={loss!r}, metrics=[{metric!r}])")
    fit = (f"history = model.fit(x_train, y_train, batch_size={options.batch_size}, epochs={options.epochs}, "
           f"validation_split={options.validation_split:g}")
    fit += f", callbacks=[{', '.join(callbacks)}])" if callbacks else ")"
    lines.append(fit)
    return "\n".join(lines)
