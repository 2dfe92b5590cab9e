"""``python -m kppi_core.cli``: the kppi command."""

from kppi_core.cli import main

main()
