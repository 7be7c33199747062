"""Section 2 of the format, rule by rule, by example."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.autoplay import play_numbers
from game.engine.session import (
    MODES,
    STATE_VERSION,
    ChoiceNotShown,
    Session,
    SessionOver,
    SessionState,
    StateVersionError,
    UndoNotAllowed,
)
from game.scenario.model import Scenario
from tests.helpers import play_actions, scenario_of
from tests.strategies import scenarios

CLAMP = """
format: 1
id: clamp
title: Clamp
client: {name: Ana}
meters:
  trust: {start: 95}
  hope: {start: 5, min: 0, max: 10}
flags: [asked]
start: a
nodes:
  a:
    on_enter: {hope: -3}
    choices:
      - {text: up, skill: empathy, quality: good, effects: {trust: 10, hope: 20, asked: true}, next: b}
      - {text: down, skill: empathy, quality: poor, effects: {trust: -200}, next: b}
  b:
    on_enter: {trust: 1}
    ending: {outcome: done}
"""


def test_start_applies_on_enter_and_clamps_every_application() -> None:
    session = Session(scenario_of(CLAMP))
    assert session.meters == {"trust": 95, "hope": 2}
    session.choose("1")
    turn = session.current()
    assert turn.ended and turn.outcome == "done"
    assert session.meters == {"trust": 100, "hope": 10}  # 105 -> 100, then +1 on entry -> clamped again
    assert session.flags == {"asked": True}
    low = Session(scenario_of(CLAMP))
    low.choose("2")
    assert low.meters["trust"] == 1  # clamped to 0, then on_enter +1


ONCE = """
format: 1
id: once
title: Once
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: hub
nodes:
  hub:
    choices:
      - {id: ask, text: ask, skill: empathy, quality: good, once: true, effects: {trust: 5}, next: hub}
      - {id: late, text: late, skill: empathy, quality: good, when: turn >= 2, next: out}
      - {id: stay, text: stay, skill: safety, quality: neutral, next: hub}
  out:
    ending: {outcome: out}
"""


def test_once_choices_hide_after_use_and_turn_conditions() -> None:
    session = Session(scenario_of(ONCE))
    assert [c.choice.id for c in session.current().choices] == ["ask", "stay"]
    session.choose("ask")
    assert [e["type"] for e in session.events] == ["enter", "choice", "enter"]  # a once choice still moves
    assert session.state.visits["hub"] == 2
    assert [c.choice.id for c in session.current().choices] == ["stay"]
    session.choose("stay")
    assert [c.number for c in session.current().choices] == [1, 2]
    assert [c.choice.id for c in session.current().choices] == ["late", "stay"]
    with pytest.raises(ChoiceNotShown):
        session.choose("ask")
    session.choose_number(1)
    assert session.current().outcome == "out"
    with pytest.raises(SessionOver):
        session.choose("stay")


RULES = """
format: 1
id: rules
title: Rules
client: {name: Ana}
meters:
  trust: {start: 30}
  hope: {start: 50}
start: hub
rules:
  - {id: rupture, when: trust < 20, goto: rupture}
  - {id: spiral, when: trust < 10, goto: spiral, once: false}
  - {id: shadowed, when: trust < 20, goto: spiral}
nodes:
  hub:
    choices:
      - {id: hurt, text: hurt, skill: safety, quality: poor, effects: {trust: -12}, next: hub}
      - {id: mend, text: mend, skill: feedback, quality: good, effects: {trust: 30}, next: hub}
      - {id: leave, text: leave, skill: safety, quality: neutral, next: out}
  rupture:
    next: hub
  spiral:
    next: hub
  out:
    ending: {outcome: out}
"""


def rule_events(session: Session) -> list[str]:
    return [e["rule"] for e in session.events if e["type"] == "rule"]


def test_rules_fire_in_file_order_once_and_repeating() -> None:
    session = Session(scenario_of(RULES))
    session.choose("hurt")  # 18: rupture (first that holds) fires, and only once
    assert session.current().node.id == "rupture"
    session.continue_()
    session.choose("mend")  # 48: nothing
    session.choose("hurt")  # 36
    session.choose("hurt")  # 24
    session.choose("hurt")  # 12: rupture is used up; 'shadowed' fires (spiral's condition fails)
    assert rule_events(session) == ["rupture", "shadowed"]
    session.continue_()
    session.choose("hurt")  # 0: spiral repeats
    session.continue_()
    session.choose("hurt")
    assert rule_events(session) == ["rupture", "shadowed", "spiral", "spiral"]


def test_rule_event_follows_the_choice_and_precedes_the_enter() -> None:
    session = Session(scenario_of(RULES))
    session.choose("hurt")
    assert [e["type"] for e in session.events] == ["enter", "choice", "rule", "enter"]
    assert session.events[2] == {"type": "rule", "rule": "rupture", "goto": "rupture"}


FALLBACK = """
format: 1
id: fallback
title: Fallback
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
flags: [asked]
start: a
nodes:
  a:
    say: First.
    next: b
  b:
    choices:
      - {text: gated, skill: empathy, quality: good, when: asked, next: end}
    next: c
  c:
    on_enter: {hope: 5}
    choices:
      - {text: ok, skill: empathy, quality: good, next: end}
  end:
    ending: {outcome: end}
"""


def test_continue_and_fallback_take_no_turn_and_fire_no_rule() -> None:
    session = Session(scenario_of(FALLBACK))
    turn = session.current()
    assert turn.can_continue and not turn.choices and turn.line == "First."
    session.continue_()
    turn = session.current()
    assert turn.node.id == "b" and turn.can_continue and not turn.choices  # nothing shown: fallback
    session.continue_()
    assert session.current().node.id == "c" and session.current().turn == 0
    assert session.meters["hope"] == 55


DEAD_END = """
format: 1
id: dead
title: Dead
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
nodes:
  a:
    choices:
      - {text: go, skill: empathy, quality: good, next: b}
  b:
    choices:
      - {text: never, skill: empathy, quality: good, when: trust > 90, next: end}
  end:
    ending: {outcome: end}
"""


def test_a_runtime_dead_end_is_a_recorded_error_not_a_crash() -> None:
    session = Session(scenario_of(DEAD_END))
    session.choose("1")
    turn = session.current()
    assert turn.error and "no choice is available at node 'b'" in turn.error
    assert not turn.ended and turn.finished and not turn.choices and not turn.can_continue
    assert session.events[-1]["type"] == "error" and session.events[-1]["node"] == "b"
    with pytest.raises(SessionOver):
        session.choose("1")


LOOP = """
format: 1
id: loop
title: Loop
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
flags: [ready]
start: a
nodes:
  a:
    choices:
      - {text: wait, skill: empathy, quality: good, when: ready, next: end}
    next: b
  b:
    next: a
  end:
    ending: {outcome: end}
"""


def test_a_fallback_loop_back_to_the_same_state_is_a_scenario_error() -> None:
    session = Session(scenario_of(LOOP))
    play_numbers(session, [])
    turn = session.current()
    assert turn.error and "loop" in turn.error and turn.node.id == "a"


def test_undo_returns_to_just_before_the_last_choice_in_practice_only() -> None:
    scenario = scenario_of(RULES)
    session = Session(scenario, mode="practice")
    session.choose("mend")
    before = session.state.to_dict()
    session.choose("hurt")
    session.undo()
    after = session.state.to_dict()
    assert {**after, "events": None} == {**before, "events": None}  # the events go on: the choice, the undo
    assert session.events[-1] == {"type": "undo", "node": "hub", "turn": 1}
    assessed = Session(scenario, mode="assessment")
    assessed.choose("mend")
    with pytest.raises(UndoNotAllowed):
        assessed.undo()


def test_session_state_round_trips_through_a_dict() -> None:
    session = Session(scenario_of(ONCE), seed=4)
    session.choose("ask")
    session.choose("stay")
    data = session.state.to_dict()
    assert SessionState.from_dict(data).to_dict() == data
    assert SessionState.from_dict(data) == session.state


@given(scenarios(), st.lists(st.integers(0, 5), max_size=12), st.integers(0, 2**31), st.sampled_from(MODES))
def test_a_restored_state_goes_on_exactly_as_the_session_it_was_saved_from(
    scenario: Scenario, actions: list[int], seed: int, mode: str
) -> None:
    """Save the whole state half-way (through JSON), restore it, and play on both: the same session."""
    original = Session(scenario, seed=seed, mode=mode)
    half = len(actions) // 2
    play_actions(original, original, actions[:half])
    saved = json.loads(json.dumps(original.state.to_dict()))
    assert saved["seed"] == seed and saved["mode"] == mode and saved["version"] == STATE_VERSION
    restored = Session.from_state(scenario, SessionState.from_dict(saved))
    assert restored.state == original.state
    for session in (original, restored):
        play_actions(session, session, actions[half:])
    assert restored.state.to_dict() == original.state.to_dict()
    assert restored.events == original.events


def test_a_state_from_another_version_is_refused() -> None:
    data = Session(scenario_of(ONCE)).state.to_dict()
    with pytest.raises(StateVersionError):
        SessionState.from_dict({**data, "version": STATE_VERSION + 1})


VARIANTS = """
format: 1
id: variants
title: Variants
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
shuffle: true
start: a
nodes:
  a:
    say: [one, two, three, four, five]
    choices:
      - {id: p, text: p, skill: empathy, quality: good, next: a}
      - {id: q, text: q, skill: empathy, quality: good, next: a}
      - {id: r, text: r, skill: empathy, quality: good, next: a}
      - {id: s, text: s, skill: empathy, quality: good, next: a}
"""


def test_say_variants_and_shuffle_follow_the_formula() -> None:
    import random

    scenario = scenario_of(VARIANTS)
    session = Session(scenario, seed=7)
    for k in range(1, 5):
        expected_variant = random.Random(f"7:a:{k}").randrange(5)
        assert session.current().variant == expected_variant
        order = ["p", "q", "r", "s"]
        random.Random(f"7:a:{k - 1}").shuffle(order)
        assert [c.choice.id for c in session.current().choices] == order
        session.choose("p")


def test_same_scenario_seed_and_choices_give_the_same_session() -> None:
    scenario = scenario_of(VARIANTS)
    runs = []
    for _ in range(2):
        session = Session(scenario, seed=99)
        play_numbers(session, [1, 2, 3, 4, 1])
        runs.append(session.events)
    assert runs[0] == runs[1]


def test_playtest_start_applies_on_enter_then_set_values() -> None:
    session = Session(scenario_of(FALLBACK), start_at="c", set_values={"hope": 20})
    assert session.current().node.id == "c"
    assert session.meters == {"trust": 50, "hope": 20}


def test_the_machine_uses_colon_triggers_that_cannot_clash() -> None:
    from game.engine.session import machine_for

    machine = machine_for(scenario_of(ONCE))
    assert set(machine.events) == {"choose:hub:ask", "choose:hub:late", "choose:hub:stay"}
    assert not machine.auto_transitions
