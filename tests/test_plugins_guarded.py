"""Broken plugins, installed for real and run through ``kppi`` in a subprocess.

Each one breaks in its own way (at import, in a hook, mid-read, returning
garbage, calling ``sys.exit``, raising a ``BaseException`` subclass); each
must end as a warning or an error naming it, with exit status 2 where the
command could not run, never a traceback and never another exit status, and
the other plugins and commands must keep working.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGINS = {
    # At import: a BaseException subclass, and sys.exit.
    "imp_base": "class Boom(BaseException):\n    pass\nraise Boom('at import')\n",
    "imp_exit": "import sys\nsys.exit(9)\n",
    # In a register hook.
    "hook_exit": """
        from kppi_core import hookimpl
        @hookimpl
        def kppi_register_sources(register):
            raise SystemExit(3)
    """,
    # A source that calls sys.exit mid-read, one that yields garbage, one whose sniff
    # raises a BaseException subclass.
    "sources_bad": """
        import sys
        from kppi_core import hookimpl
        from kppi_core.model import Candidacy, Gender
        from kppi_core.sources import Located, SourceSpec

        class Exits:
            spec = SourceSpec("exits", "exits mid-read", ("Candidacy",), ("*.exits",))
            def sniff(self, path, head):
                return True
            def read(self, path, context):
                yield Candidacy("Siti", Gender.FEMALE, "A", "DPR", "D1", 1)
                sys.exit(9)

        class Garbage:
            spec = SourceSpec("garbage", "yields junk", ("Candidacy", "Person"), ("*.junk",))
            def sniff(self, path, head):
                return True
            def read(self, path, context):
                yield {"name": "not a model object"}

        class Located_junk:
            spec = SourceSpec("located-junk", "junk in Located", ("Candidacy",), ("*.lj",))
            def sniff(self, path, head):
                return True
            def read(self, path, context):
                yield Located(object(), "line two")

        class Fast:
            spec = SourceSpec("bad-fast", "read_lists returns junk", ("Candidacy",), ("*.fast",))
            def sniff(self, path, head):
                return True
            def read(self, path, context):
                return iter(())
            def read_lists(self, path, context):
                return (["not facts"], [], 1)

        class Weird(BaseException):
            pass

        class SniffBoom:
            spec = SourceSpec("sniff-boom", "sniff raises", ("Person",), ("*.csv",))
            def sniff(self, path, head):
                raise Weird("sniffing")
            def read(self, path, context):
                return iter(())

        @hookimpl
        def kppi_register_sources(register):
            for cls in (Exits, Garbage, Located_junk, Fast, SniffBoom):
                register(cls())
    """,
    # A rule that raises, a rule that returns junk, a format that returns junk.
    "rules_bad": """
        from kppi_core import hookimpl
        from kppi_core.quota import RuleSet
        from kppi_core.reports import Format

        class Raises:
            id = "raises"
            shape_only = True
            def evaluate(self, facts):
                raise SystemExit(4)

        class Junk:
            id = "junk"
            shape_only = True
            def evaluate(self, facts):
                return ["a string, not a Finding"]

        @hookimpl
        def kppi_register_rule_sets(register):
            register(RuleSet("raising-rules", "raises", (Raises(),)))
            register(RuleSet("junk-rules", "junk", (Junk(),)))

        @hookimpl
        def kppi_register_formats(register):
            register(Format("junk-format", lambda report, info: 42))
            register(Format("exit-format", lambda report, info: exit(5)))
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with each plugin module and a dist-info declaring its entry point."""
    root = tmp_path_factory.mktemp("site")
    for name, code in PLUGINS.items():
        (root / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        info = root / f"partai_{name}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: partai-{name}\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(f"[kppi_core]\n{name} = {name}\n", encoding="utf-8")
    return root


def kppi(site: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("KPPI_STRICT_PLUGINS", None)
    return subprocess.run(
        [sys.executable, "-m", "kppi_core", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def clean(done: subprocess.CompletedProcess[str], status: int) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == status, (done.returncode, done.stdout, done.stderr)


def test_broken_at_import_or_registration_are_named_and_the_rest_works(site: Path) -> None:
    done = kppi(site, "check", "--sample")
    clean(done, 1)  # the sample's violations: it was read and checked
    for name in ("imp_base", "imp_exit", "hook_exit"):
        assert f"plugin {name!r} (distribution partai-{name} 1.0) was left out" in done.stderr
    assert "Boom: at import" in done.stderr
    assert "SystemExit: 9" in done.stderr
    listed = kppi(site, "plugins")
    clean(listed, 0)
    assert "sources_bad  [loaded]" in listed.stdout


def test_a_source_calling_sys_exit_mid_read_is_a_named_error(site: Path, tmp_path: Path) -> None:
    path = tmp_path / "lists.exits"
    path.write_text("x", encoding="utf-8")
    for command in (("check",), ("inspect",), ("seats",), ("representation",)):
        done = kppi(site, *command, str(path))
        clean(done, 2)
        assert "source 'exits' from plugin 'sources_bad'" in done.stderr
        assert "SystemExit" in done.stderr


def test_a_source_yielding_garbage_is_a_named_error(site: Path, tmp_path: Path) -> None:
    for suffix, name in ((".junk", "garbage"), (".lj", "located-junk")):
        path = tmp_path / f"lists{suffix}"
        path.write_text("x", encoding="utf-8")
        for command in ("check", "inspect"):
            done = kppi(site, command, str(path))
            clean(done, 2)
            assert f"source {name!r} from plugin 'sources_bad'" in done.stderr
    env_key = {"KPPI_FINGERPRINT_KEY": "k"}
    os.environ.update(env_key)
    try:
        done = kppi(site, "registry", "build", str(tmp_path / "lists.junk"))
    finally:
        os.environ.pop("KPPI_FINGERPRINT_KEY")
    clean(done, 2)
    assert "source 'garbage' from plugin 'sources_bad'" in done.stderr


def test_a_second_reader_returning_garbage_is_a_named_error(site: Path, tmp_path: Path) -> None:
    path = tmp_path / "lists.fast"
    path.write_text("x", encoding="utf-8")
    done = kppi(site, "check", str(path))
    clean(done, 2)
    assert "source 'bad-fast' from plugin 'sources_bad'" in done.stderr
    assert "not ListFacts" in done.stderr


def test_a_sniff_raising_a_base_exception_is_a_no(site: Path, tmp_path: Path) -> None:
    from kppi_core.samples import sample_path

    done = kppi(site, "check", str(sample_path("candidates")))
    clean(done, 1)  # the sample has violations: it was read and checked
    assert "lists:" in done.stdout or "lists" in done.stdout


@pytest.mark.parametrize("rules", ["raising-rules", "junk-rules"])
def test_a_rule_that_raises_or_returns_junk_is_a_named_error(site: Path, rules: str) -> None:
    done = kppi(site, "check", "--sample", "--rules", rules)
    clean(done, 2)
    assert f"of rule set {rules!r}" in done.stderr


@pytest.mark.parametrize("fmt", ["junk-format", "exit-format"])
def test_a_format_that_returns_junk_or_exits_is_a_named_error(site: Path, fmt: str) -> None:
    done = kppi(site, "check", "--sample", "--format", fmt)
    clean(done, 2)
    assert f"format {fmt!r} from plugin 'rules_bad'" in done.stderr
