"""einhorn: a strategic-networking assistant."""

__version__ = "0.1.0"
