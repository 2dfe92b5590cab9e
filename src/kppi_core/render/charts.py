"""Charts as inline SVG, drawn with matplotlib (the ``charts`` extra).

Each function takes plain figures (labels, counts, exact shares) and returns
one ``<svg>`` element with a ``<title>`` and a ``<desc>`` (its text
alternative), ``role="img"`` and ``aria-labelledby``; every id in it is
prefixed with the chart's name, so several charts live in one page. Shares
are drawn from exact fractions converted once to a float for the plot only:
no figure shown in words comes from the drawing.

matplotlib is imported when the first chart is drawn, not before
(:func:`available` says whether it can be): ``kppi`` starts without it.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from kppi_core.i18n import N_

__all__ = ["INSTALL_HINT", "available", "bars", "grid"]

#: What the HTML report says when matplotlib is missing (a msgid: the page
#: shows it in its language).
INSTALL_HINT = N_("Charts need matplotlib: pip install 'kppi_core[charts]'")

#: Women, men, not stated; and a second series colour. Distinguishable in grey
#: print and by the common colour-vision deficiencies (Okabe–Ito palette).
WOMAN, MAN, UNKNOWN, OTHER = "#CC79A7", "#56B4E9", "#DDDDDD", "#E69F00"
SERIES = (WOMAN, MAN, OTHER, "#009E73", "#0072B2", "#D55E00", "#F0E442", "#999999")


@functools.cache
def available() -> bool:
    """Whether matplotlib can be imported (the ``charts`` extra is installed)."""
    try:
        import matplotlib  # noqa: F401  (deferred: an optional extra, and start-up time)
    except ImportError:
        return False
    return True


def _figure(width: float, height: float, *, constrained: bool = True) -> Any:
    # Deferred: matplotlib is an optional extra and costs ~0.3 s to import.
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: searchable, small
            "svg.hashsalt": "kppi",  # the same figures give the same file
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return Figure(figsize=(width, height), layout="constrained" if constrained else None)


_ID = re.compile(r'(\bid="|url\(#|href="#)')


def _svg(fig: Any, name: str, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    text = _ID.sub(lambda m: f"{m.group(1)}{name}-", text)
    head_end = text.index(">") + 1
    head = text[:head_end]
    head = re.sub(r'\s(width|height)="[^"]*"', "", head, count=2)
    head = head.replace(
        "<svg",
        f'<svg role="img" aria-labelledby="{name}-title {name}-desc" class="chart"',
        1,
    )
    alt = (
        f'<title id="{name}-title">{html.escape(title)}</title>'
        f'<desc id="{name}-desc">{html.escape(desc)}</desc>'
    )
    return head + alt + text[head_end:]


def _float(value: int | Fraction) -> float:
    return float(value)


def bars(
    name: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | Fraction]]],
    *,
    lines: Sequence[tuple[Fraction, str]] = (),
    share: bool = False,
    stacked: bool = False,
    colors: Sequence[str] = SERIES,
) -> str:
    """Horizontal bars, one row per label: one series, or several side by side
    (``stacked``: end to end). ``lines`` are reference values (30%, 15%) drawn
    across; ``share``: the axis runs 0–100%."""
    rows = max(len(labels), 1)
    per = 0.28 if stacked or len(series) == 1 else 0.2 * len(series)
    width, height = 7.0, min(1.2 + rows * per, 40.0)
    # Margins from the labels' length (a layout engine costs a third of a chart).
    fig = _figure(width, height, constrained=False)
    longest = max((len(_short(t)) for t in labels), default=1)
    fig.subplots_adjust(
        left=min(0.5, (0.2 + 0.068 * longest) / width),
        right=0.97,
        bottom=0.45 / height,
        top=1 - 0.15 / height,
    )
    ax = fig.add_subplot()
    ys = list(range(len(labels)))
    height = 0.8 if stacked or len(series) == 1 else 0.8 / len(series)
    left = [0.0] * len(labels)
    for i, (label, values) in enumerate(series):
        xs = [_float(v) for v in values]
        if stacked:
            ax.barh(ys, xs, height, left=left, label=label, color=colors[i % len(colors)])
            left = [a + b for a, b in zip(left, xs, strict=True)]
        else:
            offset = (i - (len(series) - 1) / 2) * height
            ax.barh(
                [y + offset for y in ys], xs, height, label=label, color=colors[i % len(colors)]
            )
    for i, (value, label) in enumerate(lines):
        style = ("--", ":", "-.")[i % 3]
        ax.axvline(_float(value), color="#333333", linestyle=style, linewidth=1, label=label)
    ax.set_yticks(ys, [_short(t) for t in labels])
    ax.invert_yaxis()
    if share:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{round(x * 100)}%")
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1 or lines:
        ax.legend(loc="lower right", fontsize=8, frameon=True)
    return _svg(fig, name, title, desc)


def grid(
    name: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, str]],
    *,
    axis: str = "list position (nomor urut)",
    legend: tuple[str, str, str] = ("P: woman", "L: man", "?: not stated"),
) -> str:
    """The list-position grid: one row per list (``label``, sexes as ``P``/``L``/``?``
    by position), each position a square coloured by sex; ``axis`` names the
    positions, ``legend`` says what P, L and ? are (in the page's language)."""
    from matplotlib.patches import Patch, Rectangle

    width = max((len(s) for _, s in rows), default=1)
    fig = _figure(min(2.5 + width * 0.32, 14.0), min(1.2 + len(rows) * 0.24, 60.0))
    ax = fig.add_subplot()
    color = {"P": WOMAN, "L": MAN, "?": UNKNOWN}
    for y, (_, sexes) in enumerate(rows):
        for x, sex in enumerate(sexes):
            ax.add_patch(Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, color=color.get(sex, UNKNOWN)))
            ax.text(x + 0.5, y + 0.55, sex, ha="center", va="center", fontsize=6)
    ax.set_xlim(0, width)
    ax.set_ylim(len(rows), 0)
    ax.set_xticks([x + 0.5 for x in range(width)], [str(x + 1) for x in range(width)])
    ax.set_yticks([y + 0.5 for y in range(len(rows))], [_short(label) for label, _ in rows])
    ax.set_xlabel(axis)
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.legend(
        handles=[
            Patch(color=WOMAN, label=legend[0]),
            Patch(color=MAN, label=legend[1]),
            Patch(color=UNKNOWN, label=legend[2]),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08 if len(rows) < 8 else -0.02),
        ncols=3,
        fontsize=8,
        frameon=False,
    )
    return _svg(fig, name, title, desc)


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
