"""The Build page's stack editor: presets, input shape, one card per layer, and "Add layer".

Every widget writes into ``BuildState`` through an ``on_change`` / ``on_click`` callback, which
Streamlit runs before the script, so the page validates and draws the stack the learner just made
in the same run. Widget keys (``BuildKeys``) carry the layer's stable id (``build_f_<uid>_<field>``).
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from playground.spec.layers import LAYER_TYPES, REQUIRED, Field
from playground.spec.presets import PRESET_TITLES, PRESETS, matching_preset
from playground_app.build.state import BuildKeys, BuildState, Notice, build_state
from playground_app.state import hold_value
from playground_app.common import tr

def parse_int_tuple(text: str) -> int | list[int] | str | None:
    """Reads "3" → 3, "3, 3" → [3, 3], "" → None; anything else is returned as typed.

    Text that is not whole numbers is kept as it is, so the spec check reports it to the learner
    with the fix instead of the page guessing.
    """
    cleaned = text.strip().strip("()[]").strip()
    if not cleaned:
        return None
    parts = [part.strip() for part in cleaned.replace("×", ",").replace("x", ",").split(",") if part.strip()]
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return text
    return numbers[0] if len(numbers) == 1 else numbers


def show_int_tuple(value: Any) -> str:
    """Writes an int or a list of ints as the learner types it: "3" or "3, 3"."""
    if value is None or value is REQUIRED:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _on_field_change(uid: int, field: Field) -> None:
    state = build_state()
    raw = st.session_state[BuildKeys.FIELD.format(uid=uid, name=field.name)]
    value = parse_int_tuple(raw) if field.kind == "int_tuple" else raw
    if field.kind == "choice_list":  # A multiselect's list, or text typed where it could not show the value.
        value = [item.strip() for item in raw.split(",") if item.strip()] if isinstance(raw, str) else list(raw)
    if field.kind == "int" and isinstance(value, float) and value.is_integer():
        value = int(value)
    default = None if field.default is REQUIRED else field.default
    state.set_argument(uid, field.name, value, default)


def _in_range(field: Field, value: Any) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return (field.minimum is None or value >= field.minimum) and (field.maximum is None or value <= field.maximum)


def _field_widget(uid: int, field: Field, layer: dict[str, Any]) -> None:
    """Draws one argument's widget, showing the layer's value (or Keras's default)."""
    value = layer.get(field.name, field.default)
    key = BuildKeys.FIELD.format(uid=uid, name=field.name)
    common: dict[str, Any] = {"key": key, "help": tr(field.help_key) if field.help_key else None,
                              "on_change": _on_field_change, "args": (uid, field)}
    label = field.name + (" *" if field.required else "")
    if field.kind in ("int", "float") and (value is REQUIRED or _in_range(field, value)):
        is_int = field.kind == "int"
        cast = int if is_int else float
        st.number_input(
            label,
            min_value=None if field.minimum is None else cast(field.minimum),
            max_value=None if field.maximum is None else cast(field.maximum),
            value=None if value is REQUIRED else cast(value),
            step=1 if is_int else (0.05 if (field.maximum or 0) <= 1 else 0.1),
            format="%d" if is_int else "%g",
            **common,
        )
    elif field.kind in ("choice", "regularizer") and value in field.choices:
        st.selectbox(label, options=list(field.choices), index=list(field.choices).index(value), **common)
    elif field.kind == "bool" and isinstance(value, bool):
        st.checkbox(label, value=value, **common)
    elif field.kind == "choice_list" and isinstance(value, (list, tuple)) and set(value) <= set(field.choices):
        st.multiselect(label, options=list(field.choices), default=list(value), **common)
    else:
        # int_tuple fields, and any value the widgets above cannot hold, are typed as text.
        st.text_input(label, value=show_int_tuple(value) if field.kind == "int_tuple" else str(value), **common)


def _layer_title(index: int, layer: dict[str, Any], row: Any, failed: bool) -> str:
    type_name = layer.get("type", "?")
    if failed:
        return tr("build.layer_title_error", number=index + 1, type=type_name)
    if row is None:
        return tr("build.layer_title_plain", number=index + 1, type=type_name)
    return tr("build.layer_title", number=index + 1, type=type_name, name=row.name,
              shape=str(row.output_shape), params=f"{row.params:,}")


def layer_card(state: BuildState, index: int, row: Any, error: Any, lang: str) -> None:
    """Draws one layer: title with output shape and parameters, move/duplicate/delete, editor.

    Args:
        state: The page state.
        index: The layer's position in ``state.spec["layers"]``.
        row: Its ``SummaryRow`` when the stack is valid up to it, else None.
        error: The ``SpecError`` that names this layer, or None.
        lang: The learner's language, for the error text.
    """
    uid = state.uids[index]
    layer = state.spec["layers"][index]
    count = len(state.uids)
    with st.container(border=True, key=BuildKeys.CARD.format(uid=uid)):
        st.markdown(_layer_title(index, layer, row, error is not None))
        # Icon-only buttons: Material icons ship with Streamlit, unlike arrow glyphs in some fonts.
        up, down, copy_button, delete, _ = st.columns([1, 1, 1, 1, 6], gap="small")
        up.button("", icon=":material/arrow_upward:", key=BuildKeys.MOVE_UP.format(uid=uid),
                  help=tr("build.move_up"), disabled=index == 0, on_click=state.move, args=(uid, -1))
        down.button("", icon=":material/arrow_downward:", key=BuildKeys.MOVE_DOWN.format(uid=uid),
                    help=tr("build.move_down"), disabled=index == count - 1, on_click=state.move, args=(uid, 1))
        copy_button.button("", icon=":material/content_copy:", key=BuildKeys.DUPLICATE.format(uid=uid),
                           help=tr("build.duplicate"), on_click=state.duplicate, args=(uid,))
        delete.button("", icon=":material/delete:", key=BuildKeys.DELETE.format(uid=uid),
                      help=tr("build.delete"), on_click=state.delete, args=(uid,))
        if error is not None:
            st.error(error.text(lang), icon=":material/error:")
        layer_type = LAYER_TYPES.get(layer.get("type", ""))
        if layer_type is None or not layer_type.fields:
            if layer_type is not None:
                st.caption(tr(layer_type.description_key))
            return
        with _editor(state, uid, error is not None):
            st.caption(tr(layer_type.description_key))
            columns = st.columns(2)
            for position, field in enumerate(layer_type.fields):
                with columns[position % 2]:
                    _field_widget(uid, field, layer)


def _on_editor_toggle(uid: int) -> None:
    build_state().set_editor_open(uid, bool(st.session_state.get(BuildKeys.EDITOR.format(uid=uid))))


def _editor(state: BuildState, uid: int, has_error: bool) -> Any:
    """Returns the layer's "Edit arguments" expander, open as ``BuildState.open_uids`` says.

    An error opens it, and it stays open after the fix: its open state is the page's, not a
    function of the current error (which made it snap shut mid-edit). The expander's own
    state is set from the page state before it is drawn, and a click records it back.
    """
    if has_error:
        state.open_uids.add(uid)
    key = BuildKeys.EDITOR.format(uid=uid)
    st.session_state[key] = uid in state.open_uids
    return st.expander(tr("build.edit"), key=key, on_change=_on_editor_toggle, args=(uid,))


def _on_input_shape_change(key: str) -> None:
    state = build_state()
    parsed = parse_int_tuple(st.session_state[key])
    state.spec["input_shape"] = [parsed] if isinstance(parsed, int) else parsed


def input_shape_box(state: BuildState) -> None:
    """Draws the model's input-shape box (or says that a leading InputLayer sets it)."""
    if state.starts_with_input_layer:
        st.caption(tr("build.input_from_layer"))
        return
    key = BuildKeys.INPUT_SHAPE.format(generation=state.generation)
    st.text_input(tr("build.input_shape"), value=show_int_tuple(state.spec.get("input_shape")), key=key,
                  help=tr("build.input_shape_help"), on_change=_on_input_shape_change, args=(key,))


def _load_preset() -> None:
    state = build_state()
    name = st.session_state.get(BuildKeys.PRESET)
    if name is None:  # "Custom model" is shown, not a preset: nothing to load.
        return
    state.load(PRESETS[name])
    state.notice = Notice("success", "build.preset_loaded", {"title": tr(PRESET_TITLES[name])})


def _sync_preset_box(state: BuildState) -> None:
    """Shows in the preset box the preset the stack is, or nothing ("Custom model") once it differs.

    Only when the stack changed since the last sync: a preset picked but not loaded yet stays.
    """
    stack = json.dumps(state.effective_spec(), sort_keys=True, default=str)
    if stack != state.preset_synced_for:
        state.preset_synced_for = stack
        st.session_state[BuildKeys.PRESET] = matching_preset(state.effective_spec())


def preset_picker(state: BuildState) -> None:
    """Draws the preset selectbox and its "Load" button."""
    _sync_preset_box(state)
    choice, button = st.columns([4, 1], vertical_alignment="bottom")
    choice.selectbox(tr("build.preset"), options=list(PRESETS), key=BuildKeys.PRESET, index=None,
                     placeholder=tr("build.preset_custom"), format_func=lambda name: tr(PRESET_TITLES[name]))
    button.button(tr("build.load_preset"), key=BuildKeys.LOAD_PRESET, on_click=_load_preset,
                  width="stretch")


def _add_layer() -> None:
    build_state().add(st.session_state[BuildKeys.NEW_TYPE])


def add_layer_picker() -> None:
    """Draws the layer-type picker with the chosen type's description, and "Add layer"."""
    choice, button = st.columns([4, 1], vertical_alignment="bottom")
    hold_value(BuildKeys.NEW_TYPE, "Dense")
    type_name = choice.selectbox(tr("build.new_layer_type"), options=list(LAYER_TYPES), key=BuildKeys.NEW_TYPE)
    button.button(tr("build.add_layer"), key=BuildKeys.ADD, on_click=_add_layer, type="primary",
                  width="stretch")
    st.caption(tr(LAYER_TYPES[type_name].description_key))
