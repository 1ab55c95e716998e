"""``explainer check``: a content folder broken in each way an author can break it gives the
exact ``path:line: message``, exit 1 and no traceback; a clean one gives exit 0."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.cli import run
from explainer.course.check import check_content
from explainer.course.load import ContentError, load_course
from tests.course_factory import STATION, edit, write, write_course

QUIZ = f"{STATION}/quiz.toml"
PAGE = f"{STATION}/01-first.md"
CLIPS = "clips/house-a.toml"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return write_course(tmp_path / "content")


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = run(["check", str(root)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out.splitlines()


def line_of(root: Path, relpath: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of a file that contains ``needle``."""
    hits = [i for i, line in enumerate((root / relpath).read_text().splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in {relpath}"
    return hits[nth - 1]


def assert_reported(lines: list[str], where: str, fragment: str) -> None:
    matching = [line for line in lines if line.startswith(where + ":") and fragment in line]
    assert matching, f"no '{where}: ...{fragment}...' in:\n" + "\n".join(lines)


def test_clean_course_exits_0(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(course, capsys)
    assert code == 0, lines
    assert lines[-1].startswith("OK: no problems")
    assert "1 stations, 2 pages, 8 questions (7 types), 1 clips, 1 households, 2 sources, 2 intents" in lines[-1]


def test_clean_course_loads_into_the_model(course: Path) -> None:
    loaded = load_course(course)
    station = loaded.station("alpha")
    assert [p.id for p in station.pages] == ["alpha/first", "alpha/notes"]
    assert station.pages[0].citations == ("src-a", "src-b")
    assert station.pages[0].terms == ("wake-word",)
    assert station.pages[0].short_tour and station.pages[1].kind == "notes"
    assert [q.type for q in station.questions] == ["single", "multi", "truefalse", "ordering", "matching",
                                                   "numeric", "spot"]
    assert loaded.questions[-1].station_id == "final"
    assert station.questions[0].line == 1 and station.questions[1].line == line_of(course, QUIZ, 'id = "q-multi"') - 1
    assert loaded.clip("clip-1").intent == "SetTimer" and loaded.clip("clip-1").household == "house-a"
    assert loaded.intents == ("SetTimer", "CancelTimer")


def test_json_report(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(course, QUIZ, 'sources = ["src-a"]', 'sources = ["nope"]')
    assert run(["check", str(course), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"] == [{"path": QUIZ, "line": 6, "message": 'question "q-single": unknown source '
                                   '"nope" in sources; add it to sources.toml or fix the id'}]
    assert report["question_types"] == ["matching", "multi", "numeric", "ordering", "single", "spot", "truefalse"]
    assert {k: report[k] for k in ("stations", "pages", "questions", "clips", "households", "sources", "intents")} \
        == {"stations": 1, "pages": 2, "questions": 8, "clips": 1, "households": 1, "sources": 2, "intents": 2}


def test_bad_invocation_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(tmp_path / "missing")]) == 2
    (tmp_path / "file").write_text("x")
    assert run(["check", str(tmp_path / "file")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_load_course_raises_content_error_with_every_problem(course: Path) -> None:
    edit(course, QUIZ, 'sources = ["src-a"]', 'sources = ["nope"]')
    edit(course, "course.toml", 'zone = "device"', 'zone = "space"')
    with pytest.raises(ContentError) as error:
        load_course(course)
    assert [(p.path, p.line) for p in error.value.problems] == [("course.toml", 8), (QUIZ, 6)]


def test_markup_in_messages_is_printed_literally(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(course, PAGE, "starts the recording [@src-a].", "starts [bold]the[/] recording.")
    code, lines = check(course, capsys)
    assert code == 1
    edit(course, "course.toml", 'zone = "device"', 'zone = "[red]x[/red]"')
    code, lines = check(course, capsys)
    assert_reported(lines, "course.toml:8", 'zone = "[red]x[/red]" is not allowed')


Case = tuple[str, Callable[[Path], None], str, Callable[[Path], int] | int, str]


def _dup_station(root: Path) -> None:
    text = (root / "course.toml").read_text()
    block = text[text.index("[[stations]]"):].replace("stations/01-alpha", "stations/02-beta")
    write(root, "course.toml", text + "\n" + block)
    write(root, "stations/02-beta/01-page.md", '+++\ntitle = "B"\n+++\nText [@src-a].\n')


CASES: list[Case] = [
    ("invalid toml", lambda r: edit(r, "course.toml", 'zone = "device"', 'zone = "device'),
     "course.toml", 8, "invalid TOML"),
    ("unknown key", lambda r: edit(r, QUIZ, 'prompt = "Where', 'promt = "Where'),
     QUIZ, 4, 'unknown key "promt" (did you mean "prompt"?)'),
    ("missing key", lambda r: edit(r, QUIZ, 'prompt = "Where', 'promt = "Where'),
     QUIZ, 1, 'question "q-single": missing required key "prompt"'),
    ("wrong type", lambda r: edit(r, QUIZ, "correct = true", 'correct = "yes"'),
     QUIZ, 12, 'correct must be true or false, not the string "yes"'),
    ("bad zone", lambda r: edit(r, "course.toml", 'zone = "device"', 'zone = "space"'),
     "course.toml", 8, 'zone = "space" is not allowed; use one of: device, cloud, storage, human'),
    ("bad source kind", lambda r: edit(r, "sources.toml", 'kind = "primary"', 'kind = "tertiary"'),
     "sources.toml", 7, 'source "src-a": kind = "tertiary" is not allowed'),
    ("bad question type", lambda r: edit(r, QUIZ, 'type = "numeric"', 'type = "essay"'),
     QUIZ, lambda r: line_of(r, QUIZ, '"essay"'), 'type = "essay" is not allowed'),
    ("bad personal kind", lambda r: edit(r, CLIPS, 'kind = "routines"', 'kind = "dna"'),
     CLIPS, 25, 'kind = "dna" is not allowed'),
    ("fact words not in the clip", lambda r: edit(r, CLIPS, 'words = "a timer for ten minutes"', 'words = "a cake"'),
     CLIPS, 26, 'the words "a cake" are not in what the household says in this clip'),
    ("retired clip key", lambda r: edit(r, CLIPS, 'false_wake = false', 'false_wake = false\ndetails = ["x"]'),
     CLIPS, 8, "details is no longer used"),
    ("false wake with a transcript", lambda r: edit(r, CLIPS, 'false_wake = false', 'false_wake = true'),
     CLIPS, 1, "is a false wake, so the rules say to transcribe nothing"),
    ("rule example the scorer disagrees with", lambda r: edit(r, "clips/rules.toml", 'verdict = "reject"', 'verdict = "accept"'),
     "clips/rules.toml", 7, 'example #1 is marked accept, but the scorer finds it breaks verbatim'),
    ("rule missing from the rulebook", lambda r: edit(r, "clips/rules.toml", 'id = "media"', 'id = "telly"'),
     "clips/rules.toml", 1, 'the rulebook has no rule "media"'),
    ("rule text without a known source", lambda r: edit(r, "clips/rules.toml", 'device [@src-a]', 'device [@nope]'),
     "clips/rules.toml", 6, 'unknown source "nope"'),
    ("bad clip kind", lambda r: edit(r, CLIPS, 'kind = "command"', 'kind = "song"'),
     CLIPS, 4, 'kind = "song" is not allowed'),
    ("bad page kind", lambda r: edit(r, PAGE, 'kind = "lesson"', 'kind = "essay"'),
     PAGE, 3, 'kind = "essay" is not allowed'),
    ("duplicate station", _dup_station, "course.toml", 13, 'duplicate station id "alpha" (first used at course.toml:5)'),
    ("duplicate question across files", lambda r: edit(r, "quizzes/final.toml", '"final-1"', '"q-single"'),
     "quizzes/final.toml", 2, f'duplicate question id "q-single" (first used at {QUIZ}:2)'),
    ("duplicate source", lambda r: edit(r, "sources.toml", '"src-b"', '"src-a"'),
     "sources.toml", 10, 'duplicate source id "src-a"'),
    ("duplicate term", lambda r: write(r, "glossary.toml", (r / "glossary.toml").read_text() * 2),
     "glossary.toml", 8, 'duplicate term id "wake-word"'),
    ("duplicate option", lambda r: edit(r, QUIZ, 'id = "cloud"', 'id = "device"'),
     QUIZ, 15, 'question "q-single", option "device": duplicate option id "device"'),
    ("duplicate clip", lambda r: write(r, CLIPS, (r / CLIPS).read_text() * 2),
     CLIPS, lambda r: line_of(r, CLIPS, 'id = "clip-1"', 2), 'duplicate clip id "clip-1"'),
    ("duplicate household", lambda r: write(r, "clips/households.toml", (r / "clips/households.toml").read_text() * 2),
     "clips/households.toml", 10, 'duplicate household id "house-a"'),
    ("duplicate page id", lambda r: write(r, f"{STATION}/03-first.md", '+++\ntitle = "Again"\n+++\nText [@src-a].\n'),
     f"{STATION}/03-first.md", 1, 'duplicate page id "alpha/first"'),
    ("spot without a correct answer", lambda r: edit(r, QUIZ, 'text = "First name"\ncorrect = true', 'text = "First name"'),
     QUIZ, lambda r: line_of(r, QUIZ, 'id = "q-spot"') + 5, 'question "q-spot": no option has correct = true'),
    ("unknown citation", lambda r: edit(r, PAGE, "[@src-a].", "[@src-z]."),
     PAGE, 8, 'unknown source "src-z" in [@src-z]; add it to sources.toml'),
    ("unknown source in quiz", lambda r: edit(r, QUIZ, 'sources = ["src-b"]', 'sources = ["zzz"]'),
     QUIZ, lambda r: line_of(r, QUIZ, '"zzz"'), 'unknown source "zzz" in sources'),
    ("unknown glossary term", lambda r: edit(r, PAGE, "A {wake word}", "A {hot word}"),
     PAGE, 8, "{hot word} is not a glossary term or alias"),
    ("missing station folder", lambda r: shutil.rmtree(r / STATION),
     "course.toml", 7, 'folder "stations/01-alpha" does not exist'),
    ("folder outside the root", lambda r: edit(r, "course.toml", '"stations/01-alpha"', '"../../etc"'),
     "course.toml", 7, 'folder "../../etc" points outside the content folder'),
    ("clip household unknown", lambda r: write(r, "clips/house-z.toml", "[[clips]]\n"),
     "clips/house-z.toml", 1, 'no household "house-z" in clips/households.toml'),
    ("clip audio missing", lambda r: (r / "clips/audio/clip-1.wav").unlink(),
     CLIPS, 12, "audio file clips/audio/clip-1.wav does not exist"),
    ("clip intent unknown", lambda r: edit(r, CLIPS, '"SetTimer"', '"BakeCake"'),
     CLIPS, 6, 'intent "BakeCake" is not defined in intents/*.yaml'),
    ("misconception out of range", lambda r: edit(r, QUIZ, "misconception = 1", "misconception = 11"),
     QUIZ, 8, "misconception = 11 is not one of the ten misconceptions"),
    ("single without a correct answer", lambda r: edit(r, QUIZ, "correct = true\nfeedback", "feedback"),
     QUIZ, 9, 'question "q-single": no option has correct = true; mark the right answer with correct = true'),
    ("single with two correct answers", lambda r: edit(r, QUIZ, 'text = "In the cloud"', 'text = "x"\ncorrect = true'),
     QUIZ, 9, "2 options have correct = true, but a single question has exactly one right answer"),
    ("multi without a correct answer", lambda r: edit(r, QUIZ, 'text = "Audio"\ncorrect = true\n', 'text = "Audio"\n')
     or edit(r, QUIZ, 'text = "Device facts"\ncorrect = true', 'text = "Device facts"'),
     QUIZ, lambda r: line_of(r, QUIZ, 'id = "q-multi"') + 5, 'question "q-multi": no option has correct = true'),
    ("truefalse with three options", lambda r: edit(r, QUIZ, 'text = "False"', 'text = "False"\n[[questions.options]]\nid = "x"\ntext = "Maybe"'),
     QUIZ, lambda r: line_of(r, QUIZ, 'id = "q-tf"') + 6, "a truefalse question needs exactly 2 options"),
    ("ordering with one item", lambda r: edit(r, QUIZ, '["device", "cloud", "storage", "human"]', '["device"]'),
     QUIZ, lambda r: line_of(r, QUIZ, 'order = ['), "order needs at least 2 items"),
    ("matching item in an unknown group", lambda r: edit(r, QUIZ, 'group = "cloud"', 'group = "storage"'),
     QUIZ, lambda r: line_of(r, QUIZ, 'group = "storage"'),
     'question "q-match", item #2: group "storage" is not one of the groups (device, cloud)'),
    ("numeric without answer", lambda r: edit(r, QUIZ, "answer = 1.0\n", ""),
     QUIZ, lambda r: line_of(r, QUIZ, 'id = "q-num"') - 1, 'question "q-num": missing required key "answer"'),
    ("numeric with negative tolerance", lambda r: edit(r, QUIZ, "tolerance = 0.5", "tolerance = -1"),
     QUIZ, lambda r: line_of(r, QUIZ, "tolerance = -1"), "tolerance = -1 is out of range; it must be at least 0"),
    ("key of another type", lambda r: edit(r, QUIZ, 'unit = "seconds"', 'unit = "seconds"\norder = ["a", "b"]'),
     QUIZ, lambda r: line_of(r, QUIZ, 'order = ["a", "b"]'), 'order is not used by a numeric question'),
    ("paragraph without citation", lambda r: edit(r, PAGE, " [@src-a].", "."),
     PAGE, 8, "paragraph has no source (claim rule); add a citation like [@source-id]"),
    ("list item without citation", lambda r: edit(r, PAGE, " [@src-b]\n", "\n"),
     PAGE, 10, "list item has no source (claim rule)"),
    ("page too long", lambda r: edit(r, PAGE, "starts the recording [@src-a].", "starts the recording [@src-a]. " + "word " * 200),
     PAGE, 6, "the page has 236 words, too many to fit a small screen"),
    ("page without front matter", lambda r: write(r, f"{STATION}/03-bare.md", "Text [@src-a].\n"),
     f"{STATION}/03-bare.md", 1, "the page has no front matter"),
    ("page without title", lambda r: edit(r, PAGE, 'title = "First page"\n', ""),
     PAGE, 1, 'missing required key "title"'),
    ("page with unclosed front matter", lambda r: write(r, f"{STATION}/03-open.md", '+++\ntitle = "x"\nText.\n'),
     f"{STATION}/03-open.md", 1, "the front matter is never closed"),
    ("page with broken front matter", lambda r: edit(r, PAGE, 'kind = "lesson"', "kind = lesson"),
     PAGE, 3, "invalid TOML in the front matter"),
    ("format_version missing", lambda r: edit(r, "course.toml", "format_version = 1\n", ""),
     "course.toml", 1, 'missing required key "format_version"; add format_version = 1'),
    ("format_version newer", lambda r: edit(r, "course.toml", "format_version = 1", "format_version = 2"),
     "course.toml", 1, "format_version = 2 is newer than this app understands (1)"),
    ("stray file in a station", lambda r: write(r, f"{STATION}/notes.txt", "hello"),
     f"{STATION}/notes.txt", 1, "is not part of the course format"),
    ("misnamed page", lambda r: write(r, f"{STATION}/intro.md", "hello"),
     f"{STATION}/intro.md", 1, "lesson page file names must look like NN-slug.md"),
    ("md outside a station", lambda r: write(r, "intro.md", "hello"),
     "intro.md", 1, "a lesson page must be inside a station folder"),
    ("unlisted station folder", lambda r: write(r, "stations/02-extra/01-x.md", "hello"),
     "stations/02-extra", 1, "station folder not listed in course.toml"),
    ("translation of nothing", lambda r: write(r, "lang/es/stations/01-alpha/99-ghost.md", "hola"),
     "lang/es/stations/01-alpha/99-ghost.md", 1, "translates stations/01-alpha/99-ghost.md, which is not a file"),
    ("broken translation", lambda r: write(r, "lang/es/sources.toml", "[[sources]\n"),
     "lang/es/sources.toml", 1, "invalid TOML"),
    ("hassil syntax error", lambda r: edit(r, "intents/timers.yaml", '"(cancel|stop) [the] timer"', '"(cancel|stop [the] timer"'),
     "intents/timers.yaml", 10, 'intent CancelTimer: template "(cancel|stop [the] timer" is not valid hassil syntax'),
    ("undefined list in a template", lambda r: edit(r, "intents/timers.yaml", "{minutes} minutes", "{minuts} minutes"),
     "intents/timers.yaml", 6, "intent SetTimer: {minuts} is not a list defined under lists:"),
    ("undefined rule in a template", lambda r: edit(r, "intents/timers.yaml", "[alexa] set", "[<wake>] set"),
     "intents/timers.yaml", 6, "intent SetTimer: <wake> is not a rule defined under expansion_rules:"),
    ("invalid yaml", lambda r: write(r, "intents/bad.yaml", "language: en\nintents:\n  - [unclosed\n"),
     "intents/bad.yaml", 4, "invalid YAML"),
    ("binary junk", lambda r: write(r, "sources.toml", b"[[sources]]\nid = \"x\"\n\xff\xfe\x00junk"),
     "sources.toml", 3, "invalid UTF-8 (byte 22 of the file); save the file as UTF-8 text"),
    ("nul bytes in a page", lambda r: write(r, PAGE, b"+++\ntitle = 'x'\n+++\nText\x00 [@src-a]\n"),
     PAGE, 4, "contains binary data (a NUL byte)"),
    ("empty quiz", lambda r: write(r, QUIZ, ""),
     QUIZ, 1, "no [[questions]] blocks; add at least one [[questions]] table"),
    ("empty page", lambda r: write(r, PAGE, ""),
     PAGE, 1, "the page has no front matter"),
    ("deeply nested toml", lambda r: write(r, "sources.toml", "a = " + "[" * 3000 + "]" * 3000 + "\n"),
     "sources.toml", 1, "cannot be parsed as TOML (RecursionError); simplify the file"),
    ("deeply nested front matter", lambda r: write(r, PAGE, "+++\na = " + "[" * 3000 + "]" * 3000 + "\n+++\nText [@src-a].\n"),
     PAGE, 2, "the front matter is nested too deeply to read; simplify it"),
    ("deeply nested yaml", lambda r: write(r, "intents/deep.yaml", "a: " + "[" * 3000 + "]" * 3000 + "\n"),
     "intents/deep.yaml", 1, "cannot be parsed as YAML (RecursionError)"),
    ("huge file", lambda r: write(r, "glossary.toml", "# padding\n" * 120_000),
     "glossary.toml", 1, "over the 1 MB limit, so it was skipped"),
    ("folder where a file should be", lambda r: ((r / QUIZ).unlink(), (r / QUIZ).mkdir()),
     QUIZ, 1, "is a folder, but a file is expected here"),
    ("link outside the folder", lambda r: os.symlink("/etc/hostname", r / STATION / "03-link.md"),
     f"{STATION}/03-link.md", 1, "is a link to a place outside the content folder"),
    ("stations folder links outside", lambda r: (shutil.move(str(r / "stations"), str(r.parent / "elsewhere")),
                                                  os.symlink(r.parent / "elsewhere", r / "stations")),
     "course.toml", 7, 'folder "stations/01-alpha" is a link to a place outside the content folder'),
    ("course.toml missing", lambda r: (r / "course.toml").unlink(),
     "course.toml", 1, "file is missing"),
    ("sources.toml not a table list", lambda r: write(r, "sources.toml", 'sources = "all of them"\n'),
     "sources.toml", 1, "sources must be a list of tables"),
    ("bad source date", lambda r: edit(r, "sources.toml", '"2019-04-11"', '"April 2019"'),
     "sources.toml", 5, 'date "April 2019" is not understood'),
    ("audio path escapes", lambda r: edit(r, CLIPS, 'audio = "clip-1.wav"', 'audio = "../../secret.wav"'),
     CLIPS, 12, "must be a plain .wav file name in clips/audio/"),
    ("model.toml unknown *_sources", lambda r: write(r, f"{STATION}/model.toml", 'a = 1\npre_roll_sources = ["src-a", "gone"]\n'),
     f"{STATION}/model.toml", 2, 'unknown source "gone" in pre_roll_sources'),
    ("lab data with invalid toml", lambda r: write(r, "lab/weather.toml", 'a = 1\nb = \n'),
     "lab/weather.toml", 2, "invalid TOML"),
    ("lab data in a subfolder", lambda r: write(r, "lab/x/weather.toml", 'a = 1\n'),
     "lab/x/weather.toml", 1, "is not part of the course format"),
    ("model.toml unknown source", lambda r: write(r, f"{STATION}/model.toml", '[[steps]]\nname = "x"\nsources = ["nope"]\n'),
     f"{STATION}/model.toml", 3, 'unknown source "nope" in sources'),
]


@pytest.mark.parametrize(("mutate", "path", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_course_is_reported_at_path_and_line(course: Path, capsys: pytest.CaptureFixture[str],
                                                    mutate: Callable[[Path], None], path: str,
                                                    line: Callable[[Path], int] | int, fragment: str) -> None:
    mutate(course)
    expected_line = line(course) if callable(line) else line
    code, lines = check(course, capsys)
    assert code == 1, lines
    assert_reported(lines, f"{path}:{expected_line}", fragment)
    assert lines[-1].split()[1] in ("problem", "problems")


def test_unreadable_file_is_reported(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can read any file")
    (course / QUIZ).chmod(0)
    try:
        code, lines = check(course, capsys)
    finally:
        (course / QUIZ).chmod(0o644)
    assert code == 1
    assert_reported(lines, f"{QUIZ}:1", "cannot be read")


def test_rulebook_is_loaded(course: Path) -> None:
    loaded = load_course(course)
    assert [rule.id for rule in loaded.rules][:2] == ["verbatim", "numbers"]
    assert loaded.rule("verbatim").citations == ("src-a",) and loaded.rules_intro.startswith("The seat's rules")
    example = loaded.rule("verbatim").examples[0]
    assert example.verdict == "reject" and example.heard == ("Ann: Alexa, set a timer for ten minutes.",)
    assert loaded.clip("clip-1").personal == ("routines",) and loaded.clip("clip-1").facts[0].words


def test_problems_are_sorted_and_all_reported(course: Path) -> None:
    edit(course, QUIZ, "misconception = 1", "misconception = 0")
    edit(course, "course.toml", 'zone = "device"', 'zone = "x"')
    edit(course, PAGE, " [@src-a].", ".")
    report = check_content(course)
    assert [(p.path, p.line) for p in report.problems] == [("course.toml", 8), (PAGE, 8), (QUIZ, 8)]


def test_packaged_content_is_clean() -> None:
    from explainer.paths import packaged_content_dir

    root = packaged_content_dir()
    if not (root / "course.toml").exists():
        pytest.skip("content/course.toml is not written yet")
    report = check_content(root)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.counts["stations"] == 9


def test_ascii_terminal_gets_escapes_not_a_traceback(course: Path) -> None:
    import subprocess
    import sys

    edit(course, "course.toml", 'zone = "device"', 'zone = "dévice→"')
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "explainer", "check", str(course)], capture_output=True,
                          env=env, text=True, encoding="ascii", errors="replace", timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert 'course.toml:8: station "alpha": zone = "d\\xe9vice\\u2192" is not allowed' in done.stdout


def test_loading_imports_nothing_heavy(course: Path) -> None:
    """Start-up speed: load_course must not pull in YAML, hassil or Textual (the checker may)."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from explainer.course.load import load_course; "
            f"load_course(Path({str(course)!r})); "
            "print(sorted(m for m in ('yaml', 'hassil', 'textual', 'rich') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_permission_error_is_a_problem_even_as_root(course: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "quiz.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, lines = check(course, capsys)
    assert code == 1
    assert_reported(lines, f"{QUIZ}:1", "cannot be read (Permission denied); check the file's permissions")
