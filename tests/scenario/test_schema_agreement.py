"""The editor's schema and `validate` agree (issue 19).

The schema accepts every file `validate` accepts, read as an editor's YAML 1.2 plugin reads it
(bare numbers, booleans and null typed), and rejects every file whose errors are all of a kind a
schema can state: an unknown key, a wrong type, a value not in a list, a pattern, a missing key.
Checked on the beginner corpus, the shipped scenarios, and at random on the `new` template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.commands.new import template
from game.paths import scenario_files, scenarios_dir
from game.scenario.loader import load_bytes
from game.scenario.schema import scenario_schema
from game.scenario.source import Mapping, Scalar, Sequence, SourceError, read_tree

VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())
CORPUS = sorted((Path(__file__).resolve().parents[1] / "beginner").glob("*.yaml"))
NULL = re.compile(r"~|null|Null|NULL|")
BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
# what validate says when the schema can say it too
SCHEMA_KINDS = (
    "unknown key",
    "must be a whole number",
    "must be one of",
    "must be true or false",
    "is missing",
    # "needs a value": text may be empty to an editor (`~` is text to Rapport, null to YAML 1.2)
    "must use only",
    "must be a list",
    "must be a mapping",
    "must be text",
    'must look like "#',
    "is not a MITI 4 code",
    "must declare",
    "is not supported",
)

# conditions are validate's alone; and '~' or 'null' is text to Rapport but null to an editor, which
# cannot tell it from an empty value (allowed for an optional key)
NOT_SCHEMA = ("'when'", "'expect'", "condition", "'~'", "'null'", "'Null'", "'NULL'")


def editor_view(node: Any) -> Any:
    """Our tree as the plain data an editor's YAML 1.2 (core schema) plugin sees."""
    if isinstance(node, Mapping):
        return {k: editor_view(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, Sequence):
        return [editor_view(v) for v in node.items]
    assert isinstance(node, Scalar)
    if not node.plain or node.tag is not None:
        return node.value
    if NULL.fullmatch(node.value):
        return None
    if BOOL.fullmatch(node.value):
        return node.value.lower() == "true"
    if INT.fullmatch(node.value):
        return (
            int(node.value, 0) if node.value.lstrip("+-").startswith("0") and len(node.value) > 1 else int(node.value)
        )
    if FLOAT.fullmatch(node.value):
        return float(node.value.replace("inf", "Infinity").replace("Inf", "Infinity").replace("INF", "Infinity"))
    return node.value


def verdicts(data: bytes) -> tuple[list[str], list[str]]:
    """validate's error messages (with syntax errors marked) and the schema's complaints."""
    _, diagnostics = load_bytes(data, "x.yaml")
    errors = [d.message for d in diagnostics if d.severity == "error"]
    try:
        tree, problems = read_tree(data)
    except SourceError:
        return [*errors, "(syntax)"], []
    if problems and any(p.severity == "error" and "duplicate key" not in p.message for p in problems):
        errors.append("(syntax)")
    return errors, [e.message for e in VALIDATOR.iter_errors(editor_view(tree))]


def assert_agree(data: bytes) -> None:
    errors, complaints = verdicts(data)
    if not errors:
        assert complaints == [], complaints
    elif all(any(kind in e for kind in SCHEMA_KINDS) and not any(n in e for n in NOT_SCHEMA) for e in errors):
        assert complaints, errors


@pytest.mark.parametrize("path", [*scenario_files(scenarios_dir()), *CORPUS], ids=lambda p: p.stem)
def test_schema_and_validate_agree_on_the_corpus_and_the_library(path: Path) -> None:
    assert_agree(path.read_bytes())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    narration: Sam sits on the edge of the chair, jacket zipped.", "    narration:"),
        ('    say: "Could I come back next week?"', "    say: 42"),
        ('    say: "Could I come back next week?"', "    say: ~"),
        ('title: "A first conversation"', "title: 1984"),
        ('title: "A first conversation"', "title: yes"),
        ("      summary: Sam might come back, but nothing is settled.", "      summary: 12:30"),
    ],
)
def test_text_written_bare_is_text_to_both(old: str, new: str) -> None:
    text = template("x")
    assert old in text
    edited = text.replace(old, new, 1).encode()
    errors, complaints = verdicts(edited)
    assert errors == [] and complaints == []


def test_the_issue_examples_that_both_must_reject() -> None:
    text = template("x")
    for old, new in [
        ("quality: good", "quality: great"),
        ("difficulty: intro", "difficulty: easy"),
        ("  trust: {start: 30, label: Trust}", '  trust: {start: "30", label: Trust}'),
        ("        once: true", "        once: yes") if "        once: true" in text else ("shuffle", "shuffle"),
        ("id: x", "id: My Client"),
        ("    when: trust < 15\n", ""),
    ]:
        errors, complaints = verdicts(text.replace(old, new, 1).encode())
        if old != new:
            assert errors and complaints, (old, new, errors)


def test_every_key_has_a_description_and_an_example() -> None:
    def walk(schema: Any) -> None:
        if isinstance(schema, dict):
            keys = schema.get("properties", {}) if schema.get("additionalProperties") is False else {}
            for name, prop in keys.items():
                assert prop.get("description") and prop.get("examples"), name
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    walk(scenario_schema())


SCALARS = st.sampled_from(["42", "~", "", "yes", "no", "true", "1.5", '"x"', "'y'", "[]", "{}", "-3", "12:30", "ok"])


@given(data=st.data())
def test_a_scalar_changed_at_random_never_makes_them_disagree(data: st.DataObject) -> None:
    lines = template("x").split("\n")
    candidates = [i for i, line in enumerate(lines) if re.match(r"^ *(- )?[a-z_]+: \S", line) and "{" not in line]
    index = data.draw(st.sampled_from(candidates), label="line")
    value = data.draw(SCALARS, label="value")
    key = re.match(r"^( *(?:- )?[a-z_]+:)", lines[index])
    assert key is not None
    lines[index] = f"{key.group(1)} {value}".rstrip()
    assert_agree("\n".join(lines).encode())
