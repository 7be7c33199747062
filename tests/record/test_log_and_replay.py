"""Session logs: written event by event, read back (torn lines too), and replayed exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.session import Session, SessionError
from game.record.log import LogError, read_log
from game.record.replay import replay
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from tests.conftest import STARTER
from tests.helpers import play_actions
from tests.strategies import scenarios


def record(scenario: Scenario, path: Path, seed: int, actions: list[int], mode: str = "practice") -> Session:
    """Play `actions` (a number picks the n-th shown choice modulo; 0 continues or undoes)."""
    runner = SessionRunner.start(scenario, seed=seed, mode=mode, trainee="Test Trainee", log=path)
    play_actions(runner.session, runner, actions)
    runner.close()
    return runner.session


def test_header_then_one_event_per_line(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    path = tmp_path / "s.jsonl"
    session = record(scenario, path, seed=3, actions=[1, 1, 1])
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["type"] == "session" and header["format"] == 1
    assert header["scenario_sha256"] == scenario.sha256 and Path(header["scenario_path"]).is_absolute()
    assert header["seed"] == 3 and header["mode"] == "practice" and header["trainee"] == "Test Trainee"
    assert header["from"] is None and header["set"] is None
    events = [json.loads(line) for line in lines[1:]]
    assert [{k: v for k, v in e.items() if k != "t"} for e in events] == session.events
    assert all(isinstance(e["t"], float | int) for e in events)


def test_a_torn_last_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    path = tmp_path / "s.jsonl"
    record(scenario, path, seed=1, actions=[1, 1])
    whole = read_log(path)
    with path.open("a") as handle:
        handle.write('{"type": "choice", "node": "day-to')
    torn = read_log(path)
    assert torn.events == whole.events
    assert len(torn.warnings) == 1 and "torn last line" in torn.warnings[0]


def test_a_damaged_middle_line_or_a_non_log_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"type": "session", "format": 1, "scenario_id": "x", "seed": 0, "mode": "practice"}\n'
        'not json\n{"type": "enter"}\n'
    )
    with pytest.raises(LogError, match=":2: not a session log line"):
        read_log(path)
    other = tmp_path / "o.jsonl"
    other.write_text('{"hello": 1}\n')
    with pytest.raises(LogError, match="not a session log"):
        read_log(other)
    newer = tmp_path / "n.jsonl"
    newer.write_text('{"type": "session", "format": 9}\n')
    with pytest.raises(LogError, match="format 9 is not supported"):
        read_log(newer)


def test_replay_reproduces_the_starter_session_with_undos(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    path = tmp_path / "s.jsonl"
    original = record(scenario, path, seed=5, actions=[2, 1, 0, 1, 2, 2, 0, 0, 1, 1, 1, 1, 1, 1])
    session, divergence = replay(scenario, read_log(path))
    assert divergence is None
    assert session.state.to_dict() == original.state.to_dict()


def test_replay_reports_a_changed_outcome(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    path = tmp_path / "s.jsonl"
    record(scenario, path, seed=5, actions=[1, 1])
    lines = path.read_text().splitlines()
    tampered = [json.loads(line) for line in lines]
    for event in tampered:
        if event.get("type") == "choice":
            event["meters"]["trust"] += 1
            break
    path.write_text("\n".join(json.dumps(e) for e in tampered) + "\n")
    _, divergence = replay(scenario, read_log(path))
    assert divergence is not None and divergence.line == 3
    assert "trust logged" in divergence.message


@given(scenarios(), st.integers(0, 10**6), st.lists(st.integers(0, 5), max_size=25))
def test_replaying_any_log_reproduces_the_session_exactly(scenario, seed, actions) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.jsonl"
        try:
            original = record(scenario, path, seed, actions)
        except SessionError:
            return
        replayed, divergence = replay(scenario, read_log(path))
        assert divergence is None
        assert replayed.events == original.events
        assert replayed.state == original.state
