"""The plugin manager: built-ins, isolation of broken plugins, strict mode, allow and block
lists, name clashes, lazy loading, and errors at call time naming the plugin."""

from __future__ import annotations

import io
import subprocess
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from kppi_core import Candidacy, Gender, hookimpl
from kppi_core.errors import NotFound, PluginError, PluginSourceError, PluginWarning, SourceError
from kppi_core.plugins import (
    BUILTIN_MODULES,
    Plugins,
    PluginStatus,
    read_source,
    rule_sets,
    set_plugins,
    source_for,
    sources,
)
from kppi_core.rejections import Rejection
from kppi_core.sources import Located, ReadContext, SourceSpec

SRC = Path(__file__).parents[1] / "src"
NIK = "3673015505900001"


@attrs.frozen
class FakeSource:
    """A source for tests: yields ``items``, then raises ``fail`` if given."""

    name: str
    patterns: tuple[str, ...] = ("*.txt",)
    accepts: bool = True
    items: tuple[Any, ...] = ()
    fail: Exception | None = None

    @property
    def spec(self) -> SourceSpec:
        return SourceSpec(self.name, "a test source", ("Candidacy",), self.patterns)

    def sniff(self, path: Path, head: bytes) -> bool:
        return self.accepts

    def read(self, path: Path, context: ReadContext) -> Iterator[Any]:
        yield from self.items
        if self.fail is not None:
            raise self.fail


def plugin_with(*objects: Any, name: str = "fake") -> types.ModuleType:
    """A plugin module registering each source given."""
    module = types.ModuleType(name)

    @hookimpl
    def kppi_register_sources(register: Callable[[Any], None]) -> None:
        for obj in objects:
            register(obj)

    module.kppi_register_sources = kppi_register_sources  # type: ignore[attr-defined]
    return module


@attrs.define
class FakeDist:
    name: str
    version: str


@attrs.define
class FakeEntryPoint:
    """Enough of importlib.metadata.EntryPoint for the manager."""

    name: str
    target: Any
    dist: FakeDist | None = None
    value: str = "fake:module"

    def load(self) -> Any:
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Plugins]:
    """``installed(*entry_points)``: a fresh current manager seeing these entry points."""
    for var in ("KPPI_LOAD_PLUGINS", "KPPI_DISABLE_PLUGINS", "KPPI_STRICT_PLUGINS"):
        monkeypatch.delenv(var, raising=False)
    previous = set_plugins(None)

    def make(*eps: FakeEntryPoint, **options: Any) -> Plugins:
        monkeypatch.setattr("kppi_core.plugins.find_entry_points", lambda group: list(eps))
        manager = Plugins(**options)
        set_plugins(manager)
        return manager

    yield make  # type: ignore[misc]
    set_plugins(previous)


def ep(name: str, target: Any, dist: str | None = None) -> FakeEntryPoint:
    return FakeEntryPoint(name, target, FakeDist(dist or f"dist-{name}", "1.2"))


# -- built-ins -------------------------------------------------------------------------


def test_builtins_register_through_the_hooks(kppi_plugin_manager: Plugins) -> None:
    infos = kppi_plugin_manager.infos()
    assert [i.name for i in infos] == list(BUILTIN_MODULES)
    assert all(i.status is PluginStatus.LOADED and i.builtin for i in infos), infos
    assert list(kppi_plugin_manager.formats()) == ["text", "json", "csv", "markdown"]
    assert set(kppi_plugin_manager.rule_sets()) == {"uu7-2017", "pkpu-10-2023"}
    assert "candidates-csv" in kppi_plugin_manager.sources()


def test_a_missing_builtin_module_is_a_recorded_failure(
    kppi_plugin_manager: Plugins, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kppi_core.plugins.BUILTIN_MODULES", (*BUILTIN_MODULES, "kppi_core.nope"))
    with pytest.warns(PluginWarning, match="'kppi_core.nope'.*ModuleNotFoundError"):
        infos = kppi_plugin_manager.infos()
    assert infos[-1].status is PluginStatus.FAILED
    assert "candidates-csv" in kppi_plugin_manager.sources()


# -- lazy loading ------------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(' '.join(m for m in ('pluggy', 'kppi_core.plugins', "
        "'importlib.metadata') if m in sys.modules), file=sys.stderr))\n" + code
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    return set(done.stderr.split()) if done.returncode in (0, None) else {done.stderr}


def test_import_kppi_core_loads_no_plugin() -> None:
    assert _modules_after("import kppi_core; kppi_core.__version__") == set()


def test_kppi_version_loads_no_plugin() -> None:
    loaded = _modules_after("from kppi_core.cli import main\nmain(['--version'])")
    assert "kppi_core.plugins" not in loaded and "pluggy" not in loaded


# -- isolation and strict mode -------------------------------------------------------------


def test_a_plugin_that_fails_to_import_is_named_and_the_others_load(
    installed: Callable[..., Plugins],
) -> None:
    good = plugin_with(FakeSource("good-src"))
    manager = installed(ep("broken", ImportError("no module named lxml"), "broken-dist"),
                        ep("good", good))  # fmt: skip
    with pytest.warns(PluginWarning, match=r"'broken' \(distribution broken-dist 1.2\)"):
        found = manager.sources()
    assert "good-src" in found and "candidates-csv" in found
    broken = next(i for i in manager.infos() if i.name == "broken")
    assert broken.status is PluginStatus.FAILED
    assert (broken.distribution, broken.version) == ("broken-dist", "1.2")
    assert broken.error == "ImportError: no module named lxml"


def test_strict_mode_raises_naming_the_plugin(
    installed: Callable[..., Plugins], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPPI_STRICT_PLUGINS", "1")
    cause = ImportError("boom")
    manager = installed(ep("broken", cause))
    with pytest.raises(PluginError, match=r"'broken'.*boom") as raised:
        manager.sources()
    assert raised.value.__cause__ is cause
    assert raised.value.plugin == "broken" and raised.value.distribution == "dist-broken"


def test_kppi_register_sources_unknown_hook_and_bad_argument_are_errors_naming_the_plugin(
    installed: Callable[..., Plugins],
) -> None:
    typo = types.ModuleType("typo")

    @hookimpl
    def kppi_register_source(register: Any) -> None: ...  # a misspelt hook name

    typo.kppi_register_source = kppi_register_source  # type: ignore[attr-defined]
    bad_arg = types.ModuleType("bad_arg")

    @hookimpl
    def kppi_register_sources(register: Any, colour: str) -> None: ...

    bad_arg.kppi_register_sources = kppi_register_sources  # type: ignore[attr-defined]
    manager = installed(ep("typo", typo), ep("bad-arg", bad_arg))
    with pytest.warns(PluginWarning):
        infos = {i.name: i for i in manager.infos()}
    assert "unknown hook 'kppi_register_source'" in (infos["typo"].error or "")
    assert "colour" in (infos["bad-arg"].error or "")
    assert infos["typo"].status is infos["bad-arg"].status is PluginStatus.FAILED
    assert manager.pm.get_plugin("typo") is None  # left out whole


def test_kppi_register_sources_raising_or_registering_junk_leaves_the_plugin_out(
    installed: Callable[..., Plugins],
) -> None:
    raising = types.ModuleType("raising")

    @hookimpl
    def kppi_register_sources(register: Any) -> None:
        register(FakeSource("half-registered"))
        raise RuntimeError("oops")

    raising.kppi_register_sources = kppi_register_sources  # type: ignore[attr-defined]
    manager = installed(ep("raising", raising), ep("junk", plugin_with(42)))
    with pytest.warns(PluginWarning):
        infos = {i.name: i for i in manager.infos()}
    assert "kppi_register_sources raised RuntimeError: oops" in (infos["raising"].error or "")
    assert "takes a Source" in (infos["junk"].error or "")
    assert "half-registered" not in manager.sources()


# -- allow and block lists ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "value", "loaded"),
    [
        ("KPPI_LOAD_PLUGINS", "one", {"one"}),
        ("KPPI_LOAD_PLUGINS", "one, two", {"one", "two"}),
        ("KPPI_LOAD_PLUGINS", "", set()),
        ("KPPI_DISABLE_PLUGINS", "one", {"two"}),
        ("KPPI_DISABLE_PLUGINS", "", {"one", "two"}),
    ],
)
def test_allow_and_block_lists(
    installed: Callable[..., Plugins],
    monkeypatch: pytest.MonkeyPatch,
    env: str,
    value: str,
    loaded: set[str],
) -> None:
    monkeypatch.setenv(env, value)
    manager = installed(
        ep("one", plugin_with(FakeSource("s1"), name="one")),
        ep("two", plugin_with(FakeSource("s2"), name="two")),
    )
    infos = {i.name: i for i in manager.infos() if not i.builtin}
    assert {n for n, i in infos.items() if i.status is PluginStatus.LOADED} == loaded
    assert {n for n, i in infos.items() if i.status is PluginStatus.DISABLED} == {
        "one",
        "two",
    } - loaded
    assert "candidates-csv" in manager.sources()


def test_a_builtin_can_be_disabled_and_disable_after_loading_unregisters(
    installed: Callable[..., Plugins],
) -> None:
    manager = installed(ep("one", plugin_with(FakeSource("s1"))),
                        disable=["kppi_core.adapters.candidates_csv"])  # fmt: skip
    assert "s1" in manager.sources() and "candidates-csv" not in manager.sources()
    manager.disable(["one"])
    assert "s1" not in manager.sources() and "candidates-csv" not in manager.sources()
    assert {i.name: i.status for i in manager.infos()}["one"] is PluginStatus.DISABLED


# -- name clashes ---------------------------------------------------------------------------


def test_kppi_register_sources_two_plugins_one_name_names_both_distributions(
    installed: Callable[..., Plugins],
) -> None:
    first, second = FakeSource("members-csv"), FakeSource("members-csv")
    manager = installed(ep("a", plugin_with(first), "partai-a"),
                        ep("b", plugin_with(second), "partai-b"))  # fmt: skip
    with pytest.warns(PluginWarning) as caught:
        assert manager.sources()["members-csv"] is first
    message = str(caught[0].message)
    assert "source 'members-csv' is registered by both" in message
    assert "partai-a 1.2" in message and "partai-b 1.2" in message


def test_kppi_register_rule_sets_and_kppi_register_formats_clash_with_builtins(
    installed: Callable[..., Plugins],
) -> None:
    from kppi_core.quota import get_rule_set
    from kppi_core.reports import Format

    plugin = types.ModuleType("clash")

    @hookimpl
    def kppi_register_rule_sets(register: Any) -> None:
        register(get_rule_set("uu7-2017"))

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("text", lambda document: ""))

    plugin.kppi_register_rule_sets = kppi_register_rule_sets  # type: ignore[attr-defined]
    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    manager = installed(ep("clash", plugin, "partai-c"))
    with pytest.warns(PluginWarning, match="rule set 'uu7-2017' is registered by both"):
        manager.infos()
    assert "kppi_core 0.1.0" in (manager.infos()[-1].error or "")


# -- the typed facade: rule sets and formats from plugins --------------------------------


def test_kppi_register_rule_sets_feed_get_rule_set(
    kppi_register: Callable[..., Any],
) -> None:
    from kppi_core.errors import UnknownRuleSet
    from kppi_core.quota import RuleSet, get_rule_set
    from kppi_core.quota import rule_sets as all_rule_sets
    from kppi_core.quota.rules import WomenShare

    mine = RuleSet("strict-40", "40% women, a partner's policy", (WomenShare(),))
    plugin = types.ModuleType("rules")

    @hookimpl
    def kppi_register_rule_sets(register: Any) -> None:
        register(mine)

    plugin.kppi_register_rule_sets = kppi_register_rule_sets  # type: ignore[attr-defined]
    with pytest.raises(UnknownRuleSet, match="known: pkpu-10-2023, uu7-2017"):
        get_rule_set("strict-40")
    info = kppi_register(plugin)
    assert info.rule_sets == ("strict-40",) and info.hooks == ("kppi_register_rule_sets",)
    assert get_rule_set("strict-40") is mine and rule_sets()["strict-40"] is mine
    assert list(all_rule_sets()) == ["uu7-2017", "pkpu-10-2023", "strict-40"]


def test_kppi_register_formats_feed_the_render_registry(
    kppi_register: Callable[..., Any],
) -> None:
    from kppi_core.cli._output import formats
    from kppi_core.errors import NotFound
    from kppi_core.quota import check_lists
    from kppi_core.render import Format
    from kppi_core.render.quota import check_document

    plugin = types.ModuleType("fmt")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("count", lambda document: f"{document.kind}\n"))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    document = check_document(check_lists([], "uu7-2017"))
    with pytest.raises(NotFound, match="known: text, json, csv, markdown"):
        formats().get("count")
    kppi_register(plugin)
    registry = formats()
    assert registry.names()[-1] == "count"
    out = io.StringIO()
    registry.write(document, registry.get("count"), out)
    assert out.getvalue() == "check\n"


def test_the_old_report_functions_warn_and_still_work(
    kppi_register: Callable[..., Any],
) -> None:
    from kppi_core.quota import check_lists
    from kppi_core.reports import Format, format_names, render_quota

    plugin = types.ModuleType("fmt")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("count", lambda report, info: f"{len(report.results)} lists\n"))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    report = check_lists([], "uu7-2017")
    with pytest.warns(DeprecationWarning, match="format_names is deprecated"):
        assert format_names()[-1] == "count"
    with pytest.warns(DeprecationWarning, match="render_quota is deprecated"):
        assert render_quota(report, "count") == "0 lists\n"
    with pytest.warns(DeprecationWarning, match="kppi_core.reports.ReadInfo is deprecated"):
        from kppi_core.reports import ReadInfo  # noqa: F401


def test_a_plugin_format_that_raises_is_named_with_its_plugin(
    kppi_register: Callable[..., Any],
) -> None:
    from kppi_core.cli._output import formats
    from kppi_core.quota import check_lists
    from kppi_core.render import Format
    from kppi_core.render.quota import check_document

    def broken(document: Any) -> str:
        raise KeyError("nik 3673014507900001")

    plugin = types.ModuleType("fmt_broken")

    @hookimpl
    def kppi_register_formats(register: Any) -> None:
        register(Format("broken", broken))

    plugin.kppi_register_formats = kppi_register_formats  # type: ignore[attr-defined]
    kppi_register(plugin)
    registry = formats()
    document = check_document(check_lists([], "uu7-2017"))
    with pytest.raises(PluginError, match="format 'broken' from plugin 'fmt_broken'") as caught:
        registry.write(document, registry.get("broken"), io.StringIO())
    assert caught.value.plugin == "fmt_broken"
    assert isinstance(caught.value.__cause__, KeyError)
    assert "3673014507900001" not in str(caught.value)  # digits hidden, as for sources


def test_kppi_register_fixture_unregisters_after_the_test(kppi_register: Any) -> None:
    kppi_register(plugin_with(FakeSource("temporary"), name="temp"))
    assert "temporary" in sources()


def test_the_previous_test_left_nothing_registered() -> None:
    assert "temporary" not in sources()


def test_registering_in_code_raises_at_once(kppi_register: Any) -> None:
    kppi_register(plugin_with(FakeSource("once"), name="first"))
    with pytest.raises(PluginError, match="source 'once' is registered by both"):
        kppi_register(plugin_with(FakeSource("once"), name="second"))
    assert "second" not in {i.name for i in set_plugins_current_infos()}


def set_plugins_current_infos() -> list[Any]:
    from kppi_core.plugins import plugin_infos

    return plugin_infos()


# -- choosing a source -------------------------------------------------------------------


def test_source_for_by_name_and_by_guess(kppi_register: Any, tmp_path: Path) -> None:
    generic = FakeSource("generic", patterns=("*.txt",))
    specific = FakeSource("members", patterns=("members*.txt",))
    shy = FakeSource("shy", patterns=("*.txt",), accepts=False)
    kppi_register(plugin_with(generic, specific, shy, name="three"))
    members = tmp_path / "members-2024.txt"
    members.write_text("x")
    other = tmp_path / "other.txt"
    other.write_text("x")
    assert source_for(members, "shy") is shy
    assert source_for(members) is specific  # the most specific pattern wins
    assert source_for(other) is generic  # shy's sniff says no
    with pytest.raises(NotFound, match=r"no source 'nope'; known: .*candidates-csv, .*generic"):
        source_for(members, "nope")
    with pytest.raises(NotFound, match=r"other\.xls: no source reads files named like"):
        source_for(tmp_path / "other.xls")
    with pytest.raises(SourceError, match="no such file"):
        source_for(tmp_path / "missing.txt")


def test_source_for_a_tie_lists_the_candidates(kppi_register: Any, tmp_path: Path) -> None:
    kppi_register(plugin_with(FakeSource("a"), FakeSource("b"), name="tie"))
    path = tmp_path / "x.txt"
    path.write_text("x")
    with pytest.raises(NotFound, match=r"several sources can read it \(a, b\)"):
        source_for(path)


def test_sniffing_rules_out_all_but_one_pattern_match_reads_it(
    kppi_plugin_manager: Plugins, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    # Of the sources that yield candidacies, only candidates-csv reads *.csv: it
    # reads the file although its sniff says no, so its error says why.
    assert source_for(empty, yields=("Candidacy",)).spec.name == "candidates-csv"


# -- errors at call time ---------------------------------------------------------------------


def test_kppi_register_sources_a_source_raising_mid_stream_is_named(
    installed: Callable[..., Plugins], tmp_path: Path
) -> None:
    first = Candidacy("Siti", Gender.FEMALE, "P", "e", "d", 1)
    cause = RuntimeError(f"row for {NIK} is odd")
    crashing = FakeSource("crashing", items=(Located(first, 2),), fail=cause)
    installed(ep("crash", plugin_with(crashing), "partai-crash"))
    path = tmp_path / "x.txt"
    path.write_text("x")
    got = []
    with pytest.raises(PluginSourceError) as raised:
        for item in read_source(path, "crashing"):
            got.append(item)
    assert got == [Located(first, 2)]  # what came before the failure was yielded
    error = raised.value
    assert error.__cause__ is cause
    assert (error.plugin, error.distribution) == ("crash", "partai-crash")
    assert "source 'crashing' from plugin 'crash' (distribution partai-crash 1.2)" in str(error)
    assert "RuntimeError" in str(error) and NIK not in str(error)
    assert str(path) in str(error)


def test_a_source_error_passes_through_unwrapped(kppi_register: Any, tmp_path: Path) -> None:
    unreadable = SourceError("not a membership export", path="x")
    kppi_register(plugin_with(FakeSource("picky", fail=unreadable)))
    path = tmp_path / "x.txt"
    path.write_text("x")
    with pytest.raises(SourceError) as raised:
        list(read_source(path))
    assert raised.value is unreadable


def test_read_source_streams_the_builtin_with_lines(kppi_plugin_manager: Plugins) -> None:
    from kppi_core.samples import sample_path

    items = read_source(sample_path("candidates"), context=ReadContext())
    first = next(items)
    assert isinstance(first, Located) and first.line == 2
    assert not any(isinstance(i, Rejection) for i in items)


def test_warnings_go_through_the_warnings_module(installed: Callable[..., Plugins]) -> None:
    manager = installed(ep("broken", ImportError("x")))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        manager.infos()
    assert [w.category for w in caught] == [PluginWarning]
