"""Section 2b of "Your images": accuracy against the pictures per class — transfer wins when they are few."""

from __future__ import annotations

import streamlit as st

from playground_app import pace
from playground_app.common import lang, tr
from playground_app.errors import safe_fragment, show_error
from playground_app.transfer.state import TransferKeys, TransferState
from playground_app.rerun import rerun_page


def measure_controls(state: TransferState, pictures: object, base: str | None) -> None:
    """A button that races the three ways once per number of pictures per class (the engine queues them)."""
    from playground.transfer.job import PICTURE_COUNTS

    busy = any(handle.active for handle in state.measures) or (state.race is not None and state.race.active)
    st.caption(tr("transfer.measure_help", counts=", ".join(str(count) for count in PICTURE_COUNTS)))
    if st.button(tr("transfer.measure"), key=TransferKeys.MEASURE, disabled=busy or base is None or pictures is None):
        _start(state, pictures, base)
    _show(state)


def _start(state: TransferState, pictures: object, base: str) -> None:
    from playground.engine import runner
    from playground.transfer.bases import BASES
    from playground.transfer.images import to_dataset
    from playground.transfer.job import fewer_pictures, picture_counts, three_ways
    from playground.transfer.models import WAYS

    epochs = int(st.session_state.get(TransferKeys.EPOCHS, 10))
    batch_size = int(st.session_state.get(TransferKeys.BATCH, 8))
    try:
        with st.spinner(tr("transfer.preparing")):
            dataset = to_dataset(pictures, BASES[base].input_shape)
            counts = picture_counts(dataset)
            labels = {way: tr(f"transfer.way.{way}") for way in WAYS}
            state.measures = [runner.submit(three_ways(base, fewer_pictures(dataset, count), epochs, batch_size,
                                                       labels).job, fewer_pictures(dataset, count))
                              for count in counts]
            state.measure_counts = counts
    except Exception as error:  # noqa: BLE001 - the learner reads why; the page goes on.
        show_error(error)
        return
    st.rerun()


def _draw(state: TransferState, was_active: bool) -> None:
    from playground.charts.transfer import pictures_figure
    from playground.transfer.job import final_accuracy
    from playground.transfer.models import WAYS

    active = any(handle.active for handle in state.measures)
    for handle in state.measures:
        handle.touch()
    finals = [final_accuracy(handle) for handle in state.measures]
    accuracies = {way: [final[way] for final in finals] for way in WAYS}
    if active:
        st.info(tr("transfer.measuring", done=sum(not handle.active for handle in state.measures),
                   total=len(state.measures)))
    figure = pictures_figure(state.measure_counts, accuracies, {way: tr(f"transfer.way.{way}") for way in WAYS},
                             tr("transfer.pictures_axis"), tr("compare.race.col.val_accuracy"))
    st.plotly_chart(figure, key=TransferKeys.MEASURE_CHART.format(points=str(finals), lang=lang()))
    if was_active and not active:
        rerun_page()


def _show(state: TransferState) -> None:
    if not state.measures:
        return
    active = any(handle.active for handle in state.measures)
    safe_fragment(run_every=pace.LAB_SECONDS if active else None)(_draw)(state, active)
