"""``python -m kppi_core``: the kppi command."""

from kppi_core.cli import main

main()
