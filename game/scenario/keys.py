"""The keys of the scenario format, in one place: what the loader reads, the JSON Schema states
(with a description and an example for an editor's hover) and the slip finder recognises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Key:
    """One key where it appears: whether it must be given, what it means, a value it may take."""

    required: bool
    description: str
    example: Any

    def __bool__(self) -> bool:  # pragma: no cover - a Key is never used as a truth value
        raise TypeError("use Key.required")


def _key(required: bool, description: str, example: Any) -> Key:
    return Key(required, description, example)


TOP_KEYS: dict[str, Key] = {
    "format": _key(True, "The format version: always 1.", 1),
    "id": _key(
        True, "The scenario's id: a-z, 0-9 and '-', unique in the library; best the file's name.", "first-session"
    ),
    "title": _key(True, "The scenario's title, shown in the scenario list.", "First session: a guarded client"),
    "summary": _key(False, "One or two sentences shown in the list and the briefing.", "Maya was referred by her GP."),
    "difficulty": _key(False, "How hard the scenario is: intro, intermediate or advanced.", "intro"),
    "estimated_minutes": _key(False, "About how long a session takes, in minutes (a whole number).", 10),
    "skills_focus": _key(False, "The skills this scenario practises (catalogue or 'skills').", ["safety", "empathy"]),
    "learning_objectives": _key(False, "What the trainee should learn, shown in the briefing.", ["Name the referral."]),
    "debrief": _key(False, "Teaching points shown at the end.", ["Trust grows from reflections, not questions."]),
    "client": _key(
        True, "Who the client is: name (needed), age, pronouns, background, concern, appearance.", {"name": "Maya"}
    ),
    "meters": _key(
        True,
        "Meters tracked in the session: name -> {start, min, max, label}; trust and hope needed.",
        {"trust": {"start": 30}, "hope": {"start": 20}},
    ),
    "flags": _key(
        False, "Yes/no facts, all false at the start: a list of names, or name -> {label, description}.", ["named_loss"]
    ),
    "skills": _key(False, "Extra skills beyond the catalogue: skill id -> label.", {"grounding": "Grounding"}),
    "shuffle": _key(False, "true: the replies of each node are shown in a seeded random order.", False),
    "start": _key(True, "The id of the node the session starts at.", "opening"),
    "rules": _key(
        False,
        "Checked after every reply, in order: the first whose 'when' holds redirects to its 'goto'.",
        [{"id": "withdraws", "when": "trust < 15", "goto": "rupture"}],
    ),
    "nodes": _key(
        True,
        "The conversation: node id -> node (what the client says and the replies).",
        {"opening": {"say": "Hello.", "next": "end"}},
    ),
    "checks": _key(
        False,
        "Your own tests of the scenario, played by 'rapport validate'.",
        [{"choices": [1, 2], "outcome": "engaged"}],
    ),
}
CLIENT_KEYS: dict[str, Key] = {
    "name": _key(True, "The client's name.", "Maya"),
    "age": _key(False, "The client's age: a whole number, or text such as 'early 40s'.", 34),
    "pronouns": _key(False, "The client's pronouns.", "she/her"),
    "background": _key(False, "A line of background for the briefing.", "Works nights as a nurse."),
    "presenting_concern": _key(False, "Why the client has come.", "Poor sleep, irritability."),
    "appearance": _key(
        False,
        "How the client looks (every key optional; see docs/avatar.md).",
        {"skin": "#8d5524", "hair_style": "long"},
    ),
}
METER_KEYS: dict[str, Key] = {
    "start": _key(True, "The meter's value at the start (a whole number within min..max).", 30),
    "min": _key(False, "The lowest value (default 0).", 0),
    "max": _key(False, "The highest value (default 100).", 100),
    "label": _key(False, "The meter's name as people see it.", "Trust"),
    "description": _key(False, "What the meter stands for.", "How safe the client feels with you."),
}
NODE_KEYS: dict[str, Key] = {
    "say": _key(
        False,
        "What the client says: text, or a list of lines (one picked per visit; an item may be {when, text}).",
        "I don't know why I'm here.",
    ),
    "narration": _key(False, "A stage direction shown with the line.", "Maya sits near the door, coat still on."),
    "thought": _key(
        False,
        "What the client thinks but does not say (practice mode and debriefs only).",
        "Another person who'll judge me.",
    ),
    "facilitator": _key(
        False, "A note for the instructor, shown only in replays and reports.", "A rupture begins here."
    ),
    "mood": _key(False, "The client's mood here: guarded, anxious, sad, angry, neutral, warm or hopeful.", "guarded"),
    "expression": _key(False, "A gesture the picture shows (see docs/avatar.md).", "looks-away"),
    "phase": _key(False, "A free label for the part of the session.", "opening"),
    "on_enter": _key(
        False, "Effects applied each time the node is entered: meter -> change, flag -> true/false.", {"engagement": -5}
    ),
    "choices": _key(
        False,
        "The trainee's replies: a list, each item starting with '- '.",
        [{"text": "It sounds hard.", "skill": "empathy", "quality": "good", "next": "more"}],
    ),
    "next": _key(
        False, "Where 'continue' leads (a node id); with choices, the fallback when none is shown.", "closing"
    ),
    "ending": _key(
        False,
        "This node ends the session: outcome (needed), title, summary, rating.",
        {"outcome": "engaged", "rating": "good"},
    ),
}
CHOICE_KEYS: dict[str, Key] = {
    "id": _key(False, "The reply's id, unique in its node (default: its position, '1', '2', ...).", "reflect-referral"),
    "text": _key(True, "What the trainee says.", "It sounds like coming here wasn't your idea."),
    "skill": _key(True, "The skill this reply practises (catalogue or 'skills').", "empathy"),
    "quality": _key(True, "Your teaching judgement of the reply: good, neutral or poor.", "good"),
    "effects": _key(False, "What the reply changes: meter -> whole-number change, flag -> true/false.", {"trust": 10}),
    "when": _key(False, "A condition: the reply is shown only while it holds.", "trust >= 40"),
    "once": _key(False, "true: the reply is hidden after it was chosen once.", True),
    "feedback": _key(
        False,
        "Why this reply helps or hurts; the coach shows it, and every debrief.",
        "Reflecting the referral lowers defensiveness.",
    ),
    "react": _key(False, "What the client says straight back to this reply.", "Yeah. It wasn't."),
    "thought": _key(
        False, "What the client thinks on hearing this reply (practice mode, debriefs).", "At least she noticed."
    ),
    "code": _key(False, "What kind of reply it is in MITI 4 terms: one code or a list.", "complex_reflection"),
    "also": _key(
        False,
        "Other ways a trainee might say this reply, for free-text matching (a list of texts).",
        ["So this was more their idea than yours."],
    ),
    "next": _key(True, "The node this reply leads to.", "referral"),
}
SAY_ITEM_KEYS: dict[str, Key] = {
    "when": _key(True, "A condition: this line can be said only while it holds.", "trust > 50"),
    "text": _key(True, "The line.", "I think I can tell you now."),
}
FLAG_KEYS: dict[str, Key] = {
    "label": _key(False, "The flag's name as people see it.", "Named the loss"),
    "description": _key(False, "What the flag records.", "The client has named the loss."),
}
ENDING_KEYS: dict[str, Key] = {
    "outcome": _key(True, "A short id for this way of ending (letters, digits, '_', '-').", "engaged"),
    "title": _key(False, "The ending's title.", "Second session booked"),
    "summary": _key(False, "What happened, for the debrief.", "Maya leaves with a plan."),
    "rating": _key(False, "How good this ending is: good, neutral or poor.", "good"),
}
RULE_KEYS: dict[str, Key] = {
    "id": _key(True, "The rule's id.", "withdrawal-rupture"),
    "when": _key(True, "The condition that fires the rule, checked after every reply.", "trust < 15"),
    "goto": _key(True, "Where the session goes when the rule fires (a node id).", "rupture"),
    "once": _key(False, "true (the default): the rule fires at most once.", True),
    "note": _key(False, "Why the rule is there.", "Trust has fallen too far."),
}
CHECK_KEYS: dict[str, Key] = {
    "name": _key(False, "What the check shows.", "the empathic path books a second session"),
    "choices": _key(True, "Shown reply numbers, in order, as 'rapport run' takes them.", [1, 1, 2]),
    "seed": _key(False, "The session's seed (default 0).", 0),
    "outcome": _key(False, "The session must have ended with this outcome.", "engaged"),
    "at": _key(False, "The session must be at this node, not ended.", "closing"),
    "expect": _key(False, "A condition that must hold at the end.", "trust >= 70 and hope > 40"),
}
APPEARANCE_KEYS: dict[str, Key] = {
    "skin": _key(False, 'Skin colour, "#rrggbb" in quotes.', "#8d5524"),
    "hair": _key(False, 'Hair colour, "#rrggbb" in quotes.', "#2b1d0e"),
    "shirt": _key(False, 'Shirt colour, "#rrggbb" in quotes.', "#4a6fa5"),
    "coat": _key(False, 'Coat colour, "#rrggbb" in quotes.', "#3c3c3c"),
    "hair_style": _key(False, "Hairstyle (see docs/avatar.md).", "long"),
    "glasses": _key(False, "true/false, or a style of glasses.", "round"),
    "age": _key(False, "The age the picture shows, 12 to 100.", 34),
    "greying": _key(False, "How grey the hair is, 0 to 100 (per cent).", 20),
    "build": _key(False, "Body build.", "medium"),
    "facial_hair": _key(False, "Facial hair.", "stubble"),
    "clothing": _key(False, "What the client wears.", "hoodie"),
    "head_covering": _key(False, "A head covering.", "hijab"),
    "prop": _key(False, "Something the client holds or has by them.", "mug"),
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
