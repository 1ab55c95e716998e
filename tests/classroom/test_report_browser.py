"""The class report's HTML in headless Chromium: no request leaves the page, the misconception
table is there, and printed to A4 no table is cut (every column and row reaches the PDF).

Uses Debian's /usr/bin/chromium (installed by .ci/run) through Playwright, and pypdf to read
the printed PDF's text back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.classroom.report import build_report
from explainer.classroom.report_html import to_html
from explainer.course.load import load_course
from explainer.paths import packaged_content_dir
from tests.classroom.class_fixtures import write_class

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # the page's width inside the @page margins


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_page_in_chromium_screenshot_and_a4_pdf(tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    pypdf = pytest.importorskip("pypdf")
    course = load_course(packaged_content_dir())
    report = build_report(write_class(course, tmp_path), course)
    page_file = tmp_path / "class-report.html"
    page_file.write_text(to_html(report), encoding="utf-8")
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(tmp_path / "class-report.png"), full_page=True)
        assert (tmp_path / "class-report.png").stat().st_size > 10_000
        table = page.locator("#misconceptions ~ table").first
        assert table.locator("th").all_inner_texts()[:4] == ["#", "Misconception", "Held by", "Sure"]
        assert "Smart speakers record and upload everything they hear." in table.inner_text()
        # printed: no table wider than an A4 page
        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1100})
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('table')].filter(t => t.scrollWidth > document.body.clientWidth + 1)"
            ".map(t => t.previousElementSibling ? t.previousElementSibling.textContent : '?')"
        )
        assert overflow == []
        pdf = tmp_path / "class-report.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        browser.close()
    assert requests == [page_file.as_uri()], "the report must make no request"
    reader = pypdf.PdfReader(str(pdf))
    assert 2 <= len(reader.pages) <= 8
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    # the right-most column of every table, and the last row of the long ones, made it to paper
    for header in ("Sources", "Right in the end", "Q5", "Change", "Right after", "Learners"):
        assert header in text, header
    assert text.count("2/10 8/10 +6") == 20  # every learner's row of the pre/post table
    assert "Learner 20" in text and "Word error rate (mean)" in text
