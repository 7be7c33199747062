"""One model of a finished session (`DebriefView`), and the terminal and the HTML report drawing the same figures."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from game.analysis.presentation import DebriefView, debrief_view, mean_course
from game.analysis.report import render_html
from game.engine.autoplay import play_numbers
from game.engine.session import Session
from game.record.log import read_log
from game.scenario.loader import load_file
from game.text_play import debrief_lines
from tests.analysis.test_report import PATHS, make_logs
from tests.conftest import ROOT, STARTER
from tests.helpers import scenario_of

TWO_TURNS = """\
format: 1
id: two
title: Two turns
client: {name: Ana}
meters:
  trust: {start: 50, label: Trust}
  hope: {start: 40, min: 0, max: 80}
start: a
debrief: [Listen first.]
nodes:
  a:
    say: Hello.
    choices:
      - {id: warm, text: "Warm", skill: empathy, quality: good, effects: {trust: 10, hope: 5}, next: pause,
         feedback: "It lands."}
      - {id: cold, text: "Cold", skill: empathy, quality: poor, effects: {trust: -20}, next: pause}
  pause:
    say: "Hm."
    next: b
  b:
    say: Go on?
    choices:
      - {id: plan, text: "Plan", skill: collaboration, quality: neutral, effects: {hope: 1}, next: end}
      - {id: ask, text: "Ask", skill: collaboration, quality: good, effects: {hope: 10}, next: end,
         feedback: "Asking keeps her in charge."}
  end:
    ending: {outcome: done, title: Done for today, rating: good, summary: She will come back.}
"""


def played(text: str, *runs: list[int]) -> DebriefView:
    """The model of a session played by shown numbers, with an undo between runs."""
    scenario = scenario_of(text)
    session = Session(scenario, seed=0)
    for index, numbers in enumerate(runs):
        if index:
            session.undo()
        play_numbers(session, numbers)
    return debrief_view(scenario, session.events)


def test_the_model_holds_every_figure_of_the_debrief() -> None:
    view = played(TWO_TURNS, [2, 1])  # cold (poor, trust -20), then plan (neutral, hope +1)
    assert view.scenario_title == "Two turns" and view.client_name == "Ana"
    assert view.ending is not None and view.ending.title == "Done for today" and view.rating == "good"
    assert view.ending.summary == "She will come back." and view.error is None
    trust, hope = view.meters
    assert (trust.title, trust.low, trust.high, trust.start, trust.end) == ("Trust", 0, 100, 50, 30)
    assert (hope.title, hope.low, hope.high, hope.start, hope.end) == ("Hope", 0, 80, 40, 41)
    # one point each time the client speaks: a, pause, b, end; the turn is the replies made so far
    assert trust.points == ((0, 50), (1, 30), (1, 30), (2, 30))
    assert hope.values == (40, 40, 40, 41)
    assert view.length == 4 and view.courses() == {"trust": [50, 30, 30, 30], "hope": [40, 40, 40, 41]}
    assert view.bounds() == {"trust": (0, 100), "hope": (0, 80)}
    assert view.choice_marks == ((1, "poor"), (3, "neutral"))  # at the point each reply led to
    assert [(r.skill, r.label, r.good, r.neutral, r.poor) for r in view.skills] == [
        ("empathy", "Empathy and understanding", 0, 0, 1),
        ("collaboration", "Collaboration", 0, 1, 0),
    ]
    assert [(r.turn, r.text, r.change) for r in view.key_moments] == [(1, "Cold", "trust -20"), (2, "Plan", "hope +1")]
    assert view.key_moments[0].deltas == (("trust", -20), ("hope", 0))
    (missed,) = view.missed
    assert (missed.reply.turn, missed.reply.text, missed.reply.quality) == (1, "Cold", "poor")
    assert (missed.alternative.text, missed.alternative.quality, missed.alternative.feedback) == (
        "Warm",
        "good",
        "It lands.",
    )
    assert view.points == ("Listen first.",)
    assert [(line.speaker, line.text, line.quality) for line in view.transcript] == [
        ("client", "Hello.", None),
        ("trainee", "Cold", "poor"),
        ("client", "Hm.", None),
        ("client", "Go on?", None),
        ("trainee", "Plan", "neutral"),
        ("client", None, None),
    ]


def test_undone_replies_leave_no_trace_in_the_model() -> None:
    direct = played(TWO_TURNS, [1, 2])
    undone = played(TWO_TURNS, [2], [1, 2])  # cold, undone; then warm and ask
    assert undone == direct
    assert [r.text for r in undone.replies] == ["Warm", "Ask"] and not undone.missed


def test_the_model_is_frozen_and_made_of_plain_values() -> None:
    view = played(TWO_TURNS, [1, 2])
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.error = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.meters[0].end = 0  # type: ignore[misc]

    def plain(value: object) -> bool:
        if dataclasses.is_dataclass(value):
            return plain(dataclasses.astuple(value))  # type: ignore[arg-type]
        if isinstance(value, tuple):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float)

    assert all(plain(getattr(view, f.name)) for f in dataclasses.fields(view))


def test_a_session_cut_off_before_its_end() -> None:
    view = played(TWO_TURNS, [1])
    assert view.ending is None and view.error is None
    assert [m.end for m in view.meters] == [60, 45] and view.length == 3
    lines = debrief_lines(view)
    assert "The session did not reach an ending." in lines
    assert "  Trust           50 ->  60" in lines


def test_an_empty_session_keeps_the_start_values_and_no_course() -> None:
    view = debrief_view(scenario_of(TWO_TURNS), [])
    assert [(m.start, m.end, m.points) for m in view.meters] == [(50, 50, ()), (40, 40, ())]
    assert view.length == 0 and not view.replies and not view.key_moments and not view.skills


def test_the_class_mean_follows_each_course_as_far_as_it_goes() -> None:
    assert mean_course([[10, 20, 30], [30, 40]]) == [20.0, 30.0, 30.0]
    assert mean_course([]) == []


# -- the front ends draw the same figures ------------------------------------------------


def section(text: str, start: str, stop: str) -> str:
    """The text from `start` up to the first `stop` after it ('' when `start` is missing)."""
    if start not in text:
        return ""
    rest = text.split(start, 1)[1]
    return rest.split(stop, 1)[0] if stop in rest else rest


def turns(text: str) -> list[int]:
    return [int(t) for t in re.findall(r"Turn (\d+):", text)]


def terminal_figures(lines: list[str]) -> dict[str, object]:
    text = "\n".join(lines) + "\n"
    return {
        "moments": turns(section(text, "Key moments", "\n\n")),
        "missed": turns(section(text, "Missed opportunities", "\n\n")),
        "meters": {m: (int(a), int(b)) for m, a, b in re.findall(r"^  (\w+)\s+(\d+) ->\s+(\d+)$", text, re.M)},
        "skills": {
            label: (int(g), int(n), int(p))
            for label, g, n, p in re.findall(r"^  (\S.*?)\s+(\d+) / (\d+) / (\d+)$", text, re.M)
        },
    }


def report_figures(page: str) -> dict[str, object]:
    session = section(page, '<section class="trainee"', "</section>")
    profile = section(page, "<h4>Skill profile (all replies)</h4>", "</table>")
    return {
        "moments": turns(section(session, "<h4>Key moments</h4>", "<h4>")),
        "missed": turns(section(session, "<h4>Missed opportunities</h4>", "<h4>")),
        "meters": {m: (int(a), int(b)) for m, a, b in re.findall(r">(\w+) (\d+) → (\d+)</text>", session)},
        "skills": {
            label: (int(g), int(n), int(p))
            for label, g, n, p in re.findall(
                r"<tr><td>([^<]+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>", profile
            )
        },
    }


def model_figures(view: DebriefView) -> dict[str, object]:
    return {
        "moments": [r.turn for r in view.key_moments],
        "missed": [m.reply.turn for m in view.missed],
        "meters": {m.title: (m.start, m.end) for m in view.meters},
        "skills": {r.label: (r.good, r.neutral, r.poor) for r in view.skills},
    }


@pytest.mark.parametrize("path", sorted(PATHS))
def test_terminal_and_report_show_the_figures_of_the_one_model(tmp_path: Path, path: str) -> None:
    (log_path,) = make_logs(tmp_path, [("Ana", path)])
    scenario, log = load_file(STARTER), read_log(log_path)
    view = debrief_view(scenario, log.events)
    expected = model_figures(view)
    assert expected["moments"] and expected["meters"] and expected["skills"]
    assert terminal_figures(debrief_lines(view)) == expected
    assert report_figures(render_html([(scenario, log)])) == expected
    if path != "good":
        assert expected["missed"]


def test_key_moment_text_is_the_same_in_the_terminal_and_the_report(tmp_path: Path) -> None:
    (log_path,) = make_logs(tmp_path, [("Ana", "left")])
    scenario, log = load_file(STARTER), read_log(log_path)
    view = debrief_view(scenario, log.events)
    terminal = "\n".join(debrief_lines(view))
    page = render_html([(scenario, log)])
    for reply in view.key_moments:
        assert f'Turn {reply.turn}: "{reply.text}" ({reply.change})' in terminal
        assert f"({reply.change})" in page and f"Turn {reply.turn}:" in page


def test_the_terminal_accepts_the_analysis_too(tmp_path: Path) -> None:
    from game.analysis.debrief import Debrief

    (log_path,) = make_logs(tmp_path, [("Ana", "maybe")])
    scenario, log = load_file(STARTER), read_log(log_path)
    assert debrief_lines(Debrief.from_events(scenario, log.events)) == debrief_lines(debrief_view(scenario, log.events))


# -- no front end computes a figure of its own --------------------------------------------

# what the analysis offers: names, and methods that compute a figure when called
ANALYSIS = {"Debrief", "format_deltas", "effective_events", "meter_track", "start_meters", "end_meters"}
ANALYSIS_CALLS = {"skill_profile", "key_moments", "missed_opportunities", "from_events", "best_alternative"}


def names_used(source: str, function: str | None = None) -> set[str]:
    """Names, attributes and imports a module (or one function in it) uses; calls as 'name()'."""
    tree: ast.AST = ast.parse(source)
    if function is not None:
        tree = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            names.add((node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) + "()")
    return names


def computed(names: set[str]) -> set[str]:
    return names & (ANALYSIS | {f"{c}()" for c in ANALYSIS_CALLS})


def test_the_front_ends_read_the_model_not_the_analysis() -> None:
    game = ROOT / "game"
    scene = names_used((game / "ui/scenes/debrief.py").read_text())
    assert not computed(scene), computed(scene)
    terminal = names_used((game / "text_play.py").read_text(), "debrief_lines")
    assert computed(terminal) <= {"Debrief"}  # a Debrief is only turned into the model
    replay = names_used((game / "ui/scenes/replay.py").read_text())
    assert not computed(replay) and "chart_series_from_steps" not in replay
    report = names_used((game / "analysis/report.py").read_text())
    assert computed(report) <= {"effective_events"}  # the CSV lists the raw replies, not the debrief
    template = (game / "templates/report.html.j2").read_text()
    for call in ("format_deltas", "key_moments()", "missed_opportunities()", "skill_profile()", ".step.", ".node."):
        assert call not in template
