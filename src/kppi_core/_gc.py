"""The cyclic garbage collector, paused while kppi_core builds many acyclic objects.

Private: the one gc switch of the library. A bulk job (reading a national
candidates file, checking its lists, building a registry) makes hundreds of
thousands of small objects that hold no reference cycles and outlive the job;
the cyclic collector would only scan them again and again as they pile up
(on the benchmark file of ``benchmarks/bench_check.py``, about a fifth of the
time of reading and checking). Reference counting frees memory as usual
meanwhile; only cycles wait for the collector's return.

:func:`paused` switches the collector off for the job and back on after,
whatever happens, if it was on: nested and concurrent jobs restore it once,
when the last one ends. A differential test holds the results of every job
it wraps to the results with the collector running.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["paused"]

_lock = threading.Lock()
_jobs = 0  # jobs running with the collector paused
_restore = False  # whether the collector was on when the first of them began


class paused:  # lowercase: it reads as a function, ``with paused():``
    """The cyclic collector off for the ``with`` block (see the module).

    A class rather than a generator: switching the collector back on is the
    last thing it does, so the collection of what the job made comes with the
    caller's next allocation, as it would without the pause."""

    __slots__ = ()

    def __enter__(self) -> None:
        global _jobs, _restore
        with _lock:
            if _jobs == 0:
                _restore = gc.isenabled()
                gc.disable()
            _jobs += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        global _jobs
        with _lock:
            _jobs -= 1
            if _jobs == 0 and _restore:
                gc.enable()
