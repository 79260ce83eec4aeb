"""The Build page's state: one ``BuildState`` under ``st.session_state["build"]``, and its edits.

The stack being edited is a plain model spec (see ``playground.spec``). Each layer also has a
stable id (``uids``, parallel to ``spec["layers"]``) that names its widgets, so moving a layer moves
its widgets with it, and loading a new spec (preset, file, link) gives fresh widgets that show the
new values. The edit functions never validate: an invalid stack is kept exactly as the learner
left it, and the page shows what is wrong.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from playground.data.core import Dataset
from playground.spec.layers import LAYER_TYPES, new_layer
from playground.spec.presets import PRESETS
from playground_app.link_memory import LinkMemory
from playground_app.state import page_state

STATE_KEY = "build"
DEFAULT_PRESET = "mnist_cnn"


class BuildKeys:
    """The Build page's widget keys, declared once beside its state (all start with "build_").

    Keys with ``{uid}`` belong to one layer card: they carry the layer's stable id, so a moved layer
    keeps its widgets. The input-shape key carries ``BuildState.generation``, so loading a new stack
    gives that box a fresh widget showing the new shape.
    """

    PRESET = "build_preset"
    LOAD_PRESET = "build_load_preset"
    NEW_TYPE = "build_new_type"
    ADD = "build_add"
    INPUT_SHAPE = "build_input_shape_{generation}"
    CARD = "build_card_{uid}"
    EDITOR = "build_editor_{uid}"
    FIELD = "build_f_{uid}_{name}"
    MOVE_UP = "build_up_{uid}"
    MOVE_DOWN = "build_down_{uid}"
    DUPLICATE = "build_dup_{uid}"
    DELETE = "build_del_{uid}"
    SUMMARY_TABLE = "build_summary_table"
    UPLOAD = "build_upload"
    DOWNLOAD_JSON = "build_download_json"
    DOWNLOAD_CODE = "build_download_code"
    DOWNLOAD_LAYERED = "build_download_layered"
    DOWNLOAD_GRAPH = "build_download_graph"


@dataclass
class Notice:
    """A one-off message shown at the top of the page on the next run.

    Attributes:
        kind: "success" or "error".
        key: Translation key, or None when ``error`` carries its own text.
        fields: Values for the text's fields.
        error: A ``SpecError`` whose ``.text(lang)`` is the message, or None.
    """

    kind: str
    key: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    error: Any = None


@dataclass
class BuildState:
    """Everything the Build page remembers for one browser session.

    Attributes:
        spec: The stack being edited (may be invalid; never silently repaired).
        uids: A stable id per layer of ``spec["layers"]``, used in widget keys.
        next_uid: The next unused id.
        open_uids: The layers whose "Edit arguments" panel is open: a new or duplicated layer,
            one that showed an error, one the learner opened. Kept here (not derived from the
            current error) so a panel stays open while the learner fixes what is in it.
        link: The ``?model=`` values read from and written to the link (``LinkMemory``).
        notice: A message to show once (a loaded preset, a refused upload or link).
        generation: Counts whole-stack loads; part of the input-shape widget key so a load
            refreshes that widget too.
        preset_synced_for: The stack (as JSON) for which the preset box last showed its
            preset (or "custom"); the box is set again only when the stack changes, so a preset
            the learner picked but has not loaded yet stays in the box.
        made_with: The data the loaded stack came with (the Decision boundary lab's points, as the lab drew them),
            which "Train this model" opens with when the input still fits it; None after any other load.
    """

    spec: dict[str, Any]
    uids: list[int]
    next_uid: int
    open_uids: set[int] = field(default_factory=set)
    link: LinkMemory = field(default_factory=LinkMemory)
    notice: Notice | None = None
    generation: int = 0
    preset_synced_for: str | None = None
    made_with: Dataset | None = None

    def layer_index(self, uid: int) -> int | None:
        """Returns the current position of the layer with id ``uid``, or None if it is gone.

        A click on a card that a quick earlier click already deleted (the browser still showed
        it) arrives with a stale id: every edit then does nothing instead of failing.
        """
        return self.uids.index(uid) if uid in self.uids else None

    def _new_uid(self) -> int:
        self.next_uid += 1
        return self.next_uid - 1

    def load(self, spec: dict[str, Any]) -> None:
        """Replaces the whole stack (preset, file, link) with a copy of ``spec``."""
        spec = copy.deepcopy(spec)
        layers = list(spec.get("layers", []))
        if layers and layers[0].get("type") == "InputLayer":
            # The leading InputLayer carries the shape; a second copy at the top would have to be
            # kept in step with it by hand.
            spec.pop("input_shape", None)
        self.spec = {"input_shape": spec.get("input_shape"), "layers": layers}
        self.uids = [self._new_uid() for _ in layers]
        self.open_uids = set()
        self.generation += 1
        self.made_with = None

    def add(self, type_name: str) -> None:
        """Appends a fresh layer of ``type_name`` with its starter arguments, editor open."""
        self.spec["layers"].append(new_layer(type_name))
        self.uids.append(self._new_uid())
        self.open_uids.add(self.uids[-1])

    def delete(self, uid: int) -> None:
        """Removes the layer with id ``uid``."""
        index = self.layer_index(uid)
        if index is None:
            return
        del self.spec["layers"][index]
        del self.uids[index]
        self.open_uids.discard(uid)

    def duplicate(self, uid: int) -> None:
        """Inserts a copy of the layer with id ``uid`` right after it, editor open."""
        index = self.layer_index(uid)
        if index is None:
            return
        self.spec["layers"].insert(index + 1, copy.deepcopy(self.spec["layers"][index]))
        self.uids.insert(index + 1, self._new_uid())
        self.open_uids.add(self.uids[index + 1])

    def move(self, uid: int, offset: int) -> None:
        """Moves the layer with id ``uid`` up (``offset`` -1) or down (+1), if it can move."""
        index = self.layer_index(uid)
        if index is None:
            return
        target = index + offset
        if not 0 <= target < len(self.uids):
            return
        layers = self.spec["layers"]
        layers[index], layers[target] = layers[target], layers[index]
        self.uids[index], self.uids[target] = self.uids[target], self.uids[index]

    def set_argument(self, uid: int, name: str, value: Any, default: Any) -> None:
        """Sets one argument of a layer; a value equal to Keras's default is left out of the spec.

        Leaving defaults out keeps the exported code and the link as short as the course notes'.
        """
        index = self.layer_index(uid)
        if index is None:
            return
        layer = self.spec["layers"][index]
        if value is None or value == default:
            # An emptied field falls back to Keras's default (or is reported missing if required).
            layer.pop(name, None)
        else:
            layer[name] = value

    def set_editor_open(self, uid: int, is_open: bool) -> None:
        """Records that the learner opened or closed the argument editor of layer ``uid``."""
        if is_open:
            self.open_uids.add(uid)
        else:
            self.open_uids.discard(uid)

    def effective_spec(self) -> dict[str, Any]:
        """The spec to validate: without a top-level shape when a leading InputLayer gives it."""
        layers = self.spec["layers"]
        if layers and isinstance(layers[0], dict) and layers[0].get("type") == "InputLayer":
            return {"layers": layers}
        return {"input_shape": self.spec.get("input_shape"), "layers": layers}

    @property
    def starts_with_input_layer(self) -> bool:
        """Whether the stack's first layer is an InputLayer (which then holds the input shape)."""
        layers = self.spec["layers"]
        return bool(layers) and layers[0].get("type") == "InputLayer"


def new_state() -> BuildState:
    """A fresh state holding the default preset."""
    state = BuildState(spec={"input_shape": None, "layers": []}, uids=[], next_uid=0)
    state.load(PRESETS[DEFAULT_PRESET])
    return state


def build_state() -> BuildState:
    """Returns this session's ``BuildState``, creating it on first use."""
    return page_state(STATE_KEY, new_state)


def layer_types() -> list[str]:
    """The layer types the "Add layer" picker offers, in the registry's order."""
    return list(LAYER_TYPES)
