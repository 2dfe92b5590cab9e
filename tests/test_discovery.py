"""Entry-point discovery (kppi_core.plugins.discovery) against importlib.metadata's answer: on
this environment, and on fake distributions put on sys.path."""

from __future__ import annotations

import os.path
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from kppi_core.plugins import discovery
from kppi_core.plugins.discovery import EntryPoint, entry_points


def _importlib(group: str) -> list[tuple[str, str, str, str | None, str | None]]:
    found = metadata.entry_points(group=group)
    return sorted(
        (ep.name, ep.value, ep.group, ep.dist.name if ep.dist else None,
         ep.dist.version if ep.dist else None)
        for ep in found
    )  # fmt: skip


def _ours(group: str, fast: bool = True) -> list[tuple[str, str, str, str | None, str | None]]:
    found = discovery._scan(group) if fast else entry_points(group)
    return sorted(
        (ep.name, ep.value, ep.group, ep.dist.name if ep.dist else None,
         ep.dist.version if ep.dist else None)
        for ep in found
    )  # fmt: skip


def _dist(root: Path, dirname: str, name: str, version: str, entry_points: str | None) -> None:
    info = root / dirname
    info.mkdir(parents=True)
    header = "PKG-INFO" if dirname.endswith(".egg-info") else "METADATA"
    text = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA description.\n"
    (info / header).write_text(text, encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_every_group_of_this_environment_is_found_as_importlib_metadata_finds_it() -> None:
    groups = {ep.group for dist in metadata.distributions() for ep in dist.entry_points}
    groups |= {"kppi_core", "no-such-group"}
    for group in sorted(groups):
        assert _ours(group) == _importlib(group), group  # the fast path, no fallback
        assert _ours(group, fast=False) == _importlib(group), group


def test_fake_distributions_on_sys_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    eps = "# a comment\n[console_scripts]\nx = y:z\n\n[kppi_core]\n  contoh = contoh_plugin \n"
    _dist(first, "kppi_partai_contoh-1.2.dist-info", "kppi-partai-contoh", "1.2", eps)
    # the same distribution again, later on sys.path: importlib.metadata keeps the first
    _dist(second, "Kppi.Partai_Contoh-9.0.dist-info", "Kppi.Partai_Contoh", "9.0", eps)
    _dist(second, "other-0.1.dist-info", "other", "0.1",
          "[kppi_core]\nsatu = other.plugin:PLUGIN\ndua=other.two [extra]\n")  # fmt: skip
    _dist(second, "legacy.egg-info", "legacy", "3.0", "[kppi_core]\nlama = legacy_plugin\n")
    _dist(second, "nothing-1.0.dist-info", "nothing", "1.0", None)
    _dist(second, "elsewhere-1.0.dist-info", "elsewhere", "1.0", "[pytest11]\na = b\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    expected = [
        ("contoh", "contoh_plugin", "kppi_core", "kppi-partai-contoh", "1.2"),
        ("dua", "other.two [extra]", "kppi_core", "other", "0.1"),
        ("lama", "legacy_plugin", "kppi_core", "legacy", "3.0"),
        ("satu", "other.plugin:PLUGIN", "kppi_core", "other", "0.1"),
    ]
    assert _importlib("kppi_core") == expected
    assert _ours("kppi_core") == expected
    elsewhere = [("a", "b", "pytest11", "elsewhere", "1.0")]
    assert _ours("pytest11") == _importlib("pytest11") == elsewhere


def test_a_zip_on_sys_path_falls_back_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n\n")
        zf.writestr("zipped-1.0.dist-info/entry_points.txt", "[kppi_core]\nz = zipped\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    with pytest.raises(discovery._Unusual):
        discovery._scan("kppi_core")
    assert _ours("kppi_core", fast=False) == _importlib("kppi_core")
    assert _importlib("kppi_core") == [("z", "zipped", "kppi_core", "zipped", "1.0")]


def test_metadata_without_a_version_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "odd.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: odd\n\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[kppi_core]\no = odd\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    with pytest.raises(discovery._Unusual):
        discovery._scan("kppi_core")
    assert _ours("kppi_core", fast=False) == _importlib("kppi_core")


def test_another_finder_of_distributions_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        @staticmethod
        def find_spec(*args: object) -> None:
            return None

        @staticmethod
        def find_distributions(*args: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    with pytest.raises(discovery._Unusual):
        discovery._scan("kppi_core")
    assert _ours("kppi_core", fast=False) == _importlib("kppi_core")


def test_entry_point_load_imports_what_it_names() -> None:
    assert EntryPoint("j", "os.path:join", "g").load() is os.path.join
    assert EntryPoint("p", "os.path", "g").load() is os.path
    assert EntryPoint("x", "os.path:join [extra]", "g").load() is os.path.join
