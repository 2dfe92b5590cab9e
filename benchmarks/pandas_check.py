"""The gender-quota check as an analyst would write it in pandas: the benchmark's peer.

Reads a candidates CSV and prints one JSON object::

    {"lists": N, "compliant": N, "noncompliant": N, "undetermined": N,
     "violations": {rule_id: number_of_lists_failing_it}}

A list is the rows sharing (election, district, party); n is its number of rows.

- ``list-women-share``: at least ``required`` women, 30% of n rounded up
  (``uu7-2017``, the default) or half-up (``--rules pkpu-10-2023``); a
  one-candidate list is exempt. Short of it, but reachable by the candidates of
  unknown sex: undetermined.
- ``list-zipper``: each full block of positions 3k+1..3k+3 (3k+3 <= n), by list
  number, holds a woman; a block with no woman but someone of unknown sex is
  undetermined.
- ``list-length``: n is at most the district's seats.
- ``list-numbering``: the list numbers are exactly 1..n.

A list is noncompliant if a rule fails, else undetermined if a rule is, else
compliant. Everything is done with column operations and group-bys, no row loops.

Run: ``python benchmarks/pandas_check.py FILE.csv [--rules uu7-2017|pkpu-10-2023]``
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

KEYS = ["election", "district", "party"]
RULES = ["list-women-share", "list-zipper", "list-length", "list-numbering"]
PASS, UNDETERMINED, FAIL = 0, 1, 2


def load(path: str) -> pd.DataFrame:
    """The columns the check needs, with compact types."""
    return pd.read_csv(
        path,
        usecols=["election", "district", "seats", "party", "list_number", "gender"],
        dtype={
            "election": "category",
            "district": "category",
            "party": "category",
            "gender": "category",
            "seats": "int16",
            "list_number": "int16",
        },
    )


def check(df: pd.DataFrame, rules: str = "uu7-2017") -> dict[str, object]:
    """The summary of every list's verdict, as the module docstring describes."""
    df["list_id"] = df.groupby(KEYS, observed=True, sort=False).ngroup()
    df["woman"] = df["gender"].eq("P")
    df["unknown"] = df["gender"].isna()

    g = df.groupby("list_id", sort=False)
    lists = g.agg(
        n=("list_number", "size"),
        women=("woman", "sum"),
        unknown=("unknown", "sum"),
        seats=("seats", "first"),
        lo=("list_number", "min"),
        hi=("list_number", "max"),
        distinct=("list_number", "nunique"),
    )
    n = lists["n"]

    # list-women-share
    half_up = rules == "pkpu-10-2023"
    required = (3 * n + (5 if half_up else 9)) // 10
    share = pd.Series(FAIL, index=lists.index)
    share[lists["women"] + lists["unknown"] >= required] = UNDETERMINED
    share[(lists["women"] >= required) | (n == 1)] = PASS

    # list-zipper: only full blocks (last position <= n) count; a full block
    # without any row has no woman, so count the blocks that do instead of the
    # blocks that do not.
    df["block"] = (df["list_number"] - 1) // 3
    df["n"] = df["list_id"].map(n)
    full = df[3 * df["block"] + 3 <= df["n"]]
    blocks = full.groupby(["list_id", "block"], sort=False).agg(
        woman=("woman", "any"), unknown=("unknown", "any")
    )
    blocks["undetermined"] = ~blocks["woman"] & blocks["unknown"]
    per_list = blocks.groupby(level="list_id", sort=False)[["woman", "undetermined"]].sum()
    per_list = per_list.reindex(lists.index, fill_value=0)
    full_blocks = n // 3
    zipper = pd.Series(PASS, index=lists.index)
    zipper[per_list["undetermined"] > 0] = UNDETERMINED
    zipper[per_list["woman"] + per_list["undetermined"] < full_blocks] = FAIL

    # list-length
    length = (n > lists["seats"]).astype(int) * FAIL

    # list-numbering: n distinct numbers from 1 to n are exactly 1..n.
    numbered = (lists["lo"] == 1) & (lists["hi"] == n) & (lists["distinct"] == n)
    numbering = (~numbered).astype(int) * FAIL

    verdicts = pd.DataFrame(
        {
            "list-women-share": share,
            "list-zipper": zipper,
            "list-length": length,
            "list-numbering": numbering,
        }
    )
    worst = verdicts.max(axis=1)
    failing = verdicts.eq(FAIL).sum()
    return {
        "lists": len(lists),
        "compliant": int((worst == PASS).sum()),
        "noncompliant": int((worst == FAIL).sum()),
        "undetermined": int((worst == UNDETERMINED).sum()),
        "violations": {rule: int(failing[rule]) for rule in RULES if failing[rule] > 0},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="candidates CSV")
    parser.add_argument("--rules", choices=["uu7-2017", "pkpu-10-2023"], default="uu7-2017")
    args = parser.parse_args(argv)
    json.dump(check(load(args.path), args.rules), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
