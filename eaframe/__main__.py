"""``python -m eaframe`` runs the command-line interface."""

from .cli import main

__all__: list[str] = []

if __name__ == "__main__":
    main()
