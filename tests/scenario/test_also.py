"""`also:`: other phrasings of a reply, which free text matches as that reply (format section 6)."""

from __future__ import annotations

import jsonschema

from game.scenario.limits import MAX_ALSO
from game.scenario.schema import scenario_schema
from tests.helpers import load_text, scenario_of
from tests.scenario.test_additions_0_2 import with_choice
from tests.scenario.test_schema import data_of

VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


def test_also_loads_as_a_tuple_of_texts_in_file_order_and_defaults_to_empty() -> None:
    choice = scenario_of(with_choice('also: ["Just one.", "Only the one."]')).nodes["a"].choices[0]
    assert choice.also == ("Just one.", "Only the one.")
    assert scenario_of(with_choice("feedback: Fine.")).nodes["a"].choices[0].also == ()


def test_also_entries_are_read_as_written() -> None:
    choice = scenario_of(with_choice("also: [No, 12:30, off]")).nodes["a"].choices[0]
    assert choice.also == ("No", "12:30", "off")


def test_also_must_be_a_list_of_text_within_its_limit() -> None:
    scenario, messages = load_text(with_choice('also: "Just one."'))
    assert scenario is None and any("'also' must be a list" in m for m in messages), messages
    scenario, messages = load_text(with_choice("also: [{a: b}]"))
    assert scenario is None and any("'also'" in m and "must be text" in m for m in messages), messages
    many = ", ".join(f'"Phrasing {n}."' for n in range(MAX_ALSO + 1))
    scenario, messages = load_text(with_choice(f"also: [{many}]"))
    assert scenario is None and any("'also'" in m and str(MAX_ALSO) in m for m in messages), messages


def test_the_schema_knows_also() -> None:
    assert list(VALIDATOR.iter_errors(data_of(with_choice('also: ["Just one."]')))) == []
    assert list(VALIDATOR.iter_errors(data_of(with_choice('also: "Just one."'))))
    assert list(VALIDATOR.iter_errors(data_of(with_choice("also: [{a: b}]"))))
    # a number is text as written, for the schema as for `validate` (issue 19: they agree)
    assert list(VALIDATOR.iter_errors(data_of(with_choice("also: [1]")))) == []
