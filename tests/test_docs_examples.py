"""Every example in README.md and docs/*.md runs, with Sybil.

- ``python`` blocks run in one namespace per page; a block written as a
  doctest (``>>>``) compares its shown output (``...`` elides).
- ``sh`` blocks run line by line in one shell session per page (``export``
  and ``cd`` carry to the next block); ``console`` blocks run each ``$ ``
  line and compare what it prints with the lines shown under it (``...``
  elides, as in doctests; JSON shown in part is compared by structure); a
  ``console`` block without ``$ `` prompts is commands alone, as ``sh``.
- ``json`` and ``toml`` blocks must parse; ``text`` blocks (a synopsis, an
  excerpt of a report on data not bundled) are shown, not run; a block with
  no language is an error, so nothing escapes by accident.

Each page runs in a fresh directory holding the bundled samples under the
names the pages use (``candidates.csv``, ``members_pkb.csv``, …). A ``kppi``
command may exit 1 (it found something: that is its job), never 2. A block
after ``<!-- skip: next "why" -->`` is skipped, saying why. Examples that
install packages are marked ``slow``: ``pytest -m "not slow"`` leaves them out.
"""

from __future__ import annotations

import doctest
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sybil import Document, Example
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "src" / "kppi_core" / "samples"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN = ("python", "sh", "console")
SHOWN = ("json", "toml", "text")
#: Pages whose every example depends on packages they install (a fresh environment).
SLOW_PAGES = {"partners.md"}

#: The files every page's directory holds: the name a page uses → the bundled sample.
FILES = {
    "candidates.csv": SAMPLES / "kota_serang_2024_candidates.csv",
    "daftar-calon.csv": SAMPLES / "kota_serang_2024_candidates.csv",
    "candidates-2029.csv": SAMPLES / "kota_serang_2029_candidates.csv",
    "branch.json": SAMPLES / "kota_serang_branch.json",
    "decisions.json": SAMPLES / "kota_serang_decisions.json",
    "members.csv": SAMPLES / "kota_serang_members_pkb.csv",
    "members_pkb.csv": SAMPLES / "kota_serang_members_pkb.csv",
    "members_ppp.csv": SAMPLES / "kota_serang_members_ppp.csv",
    "members_pan.csv": SAMPLES / "kota_serang_members_pan.csv",
    "members_gerindra.csv": SAMPLES / "kota_serang_members_gerindra.csv",
    "day1.csv": SAMPLES / "kota_serang_attendance_day1.csv",
    "day2.csv": SAMPLES / "kota_serang_attendance_day2.csv",
}
_CHECKER = doctest.OutputChecker()


class Shell:
    """One shell session per page: each line runs in bash, its exports and ``cd`` kept."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("KPPI_", "PYTEST"))}
        # `kppi` and `python` of the environment running the tests, even if not activated.
        self.env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), self.env["PATH"]])

    def run(self, line: str) -> subprocess.CompletedProcess[str]:
        state = self.cwd / ".shell-state"
        script = f'{line}\n__s=$?; pwd > "{state}.cwd"; env -0 > "{state}.env"; exit $__s\n'
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if Path(f"{state}.env").exists():
            pairs = Path(f"{state}.env").read_text().split("\0")
            self.env = dict(p.split("=", 1) for p in pairs if "=" in p)
            self.cwd = Path(Path(f"{state}.cwd").read_text().strip())
        return done

    def check(self, line: str, shown: str | None = None) -> None:
        *before, last = line.split(" && ")
        if before:  # `set-up && kppi …`: the set-up must succeed on its own
            self.check(" && ".join(before))
        done = self.run(last)
        allowed = (0, 1) if last.startswith("kppi ") else (0,)
        assert done.returncode in allowed, (
            f"$ {last}\nexit status {done.returncode}\n{done.stdout}{done.stderr}"
        )
        if shown and shown.startswith("{"):  # a JSON document, shown in part
            problem = _json_mismatch(json.loads(shown), json.loads(done.stdout), "$")
            assert problem is None, f"$ {line}\n{problem}\nprinted:\n{done.stdout[:2000]}"
        elif shown and not _CHECKER.check_output(shown, done.stdout, doctest.ELLIPSIS):
            raise AssertionError(f"$ {line}\nshown:\n{shown}\nprinted:\n{done.stdout}")


def _json_mismatch(shown: Any, printed: Any, path: str) -> str | None:
    """Where ``printed`` departs from the JSON a page shows, or None.

    An object shows every key; a list shows its first elements; ``"…"`` stands
    for any value, and a text ending in ``…`` for any text that begins so.
    """
    if isinstance(shown, str) and shown.endswith("…"):
        ok = isinstance(printed, str) and printed.startswith(shown[:-1])
        return None if ok else f"{path}: {printed!r} does not begin {shown[:-1]!r}"
    if isinstance(shown, dict) and isinstance(printed, dict):
        if shown.keys() != printed.keys():
            return f"{path}: keys {sorted(printed)}, the page shows {sorted(shown)}"
        found = (_json_mismatch(v, printed[k], f"{path}.{k}") for k, v in shown.items())
        return next((f for f in found if f), None)
    if isinstance(shown, list) and isinstance(printed, list):
        if len(printed) < len(shown) or bool(shown) != bool(printed):
            return f"{path}: {len(printed)} elements, the page shows {len(shown)}"
        found = (_json_mismatch(v, printed[i], f"{path}[{i}]") for i, v in enumerate(shown))
        return next((f for f in found if f), None)
    return None if shown == printed else f"{path}: {printed!r}, the page shows {shown!r}"


def _logical_lines(source: str) -> Iterator[str]:
    """Lines of a shell block, continuations (``\\``) joined, comments and blanks left out."""
    pending = ""
    for raw in source.splitlines():
        line = pending + raw
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        pending = ""
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


def _shell(example: Example) -> Shell:
    return example.namespace["_shell"]  # type: ignore[no-any-return]


def run_sh(example: Example) -> None:
    for line in _logical_lines(example.parsed):
        _shell(example).check(line)


def run_console(example: Example) -> None:
    """``$ command`` lines, each followed by the output it shows; a block with no
    ``$ `` prompt is commands alone, run as a ``sh`` block."""
    if not any(line.startswith("$ ") for line in example.parsed.splitlines()):
        run_sh(example)
        return
    commands: list[list[str]] = []
    for raw in example.parsed.splitlines():
        if raw.startswith("$ "):
            commands.append([raw[2:]])
        elif commands and commands[-1][0].endswith("\\") and len(commands[-1]) == 1:
            commands[-1][0] = commands[-1][0][:-1] + " " + raw.strip()
        elif commands:
            commands[-1].append(raw)
    for command, *shown in commands:
        _shell(example).check(command, "\n".join(shown).strip("\n") + "\n" if shown else None)


def parse_shown(example: Example) -> None:
    language = example.region.lexemes["arguments"]
    if language == "json":
        json.loads(example.parsed)
    elif language == "toml":
        tomllib.loads(example.parsed)


PARSERS = [
    PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS),
    CodeBlockParser("sh", run_sh),
    CodeBlockParser("console", run_console),
    CodeBlockParser("json", parse_shown),
    CodeBlockParser("toml", parse_shown),
    SkipParser(),
]


def _examples() -> Iterator[Any]:
    for page in PAGES:
        examples = list(Document.parse(str(page), *PARSERS).examples())
        slow = [
            page.name in SLOW_PAGES
            or "pip install" in str(getattr(example.parsed, "source", example.parsed))
            for example in examples
        ]
        for i, example in enumerate(examples):
            # A skip directive goes with the example it skips, whichever tests are chosen.
            if isinstance(example.parsed, tuple) and i + 1 < len(examples):
                slow[i] = slow[i + 1]
            yield pytest.param(
                page,
                example,
                id=f"{page.relative_to(ROOT)}:{example.line}",
                marks=[pytest.mark.slow] if slow[i] else [],
            )


@pytest.fixture(scope="module")
def workdirs(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    return {}


@pytest.mark.parametrize(("page", "example"), list(_examples()))
def test_example(
    page: Path,
    example: Example,
    workdirs: dict[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if page not in workdirs:
        workdir = workdirs[page] = tmp_path_factory.mktemp(page.stem)
        for name, sample in FILES.items():
            shutil.copy(sample, workdir / name)
        if page.name == "partners.md":  # a clone of kppi_core beside the partner's folder
            (workdir / "kppi_core").symlink_to(ROOT)
        if page.name == "README.md":  # its install lines run in the clone
            for name in ("pyproject.toml", "README.md"):
                shutil.copy(ROOT / name, workdir / name)
            shutil.copytree(
                ROOT / "src", workdir / "src", ignore=shutil.ignore_patterns("__pycache__")
            )
        (workdir / "export.csv").write_bytes(
            FILES["candidates.csv"].read_text(encoding="utf-8").encode("cp1252")
        )
        example.namespace["_shell"] = Shell(workdir)
        example.namespace["read_lists_reads_every_source"] = _read_lists_reads_jsonl(workdir)
    monkeypatch.chdir(workdirs[page])
    environ = dict(os.environ)
    for name in [k for k in os.environ if k.startswith("KPPI_")]:
        del os.environ[name]
    try:
        example.evaluate()
    finally:  # what an example exports stays in its page's shell, not in the tests' process
        os.environ.clear()
        os.environ.update(environ)


def _read_lists_reads_jsonl(workdir: Path) -> bool:
    """Whether ``read_lists`` reads through every source yet (issue 11's reading path):
    the one README example that needs it runs from then on, skipped until then."""
    from kppi_core.sources import read_lists

    probe = workdir / ".probe.jsonl"
    probe.write_text('{"type": "District", "data": {"id": "D", "election_id": "E", "seats": 3}}\n')
    try:
        read_lists(probe)
    except Exception:
        return False
    finally:
        probe.unlink()
    return True


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_block_has_a_language_that_is_run_or_shown(page: Path) -> None:
    document = Document.parse(str(page))
    lexer = FencedCodeBlockLexer(language=r".*")
    languages = [region.lexemes["language"] for region in lexer(document)]
    strays = [
        lang or "(none)"
        for lang in languages
        if lang not in RUN + SHOWN and not lang.startswith("{")
    ]
    assert not strays, f"{page.name}: blocks must be one of {RUN + SHOWN} (or a MyST directive)"
