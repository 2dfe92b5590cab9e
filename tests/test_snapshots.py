"""Reviewed outputs of the commands on the sample, in each language.

Each command's output on the sample is kept in ``tests/data/snapshots/<lang>/
<name>.txt``, read by a person once and compared here on every run. After an
intended change, regenerate them and review the diff::

    KPPI_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kppi_core.samples import sample_path

SNAPSHOTS = Path(__file__).parent / "data" / "snapshots"
UPDATE = os.environ.get("KPPI_UPDATE_SNAPSHOTS") == "1"
#: name → the command's arguments (``--lang`` is added).
COMMANDS = {
    "check": ("check", "--sample"),
    "check-markdown": ("check", "--sample", "--format", "markdown"),
    # the cadre reports (on a fixed day where the report depends on it)
    "training": ("training", "report", "--sample"),
    "training-completion": ("training", "completion", "--sample"),
    "outreach": ("outreach", "--sample", "--on", "2025-11-01"),
    "outreach-markdown": ("outreach", "--sample", "--on", "2025-11-01", "--format", "markdown"),
    "follow-ups": ("follow-ups", "--sample", "--on", "2025-11-01"),
    "funnel": ("funnel", "--sample"),
    "seats": ("seats", "--sample"),
    "seats-markdown": ("seats", "--sample", "--format", "markdown"),
    "representation": ("representation", "--sample"),
    "representation-markdown": ("representation", "--sample", "--format", "markdown"),
    "registry": ("registry", "build", "--sample"),
    "inspect": ("inspect", "--sample"),
    "inspect-markdown": ("inspect", "--sample", "--format", "markdown"),
}
#: Where the sample's files are on this machine, left out of a snapshot (a
#: rejected record names its file by its path).
SAMPLE_FOLDER = str(sample_path().parent) + os.sep


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_output_is_the_reviewed_one(name: str, lang: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kppi_core", *COMMANDS[name], "--lang", lang],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )
    assert done.returncode in (0, 1), done.stderr
    path = SNAPSHOTS / lang / f"{name}.txt"
    out = done.stdout
    if SAMPLE_FOLDER in out:
        # The folder is this machine's, and a table's columns are as wide as
        # their longest cell: leave it out, and the padding it caused.
        out = re.sub(r"(?<=\S) {2,}", "  ", out.replace(SAMPLE_FOLDER, ""))
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), (
        f"{path} differs: if the change is intended, rerun with KPPI_UPDATE_SNAPSHOTS=1 "
        "and review the diff"
    )
