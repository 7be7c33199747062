"""Rapport 0.2's additions from the command line: a scenario using all of them, and logs written by 0.1."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import rapport

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVERY = FIXTURES / "every-addition.yaml"


def test_logs_written_by_0_1_pass_replay_check() -> None:
    logs = [str(FIXTURES / "v0_1.jsonl"), str(FIXTURES / "v0_1-undo.jsonl")]
    result = rapport("replay", *logs, "--check", "--scenario", str(FIXTURES / "v0_1-starter-first-meeting.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 log(s): 2 verified, 0 not" in result.stdout


def _in_order(text: str, *parts: str) -> bool:
    """Whether `parts` appear in `text` one after another (line wrapping ignored)."""
    flat = " ".join(text.split())
    at = 0
    for part in parts:
        found = flat.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_play_text_prints_the_react_after_the_choice_then_the_coach_and_thought_then_the_next_node(
    tmp_path: Path,
) -> None:
    log = tmp_path / "s.jsonl"
    result = rapport("play", str(EVERY), "--text", "--seed", "3", "--log", str(log), stdin="1\n1\n1\n\n")
    assert result.returncode == 0, result.stderr
    assert _in_order(
        result.stdout,
        "Your reply (1-3):",
        'Lena Koval: "Pretty much, yeah."',
        "Coach — Empathy and understanding, good: A complex reflection",
        "(Lena Koval thinks: She didn't take his side. Maybe I can say what I actually think.)",
        'Lena Koval: "',
        "1. \"You've carried",
    )
    assert "At least she asked." not in result.stdout  # only the chosen reply's thought
    assert _in_order(
        result.stdout,
        'Lena Koval: "Nobody\'s said that to me before."',
        "Coach — ",
        "(Lena Koval thinks: It's mine to decide.",
        'Lena Koval: "',
        "[Enter to continue",
    )


def test_assessment_mode_shows_the_react_but_neither_coach_nor_thought(tmp_path: Path) -> None:
    log = tmp_path / "s.jsonl"
    args = ("play", str(EVERY), "--text", "--mode", "assessment", "--log", str(log))
    result = rapport(*args, stdin="1\n1\n1\n\n")
    assert result.returncode == 0, result.stderr
    played = result.stdout.split("=== Debrief ===")[0]
    assert _in_order(played, 'Lena Koval: "Pretty much, yeah."', 'Lena Koval: "', "1. \"You've carried")
    assert "Coach —" not in played
    assert "thinks:" not in played


def test_the_react_is_shown_when_a_rule_redirects(tmp_path: Path) -> None:
    result = rapport("play", str(EVERY), "--text", "--log", str(tmp_path / "s.jsonl"), stdin="3\n3\n")
    assert result.returncode == 0, result.stderr
    assert _in_order(
        result.stdout,
        'Lena Koval: "You sound just like him."',
        "Coach — Motivation and engagement, poor",
        "(Lena Koval thinks: I'm done here.)",
        "[Lena stands and picks up her bag.]",
        'Lena Koval: "I don\'t need another lecture."',
    )


def test_a_scenario_with_every_addition_validates_runs_replays_and_reports(tmp_path: Path) -> None:
    import csv
    import json

    assert rapport("validate", "--strict", str(EVERY)).returncode == 0
    run = rapport("run", str(EVERY), "--choices", "1,2,1", "--log", str(tmp_path / "run.jsonl"), "--trainee", "Ana")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["outcome"] == "engaged"
    choices = [json.loads(line) for line in (tmp_path / "run.jsonl").read_text().splitlines()]
    assert [e["code"] for e in choices if e["type"] == "choice"] == [
        ["complex_reflection"],
        ["seeking_collaboration", "persuade_with_permission"],
        ["emphasizing_autonomy"],
    ]
    play = rapport(
        "play", str(EVERY), "--text", "--log", str(tmp_path / "play.jsonl"), "--trainee", "Bo", stdin="3\n3\n"
    )
    assert play.returncode == 0, play.stderr
    again = rapport("run", str(EVERY), "--choices", "1,2,1", "--log", str(tmp_path / "again.jsonl"))
    first = [e for e in choices if e["type"] == "enter"]
    second = [json.loads(line) for line in (tmp_path / "again.jsonl").read_text().splitlines()]
    assert again.returncode == 0
    assert [(e["node"], e["variant"]) for e in first] == [
        (e["node"], e["variant"]) for e in second if e["type"] == "enter"
    ]
    (tmp_path / "again.jsonl").unlink()
    logs = [str(tmp_path / "run.jsonl"), str(tmp_path / "play.jsonl")]
    check = rapport("replay", *logs, "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "2 log(s): 2 verified, 0 not" in check.stdout
    report = rapport("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv"))
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "r.html").read_text()
    assert "MITI 4 behaviour counts, pooled over the class" in page and "Pretty much, yeah." in page
    with (tmp_path / "r.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: (r["trainee"], int(r["turn"])))
    assert [(r["trainee"], r["code"], r["react"], r["outcome"]) for r in rows] == [
        ("Ana", "complex_reflection", "Pretty much, yeah.", "engaged"),
        ("Ana", "seeking_collaboration+persuade_with_permission", "Okay. Go on.", "engaged"),
        ("Ana", "emphasizing_autonomy", "Nobody's said that to me before.", "engaged"),
        ("Bo", "giving_information+persuade", "Right. Great.", "walked-out"),
        ("Bo", "persuade+confront", "You sound just like him.", "walked-out"),
    ]
    assert [r["delta:trust"] for r in rows] == ["10", "5", "0", "-15", "-15"]
    assert {r["verified"] for r in rows} == {"yes"} and {r["typed"] for r in rows} == {""}


def test_graph_shows_a_replys_quality_on_its_edge() -> None:
    result = rapport("graph", str(EVERY))
    assert result.returncode == 0
    assert "1 · empathy · good" in result.stdout and "3 · motivation · poor" in result.stdout


def test_the_new_template_has_a_react_a_reply_thought_and_a_conditional_line(tmp_path: Path) -> None:
    assert rapport("new", "fresh", cwd=tmp_path).returncode == 0
    from game.scenario.loader import load_file

    scenario = load_file(tmp_path / "fresh.yaml")
    choices = [c for n in scenario.nodes.values() for c in n.choices]
    assert sum(1 for c in choices if c.react) == 1 and sum(1 for c in choices if c.thought) == 1
    assert sum(1 for n in scenario.nodes.values() for w in n.say_when if w is not None) == 1
    assert any(c.code for c in choices)
    assert rapport("validate", "--strict", str(tmp_path / "fresh.yaml")).returncode == 0


def test_explore_reads_the_reacts_aloud_on_its_paths_and_its_states_are_unchanged() -> None:
    import json

    result = rapport("explore", str(EVERY))
    assert result.returncode == 0
    assert _in_order(
        result.stdout,
        '1. You: "Coming here was more his idea than yours."',
        'Lena Koval: "Pretty much, yeah."',
        "1. You:",
    )
    data = json.loads(rapport("explore", str(EVERY), "--json").stdout)
    assert data["endings"]["engaged"] == {"reachable": True, "min_turns": 3}
    assert data["dead_ends"] == [] and data["truncated"] is False
