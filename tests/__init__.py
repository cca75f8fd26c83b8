"""The test suite, a package: its helpers are imported as ``tests.helpers`` and ``tests.browser_helpers``."""
