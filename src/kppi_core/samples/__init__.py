"""The embedded sample: a synthetic data set modelled on Kota Serang.

Every name and number in it is invented; only the structure (districts, seats,
parties, the kinds of quota failures) follows the 2024 DPRD Kota Serang
election. See ``README.md`` beside this file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kppi_core.errors import NotFound

__all__ = ["SAMPLES", "sample_path"]

#: The sample files by name.
SAMPLES = {
    "candidates": "kota_serang_2024_candidates.csv",
    "branch": "kota_serang_branch.json",
    "decisions": "kota_serang_decisions.json",
}


def sample_path(name: str = "candidates") -> Path:
    """The path of an embedded sample file (``candidates``, ``branch``)."""
    try:
        filename = SAMPLES[name]
    except KeyError:
        raise NotFound(f"no sample {name!r}; known: {', '.join(SAMPLES)}") from None
    ref = resources.files(__package__) / filename
    return Path(str(ref))
