"""Entry point for ``python -m einhorn``."""

from einhorn.cli.main import main

if __name__ == "__main__":
    main()
