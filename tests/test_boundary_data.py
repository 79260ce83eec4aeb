"""Real data in the Decision boundary lab: table columns, a 2-column CSV (accepted or refused plainly), and
exported code that runs on its own, making the same points and the same model."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from playground.data.core import CsvError
from playground.data.registry import load
from playground.labs.boundary_data import csv_points, table_points
from playground.labs.boundary_setup import BoundarySetup


def test_iris_petal_length_and_width_are_the_registry_columns_with_three_classes():
    points = table_points("iris")
    iris = load("iris")
    assert points.columns == ("petal length (cm)", "petal width (cm)")
    assert np.array_equal(points.x_train, iris.x_train[:, [2, 3]]) and np.array_equal(points.y_test, iris.y_test)
    setup = BoundarySetup(table=points)
    assert setup.class_count == 3 and setup.spec()["layers"][-1] == {"type": "Dense", "units": 3,
                                                                    "activation": "softmax"}
    assert setup.loss == "sparse_categorical_crossentropy" and setup.dataset().class_names == iris.class_names
    low, high = setup.bounds
    assert low <= points.x_train.min() and points.x_train.max() <= high  # Every point is on the picture.
    with pytest.raises(ValueError):
        table_points("iris", (1, 1))


def _csv(rows: int = 40, extra: str = "") -> bytes:
    lines = [f"length,width,{extra}species" if extra else "length,width,species"]
    for index in range(rows):
        species = ("setosa", "virginica")[index % 2]
        cells = [f"{index % 2 * 2 + (index % 5) * 0.1:.2f}", f"{(index % 7) * 0.3:.2f}"]
        lines.append(",".join(cells + (["1"] if extra else []) + [species]))
    return ("\n".join(lines) + "\n").encode()


def test_a_two_column_csv_becomes_standardised_points_with_its_class_names():
    points = csv_points(_csv(), "species", "flowers.csv")
    assert points.columns == ("length", "width") and points.class_names == ("setosa", "virginica")
    assert len(points.y_train) + len(points.y_test) == 40 and points.x_train.dtype == np.float32
    assert abs(float(points.x_train.mean())) < 1e-5  # Scaled with the training rows' statistics.
    assert BoundarySetup(table=points).class_count == 2


@pytest.mark.parametrize("data, label, key", [
    (_csv(extra="height,"), "species", "boundary.csv.not_two_columns"),
    (b"a,b,c\n" + b"".join(f"{i},{i * 2},{i * 0.37:.2f}\n".encode() for i in range(40)), "c", "boundary.csv.regression"),
    (b"a,b,c\n" + b"".join(f"{i},{i * 2},k{i % 9}\n".encode() for i in range(40)), "c", "boundary.csv.too_many_classes"),
    (b"", "species", "datasets.csv.empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "species", "datasets.csv.not_text"),
    (b"a,b,species\n1,x,y\n", "species", "datasets.csv.text_features"),
    (_csv(), "colour", "datasets.csv.no_label_column"),
], ids=["three-columns", "numbers-as-classes", "nine-classes", "empty", "png", "text-column", "no-such-label"])
def test_an_unusable_csv_is_refused_with_a_plain_reason(data, label, key):
    with pytest.raises(CsvError) as caught:
        csv_points(data, label)
    assert caught.value.key == key
    assert "Traceback" not in str(caught.value) and caught.value.text("ko") != str(caught.value)


def _run_alone(code: str, folder, files: dict[str, bytes] | None = None) -> dict:
    """Runs exported code in a fresh Python without the playground on its path; returns its arrays and weights."""
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    tail = textwrap.dedent("""
        import json
        initial = [w.tolist() for w in initial_model.get_weights()]
        json.dump({"x_train": x_train.tolist(), "y_test": y_test.tolist(), "initial": initial,
                   "loss": history.history["loss"]}, open("result.json", "w"))
    """)
    # The model right after it is built (before fit) is kept, to compare initial weights.
    code = code.replace("model.compile(", "initial_model = keras.models.clone_model(model)\n"
                                          "initial_model.set_weights(model.get_weights())\nmodel.compile(", 1)
    (folder / "lab.py").write_text(code + tail)
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["TF_CPP_MIN_LOG_LEVEL"] = "3"
    finished = subprocess.run([sys.executable, "lab.py"], cwd=folder, env=environment, capture_output=True,
                              text=True, timeout=240)
    assert finished.returncode == 0, finished.stderr[-2000:]
    import json

    return json.loads((folder / "result.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["points", "table", "csv"])
def test_the_exported_code_runs_alone_with_the_same_data_and_initial_model(kind, tmp_path):
    import keras

    from playground.spec import build_model

    files = {}
    table = {"points": None, "table": table_points("iris"), "csv": csv_points(_csv(), "species", "flowers.csv")}[kind]
    if kind == "csv":
        files["flowers.csv"] = _csv()
    setup = BoundarySetup(point_set="circles", noise=0.1, points=60, table=table, hidden=((3, "tanh"),),
                          features=("x1", "x2", "x1_squared"), regularizer="l2")
    code = setup.code(epochs=2, weight_seed=11)
    assert "import playground" not in code and "from playground" not in code
    result = _run_alone(code, tmp_path, files)
    dataset = setup.dataset()
    assert np.allclose(result["x_train"], dataset.x_train, atol=1e-5)
    assert result["y_test"] == dataset.y_test.tolist() and len(result["loss"]) == 2
    # The same seed gives the same initial weights the engine starts from (FitJob seeds Keras, then builds).
    keras.utils.set_random_seed(11)
    engine_model = build_model(setup.spec(), seed=11)
    for exported, engine in zip(result["initial"], engine_model.get_weights()):
        assert np.allclose(exported, engine, atol=1e-6)
