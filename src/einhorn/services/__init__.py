"""Use cases: one function per user intent, one unit of work per call (all or nothing)."""
