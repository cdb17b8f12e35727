"""``python -m argmap``: the command line, as the ``argmap`` program runs it."""

from argmap.cli import main

main()
