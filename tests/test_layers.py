"""The layers hold: the import contract passes, and no import cycle hides in a function."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

grimp = pytest.importorskip("grimp")

ROOT = Path(__file__).parents[1]


def test_no_import_cycle_at_module_or_function_level() -> None:
    """grimp sees imports inside functions too; TYPE_CHECKING ones are not run."""
    graph = grimp.build_graph("kppi_core", exclude_type_checking_imports=True)
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            assert not graph.chain_exists(imported, module), (
                f"{module} and {imported} import each other: "
                f"{graph.find_shortest_chain(imported, module)}"
            )


def test_the_import_contract_passes() -> None:
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed")
    done = subprocess.run(
        [lint], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
