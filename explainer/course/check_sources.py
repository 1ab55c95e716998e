"""Checks that every source is one a teacher can open and trust (checker only).

A course about media literacy is judged by its sources, and they reach learners in quiz
feedback and in the checklist they print. So the checker rejects:

* a bracketed or placeholder title (``[Article on ...]``, ``TODO``, a title cut off with
  "..."): write the publication's real headline;
* an address on ``hosts.toml``'s ``[[avoid]]`` list -- mirrors, staging sites, scraped
  copies, a partisan outlet quoted for a fact it only repeats, a fork of a repository. The
  list is teacher-editable; each entry says why;
* an address whose host is written with capital letters (``developer.Amazon.com``);
* a ``kind = "primary"`` source whose address is not its publisher's own (``hosts.toml``
  ``[[publishers]]``): a company's FAQ copied onto a manuals site is not the company's page.
  A well-known web archive's copy of the publisher's page counts as the page.

Host patterns: ``example.com`` matches the host and its sub-domains, ``*`` is a wildcard
(``stage.*``), and a pattern with a ``/`` also matches the start of the path
(``github.com/home-assistant``).
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from explainer.course.context import ReadContext
from explainer.course.fields import Fields
from explainer.course.files import read_toml
from explainer.course.problems import ProblemLog

HOSTS_FILE = "hosts.toml"
SOURCES_FILE = "sources.toml"
ARCHIVE_RE = re.compile(r"^https?://(?:web\.)?archive\.org/web/[0-9a-z_*]+/(?P<original>https?://.+)$", re.I)
PLACEHOLDER_RE = re.compile(r"\b(todo|tbd|tk|placeholder|untitled|title here|fill in|xxx)\b", re.I)


def address(url: str) -> str:
    """``host/path`` of ``url``, lower-case host without ``www.``; '' when it has no host."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path}" if host else ""


def matches(pattern: str, where: str) -> bool:
    """Does a hosts.toml pattern match ``host/path``?"""
    pattern = pattern.strip().lower().removeprefix("www.").rstrip("/")
    if not pattern or not where:
        return False
    host, _, path = where.partition("/")
    if "/" in pattern:
        return fnmatchcase(where.lower(), pattern) or where.lower() == pattern or where.lower().startswith(pattern + "/")
    if any(ch in pattern for ch in "*?["):
        return fnmatchcase(host, pattern)
    return host == pattern or host.endswith("." + pattern)


def original_of(url: str) -> str:
    """The archived page's own address for a web-archive copy, else ``url``."""
    found = ARCHIVE_RE.match(url.strip())
    return found.group("original") if found else url


def title_problem(title: str) -> str | None:
    stripped = title.strip()
    if stripped.startswith("[") or stripped.endswith("]"):
        return (f'title "{_short(stripped)}" is a bracketed description, not a title; write the '
                "publication's real headline (as it appears on the page), without brackets")
    if PLACEHOLDER_RE.search(stripped):
        return f'title "{_short(stripped)}" looks like a placeholder; write the publication\'s real headline'
    if stripped.endswith(("…", "...")):
        return (f'title "{_short(stripped)}" is cut off; write the whole headline (a reader searches for it)')
    return None


def host_problem(url: str) -> str | None:
    """A host written with capital letters (``developer.Amazon.com``): it opens, but it is not the
    address the publisher prints, and a teacher searching the sources for it will not find it."""
    host = urlsplit(url.strip()).netloc.rpartition("@")[2].partition(":")[0]
    if host and host != host.lower():
        return (f'the address\'s host "{host}" has capital letters; write it in lower case '
                f'("{host.lower()}"), as the publisher does')
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def read_hosts(ctx: ReadContext) -> tuple[list[tuple[str, str]], dict[str, tuple[str, ...]]] | None:
    """``[[avoid]]`` (pattern, reason) and ``[[publishers]]`` {publisher: patterns}; None without the file."""
    if not (ctx.root / HOSTS_FILE).exists():
        return None
    parsed = read_toml(ctx.root, HOSTS_FILE, ctx.log)
    if parsed is None:
        return [], {}
    top = Fields(parsed[0], HOSTS_FILE, parsed[1], (), "", ctx.log)
    avoid_tables, publisher_tables = top.tables("avoid"), top.tables("publishers")
    top.finish()
    avoid: list[tuple[str, str]] = []
    for fields in avoid_tables:
        avoid.append((fields.text("host"), fields.text("reason")))
        fields.finish()
    publishers: dict[str, tuple[str, ...]] = {}
    for fields in publisher_tables:
        name, hosts = fields.text("publisher"), fields.strings("hosts", required=True)
        if name.lower() in publishers:
            fields.say("publisher", f'publisher "{name}" is listed twice; keep one entry with all its hosts')
        publishers[name.lower()] = hosts
        fields.finish()
    return avoid, publishers


def check_sources(ctx: ReadContext) -> None:
    parsed = read_toml(ctx.root, SOURCES_FILE, ProblemLog())  # its syntax errors are reported by the loader
    if parsed is None or not isinstance(parsed[0].get("sources"), list):
        return
    lines = parsed[1]
    hosts = read_hosts(ctx)
    avoid, publishers = hosts if hosts is not None else ([], {})
    for index, entry in enumerate(parsed[0]["sources"]):
        if not isinstance(entry, dict):
            continue
        label = f'source "{entry.get("id", index + 1)}"'
        title, url = entry.get("title"), entry.get("url")
        publisher, kind = entry.get("publisher"), entry.get("kind")
        if isinstance(title, str) and (problem := title_problem(title)):
            ctx.log.add(SOURCES_FILE, lines.line("sources", index, "title"), f"{label}: {problem}")
        if not isinstance(url, str):
            continue
        if problem := host_problem(url):
            ctx.log.add(SOURCES_FILE, lines.line("sources", index, "url"), f"{label}: {problem}")
        where, original = address(url), address(original_of(url))
        for pattern, reason in avoid:
            if matches(pattern, where) or matches(pattern, original):
                ctx.log.add(SOURCES_FILE, lines.line("sources", index, "url"),
                            f'{label}: {where.partition("/")[0]} is on the list of hosts not to cite ({reason}); '
                            "cite the publisher's own page, or a web archive's copy of it (see hosts.toml)")
                break
        if kind == "primary" and isinstance(publisher, str) and hosts is not None:
            own = publishers.get(publisher.strip().lower())
            if own is None:
                ctx.log.add(SOURCES_FILE, lines.line("sources", index, "kind"),
                            f'{label} is "primary", but hosts.toml does not list the addresses of its publisher '
                            f'"{publisher}"; add a [[publishers]] entry with its own hosts, or make the source '
                            '"secondary"')
            elif not any(matches(pattern, original) for pattern in own):
                ctx.log.add(SOURCES_FILE, lines.line("sources", index, "url"),
                            f'{label} is "primary", but {original.partition("/")[0]} is not an address of its '
                            f'publisher "{publisher}" ({", ".join(own)}); "primary" means the first party\'s own '
                            'page: link to it, or make the source "secondary" and say whose copy it is in copy = "..."')
