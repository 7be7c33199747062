"""explore: hand-computed scenarios, and agreement with a brute-force walk of the play engine."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.explore import explore
from game.engine.session import Session
from game.scenario.model import Scenario
from tests.conftest import STARTER
from tests.helpers import HEAD, rapport, scenario_of
from tests.strategies import scenarios


def test_continue_nodes_and_fallbacks_cost_no_turns() -> None:
    scenario = scenario_of(
        HEAD
        + """
flags: [asked]
start: a
nodes:
  a:
    next: b
  b:
    choices:
      - {text: gated, skill: empathy, quality: good, when: asked, next: win}
    next: c
  c:
    choices:
      - {text: ask, skill: empathy, quality: good, effects: {asked: true, trust: 10}, next: b}
      - {text: leave, skill: empathy, quality: poor, effects: {trust: -20}, next: lose}
  win:
    ending: {outcome: win, rating: good}
  lose:
    ending: {outcome: lose, rating: poor}
"""
    )
    result = explore(scenario).to_json()
    # a, b(fallback), c, then b(asked) -> win, lose: 6 states
    assert result["states"] == 6
    assert result["endings"] == {
        "win": {"reachable": True, "min_turns": 2},
        "lose": {"reachable": True, "min_turns": 1},
    }
    assert result["best_path"] == [1, 1] and result["worst_path"] == [2]
    assert result["meter_ranges"] == {"trust": [30, 60], "hope": [50, 50]}
    assert result["dead_ends"] == [] and result["unreachable_nodes"] == [] and result["truncated"] is False


def test_once_and_repeating_rules_and_dead_ends() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: hub
rules:
  - {id: first-drop, when: trust < 45, goto: rupture}
  - {id: every-drop, when: trust < 35, goto: spiral, once: false}
nodes:
  hub:
    choices:
      - {text: hurt, skill: safety, quality: poor, effects: {trust: -10}, next: hub}
      - {text: stop, skill: safety, quality: good, next: done}
  rupture:
    next: hub
  spiral:
    choices:
      - {text: never, skill: safety, quality: good, when: trust > 90, next: hub}
  done:
    ending: {outcome: done}
  island:
    ending: {outcome: island}
"""
    )
    result = explore(scenario)
    data = result.to_json()
    # hub@50, hub@40+rupture(fired) as rupture then hub, hub@30 -> spiral (dead end), done x2
    assert data["dead_ends"] == ["spiral"]
    assert result.dead_ends["spiral"] == [1, 1]
    assert data["unreachable_nodes"] == ["island"]
    assert data["endings"]["island"] == {"reachable": False, "min_turns": None}
    assert data["endings"]["done"] == {"reachable": True, "min_turns": 1}
    assert result.never_fired == [] and result.never_shown == [("spiral", "1")]
    assert data["states"] == 6  # hub50, done50, rupture40, hub40, done40, spiral30
    assert data["best_path"] == [2] and data["worst_path"] == [1, 2]


def test_turn_conditions_key_states_by_turn_and_truncation() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: loop
nodes:
  loop:
    choices:
      - {text: wait, skill: safety, quality: neutral, next: loop}
      - {text: go, skill: safety, quality: good, when: turn >= 3, next: end}
  end:
    ending: {outcome: end}
"""
    )
    full = explore(scenario, max_turns=10).to_json()
    assert full["truncated"] is True  # waiting is always possible
    assert full["endings"]["end"] == {"reachable": True, "min_turns": 4}
    assert full["states"] == 11 + 7  # loop at turns 0..10, end at turns 4..10
    short = explore(scenario, max_turns=3).to_json()
    assert short["endings"]["end"]["reachable"] is False and short["best_path"] is None
    assert short["states"] == 4 and short["truncated"] is True


def test_ties_between_best_paths_prefer_fewer_turns_then_smaller_numbers() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    choices:
      - {text: long, skill: safety, quality: good, effects: {trust: 5}, next: b}
      - {text: same, skill: safety, quality: good, effects: {trust: 10}, next: end}
      - {text: twin, skill: safety, quality: good, effects: {trust: 10}, next: end2}
  b:
    choices:
      - {text: more, skill: safety, quality: good, effects: {trust: 5}, next: end}
  end:
    ending: {outcome: end}
  end2:
    ending: {outcome: end2}
"""
    )
    data = explore(scenario).to_json()
    assert data["best_path"] == [2]  # 60 in one turn beats 60 in two; [2] < [3]
    assert data["worst_path"] == [2]


def test_a_loop_of_fallbacks_is_a_dead_end() -> None:
    from tests.engine.test_session import LOOP

    data = explore(scenario_of(LOOP)).to_json()
    assert data["dead_ends"] == ["a"] and data["endings"]["end"]["reachable"] is False


def test_explore_command_json_and_human_output() -> None:
    result = rapport("explore", str(STARTER), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "states",
        "endings",
        "dead_ends",
        "unreachable_nodes",
        "meter_ranges",
        "best_path",
        "worst_path",
        "truncated",
        "truncated_by",
    }
    assert data["truncated"] is False and data["truncated_by"] is None
    assert all(e["reachable"] for e in data["endings"].values())
    text = rapport("explore", str(STARTER)).stdout
    assert "Endings:" in text and 'You: "' in text and "Best path" in text and "Worst path" in text


# -- agreement with an independent brute-force walk over the play engine ------------------


def brute_force(scenario: Scenario, max_turns: int) -> dict[str, Any]:
    """Every path of shown numbers up to max_turns, played by `Session` from scratch."""
    rules_read_turn = any(r.when.reads_turn for r in scenario.rules) or any(
        c.when is not None and c.when.reads_turn for n in scenario.nodes.values() for c in n.choices
    )
    first_turn: dict[Any, int] = {}
    can_go_on: dict[Any, bool] = {}
    endings: dict[str, Any] = {}
    dead: set[str] = set()
    reached: set[str] = set()
    ranges: dict[str, list[int]] = {}
    finals: list[tuple[int, int, list[int]]] = []

    def key(session: Session) -> Any:
        p = session.state.position
        return (p.node, p.meters, p.flags, p.fired, p.used) + ((p.turn,) if rules_read_turn else ())

    def snapshot(session: Session) -> Any:
        p = session.state.position
        return key(session), session.meters, p.node, p.turn

    def visit(numbers: list[int]) -> None:
        session = Session(scenario, seed=0)
        entered: list[Any] = [snapshot(session)]  # each engine step enters exactly one node

        def go_on() -> None:
            while session.current().can_continue:
                session.continue_()
                entered.append(snapshot(session))

        for number in numbers:
            go_on()
            session.choose_number(number)
            entered.append(snapshot(session))
        go_on()  # continue steps cost no turn, even at max_turns
        turn = session.current()
        for k, meters, node, t in entered:
            first_turn[k] = min(first_turn.get(k, t), t)
            reached.add(node)
            for name, value in meters.items():
                low_high = ranges.setdefault(name, [value, value])
                low_high[0], low_high[1] = min(low_high[0], value), max(low_high[1], value)
        if turn.error is not None:
            dead.add(turn.node.id)
        if turn.ended:
            outcome = turn.outcome
            assert outcome is not None
            seen = endings.get(outcome)
            if seen is None or turn.turn < seen:
                endings[outcome] = turn.turn
            finals.append((turn.meters["trust"] + turn.meters["hope"], turn.turn, list(numbers)))
        elif turn.error is None and len(numbers) == max_turns:
            can_go_on[key(session)] = bool(turn.choices)
        if turn.finished or len(numbers) >= max_turns:
            return
        for number in range(1, len(turn.choices) + 1):
            visit([*numbers, number])

    visit([])
    best = sorted(finals, key=lambda f: (-f[0], f[1], f[2]))[0][2] if finals else None
    worst = sorted(finals, key=lambda f: (f[0], f[1], f[2]))[0][2] if finals else None
    outcomes = {n.ending.outcome for n in scenario.nodes.values() if n.ending}
    truncated = any(go for k, go in can_go_on.items() if first_turn.get(k) == max_turns)
    return {
        "states": len(first_turn),
        "endings": {o: {"reachable": o in endings, "min_turns": endings.get(o)} for o in outcomes},
        "dead_ends": sorted(dead),
        "unreachable_nodes": sorted(set(scenario.nodes) - reached),
        "meter_ranges": ranges,
        "best_path": best,
        "worst_path": worst,
        "truncated": truncated,
        "truncated_by": "turns" if truncated else None,
    }


@settings(max_examples=40)
@given(scenarios(), st.integers(1, 4))
def test_explore_agrees_with_brute_force(scenario: Scenario, max_turns: int) -> None:
    mine = explore(scenario, max_turns=max_turns).to_json()
    theirs = brute_force(scenario, max_turns)
    assert mine == theirs
