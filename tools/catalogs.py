"""The translation catalogs' workflow: extract → update → compile (docs/translating.md).

    python tools/catalogs.py extract   # msgids from src/ into build/kppi_core.pot
    python tools/catalogs.py update    # merge the template into each locale's .po
    python tools/catalogs.py compile   # write each .mo next to its .po (committed)
    python tools/catalogs.py all       # the three, in order

Run from the repository root with the development environment active. The
keywords and the mapping (babel.cfg) are here and nowhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "kppi_core" / "locale"
POT = ROOT / "build" / "kppi_core.pot"
DOMAIN = "kppi_core"
# N_: a msgid marked where it is defined, translated where shown; _n(singular,
# plural): a plural pair marked likewise; LazyCommand's third argument is a
# command's help shown before the command is imported.
# Message(msgid, ...) and Message.plural_of(singular, plural, ...) (kppi_core.errors)
# are messages as data, shown in a language later.
KEYWORDS = ("N_", "_n:1,2", "LazyCommand:3", "Message", "plural_of:1,2")


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    POT.parent.mkdir(exist_ok=True)
    keywords = [f"--keyword={k}" for k in KEYWORDS]
    _pybabel(
        "extract", "--mapping-file", str(ROOT / "babel.cfg"), *keywords,
        "--add-comments=TRANSLATORS:", "--sort-output", "--no-location",
        "--output-file", str(POT), str(ROOT),
    )  # fmt: skip


def update() -> None:
    _pybabel(
        "update", "--input-file", str(POT), "--output-dir", str(LOCALE), "--domain", DOMAIN,
        "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching",
    )  # fmt: skip


def compile_() -> None:
    _pybabel("compile", "--directory", str(LOCALE), "--domain", DOMAIN, "--statistics")


def main(argv: list[str]) -> None:
    steps = {"extract": [extract], "update": [update], "compile": [compile_]}
    steps["all"] = [extract, update, compile_]
    if len(argv) != 1 or argv[0] not in steps:
        sys.exit(__doc__)
    for step in steps[argv[0]]:
        step()


if __name__ == "__main__":
    main(sys.argv[1:])
