"""Build: stack Keras layers, see Keras's summary, diagrams and code; share the model as a link.

Thin on purpose: the stack editor lives in ``ui/build_form.py``, what is shown about a valid stack
in ``ui/build_outputs.py``, the state in ``ui/build_state.py``; the model logic is ``playground.spec``.
"""

import copy
import json

import streamlit as st

from playground.data.registry import Dataset, dataset_for_input_shape
from playground.spec import SpecError, summarize, validate
from playground_app import clicks
from playground_app.build import form as build_form
from playground_app.build import outputs as build_outputs
from playground_app.build.state import build_state
from playground_app.train.state import TrainKeys
from playground_app.common import lang, tr
from playground_app.errors import page_boundary
from playground_app.state import shared
from playground_app.widgets.dataset_picker import HANDED_OPTION


def _prefix_rows(spec: dict, error: SpecError) -> tuple:
    """Summary rows of the layers before the broken one, so their shapes stay visible."""
    if not error.layer_index:
        return ()
    try:
        return summarize({**spec, "layers": spec["layers"][: error.layer_index]}).rows
    except SpecError:
        return ()


def _send_to_train(spec: dict, made_with: Dataset | None) -> None:
    """The Train page will open on this model, with the data it came with (while its input still fits that data),
    else with the dataset its input shape was made for."""
    shared().spec = copy.deepcopy(spec)
    st.session_state[TrainKeys.MODEL_SOURCE] = "build"
    shape = tuple(int(size) for size in spec.get("input_shape") or ())
    if made_with is not None and tuple(made_with.input_shape) == shape:
        shared().handed_data = made_with
        st.session_state[TrainKeys.DATASET] = HANDED_OPTION
        return
    dataset = dataset_for_input_shape(shape)
    if dataset is not None:
        st.session_state[TrainKeys.DATASET] = dataset


def main() -> None:
    """Draws the page."""
    state = build_state()
    build_outputs.apply_link(state)
    st.title(tr("nav.build"))
    st.caption(tr("build.intro"))
    build_outputs.show_notice(state)
    build_form.preset_picker(state)

    spec = state.effective_spec()
    error: SpecError | None = None
    try:
        summary = summarize(spec)
        rows = summary.rows
    except SpecError as caught:
        summary, error = None, caught
        rows = _prefix_rows(spec, caught)
    rows_by_index = {row.index: row for row in rows}

    # The results side is the wider one: Keras's summary of a deep model ("batch_normalization_12
    # (BatchNormalization)", "(None, 14, 14, 100)", "22,550") needs about 490 px to show every cell whole (at a 1400 px window this side gets 504).
    editor, results = st.columns([10, 13], gap="large")
    with editor:
        st.subheader(tr("build.stack"))
        build_form.input_shape_box(state)
        if error is not None and error.layer_index is None:
            st.error(error.text(lang()), icon=":material/error:")
        for index in range(len(state.spec["layers"])):
            layer_error = error if error is not None and error.layer_index == index else None
            build_form.layer_card(state, index, rows_by_index.get(index), layer_error, lang())
        build_form.add_layer_picker()
    with results:
        st.subheader(tr("build.summary"))
        if summary is not None:
            build_outputs.summary_table(summary, spec=spec)
        else:
            st.warning(tr("build.invalid_stack"), icon=":material/error:")
            if rows:
                st.caption(tr("build.partial_summary"))
                build_outputs.summary_table(None, rows)

    if summary is None:
        build_outputs.file_panel(None)
        return
    valid_spec = validate(spec)
    # Train and Compare read the model from here; they only ever see a valid one.
    shared().spec = copy.deepcopy(valid_spec)
    shared_link = build_outputs.publish_link(valid_spec)
    if clicks.taken("build_train_this"):  # With the model as this run has it (``playground_app.clicks``).
        _send_to_train(valid_spec, state.made_with)
        st.switch_page("train/page.py")
    clicks.button(tr("build.train_this"), "build_train_this", type="primary", icon=":material/show_chart:",
                  help=tr("build.train_this_help"))

    st.subheader(tr("build.diagrams"))
    build_outputs.diagrams(json.dumps(valid_spec, sort_keys=True))
    with st.expander(tr("build.show_code")):
        build_outputs.code_panel(valid_spec)
    files, link = st.columns(2, gap="large")
    with files:
        st.subheader(tr("build.files"))
        build_outputs.file_panel(valid_spec)
    with link:
        st.subheader(tr("build.share"))
        build_outputs.share_link(shared_link)


with page_boundary():
    main()
