"""The scenario format as JSON Schema (2020-12), for editors' YAML plugins.

It mirrors the loader's rules where a schema can express them (keys, types,
patterns, enumerations); cross-references and conditions are the validator's job.
"""

from __future__ import annotations

from typing import Any

from game.scenario.appearance import BUILDS, CLOTHING, EXPRESSIONS, FACIAL_HAIR, GLASSES, HEAD_COVERINGS, PROPS
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
TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
TEXTS = {"type": "array", "items": TEXT, "maxItems": MAX_LIST_ITEMS}
WHOLE = {"type": "integer", "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER}
CONDITION = {
    "type": "string",
    "minLength": 1,
    "maxLength": MAX_CONDITION_LENGTH,
    "description": "a condition, e.g. trust >= 40 and not met",
}


def _named(pattern: str) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, "maxLength": MAX_NAME}


def _object(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
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
        {
            "id": _named(ID),
            "text": {**TEXT, "description": "what the trainee says"},
            "skill": {
                "type": "string",
                "description": "a catalogue skill or one under 'skills'",
                "examples": list(SKILL_CATALOGUE),
            },
            "quality": {"enum": list(QUALITIES)},
            "effects": {"$ref": "#/$defs/effects"},
            "when": {"$ref": "#/$defs/condition"},
            "once": {"type": "boolean"},
            "feedback": TEXT,
            "react": {**TEXT, "description": "the client's immediate reaction to this reply"},
            "thought": {
                **TEXT,
                "description": "what the client thinks on hearing this reply (practice mode, debriefs)",
            },
            "code": {
                "description": "MITI 4 behaviour code(s) of this reply",
                "oneOf": [
                    {"enum": list(MITI_CODES)},
                    {"type": "array", "items": {"enum": list(MITI_CODES)}, "uniqueItems": True},
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
        ["text", "skill", "quality", "next"],
    )
    ending = _object(
        {
            "outcome": _named(ID),
            "title": TEXT,
            "summary": TEXT,
            "rating": {"enum": list(RATINGS)},
        },
        ["outcome"],
    )
    node = _object(
        {
            "say": {
                "oneOf": [
                    TEXT,
                    {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_SAY_VARIANTS,
                        "items": {
                            "oneOf": [
                                TEXT,
                                _object({"when": {"$ref": "#/$defs/condition"}, "text": TEXT}, ["when", "text"]),
                            ]
                        },
                    },
                ]
            },
            "narration": TEXT,
            "thought": TEXT,
            "facilitator": TEXT,
            "mood": {"enum": list(MOODS)},
            "expression": {"enum": list(EXPRESSIONS), "description": "a gesture the picture shows"},
            "phase": TEXT,
            "on_enter": {"$ref": "#/$defs/effects"},
            "choices": {"type": "array", "minItems": 1, "maxItems": MAX_CHOICES, "items": {"$ref": "#/$defs/choice"}},
            "next": _named(ID),
            "ending": {"$ref": "#/$defs/ending"},
        },
        anyOf=[{"required": ["choices"]}, {"required": ["next"]}, {"required": ["ending"]}],
        allOf=[
            {"not": {"required": ["ending", "choices"]}},
            {"not": {"required": ["ending", "next"]}},
        ],
    )
    meter = _object(
        {"start": WHOLE, "min": WHOLE, "max": WHOLE, "label": TEXT, "description": TEXT},
        ["start"],
    )
    rule = _object(
        {
            "id": _named(ID),
            "when": {"$ref": "#/$defs/condition"},
            "goto": _named(ID),
            "once": {"type": "boolean"},
            "note": TEXT,
        },
        ["id", "when", "goto"],
    )
    check = _object(
        {
            "name": TEXT,
            "choices": {
                "type": "array",
                "maxItems": MAX_CHECK_CHOICES,
                "items": {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER},
            },
            "seed": WHOLE,
            "outcome": _named(ID),
            "at": _named(ID),
            "expect": {"$ref": "#/$defs/condition"},
        },
        ["choices"],
    )
    client = _object(
        {
            "name": TEXT,
            "age": {
                "type": ["integer", "string"],
                "minimum": -MAX_INTEGER,
                "maximum": MAX_INTEGER,
                "maxLength": MAX_TEXT,
            },
            "pronouns": TEXT,
            "background": TEXT,
            "presenting_concern": TEXT,
            "appearance": _object(
                {
                    "skin": colour,
                    "hair": colour,
                    "shirt": colour,
                    "coat": colour,
                    "hair_style": {"enum": list(HAIR_STYLES)},
                    "glasses": {"oneOf": [{"type": "boolean"}, {"enum": list(GLASSES)}]},
                    "age": {"type": "integer", "minimum": 12, "maximum": 100, "description": "the age shown"},
                    "greying": {"type": "integer", "minimum": 0, "maximum": 100, "description": "per cent grey"},
                    "build": {"enum": list(BUILDS)},
                    "facial_hair": {"enum": list(FACIAL_HAIR)},
                    "clothing": {"enum": list(CLOTHING)},
                    "head_covering": {"enum": list(HEAD_COVERINGS)},
                    "prop": {"enum": list(PROPS)},
                }
            ),
        },
        ["name"],
    )
    top = _object(
        {
            "format": {"const": 1},
            "id": _named(SLUG),
            "title": TEXT,
            "summary": TEXT,
            "difficulty": {"enum": list(DIFFICULTIES)},
            "estimated_minutes": {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER},
            "skills_focus": {"type": "array", "items": {"type": "string"}, "maxItems": MAX_LIST_ITEMS},
            "learning_objectives": TEXTS,
            "debrief": TEXTS,
            "client": {"$ref": "#/$defs/client"},
            "meters": {
                "type": "object",
                "required": ["trust", "hope"],
                "maxProperties": MAX_METERS,
                "propertyNames": {"pattern": NAME, "maxLength": MAX_NAME},
                "additionalProperties": {"$ref": "#/$defs/meter"},
            },
            "flags": {
                "oneOf": [
                    {"type": "array", "items": _named(NAME), "uniqueItems": True, "maxItems": MAX_FLAGS},
                    {
                        "type": "object",
                        "maxProperties": MAX_FLAGS,
                        "propertyNames": {"pattern": NAME, "maxLength": MAX_NAME},
                        "additionalProperties": {
                            "oneOf": [{"type": "null"}, _object({"label": TEXT, "description": TEXT})]
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
        ["format", "id", "title", "client", "meters", "start", "nodes"],
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
