"""The whole Decision boundary lab in a link: it round-trips, and a damaged or edited link is refused plainly."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from playground.labs.boundary_data import csv_points, table_points
from playground.labs.boundary_link import LinkError, lab_from_param, lab_to_param
from playground.labs.boundary_setup import LESSONS, BoundarySetup


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_every_lesson_round_trips_with_its_epochs_and_weight_seed(lesson):
    setup = LESSONS[lesson].setup
    link = lab_from_param(lab_to_param(setup, LESSONS[lesson].epochs, 1234))
    assert link.setup == setup and link.epochs == LESSONS[lesson].epochs and link.weight_seed == 1234
    assert link.setup.spec() == setup.spec() and link.setup.data()[0].tolist() == setup.data()[0].tolist()


def test_a_full_setup_with_a_real_table_round_trips():
    setup = BoundarySetup(table=table_points("wine", (0, 6)), hidden=((7, "relu"), (3, "sigmoid")),
                          features=("x1", "x2", "sin_x1"), regularizer="l1", regularization=0.003, optimizer="SGD",
                          learning_rate=0.2,
                          batch_size=32, data_seed=9)
    param = lab_to_param(setup, 321, 77)
    assert len(param) < 600  # Short enough to paste anywhere.
    link = lab_from_param(param)
    assert link.setup == setup and link.setup.table.columns == ("alcohol", "flavanoids") and link.csv_name is None
    assert link.setup.spec()["layers"][0] == {"type": "InputFeatures", "features": ["x1", "x2", "sin_x1"]}
    assert link.setup.spec()["layers"][1]["kernel_regularizer"] == {"class_name": "L1", "config": {"l1": 0.003}}


def _old_link(data: dict) -> str:
    """A link as the page wrote it before the regularization strength existed."""
    compact = json.dumps(data, separators=(",", ":")).encode("utf-8")
    return "1." + base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")


def test_a_link_from_before_the_strength_control_trains_with_keras_default_strength():
    import keras

    from playground.spec import build_model

    old = {"set": "xor", "classes": 2, "noise": 0.0, "points": 200, "test": 0.3, "data_seed": 0,
           "hidden": [[4, "tanh"]], "features": ["x1", "x2"], "reg": "l2", "opt": "Adam", "lr": 0.03, "batch": 10,
           "epochs": 100, "seed": 0}
    link = lab_from_param(_old_link(old))
    assert link.setup.regularizer == "l2" and link.setup.regularization == 0.01
    model = build_model(link.setup.spec())
    assert isinstance(model.layers[0].kernel_regularizer, keras.regularizers.L2)
    assert model.layers[0].kernel_regularizer.l2 == pytest.approx(0.01)
    with pytest.raises(LinkError):
        lab_from_param(_old_link({**old, "reg_strength": 5.0}))


def test_a_csv_lab_keeps_everything_but_the_rows_and_names_the_file():
    rows = "a,b,kind\n" + "\n".join(f"{i % 7},{i % 5},{'yes' if i % 2 else 'no'}" for i in range(30))
    setup = BoundarySetup(table=csv_points(rows.encode(), "kind", "mine.csv"), hidden=((2, "tanh"),))
    link = lab_from_param(lab_to_param(setup, 10, 3))
    assert link.csv_name == "mine.csv" and link.setup.table is None and link.setup.hidden == ((2, "tanh"),)


def _param(data: dict) -> str:
    return "1." + base64.urlsafe_b64encode(zlib.compress(json.dumps(data).encode())).decode().rstrip("=")


@pytest.mark.parametrize("change, words", [
    ({"set": "banana"}, "set"), ({"hidden": [[65, "tanh"]]}, "units"), ({"hidden": [[4, "softmax"]]}, "activation"),
    ({"features": []}, "features"), ({"features": ["x1", "os.system"]}, "feature"), ({"lr": float("inf")}, "lr"),
    ({"opt": "__import__"}, "opt"), ({"classes": 3}, "classes"), ({"table": ["iris", 1, 1]}, "different"),
    ({"epochs": 10**9}, "epochs"),
])
def test_an_edited_link_is_refused_with_what_is_wrong(change, words):
    good = json.loads(zlib.decompress(base64.urlsafe_b64decode(lab_to_param(BoundarySetup(), 5, 0)[2:] + "==")))
    with pytest.raises(LinkError) as caught:
        lab_from_param(_param({**good, **change}))
    assert caught.value.key == "boundary.bad_link" and words in str(caught.value)
    assert caught.value.text("ko") != str(caught.value)  # Korean too.


@pytest.mark.parametrize("text", ["", "2.abc", "1.!!!!", "1." + "A" * 7000, "1." + base64.urlsafe_b64encode(
    zlib.compress(b"[1, 2]")).decode(), "1." + base64.urlsafe_b64encode(zlib.compress(b"{" * 5000)).decode()])
def test_a_damaged_link_is_refused_without_a_traceback(text):
    with pytest.raises(LinkError):
        lab_from_param(text)
