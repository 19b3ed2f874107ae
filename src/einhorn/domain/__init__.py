"""The pure domain of einhorn: plain dataclasses, enums and rules; no frameworks, no storage."""
