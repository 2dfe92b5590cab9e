"""Each command's HTML report as a person sees it: opened in headless Chromium.

The page is rendered to a PNG and its DOM dumped (``--dump-dom``); the DOM
must hold every section the report has (the headings of its Markdown twin),
every chart as an ``<svg>`` with its text alternative, and the browser's
network log must show no request the page made (a page built from a file has
a ``file://`` network isolation key; the browser's own update checks do not).

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it). Without
it these tests skip, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kppi_run import kppi_stdout

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")

if BROWSER is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no chromium on PATH: .ci/run installs it", pytrace=False)
    pytest.skip(
        "no chromium on PATH (apt-get install chromium; .ci/run does)", allow_module_level=True
    )

pytest.importorskip("matplotlib")

#: Each report: its command line on the sample, and the charts its page draws.
REPORTS = {
    "check": (["check", "--sample"], 4),
    # the same page in Indonesian: its sections are the Indonesian Markdown's
    "check-id": (["check", "--sample", "--lang", "id"], 4),
    "seats": (["seats", "--sample"], 1),
    "representation": (["representation", "--sample"], 3),
    "funnel": (["funnel", "--sample"], 1),
    "training": (["training", "report", "--sample"], 2),
    "outreach": (["outreach", "--sample"], 2),
    "follow-ups": (["follow-ups", "--sample"], 1),
}


#: Headless, no sandbox (root in CI), and none of the browser's own traffic
#: that flags can stop; a fresh profile each run.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)  # fmt: skip


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def page_requests(netlog: Path) -> list[str]:
    """The URLs the page itself asked for, from Chromium's ``--log-net-log``."""
    log = json.loads(netlog.read_text("utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start
        and str(e.get("params", {}).get("network_isolation_key", "")).startswith("file://")
    ]


class _Dom(html.parser.HTMLParser):
    """What the tests look at in a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self._in: list[str] = []
        self.alt: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("src", "href", "srcset", "data", "poster", "action"):
            if a.get(key):
                self.links.append(str(a[key]))
        if tag == "svg":
            self.svgs.append(a)
        if tag == "html":
            self.lang = str(a.get("lang"))
        self._in.append(str(a.get("id") or "") if tag in ("title", "desc") else "")

    def handle_endtag(self, tag: str) -> None:
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in and self._in[-1]:
            self.alt[self._in[-1]] = self.alt.get(self._in[-1], "") + data


@pytest.fixture(scope="module", params=sorted(REPORTS))
def opened(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    name = request.param
    args, charts = REPORTS[name]
    tmp = tmp_path_factory.mktemp(name)
    page = tmp / f"{name}.html"
    kppi_stdout(*args, "--format", "html", "-o", str(page))
    netlog = tmp / "net.json"
    dumped = _chromium(tmp, f"--log-net-log={netlog}", "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    shot = tmp / f"{name}.png"
    _chromium(tmp, "--window-size=900,2000", f"--screenshot={shot}", page.as_uri())
    dom = _Dom()
    dom.feed(dumped.stdout)
    return name, args, charts, dom, netlog, shot


def test_the_page_renders_to_a_picture(opened: tuple) -> None:
    *_, shot = opened
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # something was drawn, not a blank page


def test_every_section_of_the_report_is_on_the_page(opened: tuple) -> None:
    _, args, _, dom, _, _ = opened
    markdown = kppi_stdout(*args, "--format", "markdown")
    headings = [h.strip() for h in re.findall(r"^#{1,3} (.+)$", markdown, re.M)]
    assert headings
    text = " ".join(" ".join(dom.text).split())
    for heading in headings:
        assert " ".join(heading.split()) in text, heading


def test_the_page_says_its_language(opened: tuple) -> None:
    _, args, _, dom, _, _ = opened
    lang = args[args.index("--lang") + 1] if "--lang" in args else "en"
    assert dom.lang == lang


def test_every_chart_is_an_svg_with_its_text_alternative(opened: tuple) -> None:
    _, _, charts, dom, _, _ = opened
    assert len(dom.svgs) == charts
    for svg in dom.svgs:
        assert svg.get("role") == "img"
        title, desc = str(svg.get("aria-labelledby")).split()
        assert title in dom.ids and desc in dom.ids
        assert dom.alt[title].strip() and dom.alt[desc].strip()


def test_the_page_loads_nothing_from_the_network(opened: tuple) -> None:
    _, _, _, dom, netlog, _ = opened
    assert [u for u in dom.links if re.match(r"\s*(https?:)?//", u)] == []
    assert page_requests(netlog) == []


def test_a_page_that_fetches_is_caught(tmp_path: Path) -> None:
    """The network check can fail: a page with a remote image and style sheet."""
    page = tmp_path / "fetching.html"
    page.write_text(
        '<img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
    )
    netlog = tmp_path / "net.json"
    _chromium(tmp_path, f"--log-net-log={netlog}", "--dump-dom", page.as_uri())
    assert sorted(page_requests(netlog)) == ["http://127.0.0.1:9/a.css", "http://127.0.0.1:9/x.png"]
