"""Check every internal link of the built documentation site, offline.

    python tools/check_doc_links.py build/docs/html

Each ``href`` and ``src`` without a scheme must name a file of the site, and
each ``#anchor`` an ``id`` in that file. External links are not followed (the
build machine has no network; Sphinx's ``linkcheck`` builder would need it).
Exit status 0 when every link resolves, 1 listing those that do not.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """``page: link`` for every internal link of ``site`` that leads nowhere."""
    pages: dict[Path, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = page
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or (link.startswith("#") and not parts.fragment):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            ok = target.exists()
            if ok and parts.fragment and target.suffix == ".html":
                ok = unquote(parts.fragment) in pages[target].ids
            if not ok:
                broken.append(f"{path.relative_to(site.resolve())}: {link}")
    return broken


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: check_doc_links.py BUILT_HTML_DIR", file=sys.stderr)
        return 2
    broken = broken_links(Path(argv[0]))
    for line in broken:
        print(f"broken link: {line}", file=sys.stderr)
    print(f"{len(broken)} broken internal links", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
