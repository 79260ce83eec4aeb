"""The input features a model's first layer may compute from a point (x₁, x₂): x₁², x₁x₂, sin x₁ …

One table serves numpy (the network picture's input maps: ``ops`` is ``numpy``) and Keras (the
``InputFeatures`` layer: ``ops`` is ``keras.ops``), so the picture and the model compute the same
columns. This module imports nothing: the spec registry reads its names without Keras, and the part
after the marker below is copied, as it is, into exported code (``playground.spec.input_features_layer``).
"""

# exported-code: start
INPUT_FEATURES = {
    "x1": lambda x1, x2, ops: x1,
    "x2": lambda x1, x2, ops: x2,
    "x1_squared": lambda x1, x2, ops: x1 ** 2,
    "x2_squared": lambda x1, x2, ops: x2 ** 2,
    "x1_x2": lambda x1, x2, ops: x1 * x2,
    "sin_x1": lambda x1, x2, ops: ops.sin(x1),
    "sin_x2": lambda x1, x2, ops: ops.sin(x2),
}
