"""The layer registry: every layer type the playground offers, with the arguments that matter.

``LAYER_TYPES`` maps a Keras layer class name to a ``LayerType``. Each ``Field`` of a type is one
keyword argument of that Keras class, spelled exactly as Keras spells it, with its kind, the value
Keras uses when the argument is left out (``default``), the range the playground accepts and the
translation key of its help text (in ``playground/strings/spec.py``). The Build page renders its
form from this table; ``playground.spec`` validates specs against it. Nothing here imports Keras.

An entry is the whole truth about its type: besides the fields it names its shape and parameter
rule (``playground.spec.shape_rules``), its diagram colour, whether it turns its input into a
vector, whether the Train page may swap its activation, and how it reaches code (positional
arguments; whether it adds a layer at all). Adding a layer type means one entry here plus its
strings (``playground/i18n/spec.py``); ``tests/test_layers.py`` checks that every part is filled.

``InputLayer`` is offered so that learners who know ``keras.Input`` / ``InputLayer(shape=...)`` can
start a stack with it, but a spec keeps the input at the top level (``"input_shape"``): an
``InputLayer`` is only allowed as the first layer, its ``shape`` becomes ``input_shape``, and it
adds no row to the summary (Keras's ``model.summary()`` shows none either).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field, replace
from typing import Any, Literal

from playground.spec import param_formulas, shape_rules
from playground.spec.activations import ACTIVATIONS
from playground.spec.input_features import INPUT_FEATURES
from playground.spec.param_formulas import FormulaRule
from playground.spec.shape_rules import Rule

FieldKind = Literal["int", "float", "choice", "choice_list", "bool", "int_tuple", "regularizer"]

INITIALIZER_CLASSES: dict[str, str] = {
    "glorot_uniform": "GlorotUniform",
    "glorot_normal": "GlorotNormal",
    "he_normal": "HeNormal",
    "he_uniform": "HeUniform",
    "lecun_normal": "LecunNormal",
    "lecun_uniform": "LecunUniform",
    "random_normal": "RandomNormal",
    "random_uniform": "RandomUniform",
    "zeros": "Zeros",
    "ones": "Ones",
}
"""Keras's initializer names → their classes (``keras.initializers.<class>``), for seeded code and models."""
INITIALIZERS: tuple[str, ...] = tuple(INITIALIZER_CLASSES)
RANDOM_INITIALIZERS: frozenset[str] = frozenset(set(INITIALIZERS) - {"zeros", "ones"})
"""The initializers that draw random numbers (and so take a ``seed``)."""
PADDINGS: tuple[str, ...] = ("valid", "same")

# Layer types that run arbitrary Python code (or load it); refused with their own message.
FORBIDDEN_TYPES: frozenset[str] = frozenset({"Lambda", "TFSMLayer", "Layer", "TorchModuleWrapper", "JaxLayer"})

# Arguments that older notes put on a layer but that belong to the model's input here (Keras 3
# removed ``input_length``; ``input_shape`` / ``input_dim`` on a layer are Keras 2 habits).
# Checked only when the layer type has no field of that name (Embedding has ``input_dim``).
INPUT_ARGUMENTS: frozenset[str] = frozenset({"input_length", "input_shape", "input_dim", "batch_input_shape"})

REQUIRED = object()
"""Marker ``default`` of a field the learner must set (Keras has no default for it)."""


@dataclass(frozen=True)
class Field:
    """One keyword argument of a Keras layer class.

    Attributes:
        name: The argument name, exactly as the Keras constructor spells it.
        kind: "int", "float", "choice", "choice_list", "bool", "int_tuple" or "regularizer" (one of ``choices``
            by name; a "choice_list" is one or more different ``choices`` in a chosen order; a regularizer is
            one of ``choices`` or a ``REGULARIZER_CLASSES`` class with strengths from ``minimum`` to ``maximum``).
        default: What Keras uses when the argument is absent, or ``REQUIRED``.
        minimum: Smallest accepted value (for an int_tuple: of each element).
        maximum: Largest accepted value (for an int_tuple: of each element).
        choices: The allowed values of a "choice" field.
        length: For an "int_tuple": its fixed length (a single int is then accepted and repeated,
            as Keras does), or None when any length from 1 to 4 is allowed (``Reshape``).
        nullable: Whether None is accepted (e.g. pooling ``strides``: None means "= pool_size").
        help_key: Translation key of the help text.
    """

    name: str
    kind: FieldKind
    default: Any = REQUIRED
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] = ()
    length: int | None = None
    nullable: bool = False
    help_key: str = ""

    @property
    def required(self) -> bool:
        """Whether a spec must give this argument."""
        return self.default is REQUIRED


@dataclass(frozen=True)
class LayerType:
    """An entry of ``LAYER_TYPES``.

    Attributes:
        name: The Keras class name (``keras.layers.<name>``).
        fields: The arguments the playground accepts, in form order.
        starter: The arguments a freshly added layer gets (a sensible start for a learner).
        positional: Arguments written positionally in exported code, as the course notes do
            (``Dense(16, activation='relu')``).
        snake_name: Prefix of the layer's Keras name (``dense`` → ``dense_3`` for layer 3).
        description_key: Translation key of a one-line description of the layer.
        shape_rule: Its output shape and parameter count (``playground.spec.shape_rules``).
        param_formula: How that count is made, as arithmetic with the layer's numbers and in
            words (``playground.spec.param_formulas``), for the Build page's "explain the numbers".
        colour: Its box colour in diagrams, the same in every model, so a learner tells a Conv2D
            from a pooling layer at a glance (visualkeras's own colour wheel follows the order of
            appearance, so Dense would change colour from one model to the next).
        flattens: Whether it turns its input into one vector per example, so that a Dense head
            can follow without a ``Flatten`` (the RNNs count, as their default output does).
        hidden_activation: Whether the Train page's "hidden activation" choice replaces its
            ``activation`` (an RNN's tanh is part of how it works and is left alone).
        adds_layer: False only for ``InputLayer``: its shape becomes the model's input
            (``keras.Input``), so it adds no layer to the model, no row to the summary and no
            ``model.add`` line to the exported code.
        seeded: The constructor arguments that carry randomness and get an explicit seed when a model is
            built or exported with one (``playground.spec.seeds``): an initializer argument, or ``"seed"``.
        module: Empty for a class of ``keras.layers``; else the playground module defining the class
            (imported lazily, as Keras is). Exported code then carries that module's exported part
            (after its ``# exported-code: start`` line, and that of the modules it names in ``code_modules``)
            instead of importing the class, so it runs without the playground.
        code_modules: The modules whose exported part the exported code needs, in order (``module`` last).
    """

    name: str
    fields: tuple[Field, ...]
    starter: dict[str, Any] = field(default_factory=dict)
    positional: tuple[str, ...] = ()
    snake_name: str = ""
    description_key: str = ""
    _: KW_ONLY
    shape_rule: Rule
    param_formula: FormulaRule
    colour: str
    flattens: bool
    hidden_activation: bool
    adds_layer: bool = True
    seeded: tuple[str, ...] = ()
    module: str = ""
    code_modules: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        """Returns the field called ``name``, or None."""
        return next((candidate for candidate in self.fields if candidate.name == name), None)

    @property
    def field_names(self) -> tuple[str, ...]:
        """The accepted argument names, in form order."""
        return tuple(candidate.name for candidate in self.fields)


def _activation(default: str | None = "linear") -> Field:
    return Field("activation", "choice", default, choices=ACTIVATIONS, help_key="spec.help.activation")


_USE_BIAS = Field("use_bias", "bool", True, help_key="spec.help.use_bias")
_KERNEL_INITIALIZER = Field("kernel_initializer", "choice", "glorot_uniform", choices=INITIALIZERS,
                            help_key="spec.help.kernel_initializer")
REGULARIZER_CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "l1": ("L1", ("l1",)),
    "l2": ("L2", ("l2",)),
    "l1_l2": ("L1L2", ("l1", "l2")),
}
"""Keras's regularizer names → (class in ``keras.regularizers``, its strength arguments)."""
# A regularizer argument is None, Keras's plain name ("l2" is ``keras.regularizers.L2(0.01)``), or the
# class with its own strength as Keras serialises it: {"class_name": "L2", "config": {"l2": 0.001}}.
REGULARIZERS: tuple[str | None, ...] = (None, *REGULARIZER_CLASSES)
_KERNEL_REGULARIZER = Field("kernel_regularizer", "regularizer", None, minimum=1e-6, maximum=1.0,
                            choices=REGULARIZERS, nullable=True, help_key="spec.help.kernel_regularizer")


def regularizer(name: str | None, strength: float | None = None) -> str | dict[str, Any] | None:
    """A regularizer argument: ``name`` alone (Keras's 0.01), or its class with ``strength`` on each penalty."""
    if name is None or strength is None:
        return name
    class_name, arguments = REGULARIZER_CLASSES[name]
    return {"class_name": class_name, "config": {argument: float(strength) for argument in arguments}}


def regularizer_code(value: str | dict[str, Any]) -> str:
    """A regularizer argument as exported code: ``'l2'`` or ``keras.regularizers.L2(0.001)``."""
    if not isinstance(value, dict):
        return repr(value)
    config = value["config"]
    if len(config) == 1:
        return f"keras.regularizers.{value['class_name']}({float(next(iter(config.values()))):.10g})"
    keywords = ", ".join(f"{name}={float(strength):.10g}" for name, strength in config.items())
    return f"keras.regularizers.{value['class_name']}({keywords})"


_PADDING = Field("padding", "choice", "valid", choices=PADDINGS, help_key="spec.help.padding")
_POOL_SIZE = Field("pool_size", "int_tuple", 2, 1, 64, length=2, help_key="spec.help.pool_size")
_POOL_STRIDES = Field("strides", "int_tuple", None, 1, 64, length=2, nullable=True, help_key="spec.help.pool_strides")
_RNN_UNITS = Field("units", "int", REQUIRED, 1, 1024, help_key="spec.help.rnn_units")
_RETURN_SEQUENCES = Field("return_sequences", "bool", False, help_key="spec.help.return_sequences")
_RNN_DROPOUT = Field("dropout", "float", 0.0, 0.0, 0.95, help_key="spec.help.rnn_dropout")


def _rnn(name: str, snake_name: str, rule: Rule, formula: FormulaRule, colour: str,
         extra: tuple[Field, ...] = ()) -> LayerType:
    return LayerType(
        name,
        (_RNN_UNITS, _activation("tanh"), _RETURN_SEQUENCES, _RNN_DROPOUT, *extra),
        starter={"units": 32},
        positional=("units",),
        snake_name=snake_name,
        description_key=f"spec.type.{name}",
        shape_rule=rule, param_formula=formula, colour=colour, flattens=True, hidden_activation=False,
    )


def _pooling(name: str, snake_name: str, colour: str, pool_size: Field = _POOL_SIZE) -> LayerType:
    return LayerType(name, (pool_size, _POOL_STRIDES, _PADDING), starter={"pool_size": 2},
                     positional=("pool_size",), snake_name=snake_name, description_key=f"spec.type.{name}",
                     shape_rule=shape_rules.pooling, param_formula=param_formulas.none, colour=colour, flattens=False, hidden_activation=False)


_TYPES: tuple[LayerType, ...] = (
    LayerType("InputLayer", (Field("shape", "int_tuple", REQUIRED, 1, 4096, help_key="spec.help.shape"),),
              starter={"shape": [28, 28, 1]}, snake_name="input", description_key="spec.type.InputLayer",
              # Keras 3 lists no InputLayer in model.layers, so diagrams never draw this colour today.
              shape_rule=shape_rules.same_shape, param_formula=param_formulas.none,
              colour="#dddddd", flattens=False, hidden_activation=False,
              adds_layer=False),
    LayerType("InputFeatures",
              (Field("features", "choice_list", ("x1", "x2"), choices=tuple(INPUT_FEATURES),
                     help_key="spec.help.features"),),
              starter={"features": ["x1", "x2", "x1_squared", "x2_squared"]}, snake_name="input_features",
              description_key="spec.type.InputFeatures",
              shape_rule=shape_rules.input_features, param_formula=param_formulas.none,
              colour="#a8dadc", flattens=False, hidden_activation=False,
              module="playground.spec.input_features_layer",
              code_modules=("playground.spec.input_features", "playground.spec.input_features_layer")),
    LayerType(
        "Dense",
        (Field("units", "int", REQUIRED, 1, 8192, help_key="spec.help.units"), _activation(), _USE_BIAS,
         _KERNEL_INITIALIZER, _KERNEL_REGULARIZER),
        starter={"units": 16, "activation": "relu"}, positional=("units",), snake_name="dense",
        description_key="spec.type.Dense",
        shape_rule=shape_rules.dense, param_formula=param_formulas.dense,
              colour="#83d483", flattens=False, hidden_activation=True, seeded=("kernel_initializer",),
    ),
    LayerType(
        "Conv2D",
        (Field("filters", "int", REQUIRED, 1, 1024, help_key="spec.help.filters"),
         Field("kernel_size", "int_tuple", REQUIRED, 1, 64, length=2, help_key="spec.help.kernel_size"),
         Field("strides", "int_tuple", 1, 1, 64, length=2, help_key="spec.help.strides"),
         _PADDING, _activation(), _USE_BIAS, _KERNEL_INITIALIZER, _KERNEL_REGULARIZER),
        starter={"filters": 32, "kernel_size": 3, "activation": "relu"}, positional=("filters", "kernel_size"),
        snake_name="conv2d", description_key="spec.type.Conv2D",
        shape_rule=shape_rules.conv2d, param_formula=param_formulas.conv2d,
              colour="#ef476f", flattens=False, hidden_activation=True, seeded=("kernel_initializer",),
    ),
    _pooling("MaxPooling2D", "max_pooling2d", "#118ab2"),
    # Keras 3 gives MaxPooling2D a default pool size but makes AveragePooling2D's required.
    _pooling("AveragePooling2D", "average_pooling2d", "#4cc9f0", replace(_POOL_SIZE, default=REQUIRED)),
    LayerType("GlobalAveragePooling2D", (), snake_name="global_average_pooling2d",
              description_key="spec.type.GlobalAveragePooling2D",
              shape_rule=shape_rules.global_pooling, param_formula=param_formulas.none,
              colour="#073b4c", flattens=True, hidden_activation=False),
    LayerType("Flatten", (), snake_name="flatten", description_key="spec.type.Flatten",
              shape_rule=shape_rules.flatten, param_formula=param_formulas.none,
              colour="#ffbad4", flattens=True, hidden_activation=False),
    LayerType("Reshape", (Field("target_shape", "int_tuple", REQUIRED, -1, 1_000_000, help_key="spec.help.target_shape"),),
              starter={"target_shape": [28, 28, 1]}, positional=("target_shape",), snake_name="reshape",
              description_key="spec.type.Reshape",
              shape_rule=shape_rules.reshape, param_formula=param_formulas.none,
              colour="#f4a261", flattens=False, hidden_activation=False),
    LayerType("Dropout", (Field("rate", "float", REQUIRED, 0.0, 0.95, help_key="spec.help.rate"),),
              starter={"rate": 0.3}, positional=("rate",), snake_name="dropout", description_key="spec.type.Dropout",
              shape_rule=shape_rules.same_shape, param_formula=param_formulas.none,
              colour="#bbbbbb", flattens=False, hidden_activation=False, seeded=("seed",)),
    LayerType(
        "BatchNormalization",
        (Field("momentum", "float", 0.99, 0.0, 0.9999, help_key="spec.help.momentum"),
         Field("epsilon", "float", 0.001, 1e-7, 1.0, help_key="spec.help.epsilon"),
         Field("center", "bool", True, help_key="spec.help.center"),
         Field("scale", "bool", True, help_key="spec.help.bn_scale")),
        snake_name="batch_normalization", description_key="spec.type.BatchNormalization",
        shape_rule=shape_rules.batch_normalization, param_formula=param_formulas.batch_normalization,
              colour="#842da1", flattens=False, hidden_activation=False,
    ),
    LayerType("Activation", (_activation(REQUIRED),), starter={"activation": "relu"}, positional=("activation",),
              snake_name="activation", description_key="spec.type.Activation",
              shape_rule=shape_rules.same_shape, param_formula=param_formulas.none,
              colour="#ffd166", flattens=False, hidden_activation=True),
    LayerType("LeakyReLU", (Field("negative_slope", "float", 0.3, 0.0, 1.0, help_key="spec.help.negative_slope"),),
              starter={"negative_slope": 0.1}, snake_name="leaky_re_lu", description_key="spec.type.LeakyReLU",
              shape_rule=shape_rules.same_shape, param_formula=param_formulas.none,
              colour="#e9c46a", flattens=False, hidden_activation=False),
    LayerType("Rescaling", (Field("scale", "float", REQUIRED, -1000.0, 1000.0, help_key="spec.help.rescaling_scale"),
                            Field("offset", "float", 0.0, -1000.0, 1000.0, help_key="spec.help.offset")),
              starter={"scale": 1 / 255}, positional=("scale",), snake_name="rescaling",
              description_key="spec.type.Rescaling",
              shape_rule=shape_rules.same_shape, param_formula=param_formulas.none,
              colour="#fe9775", flattens=False, hidden_activation=False),
    _rnn("SimpleRNN", "simple_rnn", shape_rules.recurrent(1), param_formulas.recurrent(1), "#06d6a0"),
    _rnn("LSTM", "lstm", shape_rules.recurrent(4), param_formulas.recurrent(4), "#0cb0a9"),
    _rnn("GRU", "gru", shape_rules.recurrent(3, extra_bias=1), param_formulas.recurrent(3, extra_bias=1), "#2a9d8f",
         (Field("reset_after", "bool", True, help_key="spec.help.reset_after"),)),
    LayerType(
        "Embedding",
        (Field("input_dim", "int", REQUIRED, 1, 1_000_000, help_key="spec.help.input_dim"),
         Field("output_dim", "int", REQUIRED, 1, 4096, help_key="spec.help.output_dim"),
         Field("mask_zero", "bool", False, help_key="spec.help.mask_zero")),
        starter={"input_dim": 10000, "output_dim": 32}, positional=("input_dim", "output_dim"),
        snake_name="embedding", description_key="spec.type.Embedding",
        shape_rule=shape_rules.embedding, param_formula=param_formulas.embedding,
              colour="#b5838d", flattens=False, hidden_activation=False,
    ),
)

LAYER_TYPES: dict[str, LayerType] = {layer_type.name: layer_type for layer_type in _TYPES}
"""Layer class name → what the playground accepts for it, in the order the Build page offers them."""


def new_layer(type_name: str) -> dict[str, Any]:
    """Returns a fresh layer dict of ``type_name`` with its starter arguments (for "Add layer").

    Args:
        type_name: A key of ``LAYER_TYPES``.

    Raises:
        KeyError: For an unknown type (the Build page offers only registry keys).
    """
    layer_type = LAYER_TYPES[type_name]
    return {"type": type_name, **{key: (list(value) if isinstance(value, list) else value)
                                  for key, value in layer_type.starter.items()}}


def layer_name(type_name: str, index: int) -> str:
    """Returns the explicit Keras name of the layer at 0-based ``index`` of the spec: ``dense_3``.

    Names come from the position, not from Keras's global counters, because Streamlit resets those
    counters (``keras.backend.clear_session``) between script runs of any session.
    """
    return f"{LAYER_TYPES[type_name].snake_name}_{index + 1}"
