"""``python -m decloak``: the same as the ``decloak`` command."""

from .cli import main

main()
