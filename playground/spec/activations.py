"""The activation registry: the names the app offers, spelled as Keras spells them."""

from __future__ import annotations

# Hidden-layer activations a learner may pick (Train, Compare), in the order the course notes meet them.
HIDDEN_ACTIVATIONS: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "swish")

# Every activation a layer's ``activation`` argument may take here; "linear" means none.
ACTIVATIONS: tuple[str, ...] = ("linear", *HIDDEN_ACTIVATIONS, "softmax", "softplus", "softsign", "hard_sigmoid", "exponential")


def is_known(name: str | None) -> bool:
    """Tells whether ``name`` is an activation the app allows (None means linear)."""
    return name is None or name in ACTIVATIONS
