"""Who races: the entries (an optimizer, or a model variant), their starting models, presets and result rows.

Split out of ``playground.engine.race`` (which re-exports these names): the race is the loop, this is
what takes part in it. Keras is imported inside the functions that build models.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from playground.engine.optimizers import OptimizerChoice
from playground.spec import tasks


@dataclass(frozen=True)
class RaceEntry(OptimizerChoice):
    """One contestant: an optimizer with its settings, and optionally its own hidden activation.

    Attributes:
        activation: Activation for every hidden layer of this copy, or None to keep the model's.
        name: The legend label instead of the optimizer's (the transfer page's "Fine-tuning"), or None.
        switch: ``switch(model)`` changes the model at the start of epoch ``switch_epoch`` (fine-tuning
            unfreezes the top block), which is then compiled again with ``switch_rate``; picklable. None: never.
        switch_epoch: See ``switch`` (0-based).
        switch_rate: The learning rate after the switch (the same optimizer, e.g. a lower Adam).
    """

    activation: str | None = None
    name: str | None = None
    switch: Callable[[Any], None] | None = None
    switch_epoch: int = 0
    switch_rate: float | None = None

    @property
    def label(self) -> str:
        """A legend label such as ``relu+Adam lr=0.001`` (or the entry's own ``name``)."""
        if self.name:
            return self.name
        name = f"{self.activation}+{self.optimizer}" if self.activation else self.optimizer
        return f"{name} lr={self.rate:g}"

    def model_spec(self, spec: dict[str, Any]) -> tuple[dict[str, Any], tuple[int | None, ...]]:
        """This copy's model, and for each of its layers the index of the base layer it copies (None: new).

        Weights are copied from the base model into every layer with an origin whose weights have the
        same shapes, so copies start alike wherever their layers coincide.
        """
        return tasks.with_hidden_activation(spec, self.activation), tuple(range(len(spec.get("layers") or [])))

    def augmenter(self) -> Any:
        """A Keras layer applied to each training batch of this copy (``training=True``), or None."""
        return None


@dataclass(frozen=True)
class RacePreset:
    """A one-click experiment: which preset model, which dataset, which entries, how long.

    The Compare page races the entries; the Train page's experiment button trains them as separate
    runs. Both read the same entry, so the notes' table is written once.

    Attributes:
        model: A key of ``playground.spec.presets.PRESETS``.
        dataset: A key of ``playground.data.registry.DATASETS``.
        entries: The contestants.
        samples: Training samples (the bundled 4,000 MNIST digits: long enough for the curves to
            separate, a few seconds per contestant on a laptop).
        epochs: Epochs to train.
    """

    model: str
    dataset: str
    entries: tuple[RaceEntry, ...]
    samples: int = 4000
    epochs: int = 5


RACE_PRESETS: dict[str, RacePreset] = {
    # The course notes' table: the same network with sigmoid+SGD, relu+SGD and relu+Adam.
    "notes_table": RacePreset("mnist_dnn", "mnist", (
        RaceEntry("SGD", 0.01, activation="sigmoid"),
        RaceEntry("SGD", 0.01, activation="relu"),
        RaceEntry("Adam", 0.001, activation="relu"),
    )),
    # One optimizer, three learning rates: too high (blows up), too low (crawls), about right.
    "learning_rate": RacePreset("mnist_dnn", "mnist", (
        RaceEntry("SGD", 5.0),
        RaceEntry("SGD", 0.0005),
        RaceEntry("SGD", 0.1),
    )),
}


@dataclass
class EntryResult:
    """A row of the table shown after the race.

    Attributes:
        label: The entry's label.
        status: "finished", "stopped", "diverged" or "failed" (or "running" while it trains).
        train_loss: Training loss of the last full epoch, or None.
        train_accuracy: Training accuracy of the last epoch, or None (regression).
        val_loss: Validation loss after the last epoch, or None.
        val_accuracy: Validation accuracy after the last epoch, or None.
        epochs_to_target: First epoch (1-based) whose accuracy reached the target, or None.
        seconds_to_target: This entry's own training time until then, or None.
        seconds: This entry's own training time: its optimizer steps, not the others'. Not counted: its
            first step, which builds and compiles the step function, and the validation passes (the same
            work for every entry; the first compiles the test function). Counting them gave 3.1 s vs 0.7 s
            for two identical entries.
        epochs: Epochs completed.
        trainable_params: Trainable parameters of this copy's model (Keras's count).
        non_trainable_params: Non-trainable parameters (BatchNormalization's moving statistics).
        best_val_accuracy: Best validation accuracy over the epochs, or None.
        checkpoint_epoch: The 1-based epoch ModelCheckpoint(save_best_only) keeps, with a ``Watch``.
        early_stopping_epoch: The 1-based epoch EarlyStopping stops at, with a ``Watch``; None if it never would.
        test_accuracy: Test accuracy of the weights ModelCheckpoint keeps (the last epoch's without a
            ``Watch``), when the race has test data.
        test_accuracy_last: Test accuracy of the last epoch's weights, when the race has test data.
    """

    label: str
    status: str
    train_loss: float | None = None
    train_accuracy: float | None = None
    val_loss: float | None = None
    val_accuracy: float | None = None
    epochs_to_target: int | None = None
    seconds_to_target: float | None = None
    seconds: float = 0.0
    epochs: int = 0
    trainable_params: int | None = None
    non_trainable_params: int | None = None
    best_val_accuracy: float | None = None
    checkpoint_epoch: int | None = None
    early_stopping_epoch: int | None = None
    test_accuracy: float | None = None
    test_accuracy_last: float | None = None


def initial_models(spec: dict[str, Any] | None, entries: Sequence[RaceEntry],
                   given: Sequence[Any] | None = None, base: Any = None) -> list[Any]:
    """Builds one copy per entry, each starting from the base model's initial weights where layers coincide.

    An entry with its own ``given`` model (the transfer page's pretrained ones) trains that one as it is.

    The base model (``spec`` itself) is built once — or given as ``base``, when the entries of one race
    are spread over several processes: each process then copies from the same base instead of
    drawing its own random weights. Each copy's layer takes the weights of the base layer it comes
    from (``RaceEntry.model_spec``) when their shapes agree. Layers a variant adds, and layers whose
    shapes changed (the Dense after GlobalAveragePooling2D instead of Flatten), keep their own fresh
    initial weights.
    """
    from playground.spec import build_model, validate
    from playground.spec.layers import layer_name

    # No keras.utils.set_random_seed here: it would reset the global seeds under other sessions'
    # trainings. Identical starts come from copying the weights, whatever they were drawn as.
    given = list(given) if given else [None] * len(entries)
    if all(model is not None for model in given):
        return given
    base_layers = validate(spec)["layers"]
    base = base if base is not None else build_model(spec, name="race_base")
    models = []
    for index, (entry, own) in enumerate(zip(entries, given)):
        if own is not None:
            models.append(own)
            continue
        entry_spec, origins = entry.model_spec(spec)
        model = build_model(entry_spec, name=f"race_{index}")
        for position, (layer, origin) in enumerate(zip(validate(entry_spec)["layers"], origins)):
            if origin is None or not _has_layer(model, layer_name(layer["type"], position)):
                continue
            source = base.get_layer(layer_name(base_layers[origin]["type"], origin)).get_weights()
            target = model.get_layer(layer_name(layer["type"], position))
            if [weight.shape for weight in source] == [tuple(weight.shape) for weight in target.weights]:
                target.set_weights(source)
        models.append(model)
    return models


def _has_layer(model: Any, name: str) -> bool:
    return any(layer.name == name for layer in model.layers)


def parameter_count(weights: Sequence[Any]) -> int:
    """Values held by ``weights`` (what ``model.summary()`` counts as parameters)."""
    return int(sum(math.prod(tuple(weight.shape)) for weight in weights))
