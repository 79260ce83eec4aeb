"""Old import path kept for code written against it: the module is ``playground.data.registry``."""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("playground.data.registry")
