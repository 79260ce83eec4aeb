"""The optimizer registry: a name a learner picks → a configured ``keras.optimizers`` instance.

Keys are what selectboxes show. Each entry lists its Keras class, the fixed arguments that make it
what its name says (e.g. ``nesterov=True``), and the parameters a page lets the learner change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parameter:
    """One tunable optimizer argument, spelled as Keras spells it.

    Attributes:
        name: The keyword argument of the Keras optimizer class.
        default: Its default here (often the course notes' value, else Keras's).
        minimum: Smallest value a page offers.
        maximum: Largest value a page offers.
    """

    name: str
    default: float
    minimum: float
    maximum: float


@dataclass(frozen=True)
class OptimizerType:
    """An entry of ``OPTIMIZERS``.

    Attributes:
        keras_class: Class name in ``keras.optimizers``.
        learning_rate: Default learning rate.
        fixed: Arguments that define this entry and are not shown to the learner.
        parameters: Arguments the learner may change, besides the learning rate.
    """

    keras_class: str
    learning_rate: float
    fixed: dict[str, Any] = field(default_factory=dict)
    parameters: tuple[Parameter, ...] = ()


_MOMENTUM = Parameter("momentum", 0.9, 0.0, 0.999)
_RHO = Parameter("rho", 0.9, 0.0, 0.999)
_BETA_1 = Parameter("beta_1", 0.9, 0.0, 0.999)
_BETA_2 = Parameter("beta_2", 0.999, 0.0, 0.9999)

OPTIMIZERS: dict[str, OptimizerType] = {
    "SGD": OptimizerType("SGD", 0.01),
    "SGD+momentum": OptimizerType("SGD", 0.01, parameters=(_MOMENTUM,)),
    "Nesterov": OptimizerType("SGD", 0.01, fixed={"nesterov": True}, parameters=(_MOMENTUM,)),
    "Adagrad": OptimizerType("Adagrad", 0.01),
    "Adadelta": OptimizerType("Adadelta", 1.0, parameters=(Parameter("rho", 0.95, 0.0, 0.999),)),
    "RMSprop": OptimizerType("RMSprop", 0.001, parameters=(_RHO,)),
    "Adam": OptimizerType("Adam", 0.001, parameters=(_BETA_1, _BETA_2)),
    "AdamW": OptimizerType("AdamW", 0.001, parameters=(Parameter("weight_decay", 0.004, 0.0, 0.1), _BETA_1, _BETA_2)),
    "Nadam": OptimizerType("Nadam", 0.001, parameters=(_BETA_1, _BETA_2)),
}

LEARNING_RATE_RANGE = (1e-5, 10.0)


def optimizer_arguments(name: str, learning_rate: float | None = None, **parameters: float) -> dict[str, Any]:
    """Returns the keyword arguments for the Keras class of ``name``.

    Args:
        name: A key of ``OPTIMIZERS``.
        learning_rate: The learning rate; the entry's default when None.
        **parameters: Values for the entry's parameters; others keep their defaults.

    Raises:
        ValueError: For an unknown optimizer, unknown parameter or an out-of-range value.
    """
    if name not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}.")
    entry = OPTIMIZERS[name]
    rate = entry.learning_rate if learning_rate is None else float(learning_rate)
    low, high = LEARNING_RATE_RANGE
    if not low <= rate <= high:
        raise ValueError(f"Learning rate {rate:g} is outside {low:g}–{high:g}; pick a value in that range.")
    known = {parameter.name: parameter for parameter in entry.parameters}
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ValueError(f"{name} has no parameter {', '.join(unknown)}; it takes {', '.join(known) or 'only the learning rate'}.")
    arguments: dict[str, Any] = {"learning_rate": rate, **entry.fixed}
    for parameter in entry.parameters:
        value = float(parameters.get(parameter.name, parameter.default))
        if not parameter.minimum <= value <= parameter.maximum:
            raise ValueError(
                f"{name}: {parameter.name}={value:g} is outside {parameter.minimum:g}–{parameter.maximum:g}."
            )
        arguments[parameter.name] = value
    return arguments


def make_optimizer(name: str, learning_rate: float | None = None, **parameters: float) -> Any:
    """Builds a fresh ``keras.optimizers`` instance (an optimizer holds state: one per model)."""
    import keras

    arguments = optimizer_arguments(name, learning_rate, **parameters)
    return getattr(keras.optimizers, OPTIMIZERS[name].keras_class)(**arguments)


def optimizer_code(name: str, learning_rate: float | None = None, **parameters: float) -> str:
    """Returns the Python expression that builds the optimizer, for exported code."""
    arguments = optimizer_arguments(name, learning_rate, **parameters)
    rendered = ", ".join(f"{key}={value!r}" for key, value in arguments.items())
    return f"keras.optimizers.{OPTIMIZERS[name].keras_class}({rendered})"


@dataclass(frozen=True)
class OptimizerChoice:
    """One optimizer as a learner set it up: the loss-surface lab's paths and the race's entries.

    Attributes:
        optimizer: A key of ``OPTIMIZERS``.
        learning_rate: The learning rate; the registry's default when None.
        parameters: Values for the optimizer's other parameters (e.g. ``{"momentum": 0.9}``).
    """

    optimizer: str
    learning_rate: float | None = None
    parameters: Mapping[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """The learning rate in effect."""
        return OPTIMIZERS[self.optimizer].learning_rate if self.learning_rate is None else float(self.learning_rate)

    def describe(self) -> str:
        """A short label such as ``Adam (lr=0.1)``."""
        return f"{self.optimizer} (lr={self.rate:g})"
