"""Plotly figure builders, one module per concern; they return figures and never render."""
