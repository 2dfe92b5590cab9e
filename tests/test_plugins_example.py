"""The example plugin packages, installed for real: entry points, ``kppi plugins``,
``kppi inspect``, disabling, and the broken variants named and isolated.

pip builds ``examples/kppi-partai-contoh`` and ``examples/kppi-contoh-rusak``
offline (``--no-index --no-build-isolation``: hatchling must be importable)
into a temporary directory, never into the running environment, and every
``kppi`` runs in a subprocess with that directory on ``PYTHONPATH``: other
tests never see these plugins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
CONTOH = EXAMPLES / "kppi-partai-contoh"
MEMBERS = CONTOH / "tests" / "data" / "anggota.csv"
CANDIDATES = ROOT / "src" / "kppi_core" / "samples" / "kota_serang_2024_candidates.csv"

pytestmark = pytest.mark.plugin_install


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding both example packages, installed by pip."""
    pytest.importorskip("hatchling", reason="building the examples offline needs hatchling")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    offline = ["--no-deps", "--no-index", "--no-build-isolation", "--target", str(target)]
    done = subprocess.run(
        [*pip, *offline, str(CONTOH), str(EXAMPLES / "kppi-contoh-rusak")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return target


def kppi(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``kppi`` in a fresh interpreter that sees the installed examples."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KPPI_")}
    environ["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "kppi_core.cli", *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
        timeout=120,
    )


def statuses(site: Path, *args: str, **env: str) -> dict[str, dict[str, object]]:
    result = kppi(site, *args, "plugins", "--json", **env)
    assert result.returncode == 0, result.stderr
    return {d["name"]: d for d in json.loads(result.stdout)}


def test_plugins_lists_the_example_and_names_the_broken_one(site: Path) -> None:
    found = statuses(site)
    contoh = found["partai-contoh"]
    assert contoh["status"] == "loaded"
    assert (contoh["distribution"], contoh["version"]) == ("kppi-partai-contoh", "0.1.0")
    assert contoh["sources"] == ["partai-contoh-anggota"]
    assert contoh["hooks"] == ["kppi_register_sources"]
    broken = found["contoh-rusak"]
    assert broken["status"] == "failed"
    assert broken["distribution"] == "kppi-contoh-rusak"
    assert "No module named 'sistem_anggota_yang_tidak_ada'" in str(broken["error"])


def test_a_broken_plugin_never_breaks_help_or_version(site: Path) -> None:
    help_ = kppi(site, "--help")
    assert help_.returncode == 0 and "inspect" in help_.stdout
    assert "kppi: warning: plugin 'contoh-rusak' (distribution kppi-contoh-rusak 0.0.1)" in (
        help_.stderr
    )
    assert "Traceback" not in help_.stderr
    version = kppi(site, "--version")
    assert version.returncode == 0 and version.stderr == ""  # no plugin loaded at all


def test_inspect_uses_the_example_source(site: Path) -> None:
    result = kppi(site, "inspect", str(MEMBERS), "--format", "json")
    assert result.returncode == 1, result.stderr  # three rows are rejected
    data = json.loads(result.stdout)
    assert data["source"] == "partai-contoh-anggota"  # guessed from the file
    assert data["counts"] == {"Membership": 5, "Organization": 1, "Person": 5}
    assert data["breakdowns"]["Person.gender"] == {"female": 3, "male": 2}
    assert [r["reason"] for r in data["rejected"]] == [
        "is not L or P",
        "is empty",
        "is not a date written YYYY-MM-DD",
    ]


def test_the_builtins_still_run_beside_a_broken_plugin(site: Path) -> None:
    result = kppi(site, "check", str(CANDIDATES), "--format", "json")
    assert result.returncode == 1  # the sample's lists: some noncompliant
    assert json.loads(result.stdout)["summary"]["lists"] == 96
    assert "kppi: warning: plugin 'contoh-rusak'" in result.stderr
    assert kppi(site, "check", "--help").stderr == ""  # help for a core command loads none


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--disable-plugin", "partai-contoh"), {}),
        ((), {"KPPI_DISABLE_PLUGINS": "partai-contoh,contoh-rusak"}),
        ((), {"KPPI_LOAD_PLUGINS": ""}),
    ],
)
def test_disabling_the_example(site: Path, args: tuple[str, ...], env: dict[str, str]) -> None:
    assert statuses(site, *args, **env)["partai-contoh"]["status"] == "disabled"
    result = kppi(site, *args, "inspect", str(MEMBERS), **env)
    # Only the built-in sources are left: none reads a ';' membership export.
    assert result.returncode == 2 and "kppi: error:" in result.stderr
    assert "partai-contoh" not in result.stderr.replace(str(MEMBERS), "")


def test_allow_list_loads_only_the_named_plugin(site: Path) -> None:
    found = statuses(site, KPPI_LOAD_PLUGINS="partai-contoh")
    assert found["partai-contoh"]["status"] == "loaded"
    assert found["contoh-rusak"]["status"] == "disabled"


def test_strict_mode_stops_at_the_broken_plugin(site: Path) -> None:
    result = kppi(site, "plugins", KPPI_STRICT_PLUGINS="1")
    assert result.returncode == 2
    assert "kppi: error: plugin 'contoh-rusak'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_source_failing_mid_stream_is_named(site: Path) -> None:
    result = kppi(site, "inspect", str(MEMBERS), KPPI_CONTOH_GAGAL="tengah")
    assert result.returncode == 2
    assert (
        "source 'partai-contoh-anggota' from plugin 'partai-contoh' "
        "(distribution kppi-partai-contoh 0.1.0) failed while reading: "
        "RuntimeError: simulasi: koneksi ke sistem anggota terputus"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_the_examples_own_tests_pass_with_the_kit(site: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KPPI_")}
    environ["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "src")])
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CONTOH / "tests")],
        capture_output=True,
        text=True,
        env=environ,
        cwd=CONTOH,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:]
