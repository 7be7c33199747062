"""Hypothesis strategies for valid scenarios, and a dumper from the model back to YAML."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import yaml
from hypothesis import strategies as st

from game.scenario.conditions import Names, compile_condition
from game.scenario.model import (
    MITI_CODES,
    QUALITIES,
    RATINGS,
    SKILL_CATALOGUE,
    Choice,
    Client,
    Ending,
    Flag,
    Meter,
    Node,
    Rule,
    Scenario,
)

TRICKY = [
    "No",
    "yes",
    "off",
    "ON",
    "12:30",
    "0x10",
    "1_000",
    "~",
    "null",
    "true",
    "- a",
    "a: b",
    "#not a comment",
    "'quoted'",
    '"double"',
    "3.5",
    "[list]",
    "{map}",
    "Ñandú ¿qué?",
    "@at",
    "%pct",
    "line one\nline two",
    " padded ",
]
ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\x85\u2028\u2029")
TEXT = st.one_of(st.sampled_from(TRICKY), st.text(ALPHABET, min_size=1, max_size=30).filter(lambda s: s.strip()))


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)


def _effects(effects: tuple[tuple[str, int | bool], ...]) -> dict[str, int | bool]:
    return dict(effects)


def to_data(scenario: Scenario) -> dict[str, Any]:
    """The model as plain data in the format's shape (what an author would write)."""
    nodes: dict[str, Any] = {}
    for node in scenario.nodes.values():
        entry: dict[str, Any] = {}
        if node.say_when:
            entry["say"] = [
                text if when is None else {"when": when.source, "text": text}
                for text, when in zip(node.say, node.say_when, strict=True)
            ]
        elif node.say:
            entry["say"] = node.say[0] if len(node.say) == 1 else list(node.say)
        for key in ("narration", "thought", "facilitator", "mood", "phase"):
            if getattr(node, key) is not None:
                entry[key] = getattr(node, key)
        if node.on_enter:
            entry["on_enter"] = _effects(node.on_enter)
        if node.choices:
            entry["choices"] = []
            for choice in node.choices:
                c: dict[str, Any] = {
                    "id": choice.id,
                    "text": choice.text,
                    "skill": choice.skill,
                    "quality": choice.quality,
                    "next": choice.next,
                }
                if choice.effects:
                    c["effects"] = _effects(choice.effects)
                if choice.when is not None:
                    c["when"] = choice.when.source
                if choice.once:
                    c["once"] = True
                if choice.feedback is not None:
                    c["feedback"] = choice.feedback
                for key in ("react", "thought"):
                    if getattr(choice, key) is not None:
                        c[key] = getattr(choice, key)
                if choice.code:
                    c["code"] = choice.code[0] if len(choice.code) == 1 else list(choice.code)
                entry["choices"].append(c)
        if node.next is not None:
            entry["next"] = node.next
        if node.ending is not None:
            ending = {"outcome": node.ending.outcome}
            if node.ending.title:
                ending["title"] = node.ending.title
            if node.ending.rating:
                ending["rating"] = node.ending.rating
            entry["ending"] = ending
        nodes[node.id] = entry
    data: dict[str, Any] = {
        "format": 1,
        "id": scenario.id,
        "title": scenario.title,
        "client": {"name": scenario.client.name},
        "meters": {m.name: {"start": m.start, "min": m.min, "max": m.max} for m in scenario.meters},
        "shuffle": scenario.shuffle,
        "start": scenario.start,
    }
    if scenario.flag_info:
        data["flags"] = {
            name: {k: v for k, v in (("label", info.label), ("description", info.description)) if v is not None}
            for name, info in scenario.flag_info.items()
        }
    elif scenario.flags:
        data["flags"] = list(scenario.flags)
    if scenario.rules:
        data["rules"] = [{"id": r.id, "when": r.when.source, "goto": r.goto, "once": r.once} for r in scenario.rules]
    data["nodes"] = nodes
    return data


@st.composite
def conditions(draw: st.DrawFn, meters: list[str], flags: list[str]) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["meter", "turn", "flag"] if flags else ["meter", "turn"]))
        if kind == "flag":
            parts.append(("not " if draw(st.booleans()) else "") + draw(st.sampled_from(flags)))
        elif kind == "turn":
            parts.append(f"turn {draw(st.sampled_from(['<', '>=']))} {draw(st.integers(0, 4))}")
        else:
            low = draw(st.integers(-10, 60))
            parts.append(f"{low} <= {draw(st.sampled_from(meters))} < {low + draw(st.integers(1, 80))}")
    return f" {draw(st.sampled_from(['and', 'or']))} ".join(parts)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A valid scenario: every reference resolves, no loop of continue nodes."""
    meter_names = [
        "trust",
        "hope",
        *draw(st.lists(st.sampled_from(["engagement", "calm", "x_1"]), unique=True, max_size=2)),
    ]
    meters = []
    for name in meter_names:
        low = draw(st.integers(-10, 10))
        high = low + draw(st.integers(1, 150))
        meters.append(Meter(name, draw(st.integers(low, high)), low, high))
    flags = draw(st.lists(st.sampled_from(["met", "asked", "named"]), unique=True, max_size=2))
    names = Names.of(meter_names, flags)

    def when() -> Any:
        if not draw(st.booleans()):
            return None
        return compile_condition(draw(conditions(meter_names, flags)), names)

    def lines(max_size: int) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """A `say`: plain lines, and now and then conditional ones ({when, text}, 0.2)."""
        texts = tuple(draw(st.lists(TEXT, max_size=max_size)))
        if len(texts) < 2 or not draw(st.booleans()):
            return texts, ()
        conditions_of = tuple(when() for _ in texts)
        return texts, (conditions_of if any(c is not None for c in conditions_of) else ())

    def codes() -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(list(MITI_CODES)), unique=True, max_size=2)))

    def effects() -> tuple[tuple[str, int | bool], ...]:
        chosen = draw(st.lists(st.sampled_from(meter_names + flags), unique=True, max_size=3))
        return tuple((n, draw(st.booleans()) if n in flags else draw(st.integers(-30, 30))) for n in chosen)

    count = draw(st.integers(1, 7))
    ending_ids = [f"end{i}" for i in range(draw(st.integers(1, 3)))]
    ids = [f"n{i}" for i in range(count)]
    everything = ids + ending_ids
    nodes: dict[str, Node] = {}
    for index, node_id in enumerate(ids):
        say, say_when = lines(3)
        if draw(st.integers(0, 4)) == 0:  # a continue node, always forward: no continue loop
            nodes[node_id] = Node(
                node_id,
                say=say,
                say_when=say_when,
                on_enter=effects(),
                next=draw(st.sampled_from(everything[index + 1 :])),
            )
            continue
        choices = tuple(
            Choice(
                id=draw(st.sampled_from([str(position), f"c{position}", f"pick-{position}"])),
                text=draw(TEXT),
                skill=draw(st.sampled_from(list(SKILL_CATALOGUE))),
                quality=draw(st.sampled_from(QUALITIES)),
                next=draw(st.sampled_from(everything)),
                effects=effects(),
                when=when(),
                once=draw(st.booleans()),
                feedback=draw(st.none() | TEXT),
                react=draw(st.none() | TEXT),
                thought=draw(st.none() | TEXT),
                code=codes(),
            )
            for position in range(1, draw(st.integers(1, 3)) + 1)
        )
        fallback = draw(st.none() | st.sampled_from(everything))
        nodes[node_id] = Node(
            node_id,
            say=say,
            say_when=say_when,
            mood=draw(st.none() | st.sampled_from(["sad", "warm"])),
            thought=draw(st.none() | TEXT),
            on_enter=effects(),
            choices=choices,
            next=fallback,
        )
    for ending_id in ending_ids:
        nodes[ending_id] = Node(
            ending_id,
            say=tuple(draw(st.lists(TEXT, max_size=1))),
            ending=Ending(
                ending_id.replace("end", "out"),
                draw(st.none() | TEXT),
                None,
                draw(st.none() | st.sampled_from(RATINGS)),
            ),
        )
    rules = tuple(
        Rule(
            f"r{i}",
            compile_condition(draw(conditions(meter_names, flags)), names),
            draw(st.sampled_from(everything)),
            draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    return Scenario(
        id="generated",
        title=draw(TEXT),
        client=Client(draw(TEXT)),
        meters=tuple(meters),
        start=ids[0],
        nodes=MappingProxyType(nodes),
        flags=tuple(flags),
        flag_info=MappingProxyType(
            {f: Flag(f, draw(st.none() | TEXT), draw(st.none() | TEXT)) for f in flags} if draw(st.booleans()) else {}
        ),
        rules=rules,
        shuffle=draw(st.booleans()),
    )
