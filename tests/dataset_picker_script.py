"""A one-widget app for ``tests/test_dataset_picker.py``: the dataset picker and what it returned."""

import streamlit as st

from playground_app.widgets.dataset_picker import pick_dataset

allowed = st.session_state.get("allowed_tasks")
dataset = pick_dataset("probe", allowed_tasks=allowed)
if dataset is None:
    st.text("picked: none")
else:
    st.text(f"picked: {dataset.name} {dataset.task} {dataset.input_shape} {len(dataset.y_train)}")
