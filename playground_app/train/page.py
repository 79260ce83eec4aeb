"""Train: pick a model and data, check the output layer and loss, train live, read the results."""

import dataclasses

import streamlit as st

from playground.engine import cluster
from playground_app.common import tr
from playground_app.errors import page_boundary
from playground_app.train.live import train_section
from playground_app.train.options import options_section, show_training_code
from playground_app.train.results import keep_runs, publish_finished, results_section
from playground_app.train.setup import choose_data, choose_model, head_section
from playground_app.train.state import train_state

st.title(tr("nav.train"))
cluster.start_in_background()  # Workers warm up while the learner sets things up.
st.caption(tr("train.intro"))
state = train_state()
with page_boundary():
    st.subheader(tr("train.section_model"))
    model_column, data_column = st.columns(2)
    with model_column:
        choice = choose_model(state)
    with data_column:
        dataset = choose_data()
    data_choice = None
    options = None
    if choice is not None and dataset is not None:
        st.subheader(tr("train.section_head"))
        head_area = st.container()
        st.subheader(tr("train.section_options"))
        # Drawn before the head section that sits above them: the head checks their batch size.
        options = options_section(dataset.task, dataset.name)
        with head_area:
            data_choice = head_section(state, choice, dataset, options.batch_size)
        show_training_code(options, data_choice.loss, dataset.task, choice.spec)
    planned = dataclasses.replace(options, loss=data_choice.loss) if options and data_choice else None
    train_section(state, choice, dataset, data_choice.loss if data_choice else "",
                  bool(data_choice and data_choice.one_hot), options, blocked=data_choice is None or data_choice.blocked,
                  planned=planned)
    keep_runs(state)
    publish_finished(state)
    st.subheader(tr("train.section_results"))
    results_section(state)
