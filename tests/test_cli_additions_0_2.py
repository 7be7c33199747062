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
