"""``python -m geo``: the gba-atlas command line."""

from geo.launch import console_main

console_main()
