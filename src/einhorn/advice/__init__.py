"""Strategy rules: pure functions over domain objects; their data lives in ``rules/``."""
