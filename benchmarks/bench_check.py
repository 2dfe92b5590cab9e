"""Benchmark: ``kppi check FILE --format json`` against the equivalent pandas script.

Generates a national-scale candidates CSV (``benchmarks/generate_candidates.py``,
into ``benchmarks/out/``) if it is not there yet, then runs, each as its own
process so both pay for starting Python and importing their libraries,

- ``kppi check FILE --format json [--rules R]`` and
- ``python benchmarks/pandas_check.py FILE [--rules R]``

``--runs`` times each, interleaved (the order alternating from run to run). Every
run's wall time and the child's peak resident memory (``ru_maxrss`` from
``os.wait4`` on that child alone) are recorded, and every run's summary is
checked: both must count the same lists, verdicts and violations per rule, or
the benchmark stops with exit status 1.

Note on memory: on Linux a child started with fork/vfork + exec inherits the
parent's peak RSS as its starting ``ru_maxrss``, so this harness stays small
(it never imports pandas or kppi_core, and generates the file in a separate
process); its own peak is printed as the floor below which nothing is measured.

Run: ``python benchmarks/bench_check.py [--rows-scale F] [--runs N] [--kppi CMD]``
(from any directory; ``--kppi`` is a command line, e.g. ``"python my_kppi.py"``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
SUMMARY_KEYS = ("lists", "compliant", "noncompliant", "undetermined", "violations")
# Targets for kppi check relative to pandas.
TARGET_TIME = 1.0
TARGET_MEMORY = 0.5


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    wall: float  # seconds
    peak_kib: int  # ru_maxrss of the child, KiB on Linux
    status: int
    stdout: str
    stderr: str


#: GNU time, when the machine has it: it measures a program's own peak RSS.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` to completion; its wall time and its own peak RSS via ``os.wait4``.

    Output goes to temporary files, not pipes, so the child never blocks on a full
    pipe and the harness can reap it with ``wait4`` itself.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        # A child's ru_maxrss starts at its parent's RSS when it forks: measured
        # from this harness, a small program would look as big as the harness.
        # GNU time forks the program from its own tiny process and reports the
        # program's peak alone; without it, fall back to wait4 (the floor applies).
        timed = [TIME, "-f", "%M", "-o", peak.name, *cmd] if TIME else cmd
        # Both programs run as installed programs do, with their bytecode cached:
        # under PYTHONDONTWRITEBYTECODE every run would compile a checkout's modules again.
        env = dict(os.environ if env is None else env)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, wait_status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        measured = peak.read().strip().splitlines() if TIME else []
        kib = int(measured[-1]) if measured and measured[-1].isdigit() else usage.ru_maxrss
        return Run(
            wall=wall,
            peak_kib=kib,
            status=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def data_file(seed: int, scale: float) -> Path:
    """The generated CSV for ``seed`` and ``scale``, written first if missing or
    older than the generator."""
    path = OUT / f"candidates-seed{seed}-x{scale:g}.csv"
    generator = HERE / "generate_candidates.py"
    if not path.exists() or path.stat().st_mtime < generator.stat().st_mtime:
        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".csv.part")
        print(f"generating {path.relative_to(REPO)} …", file=sys.stderr)
        gen = [sys.executable, str(generator), str(tmp)]
        subprocess.run([*gen, "--seed", str(seed), "--rows-scale", str(scale)], check=True)
        tmp.replace(path)
    return path


def kppi_command(given: str | None) -> tuple[list[str], dict[str, str] | None]:
    """The kppi command line and, when running from a checkout, its environment."""
    if given:
        return shlex.split(given), None
    exe = Path(sys.executable).parent / "kppi"
    if exe.exists():
        return [str(exe)], None
    env = None
    if importlib.util.find_spec("kppi_core") is None:  # not installed: use the checkout
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p
        )
    return [sys.executable, "-m", "kppi_core.cli"], env


def fail(message: str, result: Run | None = None) -> NoReturn:
    """Stop the benchmark with exit status 1, showing the child's stderr if any."""
    print(f"bench_check: FAILED: {message}", file=sys.stderr)
    if result is not None and result.stderr.strip():
        tail = result.stderr.strip().splitlines()[-20:]
        print("  stderr (last lines):", *tail, sep="\n    ", file=sys.stderr)
    sys.exit(1)


def kppi_summary(result: Run) -> dict[str, Any]:
    """The comparable part of kppi's JSON summary. Status 1 means findings, not an error."""
    if result.status not in (0, 1):
        fail(f"kppi check exited with status {result.status}", result)
    try:
        summary = json.loads(result.stdout)["summary"]
    except (ValueError, KeyError, TypeError) as exc:
        fail(f"kppi check printed no JSON report with a summary ({exc!r})", result)
    missing = [k for k in SUMMARY_KEYS if k not in summary]
    if missing:
        fail(f"kppi summary lacks {missing}", result)
    if summary.get("rejected"):
        print(f"note: kppi rejected {summary['rejected']} records", file=sys.stderr)
    return {k: summary[k] for k in SUMMARY_KEYS}


def pandas_summary(result: Run) -> dict[str, Any]:
    """The pandas script's summary."""
    if result.status != 0:
        fail(f"pandas_check.py exited with status {result.status}", result)
    try:
        summary = json.loads(result.stdout)
    except ValueError as exc:
        fail(f"pandas_check.py printed no JSON ({exc!r})", result)
    return {k: summary[k] for k in SUMMARY_KEYS}


def compare(kppi: dict[str, Any], pandas: dict[str, Any]) -> None:
    """Fail loudly unless both summaries agree on every count."""
    if kppi == pandas:
        return
    lines = []
    for key in SUMMARY_KEYS:
        if kppi[key] != pandas[key]:
            lines.append(f"  {key}: kppi {kppi[key]!r} != pandas {pandas[key]!r}")
    fail("kppi and pandas disagree:\n" + "\n".join(lines))


def machine(kppi_cmd: list[str], env: dict[str, str] | None) -> list[str]:
    """Lines describing where the benchmark ran."""
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    probe = "import pandas, numpy; print(pandas.__version__, numpy.__version__)"
    versions = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    ).stdout.split()
    pandas_v, numpy_v = (versions + ["?", "?"])[:2]
    kppi_v = subprocess.run(
        [*kppi_cmd, "--version"], capture_output=True, text=True, env=env, check=False
    ).stdout.strip()
    return [
        f"machine: {platform.machine()} {platform.system()} {platform.release()}, "
        f"nproc {usable} (of {cpus})",
        f"python {platform.python_version()} ({sys.executable}), "
        f"pandas {pandas_v}, numpy {numpy_v}",
        f"kppi: {' '.join(kppi_cmd)} ({kppi_v or 'version unknown'})",
    ]


def mib(kib: float) -> float:
    return kib / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows-scale", type=float, default=1.0, help="1.0 = national scale")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--rules", choices=["uu7-2017", "pkpu-10-2023"], default="uu7-2017")
    parser.add_argument("--kppi", metavar="CMD", help="the kppi command (default: installed kppi)")
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 3 if a target is missed"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.rows_scale <= 0:
        parser.error("--rows-scale must be positive")

    path = data_file(args.seed, args.rows_scale)
    kppi_cmd, env = kppi_command(args.kppi)
    rules = ["--rules", args.rules]
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "kppi": ([*kppi_cmd, "check", str(path), "--format", "json", *rules], env),
        "pandas": ([sys.executable, str(HERE / "pandas_check.py"), str(path), *rules], None),
    }
    parse = {"kppi": kppi_summary, "pandas": pandas_summary}

    with path.open("rb") as f:
        rows = sum(1 for _ in f) - 1
    size = path.stat().st_size
    print(*machine(kppi_cmd, env), sep="\n")
    print(f"file: {path.relative_to(REPO)}: {size / 2**20:.1f} MiB, {rows:,} rows")
    print(f"rules: {args.rules}; {args.runs} runs each, interleaved, after one warm-up each")

    results: dict[str, list[Run]] = {"kppi": [], "pandas": []}
    summaries: dict[str, dict[str, Any]] = {}
    for i in range(args.runs + 1):  # run 0 warms the page cache and .pyc files
        order = ("kppi", "pandas") if i % 2 == 0 else ("pandas", "kppi")
        for name in order:
            cmd, cmd_env = commands[name]
            result = run(cmd, cmd_env)
            summaries[name] = parse[name](result)
            if i:
                results[name].append(result)
                print(
                    f"  run {i} {name:6}: {result.wall:7.3f} s  {mib(result.peak_kib):7.1f} MiB",
                    file=sys.stderr,
                )
        compare(summaries["kppi"], summaries["pandas"])

    print(f"summaries agree: {json.dumps(summaries['pandas'])}")
    wall = {k: statistics.median(r.wall for r in v) for k, v in results.items()}
    peak = {k: statistics.median(mib(r.peak_kib) for r in v) for k, v in results.items()}
    floor = mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    t_ratio = wall["kppi"] / wall["pandas"]
    m_ratio = peak["kppi"] / peak["pandas"]

    print()
    print(f"{'':18}{'wall (median)':>15}{'peak RSS (median)':>20}")
    for name in ("kppi", "pandas"):
        print(f"{name + ' check' if name == 'kppi' else 'pandas script':18}", end="")
        print(f"{wall[name]:>13.3f} s{peak[name]:>16.1f} MiB")
    print(f"{'kppi / pandas':18}{t_ratio:>14.2f}×{m_ratio:>19.2f}×")
    met_t = t_ratio <= TARGET_TIME
    met_m = m_ratio <= TARGET_MEMORY
    print(
        f"{'target':18}{'≤ ' + format(TARGET_TIME, '.1f') + '×':>15}"
        f"{'≤ ' + format(TARGET_MEMORY, '.1f') + '×':>20}"
    )
    print(f"{'':18}{'met' if met_t else 'MISSED':>15}{'met' if met_m else 'MISSED':>20}")
    if TIME:
        print(f"(peak RSS measured by {TIME}: each program's own)")
    else:
        print(f"(harness peak RSS {floor:.1f} MiB: no child is measured below it)")
    if args.strict and not (met_t and met_m):
        sys.exit(3)


if __name__ == "__main__":
    main()
