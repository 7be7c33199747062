"""The loader: every rule of the format's section 1, and the diagnostics of section 3."""

from __future__ import annotations

import pytest

from game.scenario.loader import load_bytes, load_file
from tests.conftest import STARTER
from tests.helpers import BASE, load_text, scenario_of
from tests.scenario.broken_cases import CASES


@pytest.mark.parametrize(("name", "text", "where", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_reported_at_its_line_and_column(name: str, text: str, where: str, fragment: str) -> None:
    scenario, messages = load_text(text)
    assert scenario is None
    expected = [m for m in messages if m.startswith(f"t.yaml:{where}: error: ") and fragment in m]
    assert expected, f"{name}: wanted {where} '{fragment}', got {messages}"


def test_there_are_at_least_thirty_distinct_broken_files() -> None:
    assert len({text for _, text, _, _ in CASES}) >= 30


def test_all_errors_of_a_file_are_reported_at_once_sorted_by_line() -> None:
    text = (
        BASE.replace("title: Tiny", "titel: Tiny")
        .replace("skill: empathy", "skill: empaty")
        .replace("quality: poor", "quality: bad")
    )
    _, messages = load_text(text)
    errors = [m for m in messages if ": error: " in m]
    assert len(errors) == 3
    lines = [int(m.split(":")[1]) for m in errors]
    assert lines == sorted(lines) == [3, 13, 14]


def test_the_base_scenario_loads_with_defaults() -> None:
    scenario = scenario_of(BASE)
    trust = scenario.meter("trust")
    assert (trust.min, trust.max, trust.start) == (0, 100, 50)
    assert scenario.shuffle is False
    assert scenario.flags == ()
    first, second = scenario.nodes["a"].choices
    assert (first.id, second.id) == ("1", "2")
    assert first.once is False and first.when is None
    assert first.effects == (("trust", 10),)
    assert scenario.rules == () and scenario.checks == ()


def test_text_is_read_exactly_as_written() -> None:
    text = BASE.replace("say: Hello.", "say: No").replace('"One"', "12:30").replace('"Two"', "off")
    scenario = scenario_of(text.replace("title: Tiny", "title: yes"))
    assert scenario.title == "yes"
    assert scenario.nodes["a"].say == ("No",)
    assert [c.text for c in scenario.nodes["a"].choices] == ["12:30", "off"]


def test_plus_sign_deltas_and_rule_defaults() -> None:
    text = BASE.replace("effects: {trust: 10}", "effects: {trust: +10}").replace(
        "start: a", "rules:\n  - {id: r, when: trust < 5, goto: end}\nstart: a"
    )
    scenario = scenario_of(text)
    assert scenario.nodes["a"].choices[0].effects == (("trust", 10),)
    assert scenario.rules[0].once is True


def test_say_variants_and_node_options() -> None:
    text = BASE.replace(
        "    say: Hello.\n",
        "    say: [Hello., Hi there.]\n    mood: warm\n    phase: opening\n"
        "    thought: Maybe.\n    facilitator: Stop here.\n    on_enter: {hope: -5}\n",
    )
    node = scenario_of(text).nodes["a"]
    assert node.say == ("Hello.", "Hi there.")
    assert (node.mood, node.phase, node.thought, node.facilitator) == ("warm", "opening", "Maybe.", "Stop here.")
    assert node.on_enter == (("hope", -5),)


def test_choices_with_a_fallback_next_are_allowed() -> None:
    text = BASE.replace("    choices:\n", "    next: end\n    choices:\n")
    assert scenario_of(text).nodes["a"].next == "end"


def test_extra_skills_can_be_declared() -> None:
    text = BASE.replace("start: a", "skills: {pacing: Pacing}\nstart: a").replace("skill: empathy", "skill: pacing")
    scenario = scenario_of(text)
    assert scenario.skill_label("pacing") == "Pacing"
    assert scenario.skill_label("empathy") == "Empathy and understanding"


def test_warnings_unreachable_no_ending_and_unused_names() -> None:
    text = (
        BASE.replace("  hope: {start: 50}\n", "  hope: {start: 50}\n  energy: {start: 5}\n")
        .replace("start: a", "flags: [spare]\nstart: a")
        .replace(
            "  end:\n",
            "  lost:\n    next: lost2\n  lost2:\n    choices:\n"
            "      - {text: x, skill: hope, quality: good, next: lost}\n  end:\n",
        )
    )
    scenario, messages = load_text(text)
    assert scenario is not None
    warnings = [m for m in messages if ": warning: " in m]
    assert any("meter 'energy' is declared but never used" in m and m.startswith("t.yaml:8:3:") for m in warnings)
    assert any("flag 'spare' is declared but never used" in m for m in warnings)
    assert any("node 'lost' cannot be reached from 'a'" in m for m in warnings)
    assert any("node 'lost2' cannot be reached" in m for m in warnings)


def test_node_that_cannot_reach_an_ending_is_a_warning() -> None:
    text = BASE.replace('next: end}\n      - {text: "Two"', 'next: trap}\n      - {text: "Two"').replace(
        "  end:\n", "  trap:\n    choices:\n      - {text: x, skill: hope, quality: good, next: trap}\n  end:\n"
    )
    scenario, messages = load_text(text)
    assert scenario is not None
    assert any("no ending can be reached from node 'trap'" in m for m in messages)


def test_meter_used_only_by_a_check_is_used() -> None:
    text = BASE.replace("  hope: {start: 50}\n", "  hope: {start: 50}\n  energy: {start: 5}\n") + (
        "checks:\n  - {choices: [1], expect: energy == 5}\n"
    )
    _, messages = load_text(text)
    assert not any("energy" in m for m in messages)


def test_the_starter_scenario_loads_clean() -> None:
    scenario, diagnostics = load_bytes(STARTER.read_bytes(), str(STARTER))
    assert scenario is not None and diagnostics == []
    assert len(scenario.nodes) >= 12
    assert load_file(STARTER).sha256 == scenario.sha256


def test_every_choice_needs_its_required_keys() -> None:
    _, messages = load_text(BASE.replace(", quality: good", ""))
    assert any("choice 1 of node 'a' is missing 'quality'" in m for m in messages)
