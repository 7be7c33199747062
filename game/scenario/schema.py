"""The scenario format as JSON Schema (2020-12), for editors' YAML plugins.

Generated from the loader's own key tables (`keys`): the same keys, the same required ones,
and each key's description and example for an editor's hover. It states what a schema can
(keys, types, patterns, enumerations, required keys) and agrees with `validate`: it accepts
every file `validate` accepts, so text fields take what YAML 1.2 types as a number, a boolean or
null (Rapport reads text as written), and an optional key may be left empty. Cross-references,
conditions and YAML syntax stay `validate`'s alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.scenario.appearance import BUILDS, CLOTHING, EXPRESSIONS, FACIAL_HAIR, GLASSES, HEAD_COVERINGS, PROPS
from game.scenario.keys import (
    APPEARANCE_KEYS,
    CHECK_KEYS,
    CHOICE_KEYS,
    CLIENT_KEYS,
    ENDING_KEYS,
    FLAG_KEYS,
    METER_KEYS,
    NODE_KEYS,
    RULE_KEYS,
    SAY_ITEM_KEYS,
    TOP_KEYS,
    Key,
)
from game.scenario.limits import (
    MAX_ALSO,
    MAX_CHECK_CHOICES,
    MAX_CHECKS,
    MAX_CHOICES,
    MAX_CONDITION_LENGTH,
    MAX_FLAGS,
    MAX_INTEGER,
    MAX_LIST_ITEMS,
    MAX_METERS,
    MAX_NAME,
    MAX_NODES,
    MAX_RULES,
    MAX_SAY_VARIANTS,
    MAX_SKILLS,
    MAX_TEXT,
)
from game.scenario.model import (
    DIFFICULTIES,
    HAIR_STYLES,
    MITI_CODES,
    MOODS,
    QUALITIES,
    RATINGS,
    SKILL_CATALOGUE,
)

NAME = "^[A-Za-z_][A-Za-z0-9_]*$"
ID = "^[A-Za-z0-9_][A-Za-z0-9_-]*$"
SLUG = "^[a-z0-9-]+$"
SCALAR = ["number", "boolean", "null"]  # what an editor's YAML 1.2 reader may make of text written bare
TEXT: dict[str, Any] = {"anyOf": [{"type": "string", "minLength": 1, "maxLength": MAX_TEXT}, {"type": SCALAR}]}
TEXTS = {"type": "array", "items": TEXT, "maxItems": MAX_LIST_ITEMS}
WHOLE = {"type": "integer", "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER}
CONDITION: dict[str, Any] = {
    "anyOf": [{"type": "string", "minLength": 1, "maxLength": MAX_CONDITION_LENGTH}, {"type": SCALAR}],
    "description": "a condition, e.g. trust >= 40 and not named_loss",
}


def _named(pattern: str) -> dict[str, Any]:
    """A name or id: text of this pattern, or a bare value an editor reads as a number or boolean."""
    whole = {"type": "integer", "minimum": 0} if pattern != NAME else {"not": {}}
    return {
        "anyOf": [
            {"type": "string", "pattern": pattern, "maxLength": MAX_NAME},
            whole,
            {"type": "boolean"} if pattern != SLUG else {"not": {}},
        ]
    }


def _choice_of(options: Iterable[str]) -> dict[str, Any]:
    return {"enum": list(options)}


def _object(table: dict[str, Key], fragments: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A mapping of the keys of `table`, each with its fragment, description and example."""
    assert set(fragments) == set(table), set(fragments) ^ set(table)
    properties: dict[str, Any] = {}
    for name, key in table.items():
        fragment = dict(fragments[name])
        if not key.required:  # an optional key left empty is as if it were not there
            fragment = {"anyOf": [fragment, {"type": "null"}]}
        properties[name] = {**fragment, "description": key.description, "examples": [key.example]}
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [name for name, key in table.items() if key.required]
    if required:
        out["required"] = required
    out.update(extra)
    return out


def scenario_schema() -> dict[str, Any]:
    colour = {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
    effects = {
        "type": "object",
        "description": "meter: whole-number change, or flag: true/false",
        "propertyNames": {"pattern": NAME, "maxLength": MAX_NAME},
        "additionalProperties": {"type": ["integer", "boolean"], "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER},
    }
    choice = _object(
        CHOICE_KEYS,
        {
            "id": _named(ID),
            "text": TEXT,
            "skill": {**_named(ID), "examples": list(SKILL_CATALOGUE)},
            "quality": _choice_of(QUALITIES),
            "effects": {"$ref": "#/$defs/effects"},
            "when": {"$ref": "#/$defs/condition"},
            "once": {"type": "boolean"},
            "feedback": TEXT,
            "react": TEXT,
            "thought": TEXT,
            "code": {
                "anyOf": [
                    _choice_of(MITI_CODES),
                    {"type": "array", "items": _choice_of(MITI_CODES), "uniqueItems": True},
                ],
            },
            "also": {
                "type": "array",
                "items": TEXT,
                "maxItems": MAX_ALSO,
                "description": "other ways of saying this reply: free text that matches one of them is taken as it",
            },
            "next": _named(ID),
        },
    )
    ending = _object(
        ENDING_KEYS, {"outcome": _named(ID), "title": TEXT, "summary": TEXT, "rating": _choice_of(RATINGS)}
    )
    say_item = _object(SAY_ITEM_KEYS, {"when": {"$ref": "#/$defs/condition"}, "text": TEXT})
    node = _object(
        NODE_KEYS,
        {
            "say": {
                "anyOf": [
                    TEXT,
                    {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_SAY_VARIANTS,
                        "items": {"anyOf": [TEXT, say_item]},
                    },
                ]
            },
            "narration": TEXT,
            "thought": TEXT,
            "facilitator": TEXT,
            "mood": _choice_of(MOODS),
            "expression": _choice_of(EXPRESSIONS),
            "phase": TEXT,
            "on_enter": {"$ref": "#/$defs/effects"},
            "choices": {"type": "array", "minItems": 1, "maxItems": MAX_CHOICES, "items": {"$ref": "#/$defs/choice"}},
            "next": _named(ID),
            "ending": {"$ref": "#/$defs/ending"},
        },
        minProperties=1,
        anyOf=[
            {"required": ["choices"], "properties": {"choices": {"type": "array"}}},
            {"required": ["next"], "properties": {"next": {"not": {"type": "null"}}}},
            {"required": ["ending"], "properties": {"ending": {"type": "object"}}},
        ],
        allOf=[
            {"not": {"required": ["ending", "choices"]}},
            {"not": {"required": ["ending", "next"]}},
        ],
    )
    meter = _object(METER_KEYS, {"start": WHOLE, "min": WHOLE, "max": WHOLE, "label": TEXT, "description": TEXT})
    rule = _object(
        RULE_KEYS,
        {
            "id": _named(ID),
            "when": {"$ref": "#/$defs/condition"},
            "goto": _named(ID),
            "once": {"type": "boolean"},
            "note": TEXT,
        },
    )
    check = _object(
        CHECK_KEYS,
        {
            "name": TEXT,
            "choices": {
                "type": "array",
                "maxItems": MAX_CHECK_CHOICES,
                "items": {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
            },
            "seed": WHOLE,
            "outcome": TEXT,
            "at": _named(ID),
            "expect": {"$ref": "#/$defs/condition"},
        },
    )
    appearance = _object(
        APPEARANCE_KEYS,
        {
            "skin": colour,
            "hair": colour,
            "shirt": colour,
            "coat": colour,
            "hair_style": _choice_of(HAIR_STYLES),
            "glasses": {"anyOf": [{"type": "boolean"}, _choice_of(GLASSES)]},
            "age": {"type": "integer", "minimum": 12, "maximum": 100},
            "greying": {"type": "integer", "minimum": 0, "maximum": 100},
            "build": _choice_of(BUILDS),
            "facial_hair": _choice_of(FACIAL_HAIR),
            "clothing": _choice_of(CLOTHING),
            "head_covering": _choice_of(HEAD_COVERINGS),
            "prop": _choice_of(PROPS),
        },
    )
    client = _object(
        CLIENT_KEYS,
        {
            "name": TEXT,
            "age": {"anyOf": [WHOLE, TEXT]},
            "pronouns": TEXT,
            "background": TEXT,
            "presenting_concern": TEXT,
            "appearance": appearance,
        },
    )
    flag_names = {"pattern": NAME, "maxLength": MAX_NAME}
    top = _object(
        TOP_KEYS,
        {
            "format": {"const": 1},
            "id": _named(SLUG),
            "title": TEXT,
            "summary": TEXT,
            "difficulty": _choice_of(DIFFICULTIES),
            "estimated_minutes": {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER},
            "skills_focus": {"type": "array", "items": _named(ID), "maxItems": MAX_LIST_ITEMS},
            "learning_objectives": TEXTS,
            "debrief": TEXTS,
            "client": {"$ref": "#/$defs/client"},
            "meters": {
                "type": "object",
                "required": ["trust", "hope"],
                "maxProperties": MAX_METERS,
                "propertyNames": flag_names,
                "additionalProperties": {"$ref": "#/$defs/meter"},
            },
            "flags": {
                "anyOf": [
                    {"type": "array", "items": _named(NAME), "uniqueItems": True, "maxItems": MAX_FLAGS},
                    {
                        "type": "object",
                        "maxProperties": MAX_FLAGS,
                        "propertyNames": flag_names,
                        "additionalProperties": {
                            "anyOf": [{"type": "null"}, _object(FLAG_KEYS, {"label": TEXT, "description": TEXT})]
                        },
                    },
                ]
            },
            "skills": {
                "type": "object",
                "propertyNames": {"pattern": ID, "maxLength": MAX_NAME},
                "additionalProperties": TEXT,
                "maxProperties": MAX_SKILLS,
            },
            "shuffle": {"type": "boolean"},
            "start": _named(ID),
            "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}, "maxItems": MAX_RULES},
            "nodes": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": MAX_NODES,
                "propertyNames": {"pattern": ID, "maxLength": MAX_NAME},
                "additionalProperties": {"$ref": "#/$defs/node"},
            },
            "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}, "maxItems": MAX_CHECKS},
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:rapport:scenario-format-1",
        "title": "Rapport scenario (format 1)",
        **top,
        "$defs": {
            "condition": CONDITION,
            "effects": effects,
            "choice": choice,
            "ending": ending,
            "node": node,
            "meter": meter,
            "rule": rule,
            "check": check,
            "client": client,
        },
    }
