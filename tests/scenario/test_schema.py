"""The JSON Schema accepts every shipped scenario and rejects broken ones."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from game.paths import scenario_files, scenarios_dir
from game.scenario.schema import scenario_schema
from game.scenario.source import Mapping, Scalar, Sequence, read_tree
from tests.helpers import BASE

INTEGER_CHARS = set("+-0123456789")


def as_data(node: Any) -> Any:
    """Our position-keeping tree as the plain data an editor's YAML 1.2 plugin would see."""
    if isinstance(node, Mapping):
        return {k: as_data(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, Sequence):
        return [as_data(v) for v in node.items]
    assert isinstance(node, Scalar)
    if node.plain and node.value in ("true", "false"):
        return node.value == "true"
    if node.plain and node.value and set(node.value) <= INTEGER_CHARS and node.value.lstrip("+-").isdigit():
        return int(node.value)
    if node.is_null:
        return None
    return node.value


def data_of(text: str) -> Any:
    return as_data(read_tree(text.encode())[0])


VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


def test_the_schema_itself_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


@pytest.mark.parametrize("path", scenario_files(scenarios_dir()), ids=lambda p: p.name)
def test_every_shipped_scenario_is_accepted(path) -> None:  # type: ignore[no-untyped-def]
    errors = list(VALIDATOR.iter_errors(data_of(path.read_text("utf-8"))))
    assert errors == [], [e.message for e in errors]


def test_the_new_template_is_accepted() -> None:
    from game.commands.new import template

    assert list(VALIDATOR.iter_errors(data_of(template("x")))) == []


BROKEN = {
    "unknown top key": BASE.replace("title: Tiny", "titel: Tiny"),
    "missing nodes": BASE.split("nodes:")[0],
    "bad quality": BASE.replace("quality: poor", "quality: bad"),
    "meters without hope": BASE.replace("  hope: {start: 50}\n", ""),
    "format 2": BASE.replace("format: 1", "format: 2"),
    "ending with choices": BASE.replace(
        "    ending: {outcome: done, rating: good}", "    ending: {outcome: done}\n    next: a"
    ),
    "node with nothing": BASE.replace("  end:\n    ending: {outcome: done, rating: good}\n", "  end:\n    say: Bye.\n"),
    "choice without next": BASE.replace(", next: end}", "}", 1),
    "bad id": BASE.replace("id: tiny", "id: Tiny Thing"),
    "bad colour": BASE.replace("client: {name: Ana}", "client: {name: Ana, appearance: {skin: brown}}"),
    "unknown node key": BASE.replace("    say: Hello.", "    sya: Hello."),
    "meter name with a dash": BASE.replace("  hope: {start: 50}", "  hope: {start: 50}\n  self-worth: {start: 1}"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_are_rejected(name: str) -> None:
    assert list(VALIDATOR.iter_errors(data_of(BROKEN[name]))), name
