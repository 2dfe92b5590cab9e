"""Write docs/img/*.png: each command's HTML report on the sample, as Chromium shows it.

Run from the repository root with the test extra installed and Debian's
``chromium`` on PATH::

    python tools/screenshots.py

Each report is written with ``kppi … --format html`` to a temporary file and
photographed headless at a desktop width (the top of the page, where the
charts are), and the check report once more at a phone's width.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPORTS = {
    "check": ["check", "--sample"],
    "check-id": ["check", "--sample", "--lang", "id"],  # the page in Indonesian
    "seats": ["seats", "--sample"],
    "representation": ["representation", "--sample"],
    "funnel": ["funnel", "--sample"],
    "training": ["training", "report", "--sample"],
    "outreach": ["outreach", "--sample"],
    "follow-ups": ["follow-ups", "--sample"],
}
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
)  # fmt: skip


def shoot(page: Path, png: Path, size: str, tmp: Path) -> None:
    browser = shutil.which("chromium") or sys.exit("no chromium on PATH")
    subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--window-size={size}",
         f"--screenshot={png}", page.as_uri()],
        check=True,
        capture_output=True,
    )  # fmt: skip


def main() -> None:
    out = Path("docs/img")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for report, args in REPORTS.items():
            page = tmp / f"{report}.html"
            subprocess.run(
                [sys.executable, "-m", "kppi_core.cli", *args, "--format", "html", "-o", page],
                check=False,
                capture_output=True,
            )
            shoot(page, out / f"html-{report}.png", "900,1400", tmp)
        shoot(tmp / "check.html", out / "html-check-phone.png", "390,1400", tmp)


if __name__ == "__main__":
    main()
