"""`client.appearance` (issue 15): optional keys, checked at their line and column, defaults from age and pronouns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.scenario.appearance import (
    BUILDS,
    CLOTHING,
    FACIAL_HAIR,
    HEAD_COVERINGS,
    PROPS,
    Appearance,
    narrated_hints,
    resolve,
    unshowable,
)
from game.scenario.loader import load_file
from game.scenario.model import Client
from game.scenario.schema import scenario_schema
from tests.helpers import BASE, load_text, scenario_of

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))

DRESSED = BASE.replace(
    "client: {name: Ana}",
    """client:
  name: Ana
  age: 62
  pronouns: she/her
  appearance:
    skin: "#8d5524"
    hair_style: bob
    glasses: round
    coat: "#333333"
    build: heavy
    facial_hair: none
    clothing: cardigan
    head_covering: headscarf
    prop: tissues
    greying: 80
    age: 64""",
)


def test_every_key_is_read() -> None:
    look = scenario_of(DRESSED).client.appearance
    assert look == Appearance(
        skin="#8d5524",
        hair_style="bob",
        glasses="round",
        coat="#333333",
        build="heavy",
        facial_hair="none",
        clothing="cardigan",
        head_covering="headscarf",
        prop="tissues",
        greying=80,
        age=64,
    )


def test_old_files_stay_valid_and_glasses_true_is_a_style() -> None:
    text = BASE.replace("client: {name: Ana}", "client: {name: Ana, appearance: {glasses: true, hair_style: bun}}")
    assert scenario_of(text).client.appearance.glasses == "square"
    text = BASE.replace("client: {name: Ana}", "client: {name: Ana, appearance: {glasses: false}}")
    assert scenario_of(text).client.appearance.glasses == "none"


@pytest.mark.parametrize(
    ("line", "where", "fragment"),
    [
        ("    build: huge", "14:12", "'build' must be one of slight, medium, broad, heavy"),
        ("    prop: umbrela", "14:11", "'prop' must be one of"),
        ("    glasses: monocle", "14:14", "'glasses' must be one of"),
        ("    greying: 120", "14:14", "'greying' must be a percentage from 0 to 100"),
        ("    coat: grey", "14:11", "colour 'coat'"),
        ("    hat: cap", "14:5", "unknown key 'hat'"),
    ],
)
def test_a_bad_value_is_reported_at_its_line_and_column(line: str, where: str, fragment: str) -> None:
    text = BASE.replace("client: {name: Ana}", "client:\n  name: Ana\n  appearance:\n" + line)
    text = text.replace("format: 1\n", "format: 1\n\n\n\n\n\n\n\n", 1)
    scenario, messages = load_text(text)
    assert scenario is None
    assert any(m.startswith(f"t.yaml:{where}: error: ") and fragment in m for m in messages), messages


def test_a_bad_expression_hint_is_an_error_with_a_suggestion() -> None:
    text = BASE.replace("    say: Hello.", "    say: Hello.\n    expression: tearfull")
    scenario, messages = load_text(text)
    assert scenario is None
    assert any("t.yaml:12:17: error:" in m and "did you mean 'tearful'" in m for m in messages), messages
    good = BASE.replace("    say: Hello.", "    say: Hello.\n    expression: looks at the door")
    assert scenario_of(good).nodes["a"].expression == "looks at the door"


def test_narration_naming_a_gesture_the_picture_cannot_show_is_a_warning() -> None:
    text = BASE.replace("    say: Hello.", "    say: Hello.\n    narration: She shrugs and stands up.")
    scenario, messages = load_text(text)
    assert scenario is not None
    warnings = [m for m in messages if m.startswith("t.yaml:12:16: warning:")]
    assert len(warnings) == 2 and "'shrugs'" in warnings[0] and "'stands up'" in warnings[1]
    assert unshowable("He smiles at his hands, coat still on.") == []
    assert narrated_hints("He smiles at his hands and glances at the door.") == ("smiles", "looks at the door")


def test_defaults_come_from_age_and_pronouns() -> None:
    young, old = resolve(Appearance(), 19, "he/him"), resolve(Appearance(), 71, "she/her")
    assert young.greying == 0 and old.greying == 1
    assert young.hair_style == "short" and old.hair_style == "long"
    assert young.clothing == "hoodie" and old.clothing == "blouse"
    assert resolve(Appearance(head_covering="hijab")).hair_style == "covered"


def test_the_schema_knows_every_key() -> None:
    def given(prop: dict[str, Any]) -> dict[str, Any]:  # an optional key: its value, or empty
        fragment: dict[str, Any] = prop["anyOf"][0]
        return fragment

    schema = scenario_schema()
    appearance = given(schema["$defs"]["client"]["properties"]["appearance"])["properties"]
    assert given(appearance["build"])["enum"] == list(BUILDS)
    assert given(appearance["clothing"])["enum"] == list(CLOTHING)
    assert given(appearance["facial_hair"])["enum"] == list(FACIAL_HAIR)
    assert given(appearance["head_covering"])["enum"] == list(HEAD_COVERINGS)
    assert given(appearance["prop"])["enum"] == list(PROPS)
    assert "looks at the door" in given(schema["$defs"]["node"]["properties"]["expression"])["enum"]


def test_a_returning_client_is_the_same_person_and_no_two_clients_are_dressed_alike() -> None:
    first: dict[str, tuple[Client, Path]] = {}
    for path in SCENARIOS:
        client = load_file(path).client
        if client.name in first:  # a later session with a client the trainee knows (issue 17)
            assert client == first[client.name][0], (path.name, first[client.name][1].name)
        else:
            first[client.name] = (client, path)
    assert len(first) >= 9
    looks = {name: resolve(c.appearance, c.age, c.pronouns) for name, (c, _) in first.items()}
    names = list(looks)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            x, y = looks[a], looks[b]
            differences = sum(
                getattr(x, f) != getattr(y, f)
                for f in ("hair_style", "build", "clothing", "prop", "facial_hair", "glasses", "head_covering")
            )
            assert differences >= 3, (a, b)


def test_shipped_narration_names_only_what_the_picture_shows() -> None:
    for path in SCENARIOS:
        scenario = load_file(path)
        for node in scenario.nodes.values():
            assert unshowable(node.narration) == [], (path.name, node.id, node.narration)
