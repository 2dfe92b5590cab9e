"""Start-up of the ``kppi`` command: ``--version`` against the commands that load plugins.

Runs each command ``--runs`` times as a fresh process, interleaved (so noise
from other work on the machine spreads over all of them), and prints the
median and the lowest wall time of each, then entry-point discovery alone
(importlib.metadata against kppi_core.plugins.discovery, import and call, in fresh
processes). Bytecode caching is left on, as in an installed package::

    python benchmarks/bench_startup.py [--runs N] [--kppi CMD]
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    ("--version",),
    ("--help",),
    ("plugins",),
    ("plugins", "--json"),
    ("check", "--sample"),
)
DISCOVERY = {
    "importlib.metadata": "import importlib.metadata as m\nm.entry_points(group='kppi_core')",
    "kppi_core.plugins.discovery": (
        "import kppi_core.plugins.discovery as d\nd.entry_points('kppi_core')"
    ),
}
_TIMED = (
    "import time, click, pluggy\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if not (ROOT / "src").is_dir():
        return env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def _kppi() -> list[str]:
    script = Path(sys.executable).with_name("kppi")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from kppi_core.cli import main; sys.exit(main())"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--kppi", help="The command to run (default: the kppi script).")
    args = parser.parse_args()
    kppi = shlex.split(args.kppi) if args.kppi else _kppi()
    env = _env()
    print(
        f"machine: {platform.machine()} {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} CPUs; python {platform.python_version()}; kppi: {shlex.join(kppi)}"
    )
    runs: dict[str, list[float]] = {"python -c pass": []}
    runs |= {f"kppi {' '.join(c)}": [] for c in COMMANDS}
    found: dict[str, list[float]] = {name: [] for name in DISCOVERY}
    for _ in range(args.runs):
        for label, times in runs.items():
            argv = [sys.executable, "-c", "pass"] if label.startswith("python") else None
            argv = argv or [*kppi, *label.split()[1:]]
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        for name, code in DISCOVERY.items():
            timed = _TIMED.format(code=code)
            done = subprocess.run([sys.executable, "-c", timed], env=env, capture_output=True)
            found[name].append(float(done.stdout))
    print(f"{args.runs} runs each, interleaved; wall time of a fresh process")
    for label, times in runs.items():
        print(
            f"  {label:22} median {statistics.median(times) * 1e3:6.1f} ms"
            f"   min {min(times) * 1e3:6.1f} ms"
        )
    print("entry-point discovery for group kppi_core (import + call, click and pluggy loaded)")
    for name, times in found.items():
        print(
            f"  {name:22} median {statistics.median(times) * 1e3:6.1f} ms"
            f"   min {min(times) * 1e3:6.1f} ms"
        )


if __name__ == "__main__":
    main()
