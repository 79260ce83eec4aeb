"""``InputFeatures``: a Keras layer that turns each point (x₁, x₂) into the chosen features, in order.

The decision-boundary lab's x₁², x₁x₂, sin x₁ … are the model's first layer, so the model takes the raw
points and the exported code is the model (no separate numpy step). ``Lambda`` would do the same but is
refused (it runs arbitrary code); this class is registered with Keras under the ``playground`` package,
so a ``.keras`` file holding it loads with ``safe_mode=True`` once this module is imported (the spec's
``build_model`` and ``playground.engine.model_files`` import it). The part after the marker is copied, as
it is, into exported code, so Colab runs the same class without the playground.
"""

import keras

from playground.spec.input_features import INPUT_FEATURES

# ``keras.utils.register_keras_serializable`` is ``keras.saving.register_keras_serializable`` itself, spelled
# so that it also runs where the code says ``from tensorflow import keras`` (whose ``keras`` has no ``saving``).
# exported-code: start
@keras.utils.register_keras_serializable(package="playground")
class InputFeatures(keras.layers.Layer):
    """Computes the chosen features of each point (x1, x2), one column each, in the order given."""

    def __init__(self, features=("x1", "x2"), **kwargs):
        super().__init__(**kwargs)
        unknown = [name for name in features if name not in INPUT_FEATURES]
        if not features or unknown:
            raise ValueError(f"features: choose one or more of {', '.join(INPUT_FEATURES)}, not {list(features)}.")
        self.features = tuple(features)

    def call(self, inputs):
        x1, x2 = inputs[:, 0], inputs[:, 1]
        return keras.ops.stack([INPUT_FEATURES[name](x1, x2, keras.ops) for name in self.features], axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], len(self.features))

    def get_config(self):
        return {**super().get_config(), "features": list(self.features)}
