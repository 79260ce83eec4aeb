"""Section 1 of "Your images": where the pictures come from, their class names, and a preview per class."""

from __future__ import annotations

import streamlit as st

from playground_app.common import tr
from playground_app.errors import show_error
from playground_app.transfer.state import SOURCES, TransferKeys, TransferState

PREVIEW_PER_CLASS = 8
MAX_CAMERA_CLASSES = 5


@st.cache_data(show_spinner=False, max_entries=2)
def _example() -> object:
    from playground.transfer.samples import example_pictures

    return example_pictures()


def choose_pictures(state: TransferState) -> object | None:
    """Draws the source choice and returns the learner's ``PictureSet`` (renamed as they typed), or None."""
    source = st.radio(tr("transfer.source"), SOURCES, format_func=lambda name: tr(f"transfer.source_{name}"),
                      key=TransferKeys.SOURCE, horizontal=True)
    if source == "example":
        if state.pictures_from != "example":
            with st.spinner(tr("transfer.reading_example")):  # The whole Fashion-MNIST is read: 1-4 s the first time.
                _take(state, "example", _example)
        st.caption(tr("transfer.example_note"))
    elif source == "zip":
        _from_zip(state)
    else:
        _from_camera(state)
    if state.pictures is None or state.pictures_from is None or not state.pictures_from.startswith(source):
        return None
    return _names_and_preview(state)


def _take(state: TransferState, origin: str, read) -> None:
    """Reads pictures once per origin; a refusal is shown as its message and leaves no pictures."""
    if state.pictures_from == origin and state.pictures is not None:
        return
    state.pictures, state.pictures_from = None, None
    try:
        state.pictures = read()
        state.pictures_from = origin
    except Exception as error:  # noqa: BLE001 - a bad upload gets its message; the page goes on.
        show_error(error)


def _from_zip(state: TransferState) -> None:
    from playground.transfer.images import read_zip

    st.caption(tr("transfer.zip_help"))
    upload = st.file_uploader(tr("transfer.zip"), type=["zip"], key=TransferKeys.ZIP)
    if upload is None:
        if (state.pictures_from or "").startswith("zip"):
            state.pictures, state.pictures_from = None, None
        return
    data = upload.getvalue()
    _take(state, f"zip:{upload.file_id}", lambda: read_zip(data))


def _from_camera(state: TransferState) -> None:
    """Teachable-Machine style: name each class, take pictures (camera or files) into it."""
    from playground.transfer.images import from_captures

    st.caption(tr("transfer.camera_help"))
    count = int(st.number_input(tr("transfer.class_count"), min_value=2, max_value=MAX_CAMERA_CLASSES, value=2,
                                key=TransferKeys.CLASS_COUNT))
    names = []
    columns = st.columns(count)
    for index, column in enumerate(columns):
        with column:
            name = st.text_input(tr("transfer.class_name"), value=tr("transfer.class_default", number=index + 1),
                                 key=TransferKeys.CLASS_NAME.format(index=index)).strip() or f"{index + 1}"
            names.append(name)
            shot = st.camera_input(tr("transfer.camera", name=name), key=TransferKeys.CAMERA.format(index=index))
            if shot is not None and st.button(tr("transfer.add_capture"), key=TransferKeys.ADD_CAPTURE.format(index=index)):
                state.captures.setdefault(index, []).append(shot.getvalue())
            files = st.file_uploader(tr("transfer.add_files"), type=["png", "jpg", "jpeg", "webp", "bmp"],
                                     accept_multiple_files=True, key=TransferKeys.ADD_FILES.format(index=index))
            taken = len(state.captures.get(index, [])) + len(files or [])
            st.caption(tr("transfer.taken", count=taken))
    if st.button(tr("transfer.clear_captures"), key=TransferKeys.CLEAR_CAPTURES):
        state.captures.clear()
    captures = {names[index]: state.captures.get(index, []) +
                [upload.getvalue() for upload in (st.session_state.get(TransferKeys.ADD_FILES.format(index=index)) or [])]
                for index in range(count)}
    if len(set(names)) < len(names):
        st.error(tr("transfer.error.duplicate_names"))
        return
    if sum(len(pictures) for pictures in captures.values()) == 0:
        state.pictures, state.pictures_from = None, None
        return
    signature = "camera:" + "|".join(f"{name}={len(pictures)}" for name, pictures in captures.items())
    _take(state, signature, lambda: from_captures({name: pictures for name, pictures in captures.items() if pictures}))


def _names_and_preview(state: TransferState) -> object | None:
    """Class names (editable), counts and a grid of each class's first pictures; skipped files listed."""
    pictures = state.pictures
    names = {}
    st.subheader(tr("transfer.preview"))
    counts = pictures.counts()
    for index, name in enumerate(pictures.class_names):
        train, validation = counts[name]
        with st.container(border=True):
            title, count = st.columns([2, 3])
            names[name] = title.text_input(tr("transfer.class_name"), value=name,
                                           key=TransferKeys.RENAME.format(index=index))
            count.markdown(tr("transfer.count", train=train, validation=validation))
            shown = pictures.train[name][:PREVIEW_PER_CLASS]
            st.image(shown, width=72, caption=[f"{name} {number + 1}" for number in range(len(shown))])
    if pictures.skipped:
        with st.expander(tr("transfer.skipped", count=len(pictures.skipped))):
            for file_name, reason in pictures.skipped[:50]:
                st.markdown(f"- `{file_name}`: {tr(reason, detail='', pixels='', limit='')}")
    try:
        return pictures.renamed(names)
    except Exception as error:  # noqa: BLE001 - two equal names: say so, keep the page.
        show_error(error)
        return None
