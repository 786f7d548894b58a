"""``python -m decloak``: the same as the ``decloak`` command."""

from .cli import main

if __name__ == "__main__":
    main()
