"""The checker's rules for sources, facts and reading grades, each on a broken copy of the real course.

Issue 17: a bracketed or placeholder title, a host on hosts.toml's list of hosts not to cite,
a "primary" source away from its publisher's address, and a model or quiz that contradicts a
fact declared in facts.toml must each fail ``explainer check`` at the right line; the real
course passes; ``check --json`` reports a reading grade for every page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from explainer.cli import run
from explainer.course.check import check_content
from explainer.course.check_sources import host_problem, matches, original_of, title_problem
from explainer.paths import packaged_content_dir


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(packaged_content_dir(), root, ignore=shutil.ignore_patterns("audio"))
    shutil.copytree(packaged_content_dir() / "clips" / "audio", root / "clips" / "audio")
    return root


def replace(root: Path, relpath: str, old: str, new: str) -> int:
    """Replace ``old`` once and return the line it was on."""
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check_content(root).problems]


def test_the_real_course_passes_every_new_rule():
    report = check_content(packaged_content_dir())
    assert report.ok, [str(p) for p in report.problems]
    assert (packaged_content_dir() / "hosts.toml").is_file() and (packaged_content_dir() / "facts.toml").is_file()


def test_a_bracketed_title_is_rejected_at_its_line(content):
    line = replace(content, "sources.toml", 'title = "Amazon will let you opt out of human review of Alexa recordings"',
                   'title = "[Report on the opt-out]"')
    assert any(p.startswith(f"sources.toml:{line}:") and "bracketed" in p and "verge-2019-alexa-opt-out" in p
               for p in problems(content))


@pytest.mark.parametrize("title", ["TODO", "Amazon to pay $25 million…", "Title here", "[x]"])
def test_placeholder_and_cut_off_titles(title):
    assert title_problem(title) is not None
    assert title_problem("Alexa and Alexa Device FAQs") is None


def test_a_listed_host_is_rejected_with_the_reason(content):
    line = replace(content, "sources.toml", 'url = "https://www.theverge.com/2019/8/2/20752418/amazon-alexa-human-review-recordings-opt-out-eu"',
                   'url = "https://gsmcompare.netlify.app/host-https-www.theverge.com/2019/8/2/x"')
    found = [p for p in problems(content) if p.startswith(f"sources.toml:{line}:")]
    assert found and "list of hosts not to cite" in found[0] and "Netlify" in found[0]


def test_a_teacher_can_add_a_host_to_the_list(content):
    with (content / "hosts.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[avoid]]\nhost = "theverge.com"\nreason = "testing the list"\n')
    assert any("verge-2019-alexa-opt-out" in p and "testing the list" in p for p in problems(content))


def test_a_primary_source_away_from_its_publisher_is_rejected(content):
    line = replace(content, "sources.toml", 'url = "https://developer.amazon.com/docs/alexa-voice-service/implement-ww-verification.html"',
                   'url = "https://manuals.example.org/amazon/implement-ww-verification.html"')
    found = [p for p in problems(content) if p.startswith(f"sources.toml:{line}:")]
    assert found and '"primary"' in found[0] and "Amazon Developer" in found[0]


def test_a_web_archive_copy_of_the_publishers_page_counts_as_the_page(content):
    replace(content, "sources.toml", 'url = "https://developer.amazon.com/docs/alexa-voice-service/implement-ww-verification.html"',
            'url = "https://web.archive.org/web/2023/https://developer.amazon.com/docs/alexa-voice-service/'
            'implement-ww-verification.html"')
    assert not problems(content)


def test_a_primary_source_of_an_unlisted_publisher_is_rejected(content):
    replace(content, "sources.toml", 'publisher = "Alpha Cephei"', 'publisher = "Alpha Cephei Inc"')
    assert any("does not list the addresses of its publisher" in p for p in problems(content))


def test_host_patterns():
    assert matches("*.netlify.app", "gsmcompare.netlify.app/x")
    assert matches("stage.*", "stage.consumerelectronicsdaily.com/article")
    assert matches("amazon.com", "developer.amazon.com/docs") and not matches("amazon.com", "notamazon.com/")
    assert matches("github.com/Picovoice", "github.com/picovoice/porcupine")
    assert not matches("github.com/Picovoice", "github.com/Sjoerdfc/porcupine")
    assert original_of("https://web.archive.org/web/2019/https://x.org/a") == "https://x.org/a"


def test_a_quiz_that_marks_the_fact_wrong_is_rejected(content):
    line = replace(content, "stations/09-your-controls/quiz.toml", 'text = "3 or 18 months"\ncorrect = true',
                   'text = "1 week or 1 month"\ncorrect = true')
    replace(content, "stations/09-your-controls/quiz.toml", 'id = "1week"\ntext = "1 week or 1 month"', 'id = "1week"\ntext = "3 or 18 months"')
    found = [p for p in problems(content) if "yc-autodelete" in p]
    assert any("does not state fact" in p for p in found) and any("would mark the truth wrong" in p for p in found)
    assert line > 1


def test_a_model_setting_that_contradicts_a_fact_is_rejected(content):
    line = replace(content, "stations/06-sampled-for-review/model.toml", 'fact = "google-review-percent"\nvalue = 0.2',
                   'fact = "google-review-percent"\nvalue = 25')
    found = [p for p in problems(content) if p.startswith("stations/06-sampled-for-review/model.toml:")]
    assert found and "says 25" in found[0] and "0.2" in found[0] and str(line) in found[0].split(":")[1]


def test_the_auto_delete_periods_are_defined_once_and_a_change_reaches_the_quiz(content):
    replace(content, "facts.toml", "values = [3, 18]", "values = [1, 7, 30, 90]")
    assert any("yc-autodelete" in p and "does not state fact" in p for p in problems(content))


def test_an_unknown_fact_is_named(content):
    replace(content, "stations/09-your-controls/quiz.toml", 'fact = "alexa-auto-delete-months"', 'fact = "alexa-auto-delete-weeks"')
    assert any('unknown fact "alexa-auto-delete-weeks"' in p for p in problems(content))


def test_check_json_reports_a_reading_grade_for_every_page(capsys):
    code = run(["check", "--json", str(packaged_content_dir())])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0
    grades = payload["reading_grades"]
    assert len(grades) == payload["pages"]
    firsts = [g for g in grades if g["first"]]
    assert len(firsts) == payload["stations"]
    assert all(isinstance(g["grade"], float) for g in grades)
    assert all(g["grade"] <= 9.5 for g in firsts), firsts


def test_only_the_json_report_pays_for_reading_grades():
    """The plain report never shows grades, so it does not load the pronouncing dictionary for them."""
    assert check_content(packaged_content_dir()).reading == []
    assert len(check_content(packaged_content_dir(), grades=True).reading) > 9


def test_broken_hosts_toml_is_a_problem_not_a_traceback(content):
    (content / "hosts.toml").write_text("[[avoid]\nhost = ", encoding="utf-8")
    found = problems(content)
    assert any(p.startswith("hosts.toml:1:") and "invalid TOML" in p for p in found)


def test_a_host_with_capital_letters_is_rejected_at_its_line(content):
    line = replace(content, "sources.toml", 'url = "https://developer.amazon.com/docs/custom-skills/speech-synthesis-markup-language-ssml-reference.html"',
                   'url = "https://developer.Amazon.com/docs/custom-skills/speech-synthesis-markup-language-ssml-reference.html"')
    found = [p for p in problems(content) if p.startswith(f"sources.toml:{line}:")]
    assert found and "amazon-ssml-reference" in found[0] and '"developer.amazon.com"' in found[0]
    assert host_problem("https://developer.amazon.com/en-US/alexa") is None  # a capital in the path is fine


def test_the_hosts_removed_in_the_second_pass_are_on_the_list(content):
    """Scraper, link-blog and partisan hosts the course stopped citing stay out (content2, issue 17)."""
    for host in ("theslither.com", "theunbiasedblog.com", "pinboard.in", "redef.com", "vowe.net", "seekingalpha.com",
                 "republicworld.com", "clarip.com", "gdprtoolkit.eu", "loopinsight.com", "chicagotrademarkattorney.net"):
        line = replace(content, "sources.toml", 'url = "https://www.theverge.com/2019/8/2/20752418/amazon-alexa-human-review-recordings-opt-out-eu"',
                       f'url = "https://{host}/2019/x"')
        found = [p for p in problems(content) if p.startswith(f"sources.toml:{line}:")]
        assert found and "list of hosts not to cite" in found[0], host
        replace(content, "sources.toml", f'url = "https://{host}/2019/x"',
                'url = "https://www.theverge.com/2019/8/2/20752418/amazon-alexa-human-review-recordings-opt-out-eu"')
