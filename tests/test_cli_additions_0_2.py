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
