"""The command line: Typer + Rich, one module per noun, one error boundary in ``main``."""
