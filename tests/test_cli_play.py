"""`run`, `play --text`, `replay --check`, and what survives a crash."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from game.record.log import read_log
from tests.conftest import ROOT, STARTER, STARTER_GOOD
from tests.helpers import BASE, rapport

STARTER_FLAGS = (
    "named_tiredness asked_directly gave_contacts repaired explained_limits fired_questions labelled advised"
    " leading_question asked_late form_owned label_owned interpreted interp_owned withdrew last_label last_interp"
    " stacked handed_off to_booked to_booked_no_door to_maybe to_card_no_door to_his_call to_maybe_unasked"
    " to_booked_unasked to_asked_late to_late_thanked to_late_no_door"
)
NO_FLAGS = dict.fromkeys(STARTER_FLAGS.split(), False)


def test_run_prints_the_end_state_as_one_json_object() -> None:
    result = rapport("run", str(STARTER), "--choices", ",".join(map(str, STARTER_GOOD)))
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert list(state) == ["node", "ended", "outcome", "meters", "flags", "turn", "error"]
    assert state["ended"] is True and state["outcome"] == "booked" and state["turn"] == len(STARTER_GOOD)
    attuned = ("named_tiredness", "explained_limits", "asked_directly", "gave_contacts", "to_booked")
    assert state["flags"] == {**NO_FLAGS, **dict.fromkeys(attuned, True)}
    assert state["error"] is None


def test_run_stops_midway_and_playtests_with_from_and_set() -> None:
    state = json.loads(rapport("run", str(STARTER), "--choices", "3").stdout)
    assert state == {
        "node": "why-now",
        "ended": False,
        "outcome": None,
        "meters": {"trust": 38, "hope": 27},
        "flags": NO_FLAGS,
        "turn": 1,
        "error": None,
    }
    playtest = json.loads(
        rapport("run", str(STARTER), "--from", "settling", "--set", "trust=45", "--choices", "2,1,2").stdout
    )
    assert playtest["outcome"] == "booked" and playtest["meters"]["trust"] == 54


def test_run_usage_errors_exit_2_with_nothing_on_stdout() -> None:
    for args in (
        ["--choices", "9"],
        ["--choices", ",".join(["1"] * 10)],
        ["--choices", "x"],
        ["--from", "nowhere"],
        ["--set", "calm=3"],
        ["--set", "trust=300"],
    ):
        result = rapport("run", str(STARTER), *args)
        assert result.returncode == 2, args
        assert result.stdout == "" and result.stderr.strip() and "Traceback" not in result.stderr


def test_run_scenario_error_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "dead.yaml"
    path.write_text(
        BASE.replace('next: end}\n      - {text: "Two"', 'next: b}\n      - {text: "Two"').replace(
            "  end:\n",
            "  b:\n    choices:\n      - {text: x, skill: hope, quality: good, when: trust > 99, next: end}\n  end:\n",
        )
    )
    result = rapport("run", str(path), "--choices", "1,1")
    assert result.returncode == 1
    state = json.loads(result.stdout)
    assert state["ended"] is False and state["outcome"] is None and "no choice is available" in state["error"]


def test_run_writes_a_log_only_when_asked(tmp_path: Path, rapport_home: Path) -> None:
    log = tmp_path / "run.jsonl"
    result = rapport("run", str(STARTER), "--choices", "1,2", "--log", str(log), "--seed", "4")
    assert str(log) in result.stderr
    assert read_log(log).header["seed"] == 4
    assert not (rapport_home / "sessions").exists()


def test_a_broken_scenario_prints_diagnostics_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BASE.replace("title: Tiny", "titel: Tiny"))
    result = rapport("run", str(path))
    assert result.returncode == 1 and f"{path}:3:1: error" in result.stderr


def test_play_text_practice_shows_coach_thoughts_and_undo(tmp_path: Path) -> None:
    log = tmp_path / "p.jsonl"
    result = rapport(
        "play", str(STARTER), "--text", "--seed", "2", "--log", str(log), stdin="3\n1\nu\n2\n1\n2\n3\n1\n2\n1\n2\n"
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Coach — " in out and "Tomás thinks:" in out and "Undone" in out
    assert "=== Debrief ===" in out and "Ending: A second session agreed (good)" in out
    assert "Trust" in out and "->" in out and "Points to take away:" in out
    assert str(log) in out
    assert rapport("replay", "--check", str(log)).returncode == 0


def test_play_text_assessment_shows_no_coach_no_thoughts_no_undo(tmp_path: Path) -> None:
    result = rapport(
        "play", str(STARTER), "--text", "--mode", "assessment", "--log", str(tmp_path / "a.jsonl"), stdin="1\nu\n1\n"
    )
    assert "Coach" not in result.stdout.split("=== Debrief")[0]
    assert "thinks:" not in result.stdout and "Undo is only available" in result.stdout


def test_end_of_input_ends_cleanly_and_resume_continues_the_same_log(tmp_path: Path) -> None:
    log = tmp_path / "r.jsonl"
    first = rapport("play", str(STARTER), "--text", "--seed", "8", "--log", str(log), stdin="1\n1\n")
    assert first.returncode == 0 and "Session paused" in first.stdout and str(log) in first.stdout
    assert not read_log(log).finished
    # six more replies, and one continue (these replies lead to a withdrawal, repaired, then on to the close)
    second = rapport("play", "--resume", str(log), "--text", stdin="1\n" * 7)
    assert second.returncode == 0, second.stderr
    finished = read_log(log)
    assert finished.finished and [e["type"] for e in finished.events].count("resume") == 1
    assert rapport("replay", "--check", str(log)).returncode == 0
    again = rapport("play", "--resume", str(log), "--text")
    assert again.returncode == 2 and "already finished" in again.stderr


def test_play_writes_its_log_under_rapport_home(rapport_home: Path) -> None:
    result = rapport("play", str(STARTER), "--text", stdin="1\n")
    logs = list((rapport_home / "sessions").glob("*.jsonl"))
    assert len(logs) == 1 and str(logs[0]) in result.stdout


def test_replay_check_notices_a_changed_scenario_and_still_compares(tmp_path: Path, rapport_home: Path) -> None:
    scenario = tmp_path / "s.yaml"
    text = STARTER.read_text().replace("id: starter-first-meeting", "id: my-copy")  # not the library's
    scenario.write_text(text)
    log = tmp_path / "l.jsonl"
    rapport("run", str(scenario), "--choices", "3,2", "--log", str(log))
    assert rapport("replay", "--check", str(log)).returncode == 0
    scenario.write_text(text.replace("effects: {trust: 8, hope: 2}", "effects: {trust: 9, hope: 2}", 1))
    kept = rapport("replay", "--check", str(log))  # the played copy is found first: a warning only
    assert kept.returncode == 0 and "identically" in kept.stdout
    assert f"{scenario} has changed since this session was played; using" in kept.stderr
    for folder in (tmp_path / "played", rapport_home / "played"):
        shutil.rmtree(folder)
    changed = rapport("replay", "--check", str(log))
    assert changed.returncode == 1
    assert "has changed" in changed.stdout and "replay differs" in changed.stdout
    assert "trust logged 38, replayed 39" in changed.stdout


def _read_until(process: subprocess.Popen[bytes], needle: bytes, timeout: float = 60) -> bytes:
    """Read the child's output until `needle` appears (no fixed sleeps)."""
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {needle!r}; saw {seen[-400:]!r}"
        ready, _, _ = select.select([process.stdout], [], [], remaining)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"the process ended before {needle!r}; saw {seen[-400:]!r}"
            seen += chunk
    return seen


def test_sigkill_right_after_an_answer_loses_nothing(tmp_path: Path) -> None:
    log = tmp_path / "crash.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "play", str(STARTER), "--text", "--seed", "3", "--log", str(log)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        _read_until(process, b"Your reply")
        assert process.stdin is not None
        process.stdin.write(b"1\n")
        process.stdin.flush()
        _read_until(process, b"running on empty")  # the client's answer to that choice
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    events = read_log(log).events
    assert [e["type"] for e in events] == ["enter", "choice", "enter"]
    assert events[1]["choice"] == "reflect-referral" or events[1]["number"] == 1
    assert rapport("replay", "--check", str(log)).returncode == 0
