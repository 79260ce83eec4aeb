"""Section 2 of "Your images": the base, its download, and the race of the three ways with their curves."""

from __future__ import annotations

import streamlit as st

from playground.engine.runs import FAILED
from playground_app import clicks, pace
from playground_app.common import tr
from playground_app.widgets.curves import show_curves
from playground_app.errors import safe_fragment, show_error
from playground_app.transfer.state import TransferKeys, TransferState
from playground_app.rerun import rerun_page


def _base_label(name: str) -> str:
    from playground.transfer.bases import BASES, cached_weights

    info = BASES[name]
    if not info.online:
        return tr("transfer.base_offline", title=info.title)
    if cached_weights(name) is not None:
        return tr("transfer.base_cached", title=info.title)
    return tr("transfer.base_download", title=info.title, size=f"{info.download_mb:.0f}")


def choose_base() -> str | None:
    """The base selectbox; an online base not yet in the Keras cache gets a size warning and Download.

    Returns:
        The base's key when its weights are there, else None.
    """
    from playground.transfer.bases import BASES, OFFLINE_BASE, cached_weights, ensure_weights

    name = st.selectbox(tr("transfer.base"), list(BASES), format_func=_base_label, key=TransferKeys.BASE,
                        index=list(BASES).index(OFFLINE_BASE))
    info = BASES[name]
    st.caption(tr("transfer.base_about", size=info.input_size, block=info.top_block))
    if cached_weights(name) is not None:
        return name
    st.warning(tr("transfer.error.needs_download", base=info.title, size=f"{info.download_mb:.0f}"))
    if st.button(tr("transfer.download", size=f"{info.download_mb:.0f}"), key=TransferKeys.DOWNLOAD):
        bar = st.progress(0.0, text=tr("transfer.downloading", base=info.title))

        def progress(done: int, total: int) -> None:
            share = done / total if total else 0.0
            bar.progress(min(share, 1.0), text=tr("transfer.downloaded", done=f"{done / 1e6:.1f}",
                                                  total=f"{total / 1e6:.1f}" if total else "?"))

        try:
            ensure_weights(name, progress)
        except Exception as error:  # noqa: BLE001 - offline: the message says to pick the offline base.
            show_error(error)
            return None
        st.rerun()
    return None


def train_controls(state: TransferState, pictures: object, base: str | None) -> None:
    """Epochs, batch size, Start and Stop; Start builds the three models and submits the race."""
    epochs_column, batch_column = st.columns(2)
    epochs = epochs_column.slider(tr("transfer.epochs"), 2, 30, 10, key=TransferKeys.EPOCHS)
    batch_size = batch_column.select_slider(tr("transfer.batch"), [4, 8, 16, 32, 64], 8, key=TransferKeys.BATCH)
    running = state.race is not None and state.race.active
    # Started here, with this run's settings, just before Start is drawn, so it is drawn disabled
    # (playground_app.clicks).
    if clicks.taken(TransferKeys.START) and not running and base is not None and pictures is not None:
        _start(state, pictures, base, int(epochs), int(batch_size))
        running = state.race is not None and state.race.active
    start, stop = st.columns(2)
    with start:
        clicks.button(tr("transfer.start"), TransferKeys.START, type="primary", use_container_width=True,
                      disabled=running or base is None or pictures is None)
    if stop.button(tr("transfer.stop"), key=TransferKeys.STOP, disabled=not running, use_container_width=True):
        state.race.stop()


def _start(state: TransferState, pictures: object, base: str, epochs: int, batch_size: int) -> None:
    from playground.engine import runner
    from playground.transfer.bases import BASES
    from playground.transfer.images import to_dataset
    from playground.transfer.job import three_ways
    from playground.transfer.models import WAYS

    try:
        with st.spinner(tr("transfer.preparing")):
            dataset = to_dataset(pictures, BASES[base].input_shape)
            setup = three_ways(base, dataset, epochs, batch_size, {way: tr(f"transfer.way.{way}") for way in WAYS})
            state.race = runner.submit(setup.job, dataset)
    except Exception as error:  # noqa: BLE001 - the learner reads why; the form keeps its values.
        show_error(error)
        return
    state.setup, state.dataset, state.models = setup, dataset, {}


def parameters_table(state: TransferState) -> None:
    """Trainable and non-trainable parameters of each way (fine-tuning: before → after unfreezing)."""
    if state.setup is None:
        return
    rows = []
    for row in state.setup.parameters:
        trainable = f"{row.trainable:,}"
        if row.trainable_after is not None:
            trainable = tr("transfer.params_after", before=f"{row.trainable:,}", after=f"{row.trainable_after:,}",
                           epoch=state.setup.unfreeze_epoch + 1)
        rows.append({tr("transfer.col.way"): tr(f"transfer.way.{row.way}"), tr("transfer.col.trainable"): trainable,
                     tr("transfer.col.frozen"): f"{row.non_trainable:,}"})
    st.dataframe(rows, hide_index=True)


def _draw(state: TransferState, every: float | None) -> None:
    race = state.race
    if race.active:
        race.touch()
    snapshots = [run.snapshot() for run in race.runs]
    epoch = max(snapshot.epoch for snapshot in snapshots)
    if pace.waiting_for_a_worker(race.runs):
        st.info(tr("engine.waiting"))
    elif race.active:
        st.info(tr("transfer.progress", epoch=min(epoch + 1, race.epochs), epochs=race.epochs))
    mark = None if state.setup is None else (state.setup.unfreeze_epoch, tr("transfer.unfreeze_mark"))
    # Vega-Lite: the browser keeps the chart and takes its new points (``playground.charts.curves``).
    show_curves(snapshots, TransferKeys.CHART, epochs=race.epochs, mark=mark)
    for snapshot in snapshots:
        if snapshot.status == FAILED and snapshot.error_key:
            st.error(tr(snapshot.error_key, **snapshot.error_fields))
    _results(state)
    if pace.live_seconds(race.runs) != every:  # The first points came, or the race ended: the whole page.
        rerun_page()


def _results(state: TransferState) -> None:
    rows = []
    for result in state.race.results:
        rows.append({tr("transfer.col.way"): result.label, tr("transfer.col.epochs"): result.epochs,
                     tr("compare.race.col.val_accuracy"): "—" if result.val_accuracy is None else f"{result.val_accuracy:.3f}",
                     tr("compare.race.col.val_loss"): "—" if result.val_loss is None else f"{result.val_loss:.4f}",
                     tr("compare.race.col.seconds"): f"{result.seconds:.1f}"})
    st.dataframe(rows, hide_index=True)


def show_race(state: TransferState) -> None:
    """The curves of the three ways together, redrawn at ``pace.live_seconds`` while they train.

    Before the first training, the empty chart over the epochs the slider asks for: the browser loads its chart library
    with it, not with the first curves (seconds later on a busy laptop).
    """
    if state.race is None:
        epochs = int(st.session_state[TransferKeys.EPOCHS])  # The slider above, drawn by ``train_controls``.
        show_curves([], TransferKeys.CHART, epochs=epochs, note=tr("transfer.chart.before"))
        return
    every = pace.live_seconds(state.race.runs)
    safe_fragment(run_every=every)(_draw)(state, every)
