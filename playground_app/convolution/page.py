"""Convolution lab: convolution, stride, padding and pooling animated on real images, exactly as Keras does."""

import streamlit as st

from playground_app.common import tr
from playground_app.convolution.input import ConvKeys, convolution_state, input_picker
from playground_app.convolution.sections import SECTIONS, feature_maps_section
from playground_app.errors import page_boundary

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
        SECTIONS[section](image)
