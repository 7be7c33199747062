"""Broken scenario files, each with the line, column and message the validator must give.

Each case is the base scenario with one edit (a typical instructor mistake).
"""

from __future__ import annotations

from tests.helpers import BASE


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# (name, text, "LINE:COLUMN", message fragment)
CASES: list[tuple[str, str, str, str]] = [
    (
        "unknown top-level key",
        edit("title: Tiny", "titel: Tiny"),
        "3:1",
        "unknown key 'titel' in the scenario (did you mean 'title'?)",
    ),
    ("missing start", edit("start: a\n", ""), "1:1", "the scenario is missing 'start'"),
    (
        "unsupported format",
        edit("format: 1", "format: 2"),
        "1:9",
        "format 2 is not supported; this version of Rapport reads format 1",
    ),
    ("format as text", edit("format: 1", "format: one"), "1:9", "'format' must be a whole number"),
    ("id with spaces", edit("id: tiny", "id: Tiny One"), "2:5", "must use only a–z, 0–9 and '-'"),
    ("meters without trust", edit("  trust: {start: 50}\n", ""), "6:3", "'meters' must declare 'trust'"),
    (
        "start outside bounds",
        edit("trust: {start: 50}", "trust: {start: 120}"),
        "6:18",
        "meter 'trust': start 120 is outside its bounds 0..100",
    ),
    (
        "min not below max",
        edit("hope: {start: 50}", "hope: {start: 5, min: 10, max: 10}"),
        "7:34",
        "meter 'hope': min (10) must be less than max (10)",
    ),
    (
        "decimal start",
        edit("trust: {start: 50}", "trust: {start: 50.5}"),
        "6:18",
        "meter 'trust': 'start' must be a whole number, not '50.5'",
    ),
    (
        "quoted number",
        edit("trust: {start: 50}", 'trust: {start: "50"}'),
        "6:18",
        "must be a whole number, not text in quotes",
    ),
    ("hex number", edit("trust: {start: 50}", "trust: {start: 0x10}"), "6:18", "must be a whole number"),
    (
        "meter name with a dash",
        edit("  hope: {start: 50}\n", "  hope: {start: 50}\n  self-worth: {start: 5}\n"),
        "8:3",
        "meter name 'self-worth' must start with a–z, A–Z or '_'",
    ),
    ("flag that is also a meter", edit("start: a", "flags: [hope]\nstart: a"), "8:9", "'hope' is already a meter"),
    (
        "reserved word as a flag",
        edit("start: a", "flags: [turn]\nstart: a"),
        "8:9",
        "'turn' is a reserved word and cannot be a flag",
    ),
    (
        "choice to an unknown node",
        edit("effects: {trust: 10}, next: end}", "effects: {trust: 10}, next: ned}"),
        "13:82",
        "choice 1 of node 'a': 'next' goes to unknown node 'ned' (did you mean 'end'?)",
    ),
    ("start at an unknown node", edit("start: a", "start: b"), "8:8", "'start' goes to unknown node 'b'"),
    (
        "node with nowhere to go",
        edit("    say: Hello.\n    choices:", "    say: Hello.\n  orphan:\n    say: Hi.\n  a2:\n    choices:"),
        "12:3",
        "node 'orphan' needs 'choices', 'next' or 'ending'",
    ),
    (
        "ending with choices",
        edit("    ending: {outcome: done, rating: good}", "    ending: {outcome: done, rating: good}\n    choices: []"),
        "17:5",
        "node 'end' is an ending and cannot also have 'choices'",
    ),
    (
        "empty choices",
        edit("  end:\n", "  b:\n    choices: []\n  end:\n"),
        "16:14",
        "node 'b' has an empty 'choices' list",
    ),
    (
        "duplicate choice ids",
        edit('{text: "Two",', '{id: "1", text: "Two",'),
        "14:9",
        "choice 2 of node 'a' has id '1', already used by choice 1",
    ),
    ("choice without text", edit('{text: "One", skill', "{skill"), "13:9", "choice 1 of node 'a' is missing 'text'"),
    ("misspelt skill", edit("skill: empathy", "skill: empaty"), "13:30", "'empaty' is not in the catalogue"),
    (
        "unknown quality",
        edit("quality: poor", "quality: bad"),
        "14:47",
        "'quality' must be one of good, neutral, poor, not 'bad'",
    ),
    (
        "effect on an unknown meter",
        edit("effects: {trust: 10}", "effects: {trsut: 10}"),
        "13:64",
        "'trsut' is not a declared meter or flag (did you mean 'trust'?)",
    ),
    (
        "flag effect given a number",
        edit("start: a", "flags: [met]\nstart: a").replace("effects: {trust: 10}", "effects: {met: 1}"),
        "14:69",
        "flag 'met' must be true or false",
    ),
    (
        "yes where a boolean belongs",
        edit('next: end}\n      - {text: "Two"', 'next: end, once: yes}\n      - {text: "Two"'),
        "13:93",
        "'once' must be true or false, not 'yes'",
    ),
    (
        "condition with an undeclared name",
        edit("effects: {trust: 10},", "effects: {trust: 10}, when: mood > 3,"),
        "13:82",
        "'mood' is not a declared meter or flag",
    ),
    (
        "condition that ends early",
        edit("effects: {trust: 10},", "effects: {trust: 10}, when: trust >,"),
        "13:89",
        "the condition ends too early",
    ),
    (
        "a call inside a condition",
        edit("effects: {trust: 10},", "effects: {trust: 10}, when: \"__import__('os')\","),
        "13:83",
        "calls are not part of the condition language",
    ),
    (
        "a bare meter as a condition",
        edit("effects: {trust: 10},", "effects: {trust: 10}, when: trust and hope > 1,"),
        "13:82",
        "'and' takes true/false values",
    ),
    (
        "duplicate key",
        edit("    say: Hello.\n", "    say: Hello.\n    say: Hi.\n"),
        "12:5",
        "duplicate key 'say' (first written on line 11)",
    ),
    (
        "loop of continue nodes",
        edit("  end:\n", "  x:\n    next: y\n  y:\n    next: x\n  end:\n"),
        "15:3",
        "node 'x' is in a loop of continue nodes with no way out",
    ),
    (
        "rule to an unknown node",
        edit("start: a", "rules:\n  - {id: r, when: trust < 5, goto: rupture}\nstart: a"),
        "9:36",
        "'goto' goes to unknown node 'rupture'",
    ),
    (
        "check with an unknown outcome",
        BASE + "checks:\n  - {choices: [1], outcome: dnoe}\n",
        "18:29",
        "no ending has outcome 'dnoe' (did you mean 'done'?)",
    ),
    (
        "colour that is not a colour",
        edit("client: {name: Ana}", "client: {name: Ana, appearance: {skin: brown}}"),
        "4:40",
        "colour 'skin' 'brown' must look like",
    ),
    (
        "unknown hair style",
        edit("client: {name: Ana}", "client: {name: Ana, appearance: {hair_style: wavy}}"),
        "4:46",
        "'hair_style' must be one of",
    ),
    (
        "unknown mood",
        edit("    say: Hello.\n", "    say: Hello.\n    mood: happy\n"),
        "12:11",
        "'mood' must be one of guarded, anxious, sad, angry, neutral, warm, hopeful, not 'happy'",
    ),
    (
        "text where a mapping belongs",
        edit("client: {name: Ana}", "client: Ana"),
        "4:9",
        "'client' must be a mapping of keys, not 'Ana'",
    ),
    ("list where text belongs", edit("title: Tiny", "title: [Tiny, Small]"), "3:8", "'title' must be text, not a list"),
    (
        "python tag",
        edit("title: Tiny", "title: !!python/object/apply:os.system [ls]"),
        "3:8",
        "tag '!!python/object/apply:os.system' is not allowed",
    ),
    ("local tag", edit("title: Tiny", "title: !shout Tiny"), "3:8", "tag '!shout' is not allowed"),
    ("anchor", edit("title: Tiny", "title: &t Tiny"), "3:8", "anchors (&t) are not allowed"),
    (
        "bad indentation",
        edit("    say: Hello.", "   say: Hello."),
        "11:4",
        "this line is indented 1 space less than 'choices' on the line below",
    ),
    (
        "unknown key in a choice",
        edit("quality: good,", "quality: good, feedbak: nice,"),
        "13:54",
        "unknown key 'feedbak' in choice 1 of node 'a' (did you mean 'feedback'?)",
    ),
    ("empty required value", edit("title: Tiny", "title:"), "3:1", "the scenario: 'title' needs a value"),
    (
        "at and outcome together",
        BASE + "checks:\n  - {choices: [1], outcome: done, at: a}\n",
        "18:39",
        "'at' (still in the session) and 'outcome' (ended) cannot both hold",
    ),
]
