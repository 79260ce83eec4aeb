"""What a decision-boundary experiment is: the points, the network, the training — and its lessons.

``BoundarySetup`` is everything the Decision boundary page's controls choose, as plain data: it makes
the data (``dataset``), the model spec (``spec``), the run config, the engine job and the exported code,
so the page only draws and the tests check the same objects the page trains. ``LESSONS`` are setups
with a story: one click fills the controls.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from playground.data.bundled import point_set_dataset
from playground.data.core import Dataset
from playground.data.points import BOUNDS, POINT_SETS, make_points, train_test_split
from playground.labs.boundary import PLAIN_FEATURES, BoundaryFrames
from playground.labs.boundary_data import TablePoints
from playground.spec.layers import regularizer as spec_regularizer

HIDDEN_ACTIVATIONS: tuple[str, ...] = ("tanh", "relu", "sigmoid", "linear")
"""The activations a hidden layer may take on this page (the ones the lessons talk about)."""
MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 64
"""Units per hidden layer, at most (the page's field and the link's check)."""
MAX_EPOCHS = 2000
REGULARIZERS: tuple[str | None, ...] = (None, "l1", "l2")
"""Keras's own names: ``"l2"`` is ``keras.regularizers.L2(strength)`` on every Dense layer's kernel, ``"l1"`` L1."""
REGULARIZATION_STRENGTHS: tuple[float, ...] = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
"""The strengths the page offers (Keras's own default is 0.01): weak enough to change nothing, strong enough to flatten."""
DEFAULT_REGULARIZATION = 0.01


@dataclass(frozen=True)
class BoundarySetup:
    """One experiment: the page's controls, and everything derived from them.

    Attributes:
        point_set: A key of ``playground.labs.boundary.POINT_SETS`` (used when ``table`` is None).
        table: Points from a real table (two columns of a bundled table or a CSV), or None for ``point_set``;
            the noise, points, split and classes controls then do not apply.
        classes: 2, or 3 where the set allows it.
        noise: Gaussian jitter of the points (standard deviation).
        points: How many points (train and test together).
        test_ratio: Share of the points kept for testing.
        data_seed: Seed of the points and of the split.
        hidden: The hidden layers as (units, activation), input side first; empty is a perceptron.
        features: The network's inputs (``FEATURES`` keys), computed from (x₁, x₂) by the model's first
            layer (``InputFeatures``); the plain (x₁, x₂) needs no such layer.
        regularizer: None, ``"l1"`` or ``"l2"``: Keras's regularizer on every Dense kernel.
        regularization: The regularizer's strength (the factor of the penalty added to the loss).
        optimizer: A key of ``playground.engine.optimizers.OPTIMIZERS``.
        learning_rate: The optimizer's learning rate.
        batch_size: Samples per batch.
    """

    point_set: str = "xor"
    table: TablePoints | None = None
    classes: int = 2
    noise: float = 0.0
    points: int = 200
    test_ratio: float = 0.3
    data_seed: int = 0
    hidden: tuple[tuple[int, str], ...] = ((4, "tanh"),)
    features: tuple[str, ...] = PLAIN_FEATURES
    regularizer: str | None = None
    regularization: float = DEFAULT_REGULARIZATION
    optimizer: str = "Adam"
    learning_rate: float = 0.03
    batch_size: int = 10

    @property
    def class_count(self) -> int:
        """How many classes the points have: ``classes``, or the table's own."""
        return len(self.table.class_names) if self.table is not None else self.classes

    @property
    def task(self) -> str:
        """``"binary"`` (one sigmoid unit) for two classes, ``"multiclass"`` (softmax) for more."""
        return "binary" if self.class_count == 2 else "multiclass"

    @property
    def loss(self) -> str:
        """The loss the output layer needs: the labels stay integers in both cases."""
        return "binary_crossentropy" if self.class_count == 2 else "sparse_categorical_crossentropy"

    @property
    def source(self) -> str:
        """What the points are called: the point set, the table or the CSV's file name."""
        return self.table.name if self.table is not None else self.point_set

    @property
    def dataset_name(self) -> str:
        """The points' name in a run's record: the registry's for the lab's sets (``xor_points``), else the table's."""
        return point_set_dataset(self.point_set) if self.table is None else f"boundary-{self.source}"

    @property
    def bounds(self) -> tuple[float, float]:
        """The square (low, high) the pictures cover: the lab's own, or one holding every table point."""
        return (-self.table.limit, self.table.limit) if self.table is not None else BOUNDS

    @property
    def class_names(self) -> tuple[str, ...]:
        """The classes' names: the table's, or 0, 1, 2 for the lab's own sets."""
        return self.table.class_names if self.table is not None else tuple(str(label) for label in range(self.classes))

    def data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The points split into (x_train, y_train, x_test, y_test), as (x₁, x₂) before any feature."""
        if self.table is not None:
            return self.table.x_train, self.table.y_train, self.table.x_test, self.table.y_test
        x, y = make_points(self.point_set, self.points, self.noise, self.data_seed, self.classes)
        return train_test_split(x, y, self.test_ratio, self.data_seed)

    def dataset(self) -> Dataset:
        """The data as the engine takes it: the points (x₁, x₂); the model computes its features itself."""
        x_train, y_train, x_test, y_test = self.data()
        return Dataset(
            name=self.dataset_name, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test,
            task=self.task, class_names=self.class_names, input_shape=(2,),
            kind="tabular", **self._source(),
            feature_names=("x₁", "x₂"),
        )

    def _source(self) -> dict[str, Any]:
        """Where the points come from, for ``Dataset.source_text``: a table's columns, or how the lab drew its own."""
        if self.table is not None:
            return {"source_key": "boundary.source", "source_fields": {"set": self.source}}
        return {"source_key": "boundary.source_drawn",
                "source_fields": {"set": self.source, "points": self.points, "classes": self.classes,
                                  "noise": f"{self.noise:g}", "test_percent": round(100 * self.test_ratio)}}

    def spec(self) -> dict[str, Any]:
        """``InputFeatures`` (unless the features are the plain x₁, x₂), then Dense layers; the output
        (sigmoid or softmax) follows from the number of classes. The model takes points (x₁, x₂)."""
        # Always with its strength, so the exported code says it: kernel_regularizer=keras.regularizers.L2(0.01).
        regularizer = ({"kernel_regularizer": spec_regularizer(self.regularizer, self.regularization)}
                       if self.regularizer else {})
        layers = [{"type": "Dense", "units": int(units), "activation": activation, **regularizer}
                  for units, activation in self.hidden]
        output = ({"units": 1, "activation": "sigmoid"} if self.class_count == 2
                  else {"units": self.class_count, "activation": "softmax"})
        layers.append({"type": "Dense", **output, **regularizer})
        if tuple(self.features) != PLAIN_FEATURES:
            layers.insert(0, {"type": "InputFeatures", "features": list(self.features)})
        return {"input_shape": [2], "layers": layers}

    def frames(self) -> BoundaryFrames:
        """What the worker draws after each epoch: the model's grid over the points' square."""
        return BoundaryFrames(bounds=self.bounds)

    def config(self, epochs: int, label: str = "boundary") -> Any:
        """The run config of ``epochs`` more epochs (validation is the test split, see ``job``)."""
        from playground.engine.runs import RunConfig

        return RunConfig(label=label, spec=self.spec(), dataset=self.dataset_name, loss=self.loss,
                         optimizer=self.optimizer, learning_rate=self.learning_rate, batch_size=self.batch_size,
                         epochs=epochs, validation_split=0.0)

    def job(self, epochs: int, weight_seed: int, model_bytes: bytes | None = None) -> Any:
        """The engine job: ``epochs`` epochs from ``model_bytes`` (or from the seed's initial weights).

        The same ``weight_seed`` with no model gives the same initial weights (Reset); the seed also
        fixes the batch order, so a lesson trains the same way every time.
        """
        from playground.engine.jobs import FitJob

        return FitJob(self.config(epochs), model_bytes=model_bytes, seed=weight_seed, frames=self.frames(),
                      validate_on_test=True)

    def code(self, epochs: int, weight_seed: int) -> str:
        """Runnable Keras code making the same points and training the same model (its features layer included)."""
        from playground.engine.optimizers import optimizer_code
        from playground.spec.codegen import to_code

        lines = ["import numpy as np", "", *self._data_code(), "",
            to_code(self.spec(), {"optimizer": optimizer_code(self.optimizer, self.learning_rate),
                                  "loss": self.loss, "metrics": ["accuracy"]}, seed=weight_seed).replace(
                "from tensorflow import keras\n", f"from tensorflow import keras\n\nkeras.utils.set_random_seed({weight_seed})\n", 1),
            f"history = model.fit(x_train, y_train, batch_size={self.batch_size}, epochs={epochs}, "
            "validation_data=(x_test, y_test))",
            "",
            "# The model takes a point (x₁, x₂) as it is: its first layer computes the features.",
            "print(model.predict(np.array([[0.5, -1.0]]), verbose=0))",
        ]
        return "\n".join(lines) + "\n"

    def _data_code(self) -> list[str]:
        """The lines that make the same points: the lab's generator and split, or the table's own code."""
        if self.table is not None:
            return [f"# {self.table.columns[0]} × {self.table.columns[1]} of {self.table.name!r}, "
                    "as the playground reads them.", *self.table.code.splitlines()]
        point_set = POINT_SETS[self.point_set]
        return [
            f"# The {self.point_set!r} points, as the playground draws them (seed {self.data_seed}).",
            f"n, classes, noise = {self.points}, {self.classes}, {self.noise:g}",
            f"rng = np.random.default_rng({self.data_seed})",
            point_set.code,
            "if noise > 0:",
            "    x = x + rng.normal(0.0, noise, size=x.shape)",
            "x = x.astype('float32')",
            f"order = np.random.default_rng({self.data_seed}).permutation(n)",
            f"test_count = min(max(round(n * {self.test_ratio:g}), {1 if self.test_ratio > 0 else 0}), n - 1)",
            "train, test = order[:n - test_count], order[n - test_count:]",
            "x_train, y_train, x_test, y_test = x[train], y[train], x[test], y[test]",
        ]


@dataclass(frozen=True)
class Lesson:
    """An entry of ``LESSONS``: a setup with a story (``boundary.lesson.<key>.title`` / ``.text``).

    Attributes:
        setup: What the controls become.
        epochs: How many epochs Train runs for it.
    """

    setup: BoundarySetup
    epochs: int = 100


_PERCEPTRON = BoundarySetup(hidden=(), learning_rate=0.1)
LESSONS: dict[str, Lesson] = {
    "perceptron_and": Lesson(replace(_PERCEPTRON, point_set="and", noise=0.2, test_ratio=0.2), 40),
    "perceptron_xor": Lesson(replace(_PERCEPTRON, point_set="xor", noise=0.0), 60),
    "hidden_xor": Lesson(BoundarySetup(point_set="xor", hidden=((4, "tanh"),), learning_rate=0.03), 60),
    "circles_linear": Lesson(replace(_PERCEPTRON, point_set="circles", noise=0.1), 60),
    "circles_squares": Lesson(replace(_PERCEPTRON, point_set="circles", noise=0.1,
                                      features=("x1", "x2", "x1_squared", "x2_squared")), 60),
    "spiral_depth": Lesson(BoundarySetup(point_set="spiral", noise=0.05, points=300,
                                         hidden=((16, "tanh"), (16, "tanh"), (16, "tanh")), learning_rate=0.01), 300),
    "vanishing_gradient": Lesson(BoundarySetup(point_set="circles", noise=0.05, hidden=((8, "sigmoid"),) * 4,
                                               optimizer="SGD", learning_rate=0.1), 40),
    "overfit": Lesson(BoundarySetup(point_set="gaussian", noise=0.6, points=60, test_ratio=0.5,
                                    hidden=((64, "relu"), (64, "relu"), (64, "relu")), learning_rate=0.01), 300),
}
"""The one-click lessons, in the order the page shows them."""
