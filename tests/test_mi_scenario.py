"""The motivational-interviewing scenario practises what MI's own coding counts (issue 16, item 5).

On the best path that `explore` finds (the ending with the most trust and hope, as the contract defines it),
the trainee's replies reach MITI 4's "good" reference levels (R:Q at least 2, %CR at least 50 %) counted
with the debrief's own MITI figures; simple and complex reflections are offered side by side on at least
three of its screens; and the client answers with change talk or sustain talk according to what the trainee
did. The scenario's `engagement` meter is its declared measure of change talk ("voicing his own reasons and
ideas for change rather than going along or pushing back"), so a reply's effect on it is what the client's
talk does in answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from game.analysis.explore import explore
from game.analysis.presentation import MitiView, debrief_view
from game.engine.session import Session
from game.paths import scenarios_dir
from game.scenario.loader import load_file
from game.scenario.model import Choice, Scenario

MI_FILE = "motivation-ambivalence.yaml"
REFLECTIONS = {"simple_reflection", "complex_reflection"}
RIGHTING_REFLEX = {"persuade", "confront"}  # MITI 4's MI-non-adherent codes
SIDE_BY_SIDE_SCREENS = 3


@dataclass(frozen=True)
class Step:
    node: str
    shown: tuple[Choice, ...]
    chosen: Choice


@dataclass(frozen=True)
class BestPath:
    steps: tuple[Step, ...]
    outcome: str | None
    rating: str | None
    miti: MitiView


def engagement(choice: Choice) -> int:
    return sum(int(value) for name, value in choice.effects if name == "engagement" and not isinstance(value, bool))


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_file(scenarios_dir() / MI_FILE)


@pytest.fixture(scope="module")
def best(scenario: Scenario) -> BestPath:
    """Explore's best path, played in the engine: the screens it passes and the debrief's MITI figures."""
    found = explore(scenario)
    assert not found.truncated and found.best_path is not None
    session = Session(scenario)
    steps = []
    for number in found.best_path:
        turn = session.current()
        shown = session.shown()
        steps.append(Step(turn.node.id, shown, shown[number - 1]))
        session.choose_number(number)
        while session.current().can_continue:
            session.continue_()
    ending = session.current().ending
    miti = debrief_view(scenario, session.events).miti
    assert miti is not None
    return BestPath(tuple(steps), session.current().outcome, ending.rating if ending else None, miti)


def test_the_best_path_is_a_good_ending(best: BestPath) -> None:
    assert best.rating == "good", best.outcome
    assert all(step.chosen.quality == "good" for step in best.steps), [s.chosen.id for s in best.steps]


def test_the_best_path_reaches_mitis_good_reference_levels(best: BestPath) -> None:
    miti = best.miti
    assert miti.questions > 0 and miti.reflections > 0
    assert float(miti.r_to_q) >= 2.0, (miti.reflections, miti.questions)  # R:Q, two decimals
    assert int(miti.percent_complex.rstrip("%")) >= 50, (miti.complex, miti.reflections)  # %CR, whole percent


def test_simple_and_complex_reflections_are_offered_side_by_side(best: BestPath) -> None:
    both = [
        step.node
        for step in best.steps
        if any("simple_reflection" in c.code for c in step.shown)
        and any("complex_reflection" in c.code for c in step.shown)
    ]
    assert len(both) >= SIDE_BY_SIDE_SCREENS, both


def test_a_push_draws_sustain_talk_and_a_reflection_does_not(scenario: Scenario) -> None:
    """Every persuading or confronting reply is answered (a react) with less change talk; on every screen
    that offers both, each reflection draws more change talk than each push, in words of its own."""
    pushes = [(n.id, c) for n in scenario.nodes.values() for c in n.choices if RIGHTING_REFLEX & set(c.code)]
    assert len(pushes) >= 10
    for node_id, push in pushes:
        assert push.react and engagement(push) < 0, (node_id, push.id)
    contrasted = 0
    for node in scenario.nodes.values():
        reflections = [c for c in node.choices if REFLECTIONS & set(c.code) and not RIGHTING_REFLEX & set(c.code)]
        pushing = [c for c in node.choices if RIGHTING_REFLEX & set(c.code)]
        for reflection in reflections:
            for push in pushing:
                contrasted += 1
                assert reflection.react and reflection.react != push.react, (node.id, reflection.id)
                assert engagement(reflection) > engagement(push), (node.id, reflection.id, push.id)
    assert contrasted >= 20


def test_on_the_best_path_the_client_answers_every_reply_with_change_talk_or_more_trust(best: BestPath) -> None:
    """The skilled replies are answered in words (a react) and never cost change talk."""
    for step in best.steps:
        assert step.chosen.react, (step.node, step.chosen.id)
        assert engagement(step.chosen) >= 0, (step.node, step.chosen.id)
    assert sum(engagement(step.chosen) for step in best.steps) >= 50
