"""The activation explorer's charts (Vega-Lite specs): what each panel and line draws, in the learner's words."""

from __future__ import annotations

import numpy as np

from playground.charts.compare_gradients import (DERIVATIVE_COLOUR, FUNCTION_COLOUR, Y_DOMAIN, activation_spec,
                                                 gradient_norm_spec)
from playground.charts.palette import colour
from playground.labs.gradients import activation_curves


def _rows(spec: dict, name: str) -> list[dict]:
    return spec["datasets"][name].to_dict("records")


def test_each_activation_has_its_panel_in_the_order_chosen_with_its_function_and_its_derivative():
    curves = {name: activation_curves(name) for name in ("relu", "sigmoid")}
    spec = activation_spec(curves, function_text="함수", derivative_text="도함수")
    assert spec["facet"]["sort"] == ["relu", "sigmoid"]  # As chosen, not alphabetical.
    rows = _rows(spec, "activations")
    sigmoid_slope = {row["x"]: row["y"] for row in rows if row["activation"] == "sigmoid" and row["curve"] == "도함수"}
    assert len(sigmoid_slope) == 201
    assert max(sigmoid_slope.values()) == sigmoid_slope[0.0] == 0.25  # What the notes say of the sigmoid.
    relu = {row["x"]: row["y"] for row in rows if row["activation"] == "relu" and row["curve"] == "함수"}
    assert relu[-2.0] == 0.0 and relu[3.0] == 3.0


def test_the_function_is_solid_the_derivative_dashed_on_one_shared_axis():
    spec = activation_spec({"tanh": activation_curves("tanh")}, function_text="f", derivative_text="slope")
    encoding = spec["spec"]["encoding"]
    assert encoding["color"]["scale"] == {"domain": ["f", "slope"], "range": [FUNCTION_COLOUR, DERIVATIVE_COLOUR]}
    solid, dashed = encoding["strokeDash"]["scale"]["range"]
    assert solid == [1, 0] and len(dashed) == 2 and dashed[1] > 0
    assert encoding["y"]["scale"]["domain"] == list(Y_DOMAIN)
    assert spec["spec"]["mark"]["clip"] is True  # relu's line leaves the panel at the top instead of over its title.


def test_gradient_norms_are_drawn_per_layer_on_a_log_axis_one_colour_per_activation():
    spec = gradient_norm_spec({"sigmoid": [1e-6, 1e-4, 0.0], "relu": [0.1, 0.2, 0.3]}, layer_text="층",
                              norm_text="노름")
    rows = _rows(spec, "norms")
    assert [(row["activation"], row["layer"]) for row in rows][:3] == [("sigmoid", 1), ("sigmoid", 2), ("sigmoid", 3)]
    assert [row["norm"] for row in rows if row["activation"] == "sigmoid"] == [1e-6, 1e-4, 1e-30]  # 0 fits a log axis.
    encoding = spec["encoding"]
    assert encoding["y"]["scale"]["type"] == "log"
    assert encoding["y"]["axis"]["values"] == [10.0 ** exponent for exponent in range(-30, 1)]  # Decades only.
    assert (encoding["x"]["title"], encoding["y"]["title"]) == ("층", "노름")
    assert encoding["color"]["scale"] == {"domain": ["sigmoid", "relu"], "range": [colour(0), colour(1)]}
