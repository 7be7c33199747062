"""`report` verifies what it shows (format section 6): each input's class, the roster, the summary, the exit code."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from tests.helpers import rapport

SCENARIO = """\
format: 1
id: verify-me
title: Verify me
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
nodes:
  a:
    say: Hello.
    facilitator: Ask the room what they noticed first.
    choices:
      - {id: reflect, text: "You came anyway.", skill: empathy, quality: good, code: complex_reflection,
         effects: {trust: 10}, next: b}
      - {id: ask, text: "Why now?", skill: empathy, quality: neutral, code: question, effects: {trust: 2}, next: b}
      - {id: lecture, text: "=SUM(A1) is how it works.", skill: empathy, quality: poor, code: confront,
         effects: {trust: -8}, next: b}
  b:
    say: Maybe.
    choices:
      - {id: stay, text: "Stay with it.", skill: empathy, quality: good, code: simple_reflection, next: end}
  end:
    ending: {outcome: done, title: Stayed, rating: good}
"""

HOSTILE = [
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example","click")',
    'Jo "the quote" O\'Neil & Sons',
    "فاطمة الزهراء",
    "+44 20 7946 0000",
    "@mention",
    "-1",
]


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    folder = tmp_path / "authoring"
    folder.mkdir()
    (folder / "verify.yaml").write_text(SCENARIO, encoding="utf-8")
    return load_file(folder / "verify.yaml")


def play(scenario: Scenario, folder: Path, name: str, first: str, seed: int = 0, **start: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"s{seed}.jsonl"
    runner = SessionRunner.start(scenario, seed=seed, trainee=name, log=path, **start)  # type: ignore[arg-type]
    runner.choose(first)
    runner.choose("stay")
    runner.close()
    return path


class Tags(HTMLParser):
    """Every element a browser would build from the page, and any `on…` event handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def report(*args: str) -> tuple[int, str, str]:
    result = rapport("report", *args)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def rows_of(table: Path) -> list[dict[str, str]]:
    with table.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_verified_class_exits_0_with_a_roster_linked_to_each_section(scenario: Scenario, tmp_path: Path) -> None:
    logs = tmp_path / "class"
    play(scenario, logs, "Ana", "reflect", 0)
    play(scenario, logs, "Ben", "lecture", 1)
    out = tmp_path / "r.html"
    code, stdout, _ = report(str(logs), "-o", str(out))
    assert code == 0 and "(2 session(s): 2 yes)" in stdout
    page = out.read_text()
    roster = page[page.index('<h2 id="roster">') : page.index("</table>", page.index('<h2 id="roster">'))]
    assert '<a href="#session-1"><bdi>Ana</bdi></a>' in roster and '<a href="#session-2"><bdi>Ben</bdi></a>' in roster
    assert 'id="session-1"' in page and 'id="session-2"' in page
    assert "Stayed" in roster and "Trust 60 · Hope 50" in roster and "Trust 42 · Hope 50" in roster
    assert "<th>R:Q</th>" in roster and "<td>—</td><td>50%</td>" in roster  # Ana: SR + CR, no question
    assert '<p class="facilitator"><strong>Facilitator:</strong> Ask the room what they noticed first.</p>' in page


def test_an_edited_log_is_diverged_marked_left_out_and_exits_1(scenario: Scenario, tmp_path: Path) -> None:
    logs = tmp_path / "class"
    play(scenario, logs, "Ana", "reflect", 0)
    forged = play(scenario, logs, "Ben", "lecture", 1)
    lines = forged.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"type":"choice"' in line)
    event = json.loads(lines[number])
    event.update(quality="good", effects={"trust": 10})
    lines[number] = json.dumps(event)
    forged.write_text("\n".join(lines) + "\n")
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    code, stdout, stderr = report(str(logs), "-o", str(out), "--csv", str(table))
    assert code == 1 and "(2 session(s): 1 yes, 1 diverged)" in stdout
    assert f"{forged}:{number + 1}: diverged: the re-run differs" in stderr
    page = out.read_text()
    assert page.count('<section class="trainee"') == 1 and "2 session(s), 1 in the class figures" in page
    assert '<span class="badge v-diverged">diverged</span> <bdi>Ben</bdi>' in page
    endings = page[page.index("<h4>Endings reached</h4>") : page.index("</table>", page.index("<h4>Endings"))]
    assert "<td>1</td>" in endings  # one session counted, not two
    assert {r["trainee"]: r["verified"] for r in rows_of(table)} == {"Ana": "yes", "Ben": "diverged"}


def test_a_torn_log_warns_and_still_counts(scenario: Scenario, tmp_path: Path) -> None:
    log = play(scenario, tmp_path / "class", "Ana", "reflect")
    data = log.read_bytes()
    log.write_bytes(data[: len(data) - 10])  # the end event cut mid-line
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    code, stdout, stderr = report(str(log), "-o", str(out), "--csv", str(table))
    assert code == 0 and "torn last line skipped" in stderr and "1 yes" in stdout
    assert {r["verified"] for r in rows_of(table)} == {"yes"} and {r["outcome"] for r in rows_of(table)} == {""}


def test_a_playtest_is_marked_and_counted_only_when_asked(scenario: Scenario, tmp_path: Path) -> None:
    logs = tmp_path / "class"
    play(scenario, logs, "Ana", "reflect", 0)
    play(scenario, logs, "Tess", "lecture", 1, set_values={"trust": 20})
    out = tmp_path / "r.html"
    code, stdout, stderr = report(str(logs), "-o", str(out))
    assert code == 0 and "1 yes, 1 playtest" in stdout
    assert "playtest (marked; not in the class figures; --include-playtests counts it)" in stderr
    assert "2 session(s), 1 in the class figures" in out.read_text()
    code, _, _ = report(str(logs), "-o", str(out), "--include-playtests")
    page = out.read_text()
    assert code == 0 and "2 session(s), 2 in the class figures" in page
    assert '<span class="badge v-playtest">playtest</span>' in page


def test_a_file_that_is_not_a_log_is_listed_and_exits_1_with_the_page_written(
    scenario: Scenario, tmp_path: Path
) -> None:
    logs = tmp_path / "class"
    play(scenario, logs, "Ana", "reflect")
    (logs / "notes.jsonl").write_text("not json at all\n")
    (logs / "empty.jsonl").write_bytes(b"")
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    code, stdout, stderr = report(str(logs), "-o", str(out), "--csv", str(table))
    assert code == 1 and "2 file(s) skipped" in stdout
    assert f"{logs / 'notes.jsonl'}: not a session log" in stderr
    page = out.read_text()
    assert "Files skipped (2)" in page and "notes.jsonl" in page and "empty.jsonl" in page
    assert len(rows_of(table)) == 2


def test_nothing_readable_still_writes_the_page_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text("{}\n")
    out = tmp_path / "r.html"
    code, _, _ = report(str(tmp_path), "-o", str(out))
    assert code == 1 and "Files skipped (1)" in out.read_text()


def test_hostile_names_are_text_in_html_and_csv(scenario: Scenario, tmp_path: Path) -> None:
    logs = tmp_path / "class"
    for seed, name in enumerate(HOSTILE):
        play(scenario, logs, name, "lecture", seed)
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    code, _, _ = report(str(logs), "-o", str(out), "--csv", str(table))
    assert code == 0
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Jo &#34;the quote&#34; O&#39;Neil &amp; Sons" in page or "Jo &quot;the quote&quot;" in page
    assert "<bdi>فاطمة الزهراء</bdi>" in page  # an RTL name cannot reorder the text around it
    tags = Tags()
    tags.feed(page)
    assert "script" not in tags.names and not tags.handlers  # no element or event handler came from a name
    rows = rows_of(table)
    names = [r["trainee"] for r in rows if r["choice"] == "lecture"]
    assert names == [
        "<script>alert(1)</script>",
        '\'=HYPERLINK("http://evil.example","click")',
        'Jo "the quote" O\'Neil & Sons',
        "فاطمة الزهراء",
        "'+44 20 7946 0000",
        "'@mention",
        "'-1",
    ]
    assert {r["text"] for r in rows if r["choice"] == "lecture"} == {"'=SUM(A1) is how it works."}
    lecture = next(r for r in rows if r["choice"] == "lecture")
    assert lecture["delta:trust"] == "-8" and lecture["meter:trust"] == "42" and lecture["code"] == "confront"


def test_the_summary_is_the_roster_and_the_class_figures_only(scenario: Scenario, tmp_path: Path) -> None:
    logs = tmp_path / "class"
    for seed in range(6):
        play(scenario, logs, f"T{seed}", ("reflect", "ask", "lecture")[seed % 3], seed)
    out = tmp_path / "s.html"
    code, _, _ = report(str(logs), "-o", str(out), "--summary")
    page = out.read_text()
    assert code == 0 and "Class summary" in page and 'id="roster"' in page
    assert '<section class="trainee"' not in page and 'href="#session-' not in page
    assert page.count("<polygon") == 4  # per meter: the range and the middle half, not a line per session
    assert "<polyline" in page and page.count("<polyline") == 2  # the medians
