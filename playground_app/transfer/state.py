"""The "Your images" page's state: one dataclass under the session-state key ``"transfer"``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground_app.state import page_state

STATE_KEY = "transfer"
SOURCES = ("example", "zip", "camera")


class TransferKeys:
    """The page's widget keys, declared once beside its state (all start with "transfer_")."""

    SOURCE = "transfer_source"
    ZIP = "transfer_zip"
    CLASS_COUNT = "transfer_class_count"
    CLASS_NAME = "transfer_class_name_{index}"
    CAMERA = "transfer_camera_{index}"
    ADD_FILES = "transfer_add_files_{index}"
    ADD_CAPTURE = "transfer_add_capture_{index}"
    CLEAR_CAPTURES = "transfer_clear_captures"
    RENAME = "transfer_rename_{index}"
    BASE = "transfer_base"
    DOWNLOAD = "transfer_download"
    EPOCHS = "transfer_epochs"
    BATCH = "transfer_batch"
    START = "transfer_start"
    STOP = "transfer_stop"
    CHART = "transfer_chart"
    WAY = "transfer_way"
    PREDICT_SOURCE = "transfer_predict_source"
    PREDICT_UPLOAD = "transfer_predict_upload"
    PREDICT_CAMERA = "transfer_predict_camera"
    PREDICT_PICK = "transfer_predict_pick"
    SAVE_MODEL = "transfer_save_model"
    SAVE_BASE = "transfer_save_base"
    MEASURE = "transfer_measure"
    MEASURE_CHART = "transfer_measure_chart_{points}_{lang}"


@dataclass
class TransferState:
    """What the page keeps between reruns.

    Attributes:
        pictures: The learner's pictures (``playground.transfer.images.PictureSet``), or None.
        pictures_from: What the pictures were read from (an upload's id, "example", "camera").
        captures: Camera pictures by class index (encoded bytes), before they become ``pictures``.
        race: The running or finished race of the three ways (``RaceHandle``), or None.
        setup: The ``ThreeWays`` that race was started from.
        dataset: The pictures as the race trained on them (at the base's input size).
        models: Trained Keras models by way, loaded when first needed.
        measures: One race handle per number of pictures per class (accuracy against pictures).
        measure_counts: The pictures per class of each of ``measures``.
    """

    pictures: Any = None
    pictures_from: str | None = None
    captures: dict[int, list[bytes]] = field(default_factory=dict)
    race: Any = None
    setup: Any = None
    dataset: Any = None
    models: dict[str, Any] = field(default_factory=dict)
    measures: list[Any] = field(default_factory=list)
    measure_counts: tuple[int, ...] = ()


def transfer_state() -> TransferState:
    """Returns this session's page state, creating it on first use."""
    return page_state(STATE_KEY, TransferState)
