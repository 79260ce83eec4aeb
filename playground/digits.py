"""Old import path kept for code written against it: the module is ``playground.labs.digits``."""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("playground.labs.digits")
