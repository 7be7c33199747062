"""Section 6 in the engine: conditional say lines picked by the formula, codes on the choice event."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.engine.rules import Position, say_variant
from game.engine.session import Session
from game.record.log import read_log
from game.record.replay import replay
from game.scenario.conditions import Names, compile_condition
from game.scenario.loader import load_file
from game.scenario.model import Node, Scenario
from tests.strategies import TEXT, conditions, scenarios

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = Names.of(["trust", "hope"], ["met", "asked"])


def formula(node: Node, seed: int, k: int, meters: tuple[int, ...], flags: tuple[bool, ...], turn: int) -> int | None:
    """Section 6 written out again, independently of the engine."""
    eligible = [
        i
        for i in range(len(node.say))
        if node.say_when == () or node.say_when[i] is None or node.say_when[i](meters, flags, turn)
    ]
    if not eligible:
        return None
    return eligible[random.Random(f"{seed}:{node.id}:{k}").randrange(len(eligible))]


@st.composite
def variant_nodes(draw: st.DrawFn) -> Node:
    texts = draw(st.lists(TEXT, min_size=1, max_size=8))
    whens = tuple(
        draw(st.none() | conditions(["trust", "hope"], ["met", "asked"]).map(lambda s: compile_condition(s, NAMES)))
        for _ in texts
    )
    return Node(draw(st.sampled_from(["a", "node-1", "x_y"])), say=tuple(texts), say_when=whens, next="a")


@given(
    variant_nodes(),
    st.integers(-(10**9), 10**9),
    st.integers(1, 50),
    st.tuples(st.integers(-20, 120), st.integers(-20, 120)),
    st.tuples(st.booleans(), st.booleans()),
    st.integers(0, 10),
)
def test_the_picked_line_satisfies_its_condition_and_is_the_formulas_pick(
    node: Node, seed: int, k: int, meters: tuple[int, int], flags: tuple[bool, bool], turn: int
) -> None:
    position = Position(node.id, meters, flags, turn=turn)
    picked = say_variant(node, seed, k, position)
    assert picked == formula(node, seed, k, meters, flags, turn)
    if picked is None:
        assert all(when is not None and not when(meters, flags, turn) for when in node.say_when)
    else:
        when = node.say_condition(picked)
        assert when is None or when(meters, flags, turn)


def test_plain_lists_pick_exactly_as_in_0_1() -> None:
    node = Node("a", say=("one", "two", "three"), next="a")
    for k in range(1, 20):
        assert say_variant(node, 5, k, Position("a", (0,), ())) == random.Random(f"5:a:{k}").randrange(3)


@given(scenarios(), st.integers(0, 1000), st.lists(st.integers(1, 3), max_size=12))
def test_every_entered_line_in_a_session_holds_and_follows_the_formula(
    scenario: Scenario, seed: int, numbers: list[int]
) -> None:
    session = Session(scenario, seed=seed)
    for number in numbers:
        turn = session.current()
        if turn.finished:
            break
        if turn.choices:
            session.choose_number(1 + (number - 1) % len(turn.choices))
        elif turn.can_continue:
            session.continue_()
    entries: dict[str, int] = {}
    turns = 0
    for event in session.events:
        if event["type"] == "choice":
            turns = event["turn"]
            assert event["code"] == list(scenario.nodes[event["node"]].choice(event["choice"]).code)  # type: ignore[union-attr]
        if event["type"] != "enter":
            continue
        node = scenario.nodes[event["node"]]
        entries[node.id] = entries.get(node.id, 0) + 1
        meters = tuple(event["meters"][m] for m in scenario.meter_names)
        flags = tuple(event["flags"][f] for f in scenario.flags)
        assert event["variant"] == (
            None if not node.say else formula(node, seed, entries[node.id], meters, flags, turns)
        )
        if event["variant"] is not None:
            when = node.say_condition(event["variant"])
            assert when is None or when(meters, flags, turns)


def test_the_choice_event_logs_code_as_a_list() -> None:
    session = Session(load_file(FIXTURES / "every-addition.yaml"))
    session.choose("lecture")
    choice = next(e for e in session.events if e["type"] == "choice")
    assert choice["code"] == ["giving_information", "persuade"]
    session.choose("permission")
    second = [e for e in session.events if e["type"] == "choice"][1]
    assert second["code"] == ["seeking_collaboration", "persuade_with_permission"]


def test_a_line_whose_condition_fails_is_never_said_and_none_eligible_is_no_line() -> None:
    scenario = load_file(FIXTURES / "every-addition.yaml")
    for seed in range(40):
        session = Session(scenario, seed=seed)
        assert session.current().variant == 0  # trust 40: only the plain line is eligible
        session.choose("lecture")  # felt_judged: the second line becomes eligible
        assert session.current().variant in (0, 1)


def test_logs_written_by_0_1_still_replay_identically() -> None:
    scenario = load_file(FIXTURES / "v0_1-starter-first-meeting.yaml")
    for name in ("v0_1.jsonl", "v0_1-undo.jsonl"):
        log = read_log(FIXTURES / name)
        assert not any("code" in e for e in log.events)  # really written before 0.2
        _, divergence = replay(scenario, log)
        assert divergence is None, divergence
