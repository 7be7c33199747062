"""The scenario format as JSON Schema (2020-12), for editors' YAML plugins.

It mirrors the loader's rules where a schema can express them (keys, types,
patterns, enumerations); cross-references and conditions are the validator's job.
"""

from __future__ import annotations

from typing import Any

from game.scenario.model import (
    DIFFICULTIES,
    HAIR_STYLES,
    MOODS,
    QUALITIES,
    RATINGS,
    SKILL_CATALOGUE,
)

NAME = "^[A-Za-z_][A-Za-z0-9_]*$"
ID = "^[A-Za-z0-9_][A-Za-z0-9_-]*$"
SLUG = "^[a-z0-9-]+$"
TEXT = {"type": "string", "minLength": 1}
TEXTS = {"type": "array", "items": TEXT}
WHOLE = {"type": "integer"}
CONDITION = {"type": "string", "minLength": 1, "description": "a condition, e.g. trust >= 40 and not met"}


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
        "propertyNames": {"pattern": NAME},
        "additionalProperties": {"type": ["integer", "boolean"]},
    }
    choice = _object(
        {
            "id": {"type": "string", "pattern": ID},
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
            "next": {"type": "string", "pattern": ID},
        },
        ["text", "skill", "quality", "next"],
    )
    ending = _object(
        {
            "outcome": {"type": "string", "pattern": ID},
            "title": TEXT,
            "summary": TEXT,
            "rating": {"enum": list(RATINGS)},
        },
        ["outcome"],
    )
    node = _object(
        {
            "say": {"oneOf": [TEXT, {**TEXTS, "minItems": 1}]},
            "narration": TEXT,
            "thought": TEXT,
            "facilitator": TEXT,
            "mood": {"enum": list(MOODS)},
            "phase": TEXT,
            "on_enter": {"$ref": "#/$defs/effects"},
            "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}},
            "next": {"type": "string", "pattern": ID},
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
            "id": {"type": "string", "pattern": ID},
            "when": {"$ref": "#/$defs/condition"},
            "goto": {"type": "string", "pattern": ID},
            "once": {"type": "boolean"},
            "note": TEXT,
        },
        ["id", "when", "goto"],
    )
    check = _object(
        {
            "name": TEXT,
            "choices": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            "seed": WHOLE,
            "outcome": {"type": "string", "pattern": ID},
            "at": {"type": "string", "pattern": ID},
            "expect": {"$ref": "#/$defs/condition"},
        },
        ["choices"],
    )
    client = _object(
        {
            "name": TEXT,
            "age": {"type": ["integer", "string"]},
            "pronouns": TEXT,
            "background": TEXT,
            "presenting_concern": TEXT,
            "appearance": _object(
                {
                    "skin": colour,
                    "hair": colour,
                    "shirt": colour,
                    "hair_style": {"enum": list(HAIR_STYLES)},
                    "glasses": {"type": "boolean"},
                }
            ),
        },
        ["name"],
    )
    top = _object(
        {
            "format": {"const": 1},
            "id": {"type": "string", "pattern": SLUG},
            "title": TEXT,
            "summary": TEXT,
            "difficulty": {"enum": list(DIFFICULTIES)},
            "estimated_minutes": {"type": "integer", "minimum": 0},
            "skills_focus": {"type": "array", "items": {"type": "string"}},
            "learning_objectives": TEXTS,
            "debrief": TEXTS,
            "client": {"$ref": "#/$defs/client"},
            "meters": {
                "type": "object",
                "required": ["trust", "hope"],
                "propertyNames": {"pattern": NAME},
                "additionalProperties": {"$ref": "#/$defs/meter"},
            },
            "flags": {"type": "array", "items": {"type": "string", "pattern": NAME}, "uniqueItems": True},
            "skills": {"type": "object", "propertyNames": {"pattern": ID}, "additionalProperties": TEXT},
            "shuffle": {"type": "boolean"},
            "start": {"type": "string", "pattern": ID},
            "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
            "nodes": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": ID},
                "additionalProperties": {"$ref": "#/$defs/node"},
            },
            "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
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
