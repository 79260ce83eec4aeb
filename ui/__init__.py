"""Streamlit-side helpers shared by the pages (the only code besides app_pages/ that imports streamlit)."""
