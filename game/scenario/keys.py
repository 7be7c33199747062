"""The keys of the scenario format, in one place: what the loader reads, the schema states and
the slip finder recognises.

Each table maps a key to whether it is required where it appears.
"""

from __future__ import annotations

TOP_KEYS = {
    "format": True,
    "id": True,
    "title": True,
    "summary": False,
    "difficulty": False,
    "estimated_minutes": False,
    "skills_focus": False,
    "learning_objectives": False,
    "debrief": False,
    "client": True,
    "meters": True,
    "flags": False,
    "skills": False,
    "shuffle": False,
    "start": True,
    "rules": False,
    "nodes": True,
    "checks": False,
}
CLIENT_KEYS = {
    "name": True,
    "age": False,
    "pronouns": False,
    "background": False,
    "presenting_concern": False,
    "appearance": False,
}
METER_KEYS = {"start": True, "min": False, "max": False, "label": False, "description": False}
NODE_KEYS = {
    "say": False,
    "narration": False,
    "thought": False,
    "facilitator": False,
    "mood": False,
    "expression": False,
    "phase": False,
    "on_enter": False,
    "choices": False,
    "next": False,
    "ending": False,
}
CHOICE_KEYS = {
    "id": False,
    "text": True,
    "skill": True,
    "quality": True,
    "effects": False,
    "when": False,
    "once": False,
    "feedback": False,
    "react": False,
    "thought": False,
    "code": False,
    "next": True,
}
SAY_ITEM_KEYS = {"when": True, "text": True}
FLAG_KEYS = {"label": False, "description": False}
ENDING_KEYS = {"outcome": True, "title": False, "summary": False, "rating": False}
RULE_KEYS = {"id": True, "when": True, "goto": True, "once": False, "note": False}
CHECK_KEYS = {"name": False, "choices": True, "seed": False, "outcome": False, "at": False, "expect": False}

APPEARANCE_KEYS = {
    "skin": False,
    "hair": False,
    "shirt": False,
    "coat": False,
    "hair_style": False,
    "glasses": False,
    "age": False,
    "greying": False,
    "build": False,
    "facial_hair": False,
    "clothing": False,
    "head_covering": False,
    "prop": False,
}

KNOWN_KEYS: frozenset[str] = frozenset(
    name
    for table in (
        TOP_KEYS,
        CLIENT_KEYS,
        METER_KEYS,
        NODE_KEYS,
        CHOICE_KEYS,
        SAY_ITEM_KEYS,
        FLAG_KEYS,
        ENDING_KEYS,
        RULE_KEYS,
        CHECK_KEYS,
        APPEARANCE_KEYS,
    )
    for name in table
)
"""Every key of the format, wherever it appears."""
