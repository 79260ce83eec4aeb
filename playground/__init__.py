"""Deep Learning Playground: the logic package.

Nothing in this package imports Streamlit; pages in ``app_pages/`` render what these modules compute.
TensorFlow and Keras are imported lazily inside the functions that need them, so that importing
``playground`` (and rendering the home page) stays fast.
"""

__version__ = "0.1.0"
