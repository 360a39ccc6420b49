"""``python -m pse`` runs the command line."""

from pse.cli import main

main()
