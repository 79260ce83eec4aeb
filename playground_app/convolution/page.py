"""Convolution lab: convolution, stride, padding and pooling animated on real images, exactly as Keras does."""

import numpy as np
import streamlit as st

from playground_app.common import tr
from playground_app.convolution.input import ConvKeys, convolution_state, input_picker
from playground_app.convolution.sections import SECTIONS, feature_maps_section
from playground_app.errors import page_boundary, safe_fragment


@safe_fragment
def _section(section: str, image: np.ndarray) -> None:
    """The chosen section. A fragment: a control of the section reruns only this, not the input picker or
    the page around it (a stride change redrew the whole page in ~2 s on a busy machine)."""
    SECTIONS[section](image)


st.title(tr("nav.convolution"))
st.write(tr("conv.intro"))
state = convolution_state()
with page_boundary():
    with st.sidebar:
        st.subheader(tr("conv.input.heading"))
        image = input_picker(state)
    # A radio, not tabs: only the chosen section runs, so the feature maps never slow the other two.
    section = st.radio(tr("conv.section"), list(SECTIONS), format_func=lambda name: tr(f"conv.section.{name}"),
                       horizontal=True, key=ConvKeys.SECTION, label_visibility="collapsed")
    if section == "features":
        feature_maps_section(image, state)
    else:
        _section(section, image)
