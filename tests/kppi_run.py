"""Running the ``kppi`` command in a subprocess, as a user does, for the tests."""

from __future__ import annotations

import os
import subprocess
import sys

__all__ = ["kppi_stdout"]


def kppi_stdout(*args: str) -> str:
    """What ``kppi ARGS`` prints (UTF-8, no colour), once it has run to the end
    (status 0 or 1); its error output is the assertion's message otherwise."""
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout
