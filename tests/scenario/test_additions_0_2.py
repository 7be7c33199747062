"""Rapport 0.2's additions to the format: react, choice thought, conditional lines, MITI codes, flag labels."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from game.scenario.loader import load_file
from game.scenario.schema import scenario_schema
from tests.helpers import BASE, load_text, scenario_of
from tests.scenario.test_schema import data_of

EVERY = Path(__file__).resolve().parent.parent / "fixtures" / "every-addition.yaml"
VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())

CHOICE = '{text: "One", skill: empathy, quality: good, effects: {trust: 10}, next: end}'


def with_choice(extra: str) -> str:
    return BASE.replace(CHOICE, '{text: "One", skill: empathy, quality: good, ' + extra + ", next: end}")


def test_the_scenario_with_every_addition_loads_without_warnings() -> None:
    scenario = load_file(EVERY)
    choice = scenario.nodes["opening"].choice("reflect")
    assert choice is not None
    assert choice.react == "Pretty much, yeah."
    assert choice.thought is not None and choice.thought.startswith("She didn't take his side")
    assert choice.code == ("complex_reflection",)
    lecture = scenario.nodes["opening"].choice("lecture")
    assert lecture is not None and lecture.code == ("giving_information", "persuade")
    middle = scenario.nodes["middle"]
    assert len(middle.say) == 3 and middle.say_condition(0) is None
    when = middle.say_condition(1)
    assert when is not None and when.source == "felt_judged"
    assert scenario.flag_title("named_reason") == "Named her own reason"
    assert scenario.flag_title("felt_judged") == "felt judged"
    assert scenario.flag_info["named_reason"].description == "Lena has said why she might change."
    assert list(VALIDATOR.iter_errors(data_of(EVERY.read_text("utf-8")))) == []


def test_react_thought_and_code_are_optional_and_plain_files_are_unchanged() -> None:
    scenario = scenario_of(BASE)
    choice = scenario.nodes["a"].choices[0]
    assert (choice.react, choice.thought, choice.code) == (None, None, ())
    assert scenario.nodes["a"].say_when == ()
    assert scenario.flag_info == {}


def test_an_unknown_code_is_an_error_with_a_did_you_mean() -> None:
    scenario, messages = load_text(with_choice("code: open_question"))
    assert scenario is None
    assert any("'open_question' is not a MITI 4 code" in m and "(did you mean 'question'?)" in m for m in messages)
    scenario, messages = load_text(with_choice("code: [affirm, simple_reflecton]"))
    assert scenario is None
    assert any("did you mean 'simple_reflection'?" in m for m in messages), messages


def test_a_code_listed_twice_or_not_text_is_an_error() -> None:
    assert load_text(with_choice("code: [affirm, affirm]"))[0] is None
    scenario, messages = load_text(with_choice("code: {a: 1}"))
    assert scenario is None and any("'code'" in m for m in messages)


def test_react_and_thought_must_be_text() -> None:
    scenario, messages = load_text(with_choice("react: [a, b]"))
    assert scenario is None and any("'react' must be text" in m for m in messages)
    assert load_text(with_choice("thought: {a: b}"))[0] is None


def test_conditional_lines_load_with_their_conditions_and_compile_strictly() -> None:
    text = BASE.replace("    say: Hello.", '    say: ["Hello.", {when: trust > 60, text: "Good to see you."}]')
    node = scenario_of(text).nodes["a"]
    assert node.say == ("Hello.", "Good to see you.")
    assert node.say_condition(0) is None
    condition = node.say_condition(1)
    assert condition is not None and condition.source == "trust > 60"
    scenario, messages = load_text(BASE.replace("    say: Hello.", '    say: ["Hi", {when: trsut > 1, text: "x"}]'))
    assert scenario is None and any("did you mean 'trust'" in m for m in messages), messages
    assert load_text(BASE.replace("    say: Hello.", '    say: ["Hi", {when: trust > 1}]'))[0] is None
    assert (
        load_text(BASE.replace("    say: Hello.", '    say: ["Hi", {when: trust > 1, text: x, mood: sad}]'))[0] is None
    )


def test_a_list_of_only_conditional_lines_is_a_warning() -> None:
    text = BASE.replace("    say: Hello.", '    say: [{when: trust > 60, text: "Hi."}, {when: hope < 5, text: "Hm."}]')
    scenario, messages = load_text(text)
    assert scenario is not None
    assert any("warning" in m and "every line has a 'when'" in m for m in messages), messages


def test_a_conditional_line_outside_a_list_is_an_error() -> None:
    scenario, messages = load_text(BASE.replace("    say: Hello.", '    say: {when: trust > 1, text: "Hi."}'))
    assert scenario is None and any("goes inside a 'say' list" in m for m in messages), messages


def test_flags_as_a_mapping_with_labels() -> None:
    text = BASE.replace("start: a\n", "flags:\n  met_before: {label: Met before}\n  asked:\nstart: a\n").replace(
        "effects: {trust: 10}", "effects: {trust: 10, met_before: true, asked: true}"
    )
    scenario = scenario_of(text)
    assert scenario.flags == ("met_before", "asked")
    assert scenario.flag_title("met_before") == "Met before"
    assert scenario.flag_title("asked") == "asked"
    bad = text.replace("{label: Met before}", "{lable: Met before}")
    scenario, messages = load_text(bad)
    assert scenario is None and any("did you mean 'label'" in m for m in messages), messages
    assert load_text(text.replace("met_before: {label", "met-before: {label"))[0] is None


def test_the_schema_knows_codes_conditional_lines_and_flag_labels() -> None:
    assert list(VALIDATOR.iter_errors(data_of(with_choice("code: [affirm, question]")))) == []
    assert list(VALIDATOR.iter_errors(data_of(with_choice("code: open_question"))))
    assert list(VALIDATOR.iter_errors(data_of(with_choice('react: "Oh.", thought: "Hm."')))) == []
    conditional = BASE.replace("    say: Hello.", '    say: ["Hello.", {when: trust > 60, text: "Hi."}]')
    assert list(VALIDATOR.iter_errors(data_of(conditional))) == []
    assert list(VALIDATOR.iter_errors(data_of(conditional.replace("text: ", "txt: "))))
    labelled = BASE.replace("start: a\n", "flags:\n  met: {label: Met}\n  asked:\nstart: a\n")
    assert list(VALIDATOR.iter_errors(data_of(labelled))) == []
