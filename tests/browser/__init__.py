"""Browser tests (a package, so their module names never clash with unit tests of the same name)."""
