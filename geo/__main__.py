"""``python -m geo``: the gba-atlas command line."""

from geo.cli import console_main

console_main()
