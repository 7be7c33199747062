"""explore within budgets: states, time, memory and turns, and what it says when one cuts the walk short."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.explore import MEMORY_LIMIT, explore
from game.commands.explore import human
from game.scenario.model import Scenario
from tests.analysis.exploding import exploding_scenario
from tests.helpers import HEAD, rapport, scenario_of


@pytest.fixture(scope="module")
def exploding() -> Scenario:
    return scenario_of(exploding_scenario())


@pytest.fixture
def exploding_file(tmp_path: Path) -> Path:
    path = tmp_path / "exploding.yaml"
    path.write_text(exploding_scenario(), encoding="utf-8")
    return path


def fake_clock(step: float) -> itertools.count[float]:
    return itertools.count(0.0, step)


def test_the_state_budget_stops_a_walk_whose_states_explode(exploding: Scenario) -> None:
    result = explore(exploding, max_states=5_000)
    data = result.to_json()
    assert data["states"] == 5_000
    assert data["truncated"] is True and data["truncated_by"] == "states"
    assert not result.by_memory
    assert "stopped at the state budget, 5,000 states (--max-states 5000)" in "\n".join(human(result))


def test_a_budget_the_states_fit_in_exactly_is_not_truncated() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    choices:
      - {text: one, skill: empathy, quality: good, effects: {trust: 10}, next: b}
      - {text: two, skill: empathy, quality: poor, effects: {trust: -10}, next: b}
  b:
    choices:
      - {text: go, skill: empathy, quality: good, next: end}
  end:
    ending: {outcome: end}
"""
    )
    assert explore(scenario).states == 5  # a, b x2, end x2
    exact = explore(scenario, max_states=5).to_json()
    assert exact["states"] == 5 and exact["truncated_by"] is None
    short = explore(scenario, max_states=4).to_json()
    assert short["states"] == 4 and short["truncated_by"] == "states"
    one = explore(scenario, max_states=1).to_json()
    assert one["states"] == 1 and one["truncated_by"] == "states" and one["best_path"] is None


def test_the_time_budget_stops_the_walk_by_the_clock(exploding: Scenario) -> None:
    result = explore(exploding, max_seconds=20, clock=fake_clock(1.0).__next__)  # one "second" per look
    assert result.truncated_by == "time" and 0 < result.states < 1_000_000
    text = "\n".join(human(result))
    assert f"stopped at the time budget, 20 s (--max-seconds 20), after {result.states:,} states" in text
    assert "Everything below covers only the states explored before it stopped." in text
    assert "end: not reached before the walk stopped" in text


def test_states_too_large_for_memory_stop_the_walk_as_the_state_budget(exploding: Scenario) -> None:
    looks = itertools.count()
    result = explore(exploding, memory=lambda: MEMORY_LIMIT if next(looks) >= 5 else 0)
    assert result.truncated_by == "states" and result.by_memory
    assert 0 < result.states < 10_000
    assert "when they filled the memory set aside for the walk" in "\n".join(human(result))


def test_progress_is_reported_about_once_a_second(exploding: Scenario) -> None:
    calls: list[tuple[int, int]] = []
    explore(exploding, max_states=20_000, clock=fake_clock(0.3).__next__, progress=lambda s, t: calls.append((s, t)))
    assert len(calls) >= 3
    assert [s for s, _ in calls] == sorted(s for s, _ in calls) and all(0 <= s <= 20_000 for s, _ in calls)


def test_budgets_are_checked() -> None:
    scenario = scenario_of(exploding_scenario(nodes=2))
    for bad in ({"max_turns": -1}, {"max_states": 0}, {"max_seconds": 0}, {"max_seconds": float("nan")}):
        with pytest.raises(ValueError):
            explore(scenario, **bad)


# -- turns: only a state that still has choices is cut short ------------------------------------------------

AFTER_THE_LAST_TURN = (
    HEAD
    + """
flags: [asked]
start: a
nodes:
  a:
    choices:
      - {text: on, skill: empathy, quality: good, next: b}
      - {text: hidden, skill: empathy, quality: good, next: c}
      - {text: stuck, skill: empathy, quality: poor, next: d}
  b:
    next: b2
  b2:
    next: done
  c:
    choices:
      - {text: never, skill: empathy, quality: good, when: asked, next: a}
    next: done
  d:
    choices:
      - {text: never, skill: empathy, quality: good, when: asked, next: a}
  done:
    ending: {outcome: done}
"""
)


def test_max_turns_does_not_truncate_states_with_no_choices_left() -> None:
    data = explore(scenario_of(AFTER_THE_LAST_TURN), max_turns=1).to_json()
    # after one turn: continue steps to an ending, a fallback to it, a dead end; none has a choice left
    assert data["truncated"] is False and data["truncated_by"] is None
    assert data["endings"]["done"] == {"reachable": True, "min_turns": 1}
    assert data["dead_ends"] == ["d"] and data["unreachable_nodes"] == []


def test_max_turns_truncates_a_state_with_choices_left() -> None:
    again = "{text: on, skill: empathy, quality: good, effects: {trust: 1}, next: a}"
    text = AFTER_THE_LAST_TURN.replace("{text: on, skill: empathy, quality: good, next: b}", again)
    result = explore(scenario_of(text), max_turns=1)  # back at a with trust 51: a new state, with choices
    data = result.to_json()
    assert data["truncated"] is True and data["truncated_by"] == "turns"
    assert "some sessions were still going after 1 turns (--max-turns 1)" in "\n".join(human(result))


# -- the command ----------------------------------------------------------------------------------------------


def test_explore_command_reports_the_state_budget(exploding_file: Path) -> None:
    result = rapport("explore", str(exploding_file), "--json", "--max-states", "2000")
    assert result.returncode == 0 and result.stderr == ""  # no progress on a short walk off a terminal
    data = json.loads(result.stdout)
    assert data["states"] == 2000 and data["truncated"] is True and data["truncated_by"] == "states"


def test_explore_command_reports_the_time_budget(exploding_file: Path) -> None:
    result = rapport("explore", str(exploding_file), "--json", "--max-seconds", "0.2")
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["truncated_by"] == "time"
    text = rapport("explore", str(exploding_file), "--max-seconds", "0.2").stdout
    assert "truncated: stopped at the time budget, 0.2 s (--max-seconds 0.2)" in text


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--max-states", "0", "--max-states must be 1 or more"),
        ("--max-seconds", "0", "--max-seconds must be a number of seconds above 0"),
        ("--max-seconds", "nan", "--max-seconds must be a number of seconds above 0"),
        ("--max-turns", "-1", "--max-turns must be 0 or more"),
        ("--max-states", "lots", "invalid int value"),
    ],
)
def test_explore_command_refuses_bad_budgets(exploding_file: Path, option: str, value: str, message: str) -> None:
    result = rapport("explore", str(exploding_file), option, value)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""


MEASURE = """
import resource, sys
from game.analysis.explore import explore
from game.scenario.loader import load_file
scenario = load_file(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = explore(scenario, max_states=int(sys.argv[2]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(result.states, result.truncated_by, (after - before) * 1024)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in kilobytes, as on Linux")
def test_a_state_costs_well_under_two_kilobytes_of_memory(exploding_file: Path) -> None:
    """2 GB for the default budget of a million states leaves 2 kB a state: the walk keeps far less."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(exploding_file), "60000"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    states, why, grown = result.stdout.split()
    assert (states, why) == ("60000", "states")
    assert int(grown) / 60_000 < 1024, f"{int(grown) / 60_000:.0f} bytes a state"
