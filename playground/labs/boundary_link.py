"""The whole Decision boundary lab in a link: data, network, training settings, epochs and weight seed.

The link form is the Build page's (``playground.spec.io``): ``1.`` followed by the base64url text of the
zlib-compressed compact JSON, capped both ways by ``MAX_URL_CHARACTERS``. Reading one checks every value
against the lab's own registries (point sets, tables, features, activations, optimizers) and ranges, and
raises only ``LinkError`` with a plain message: a link is text anybody can edit.

A learner's CSV is not in the link (its rows could be anything, and large): the link keeps the rest
and names the file, so the page can ask for it again.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import zlib
from dataclasses import dataclass
from typing import Any

from playground.errors import LearnerError
from playground.data.points import POINT_SETS
from playground.labs.boundary import FEATURES
from playground.labs.boundary_data import TABLE_COLUMNS, table_points
from playground.labs.boundary_setup import (DEFAULT_REGULARIZATION, HIDDEN_ACTIVATIONS, MAX_EPOCHS, MAX_HIDDEN_LAYERS,
                                            MAX_UNITS, REGULARIZATION_STRENGTHS, REGULARIZERS, BoundarySetup)
from playground.spec.io import MAX_JSON_CHARACTERS, MAX_URL_CHARACTERS, URL_VERSION

URL_KEY = "lab"
"""The page link's query parameter (``?lab=1.…``)."""


class LinkError(LearnerError):
    """A lab link that cannot be read: damaged, edited by hand, or from another version."""


@dataclass(frozen=True)
class LabLink:
    """What a link holds.

    Attributes:
        setup: The experiment (points from a bundled table included; a CSV's points are not).
        epochs: The epochs one Train press runs.
        weight_seed: Seed of the initial weights (the same seed, the same starting network).
        csv_name: The file name when the points were the learner's own CSV (not carried), else None.
    """

    setup: BoundarySetup
    epochs: int
    weight_seed: int
    csv_name: str | None = None


def lab_to_param(setup: BoundarySetup, epochs: int, weight_seed: int) -> str:
    """The ``?lab=`` text that reopens this lab (every field, in the order the page shows them)."""
    data: dict[str, Any] = {
        "set": setup.point_set, "classes": setup.classes, "noise": setup.noise, "points": setup.points,
        "test": setup.test_ratio, "data_seed": setup.data_seed,
        "hidden": [[units, activation] for units, activation in setup.hidden], "features": list(setup.features),
        "reg": setup.regularizer, "reg_strength": setup.regularization, "opt": setup.optimizer, "lr": setup.learning_rate, "batch": setup.batch_size,
        "epochs": epochs, "seed": weight_seed,
    }
    if setup.table is not None and setup.table.indices:
        data["table"] = [setup.table.name, *setup.table.indices]
    elif setup.table is not None:
        data["csv"] = setup.table.name
    compact = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return URL_VERSION + base64.urlsafe_b64encode(zlib.compress(compact, 9)).decode("ascii").rstrip("=")


def lab_from_param(text: str) -> LabLink:
    """Reads ``lab_to_param``'s text back.

    Raises:
        LinkError: ``boundary.bad_link`` with what is wrong (unknown format, damaged text, a value out
            of range or unknown to the lab).
    """
    if not isinstance(text, str) or not text.startswith(URL_VERSION) or len(text) > MAX_URL_CHARACTERS:
        raise LinkError("boundary.bad_link", detail="unknown format")
    body = text[len(URL_VERSION):]
    try:
        decompressor = zlib.decompressobj()
        raw = decompressor.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), MAX_JSON_CHARACTERS)
        if decompressor.unconsumed_tail or not decompressor.eof:
            raise ValueError("incomplete or oversized")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a lab")
        return _read(data)
    except LinkError:
        raise
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError, RecursionError, TypeError, KeyError) as error:
        raise LinkError("boundary.bad_link", detail=str(error)[:120] or type(error).__name__) from error


def _number(data: dict[str, Any], key: str, low: float, high: float, whole: bool = False) -> Any:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high or (whole and float(value) != int(value)):
        raise ValueError(f"{key} = {value!r} is not {'a whole number' if whole else 'a number'} "
                         f"from {low:g} to {high:g}")
    return int(value) if whole else float(value)


def _choice(data: dict[str, Any], key: str, choices: Any) -> Any:
    value = data[key]
    if value not in tuple(choices):
        raise ValueError(f"{key} = {value!r} is not one of {', '.join(map(str, choices))}")
    return value


def _read(data: dict[str, Any]) -> LabLink:
    from playground.engine.optimizers import OPTIMIZERS

    point_set = _choice(data, "set", POINT_SETS)
    hidden = data["hidden"]
    if not isinstance(hidden, list) or len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"hidden: at most {MAX_HIDDEN_LAYERS} layers")
    layers = tuple((_number({"units": layer[0]}, "units", 1, MAX_UNITS, whole=True),
                    _choice({"activation": layer[1]}, "activation", HIDDEN_ACTIVATIONS)) for layer in hidden)
    features = data["features"]
    if not isinstance(features, list) or not features or len(set(features)) != len(features):
        raise ValueError("features: one or more different features")
    for name in features:
        _choice({"feature": name}, "feature", FEATURES)
    table = None
    if "table" in data:
        name, first, second = data["table"]
        table = table_points(_choice({"table": name}, "table", TABLE_COLUMNS),
                             (_number({"column": first}, "column", 0, 63, whole=True),
                              _number({"column": second}, "column", 0, 63, whole=True)))
    csv_name = data.get("csv")
    if csv_name is not None and not isinstance(csv_name, str):
        raise ValueError("csv: a file name")
    setup = BoundarySetup(
        point_set=point_set, table=table,
        classes=_number(data, "classes", 2, POINT_SETS[point_set].max_classes, whole=True),
        noise=_number(data, "noise", 0, 1), points=_number(data, "points", 20, 500, whole=True),
        test_ratio=_number(data, "test", 0.1, 0.5), data_seed=_number(data, "data_seed", 0, 2**31, whole=True),
        hidden=layers, features=tuple(features), regularizer=_choice(data, "reg", REGULARIZERS),
        # Links made before the strength control have none: Keras's own 0.01, as they trained.
        regularization=_number({"reg_strength": DEFAULT_REGULARIZATION, **data}, "reg_strength",
                               REGULARIZATION_STRENGTHS[0], REGULARIZATION_STRENGTHS[-1]),
        optimizer=_choice(data, "opt", OPTIMIZERS), learning_rate=_number(data, "lr", 0.0001, 3.0),
        batch_size=_number(data, "batch", 1, 500, whole=True))
    return LabLink(setup, _number(data, "epochs", 1, MAX_EPOCHS, whole=True),
                   _number(data, "seed", 0, 2**31, whole=True), csv_name[:200] if csv_name else None)
