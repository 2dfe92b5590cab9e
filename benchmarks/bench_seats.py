"""Benchmark: Sainte-Laguë for every district of a 2024-sized election.

Generates 2,710 districts (seeded, so every run sees the same data) with 18
parties and 3–12 seats, votes from a few thousand to a few hundred thousand,
allocates them all with kppi_core (exact) and, if installed, with votelib on
the same data, checks both agree wherever kppi_core reports no tie, and prints
each one's median wall time and the ratio.

Run: ``python benchmarks/bench_seats.py [--repeat N]`` (from the repo root;
``src`` is put on the path if kppi_core is not installed).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    from kppi_core.seats import SAINTE_LAGUE, allocate
except ImportError:  # running from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from kppi_core.seats import SAINTE_LAGUE, allocate

District = tuple[dict[str, int], int]

N_DISTRICTS = 2710
PARTIES = [f"P{n:02d}" for n in range(1, 19)]


def make_districts(seed: int = 2024) -> list[District]:
    """2,710 districts, 18 parties each, 3–12 seats, realistic vote counts."""
    rng = random.Random(seed)
    districts = []
    for _ in range(N_DISTRICTS):
        seats = rng.randint(3, 12)
        median = rng.uniform(10_000, 60_000) * seats / 6
        votes = {
            p: min(900_000, max(1_000, int(rng.lognormvariate(math.log(median), 0.9))))
            for p in PARTIES
        }
        districts.append((votes, seats))
    return districts


def run_kppi(districts: list[District]) -> list[dict[str, int] | None]:
    out: list[dict[str, int] | None] = []
    for votes, seats in districts:
        a = allocate(votes, seats, SAINTE_LAGUE)
        out.append(None if a.ties else a.as_dict())
    return out


def make_votelib() -> Callable[[list[District]], list[dict[str, int]]] | None:
    try:
        from votelib.evaluate.proportional import HighestAverages  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    evaluator = HighestAverages("sainte_lague")

    def run_votelib(districts: list[District]) -> list[dict[str, int]]:
        return [evaluator.evaluate(votes, seats) for votes, seats in districts]

    return run_votelib


def median_time(fn: Callable[[list[District]], object], data: list[District], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs each (default 7)")
    args = parser.parse_args()
    data = make_districts()
    seats = sum(s for _, s in data)
    print(f"{len(data)} districts, {len(PARTIES)} parties, {seats} seats, Sainte-Laguë")
    ours = run_kppi(data)
    ties = sum(r is None for r in ours)
    t_ours = median_time(run_kppi, data, args.repeat)
    print(f"kppi_core  median {t_ours:.4f} s over {args.repeat} runs ({ties} districts tied)")
    run_votelib = make_votelib()
    if run_votelib is None:
        print("votelib not installed: no comparison")
        return
    theirs = run_votelib(data)
    t_theirs = median_time(run_votelib, data, args.repeat)
    print(f"votelib    median {t_theirs:.4f} s over {args.repeat} runs")
    print(f"ratio kppi_core / votelib = {t_ours / t_theirs:.2f}")
    differ = [
        n
        for n, (a, b) in enumerate(zip(ours, theirs, strict=True))
        if a is not None and {p: s for p, s in a.items() if s} != {p: s for p, s in b.items() if s}
    ]
    print(f"seats agree in {len(data) - ties - len(differ)} of {len(data) - ties} untied districts")
    if differ:
        sys.exit(f"disagreement in districts {differ[:10]}")


if __name__ == "__main__":
    main()
