"""What the Build page shows about a valid stack: summary table, diagrams, code, files and link.

Also the two ways a whole model arrives from outside — a JSON upload and the ``?model=`` link —
each of which either replaces the stack with a valid spec or says why not and keeps the stack.
"""

from __future__ import annotations

import io
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

import streamlit as st

from playground.spec import SpecError, build_model, spec_from_json, spec_from_url_param, spec_to_json, \
    spec_to_url_param, to_code
from playground.spec.io import LINK_ERRORS
from playground.spec.param_formulas import explain
from playground_app.build.state import BuildKeys, BuildState, Notice, build_state
from playground_app.common import lang, tr

URL_KEY = "model"
MAX_UPLOAD_BYTES = 400_000
"""Uploads larger than this are refused before reading (a saved spec is a few kilobytes)."""


_ROW_HEIGHT = 35
"""Pixels per row of ``st.dataframe`` (its default), to size the table to show every row."""
_CHARACTER_WIDTH = 6.3
"""Pixel width of one character of the table's font (measured in Chromium: 269 px for 43 characters)."""


def _text_width(text: str) -> float:
    """Estimated pixel width of ``text``: a Hangul (wide) character counts as about two Latin ones."""
    return sum(_CHARACTER_WIDTH * (2.2 if unicodedata.east_asian_width(char) in "WF" else 1) for char in text)


def _column_width(texts: list[str]) -> int:
    """The pixel width that shows the longest of ``texts`` (header included) without an ellipsis."""
    return int(max(_text_width(text) for text in texts)) + 18


def summary_table(summary: Any, rows: tuple[Any, ...] | None = None, spec: dict[str, Any] | None = None) -> None:
    """Draws Keras's ``model.summary()`` as a table, with the three totals under it.

    Every row is shown (the table's height follows the rows) and every column is as wide as its
    longest text, so a long layer name never cuts a parameter count to "22,5…". With ``spec``, a
    row can be selected to show how its parameters are counted.

    Args:
        summary: A ``ModelSummary`` (``playground.spec.summarize``), or None for a partial table
            (the layers before a broken one) without totals.
        rows: Rows to show instead of ``summary.rows`` (None: all).
        spec: The valid spec of ``summary``, to explain a selected row; None: rows not selectable.
    """
    shown = summary.rows if rows is None else rows
    columns = {tr("build.col_layer"): [f"{row.name} ({row.type})" for row in shown],
               tr("build.col_shape"): [str(row.output_shape) for row in shown],
               tr("build.col_params"): [f"{row.params:,}" for row in shown]}
    config = {header: st.column_config.TextColumn(width=_column_width([header, *texts]))
              for header, texts in columns.items()}
    table = [dict(zip(columns, values)) for values in zip(*columns.values())]
    height = _ROW_HEIGHT * (len(table) + 1) + 3
    if spec is None:
        st.dataframe(table, hide_index=True, width="stretch", height=height, column_config=config)
    else:
        # A click on any cell picks its row: no checkbox column takes width from the numbers.
        event = st.dataframe(table, hide_index=True, width="stretch", height=height, column_config=config,
                             on_select="rerun", selection_mode="single-cell", key=BuildKeys.SUMMARY_TABLE)
        cells = list(event.selection.cells) if event is not None else []
        explain_params(spec, summary, shown[cells[0][0]] if cells else None)
    if summary is None:
        return
    # The last three lines of model.summary(), as text that wraps: three st.metric side by side in this column cut
    # their labels, and in a narrow window their numbers too, with an ellipsis.
    totals = (("build.total_params", summary.total_params), ("build.trainable_params", summary.trainable_params),
              ("build.non_trainable_params", summary.non_trainable_params))
    st.markdown("  \n".join(f"{tr(key)}: **{count:,}**" for key, count in totals), help=tr("build.totals_help"))


def explain_params(spec: dict[str, Any], summary: Any, row: Any) -> None:
    """Shows how the selected row's parameters are counted ("320 = (3·3·1 + 1) · 32"), or how to ask.

    The formula comes from the layer type's registry entry (``param_formula``), whose arithmetic
    the tests check against the summary's count.
    """
    if row is None:
        st.caption(tr("build.explain_hint"))
        return
    formula = explain(spec)[row.index]
    # "0 = 0" says nothing: a layer without weights gets its count alone, then the why.
    expression = "" if formula.expression == "0" else f" = {formula.expression}"
    lines = [tr("build.explain_row", layer=f"{row.name} ({row.type})", params=f"{row.params:,}",
                expression=expression)]
    if formula.non_trainable:
        lines.append(tr("build.explain_non_trainable", count=f"{row.non_trainable_params:,}",
                        expression=formula.non_trainable))
    lines.append(tr(formula.words_key, **formula.words_fields))
    st.info("  \n".join(lines), icon=":material/calculate:")


@st.cache_data(max_entries=64, show_spinner=False)
def diagram_pngs(spec_json: str, language: str = "en") -> tuple[bytes, bytes]:
    """Returns the (layered, graph) PNGs of a valid spec, cached by its JSON and the labels' language.

    The Keras model built here is a local throw-away: nothing else holds it, so the cache is
    thread-safe (only bytes are shared).
    """
    from playground.spec.diagrams import graph_view_png, layered_view_png

    model = build_model(json.loads(spec_json))
    return layered_view_png(model, legend=True, show_dimension=True), graph_view_png(model, language)


def show_diagram(png: bytes, caption: str) -> None:
    """Shows a diagram at its natural width, as a PNG.

    The diagrams are drawn at the size that fits the model (``playground.spec.diagrams``);
    stretching a small one to the column's width made it blurry, and Streamlit's default JPEG
    re-encoding smudges thin lines and text.
    """
    from PIL import Image

    width = Image.open(io.BytesIO(png)).width
    st.image(png, width=width, output_format="PNG")
    st.caption(caption)  # Under the picture at the column's width: a narrow picture would squeeze it.


def diagrams(spec_json: str) -> None:
    """Draws the layered and graph views of the model with PNG download buttons."""
    from playground.spec.diagrams import DiagramTooLargeError

    try:
        with st.spinner(tr("build.drawing")):
            layered, graph = diagram_pngs(spec_json, lang())
    except DiagramTooLargeError as error:
        st.info(tr(error.key, **error.fields))
        return
    layered_tab, graph_tab = st.tabs([tr("build.layered_view"), tr("build.graph_view")])
    with layered_tab:
        show_diagram(layered, tr("build.layered_caption"))
        st.download_button(tr("build.download_png"), layered, file_name="model-layered.png", mime="image/png",
                           key=BuildKeys.DOWNLOAD_LAYERED)
    with graph_tab:
        show_diagram(graph, tr("build.graph_caption"))
        st.download_button(tr("build.download_png"), graph, file_name="model-graph.png", mime="image/png",
                           key=BuildKeys.DOWNLOAD_GRAPH)


def code_panel(spec: dict[str, Any]) -> None:
    """Shows the Keras code of the model (course-notes style) with a download button."""
    code = to_code(spec)
    st.code(code, language="python")
    st.download_button(tr("build.download_code"), code, file_name="model.py", mime="text/x-python",
                       key=BuildKeys.DOWNLOAD_CODE)


def _on_upload() -> None:
    upload = st.session_state.get(BuildKeys.UPLOAD)
    if upload is None:  # The learner removed the file: nothing to load.
        return
    state = build_state()
    if upload.size > MAX_UPLOAD_BYTES:
        state.notice = Notice("error", "build.upload_too_large", {"size": f"{upload.size:,}",
                                                                  "limit": f"{MAX_UPLOAD_BYTES:,}"})
        return
    try:
        spec = spec_from_json(upload.getvalue())
    except SpecError as error:
        state.notice = Notice("error", error=error)
        return
    state.load(spec)
    state.notice = Notice("success", "build.file_loaded", {"name": upload.name})


def file_panel(spec: dict[str, Any] | None) -> None:
    """Save the spec as JSON (valid stacks only) and load one from a file."""
    if spec is not None:
        st.download_button(tr("build.save_json"), spec_to_json(spec), file_name="model.json",
                           mime="application/json", key=BuildKeys.DOWNLOAD_JSON)
    else:
        st.caption(tr("build.save_needs_valid"))
    # The uploader's own limit (Streamlit's caption "… per file", in whole MB and untranslated) is
    # the smallest it takes; the page refuses anything over MAX_UPLOAD_BYTES with its own message.
    st.file_uploader(tr("build.load_json"), type=["json"], key=BuildKeys.UPLOAD, on_change=_on_upload,
                     help=tr("build.load_json_help", limit=MAX_UPLOAD_BYTES // 1000), max_upload_size=1)


def apply_link(state: BuildState) -> None:
    """Loads the model in ``?model=`` when the link carries one this page has not seen yet."""
    param = st.query_params.get(URL_KEY)
    if not state.link.is_new(param):
        return
    state.link.read(param)
    try:
        spec = spec_from_url_param(param)
    except SpecError as error:
        if error.key in LINK_ERRORS:
            state.notice = Notice("error", error=error)  # Its own text says what to do; no wrapper.
        else:  # The link held a model that is not valid: say once that it came from the link.
            state.notice = Notice("error", "build.bad_link", {"detail": error.text(lang())})
        return
    state.load(spec)
    state.notice = Notice("success", "build.link_loaded")


@dataclass(frozen=True)
class SharedLink:
    """The ``?model=`` value of a valid spec, or why it has none (a model too large for a link)."""

    param: str | None
    refused: SpecError | None = None


def publish_link(spec: dict[str, Any]) -> SharedLink:
    """Puts the valid ``spec`` in the page's link (when it fits one) and returns the ``?model=`` value.

    A model whose link would pass ``MAX_URL_CHARACTERS`` gets none, and any old ``?model=`` leaves the
    address bar: a reload must never send the server a request it refuses before the app can speak.
    """
    try:
        param = spec_to_url_param(spec)
    except SpecError as error:
        if URL_KEY in st.query_params:
            del st.query_params[URL_KEY]
        build_state().link.wrote(None)
        return SharedLink(None, error)
    if st.query_params.get(URL_KEY) != param:
        st.query_params[URL_KEY] = param
    build_state().link.wrote(param)
    return SharedLink(param)


def share_link(link: SharedLink) -> None:
    """Shows the full link that reopens this model, with Streamlit's copy button, or why there is none."""
    if link.param is None:
        st.info(link.refused.text(lang()) if link.refused is not None else "", icon=":material/link_off:")
        return
    param = link.param
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - outside a browser (tests) there is no URL; a relative link still works.
        base = ""
    st.code(f"{base}?{URL_KEY}={param}", language=None, wrap_lines=True)
    st.caption(tr("build.share_help"))


def show_notice(state: BuildState) -> None:
    """Shows and clears the one-off notice (loaded preset, refused upload or link).

    It has a place of its own whether or not there is one, so the elements below keep theirs (the browser would
    show a moved widget twice until the run ends)."""
    slot = st.empty()
    notice, state.notice = state.notice, None
    if notice is None:
        return
    text = notice.error.text(lang()) if notice.error is not None else tr(notice.key, **notice.fields)
    (slot.success if notice.kind == "success" else slot.error)(text)
