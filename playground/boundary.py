"""Short import path of the decision-boundary lab (the module is ``playground.labs.boundary``)."""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("playground.labs.boundary")
