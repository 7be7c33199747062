"""Scenario YAML -> `Scenario`, collecting every problem with its line and column.

The loader reads the position-keeping tree from `source`, types every value by
the format's strict rules (text stays text, booleans are true/false, integers
are decimal), and builds frozen dataclasses. It never stops at the first
problem: an instructor sees all of a file's errors at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from game.scenario import graph
from game.scenario.appearance import EXPRESSIONS, narration_warnings, read_appearance
from game.scenario.conditions import RESERVED, Condition, ConditionError, Names, compile_condition
from game.scenario.diagnostics import Budget, Diagnostic, ScenarioError, Suggestions
from game.scenario.keys import (
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
    FORMAT_VERSION,
    MITI_CODES,
    MOODS,
    QUALITIES,
    RATINGS,
    SKILL_CATALOGUE,
    Appearance,
    Check,
    Choice,
    Client,
    Effect,
    Ending,
    Flag,
    Meter,
    Node,
    Rule,
    Scenario,
)
from game.scenario.source import Mapping, Scalar, Sequence, SourceError, read_document, read_source
from game.scenario.source import Node as YNode

SLUG = re.compile(r"[a-z0-9-]+")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
INTEGER = re.compile(r"[-+]?[0-9]+")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
ID_RULE = "must use only a–z, A–Z, 0–9, '_' and '-', no accents or spaces"

_TAG = "tag:yaml.org,2002:"


T = TypeVar("T")


class _Invalid(Exception):
    """Raised inside a typed getter after its diagnostic was recorded."""


def load_file(path: str | Path) -> Scenario:
    """Load a scenario or raise ScenarioError with every diagnostic (warnings included)."""
    path = Path(path)
    scenario, diagnostics = load_bytes(read_source(path), str(path))
    if scenario is None:
        raise ScenarioError(str(path), diagnostics)
    return scenario


def load_path(path: str | Path) -> tuple[Scenario | None, list[Diagnostic]]:
    """`load_bytes` of a file, never reading more than the size limit and one byte (raises OSError)."""
    return load_bytes(read_source(path), str(path))


def load_bytes(data: bytes, path: str = "<scenario>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Return the scenario (None when there are errors) and all diagnostics, sorted.

    A file with YAML slips is still read past them (see `source.parse`), so its content
    errors come out with its syntax errors; what lies in a block set aside is not reported.
    """
    try:
        document = read_document(data)
    except SourceError as exc:
        return None, sorted(replace(d, path=path) for d in exc.diagnostics)
    set_aside = document.set_aside
    reader = _Reader(path, [])
    scenario = reader.read(document.root)
    found = [d for d in reader.diagnostics if not any(a <= d.line <= b for a, b in set_aside)]
    found.extend(document.diagnostics)
    if scenario is not None and not any(d.severity == "error" for d in found):
        absolute = str(Path(path).resolve()) if not path.startswith("<") else path
        scenario = _with_origin(scenario, absolute, data)
        reader.diagnostics = []
        reader.warn_about(scenario)
        found.extend(reader.diagnostics)
    diagnostics = sorted(replace(d, path=path) for d in found)
    if any(d.severity == "error" for d in diagnostics):
        return None, diagnostics
    return scenario, diagnostics


def _with_origin(scenario: Scenario, path: str, data: bytes) -> Scenario:
    object.__setattr__(scenario, "path", path)
    object.__setattr__(scenario, "sha256", hashlib.sha256(data).hexdigest())
    object.__setattr__(scenario, "source", data)
    return scenario


def shown(value: str, room: int = 40) -> str:
    """A name as written, cut short for a message when it is long."""
    return value if len(value) <= room else value[: room - 3] + "..."


def describe(node: YNode) -> str:
    """How a value looks, for messages: 'a list', 'a mapping', 'text "abc"'."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node.is_null:
        return "an empty value"
    shown = node.value if len(node.value) <= 30 else node.value[:27] + "..."
    return f"{shown!r}"


class _Reader:
    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = list(diagnostics)
        self.names = Names({}, {})
        self.skills: set[str] = set(SKILL_CATALOGUE)
        self.node_ids: dict[str, None] = {}  # ordered, and looked up by hash
        self.suggestions: dict[str, Suggestions] = {}
        self.budget = Budget()  # fuzzy comparisons for all of this file's did-you-means
        self.meter_names: list[str] = []  # every meter declared with a good name, even with bad values
        self.used_names: set[str] = set()
        self.declared_at: dict[str, tuple[int, int]] = {}

    # -- reporting -----------------------------------------------------------------

    def error(self, line: int, column: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(line, column, "error", message))

    def warning(self, line: int, column: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(line, column, "warning", message))

    def fail(self, at: YNode, message: str) -> _Invalid:
        self.error(at.line, at.column, message)
        return _Invalid(message)

    def hint(self, word: str, kind: str, candidates: Callable[[], Iterable[str]]) -> str:
        """A did-you-mean suffix from an index of `kind` built once per file, whatever the number of words."""
        index = self.suggestions.get(kind)
        if index is None:
            index = self.suggestions[kind] = Suggestions(candidates(), self.budget)
        return index.hint(word)

    def near(self, word: str, other: str) -> bool:
        """Whether `other` looks like a misspelling of `word` (paid from the file's budget)."""
        return Suggestions([word], self.budget).best(other) is not None

    def capped(self, items: list[T], limit: int, what: str, at: Callable[[T], YNode]) -> list[T]:
        """The first `limit` items, after an error at the first one beyond them."""
        if len(items) <= limit:
            return items
        self.fail(at(items[limit]), f"{what} has {len(items):,} entries; Rapport reads at most {limit:,}")
        return items[:limit]

    # -- shapes ----------------------------------------------------------------------

    def fields(self, mapping: YNode, where: str, keys: dict[str, Key]) -> dict[str, tuple[Scalar, YNode]] | None:
        """The entries of a mapping, after reporting unknown and missing keys."""
        if not isinstance(mapping, Mapping):
            self.fail(mapping, f"{where} must be a mapping of keys, not {describe(mapping)}")
            return None
        entries: dict[str, tuple[Scalar, YNode]] = {}
        unknown: list[str] = []
        for name, (key, value) in mapping.entries.items():
            if name not in keys:
                hint = self.hint(name, f"keys {id(keys)}", lambda: keys) or (
                    " (a comma in unquoted text inside {...} splits it; put that text in quotes)"
                    if " " in name.strip()
                    else ""
                )
                self.error(key.line, key.column, f"unknown key '{shown(name)}' in {where}{hint}")
                unknown.append(name)
                continue
            entries[name] = (key, value)
        for name, key_info in keys.items():
            if mapping.damaged:
                break
            if key_info.required and (name not in entries or _is_empty(entries[name][1])):
                if name in entries:
                    key = entries[name][0]
                    self.error(key.line, key.column, f"{where}: '{name}' needs a value")
                elif not any(self.near(name, k) for k in unknown[:20]):  # a misspelling of it was reported
                    self.error(mapping.line, mapping.column, f"{where} is missing '{name}'")
        return {k: v for k, v in entries.items() if not _is_empty(v[1])}

    def get(self, entries: dict[str, tuple[Scalar, YNode]], key: str, typed: Callable[[YNode], T]) -> T | None:
        """A typed optional value; None when absent or (after reporting) invalid."""
        if key not in entries:
            return None
        try:
            return typed(entries[key][1])
        except _Invalid:
            return None

    def text(self, node: YNode, what: str = "this value", prose: bool = True) -> str:
        """Text as written; `prose` (not a name, id or condition) is warned about when ' #' cut it short."""
        if not isinstance(node, Scalar):
            raise self.fail(node, f"{what} must be text, not {describe(node)}")
        if node.is_null or node.value == "":
            raise self.fail(node, f"{what} needs a value")
        if node.tag not in (None, "!", _TAG + "str"):
            raise self.fail(node, f"{what} must be text, not a value tagged {_short(node.tag)}")
        if len(node.value) > MAX_TEXT:
            raise self.fail(
                node, f"{what} is {len(node.value):,} characters long; text is limited to {MAX_TEXT:,} characters"
            )
        if prose and node.comment_after:
            self.warning(
                node.line,
                node.column,
                f"{what} is cut by ' #': YAML reads {shown(node.comment_after, 30)!r} as a comment, so the text "
                "stops before it; put the whole text in quotes",
            )
        return node.value

    def bounded(self, node: Scalar, what: str) -> int:
        """A decimal integer within the limit; its size is judged before `int` reads it."""
        digits = node.value.lstrip("+-").lstrip("0")
        if len(digits) > len(str(MAX_INTEGER)) or (digits and int(digits) > MAX_INTEGER):
            number = node.value if len(node.value) <= 20 else f"a number of {len(node.value):,} digits"
            raise self.fail(
                node, f"{what} is too large ({number}): whole numbers are limited to {MAX_INTEGER:,} either way"
            )
        return int(node.value)

    def integer(self, node: YNode, what: str = "this value") -> int:
        if (
            isinstance(node, Scalar)
            and node.tag in (None, _TAG + "int")
            and (node.plain or node.tag)
            and INTEGER.fullmatch(node.value)
        ):
            return self.bounded(node, what)
        if isinstance(node, Scalar) and not node.plain and INTEGER.fullmatch(node.value):
            raise self.fail(node, f"{what} must be a whole number, not text in quotes")
        raise self.fail(node, f"{what} must be a whole number, not {describe(node)}")

    def boolean(self, node: YNode, what: str = "this value") -> bool:
        if isinstance(node, Scalar) and node.tag in (None, _TAG + "bool") and (node.plain or node.tag):
            if node.value == "true":
                return True
            if node.value == "false":
                return False
        raise self.fail(node, f"{what} must be true or false, not {describe(node)}")

    def one_of(self, node: YNode, options: Iterable[str], what: str) -> str:
        value = self.text(node, what, prose=False)
        options = tuple(options)
        if value not in options:
            hint = self.hint(value, "options " + ",".join(options), lambda: options)
            raise self.fail(node, f"{what} must be one of {', '.join(options)}, not {shown(value)!r}{hint}")
        return value

    def matching(self, node: YNode, pattern: re.Pattern[str], what: str, rule: str) -> str:
        value = self.text(node, what, prose=False)
        if len(value) > MAX_NAME:
            raise self.fail(node, f"{what} is {len(value):,} characters long; names are limited to {MAX_NAME}")
        if not pattern.fullmatch(value):
            raise self.fail(node, f"{what} {shown(value)!r} {rule}{_foreign(value)}")
        return value

    def sequence(self, node: YNode, what: str) -> list[YNode]:
        if not isinstance(node, Sequence):
            raise self.fail(node, f"{what} must be a list, not {describe(node)}")
        return node.items

    def texts(self, node: YNode, what: str, limit: int = MAX_LIST_ITEMS) -> tuple[str, ...]:
        out = []
        for item in self.capped(self.sequence(node, what), limit, what, lambda n: n):
            with contextlib.suppress(_Invalid):
                out.append(self.text(item, f"each entry of {what}"))
        return tuple(out)

    def condition(self, node: YNode, what: str) -> Condition:
        if isinstance(node, Scalar) and len(node.value) > MAX_CONDITION_LENGTH:
            raise self.fail(
                node,
                f"{what}: the condition is {len(node.value):,} characters long; conditions are limited to "
                f"{MAX_CONDITION_LENGTH} (split it, or use a flag set by an effect)",
            )
        source = self.text(node, what, prose=False)
        assert isinstance(node, Scalar)
        try:
            condition = compile_condition(source, self.names)
        except ConditionError as exc:
            column = node.column
            if node.single_line and source and node.value == source:
                column += exc.offset + (0 if node.plain else 1)
                if not node.plain and "\\" in source:
                    column = node.column
            self.error(node.line, column, f"{what}: {exc.message}")
            raise _Invalid(exc.message) from None
        self.used_names |= condition.reads
        return condition

    def effects(self, node: YNode, what: str) -> tuple[Effect, ...]:
        if not isinstance(node, Mapping):
            raise self.fail(node, f"{what} must be a mapping such as {{trust: 5}}, not {describe(node)}")
        out: list[Effect] = []
        for name, (key, value) in node.entries.items():
            if name in self.names.meters:
                try:
                    out.append((name, self.integer(value, f"{what}: the change to '{name}'")))
                except _Invalid:
                    continue
            elif name in self.names.flags:
                try:
                    out.append((name, self.boolean(value, f"{what}: flag '{name}'")))
                except _Invalid:
                    continue
            else:
                hint = self.hint(name, "names", lambda: [*self.names.meters, *self.names.flags])
                self.error(key.line, key.column, f"{what}: '{shown(name)}' is not a declared meter or flag{hint}")
                continue
            self.used_names.add(name)
        return tuple(out)

    # -- the scenario ------------------------------------------------------------------

    def read(self, root: Mapping) -> Scenario | None:
        top = self.fields(root, "the scenario", TOP_KEYS)
        assert top is not None
        if "format" in top:
            fmt = self.get(top, "format", lambda n: self.integer(n, "'format'"))
            if fmt is not None and fmt != FORMAT_VERSION:
                self.fail(
                    top["format"][1],
                    f"format {fmt} is not supported; this version of Rapport reads format {FORMAT_VERSION}",
                )
        scenario_id = self.get(
            top,
            "id",
            lambda n: self.matching(
                n,
                SLUG,
                "the scenario id",
                "must use only a–z, 0–9 and '-' (no capitals, spaces or accents; like 'first-session')",
            ),
        )
        title = self.get(top, "title", lambda n: self.text(n, "'title'"))
        summary = self.get(top, "summary", lambda n: self.text(n, "'summary'"))
        difficulty = self.get(top, "difficulty", lambda n: self.one_of(n, DIFFICULTIES, "'difficulty'"))
        minutes = self.get(top, "estimated_minutes", lambda n: self._positive(n, "'estimated_minutes'"))
        objectives = self.get(top, "learning_objectives", lambda n: self.texts(n, "'learning_objectives'"))
        debrief = self.get(top, "debrief", lambda n: self.texts(n, "'debrief'"))
        shuffle = self.get(top, "shuffle", lambda n: self.boolean(n, "'shuffle'"))
        client = self.get(top, "client", self.client)

        meters = self.get(top, "meters", self.meters) or ()
        flag_info: dict[str, Flag] = {}
        flags = self.get(top, "flags", lambda n: self.flags(n, meters, flag_info)) or ()
        # a meter whose values are wrong is still declared: its own error says what is wrong,
        # and the conditions and effects that name it need not say so again
        broken = [name for name in self.meter_names if name not in {m.name for m in meters}]
        self.names = Names.of([*(m.name for m in meters), *broken], flags)
        skills = self.get(top, "skills", self.extra_skills) or {}
        self.skills |= set(skills)
        skills_focus = self.get(top, "skills_focus", lambda n: self.skill_list(n, "'skills_focus'"))

        node_tree = top["nodes"][1] if "nodes" in top else None
        if isinstance(node_tree, Mapping):
            self.node_ids = dict.fromkeys(node_tree.entries)
        nodes = self.get(top, "nodes", self.nodes) or {}
        start = self.get(top, "start", lambda n: self.node_ref(n, "'start'"))
        rules = self.get(top, "rules", self.rules) or ()
        checks = self.get(top, "checks", lambda n: self.checks(n, nodes)) or ()

        if nodes and not any(self.diagnostics_are_errors()):
            self.continue_cycles(nodes, node_tree)
        if any(self.diagnostics_are_errors()) or not (scenario_id and title and client and start):
            return None  # (the last when a set-aside block held them: that block has its own error)
        return Scenario(
            id=scenario_id,
            title=title,
            client=client,
            meters=meters,
            start=start,
            nodes=MappingProxyType(nodes),
            summary=summary,
            difficulty=difficulty,
            estimated_minutes=minutes,
            skills_focus=skills_focus or (),
            learning_objectives=objectives or (),
            debrief=debrief or (),
            flags=flags,
            flag_info=MappingProxyType(flag_info),
            skills=MappingProxyType(skills),
            shuffle=bool(shuffle),
            rules=rules,
            checks=checks,
            id_at=(top["id"][1].line, top["id"][1].column),
        )

    def diagnostics_are_errors(self) -> Iterable[bool]:
        return (d.severity == "error" for d in self.diagnostics)

    def _positive(self, node: YNode, what: str) -> int:
        value = self.integer(node, what)
        if value < 0:
            raise self.fail(node, f"{what} cannot be negative")
        return value

    def client(self, node: YNode) -> Client:
        entries = self.fields(node, "'client'", CLIENT_KEYS)
        if entries is None or "name" not in entries:
            raise _Invalid("client")
        name = self.text(entries["name"][1], "the client's name")
        age = self.get(entries, "age", self.age)
        pronouns = self.get(entries, "pronouns", lambda n: self.text(n, "'pronouns'"))
        background = self.get(entries, "background", lambda n: self.text(n, "'background'"))
        concern = self.get(entries, "presenting_concern", lambda n: self.text(n, "'presenting_concern'"))
        appearance = self.get(entries, "appearance", self.appearance) or Appearance()
        return Client(name, age, pronouns, background, concern, appearance)

    def age(self, node: YNode) -> int | str:
        if isinstance(node, Scalar) and node.plain and INTEGER.fullmatch(node.value):
            return self.bounded(node, "the client's age")
        return self.text(node, "the client's age")

    def appearance(self, node: YNode) -> Appearance:
        appearance = read_appearance(self, node)  # type: ignore[arg-type]
        if appearance is None:
            raise _Invalid("appearance")
        return appearance

    def meters(self, node: YNode) -> tuple[Meter, ...]:
        if not isinstance(node, Mapping):
            raise self.fail(node, f"'meters' must be a mapping of meter names, not {describe(node)}")
        meters = []
        entries = self.capped(list(node.entries.items()), MAX_METERS, "'meters'", lambda e: e[1][0])
        for name, (key, value) in entries:
            if not self._name_ok(key, "meter"):
                continue
            self.declared_at[name] = (key.line, key.column)
            self.meter_names.append(name)
            meter = self.get({name: (key, value)}, name, partial(self.meter, key))
            if meter is not None:
                meters.append(meter)
        for required in ("trust", "hope"):
            if required not in node.entries:
                self.error(node.line, node.column, f"'meters' must declare '{required}'")
        return tuple(meters)

    def _name_ok(self, key: Scalar, kind: str) -> bool:
        name = key.value
        if len(name) > MAX_NAME:
            self.error(
                key.line, key.column, f"{kind} name is {len(name):,} characters long; names are limited to {MAX_NAME}"
            )
            return False
        if not NAME.fullmatch(name):
            self.error(
                key.line,
                key.column,
                f"{kind} name {name!r} must start with a–z, A–Z or '_' and use only a–z, A–Z, 0–9 and '_', "
                f"no accents{_foreign(name)} (it appears in conditions, where '-' would read as minus)",
            )
            return False
        if name in RESERVED:
            self.error(key.line, key.column, f"'{name}' is a reserved word and cannot be a {kind}")
            return False
        return True

    def meter(self, key: Scalar, node: YNode) -> Meter:
        where = f"meter '{key.value}'"
        if isinstance(node, Scalar) and not node.is_null:
            raise self.fail(node, f"{where} must be a mapping such as {{start: 30}}, not {describe(node)}")
        entries = self.fields(node, where, METER_KEYS)
        if entries is None or "start" not in entries:
            raise _Invalid(where)
        start = self.integer(entries["start"][1], f"{where}: 'start'")
        low = self.get(entries, "min", lambda n: self.integer(n, f"{where}: 'min'"))
        high = self.get(entries, "max", lambda n: self.integer(n, f"{where}: 'max'"))
        if ("min" in entries and low is None) or ("max" in entries and high is None):
            raise _Invalid(where)
        low = 0 if low is None else low
        high = 100 if high is None else high
        if low >= high:
            at = entries.get("max", entries.get("min", (key, node)))[1]
            raise self.fail(at, f"{where}: min ({low}) must be less than max ({high})")
        if not low <= start <= high:
            raise self.fail(entries["start"][1], f"{where}: start {start} is outside its bounds {low}..{high}")
        label = self.get(entries, "label", lambda n: self.text(n, f"{where}: 'label'"))
        description = self.get(entries, "description", lambda n: self.text(n, f"{where}: 'description'"))
        return Meter(key.value, start, low, high, label, description)

    def flags(self, node: YNode, meters: tuple[Meter, ...], info: dict[str, Flag]) -> tuple[str, ...]:
        """Flag names, from a list of names or a mapping name -> {label, description} (then also `info`)."""
        meter_names = {m.name for m in meters}
        out: list[str] = []
        if isinstance(node, Mapping):
            items: list[YNode] = [key for key, _ in node.entries.values()]
            values = {key.value: value for key, value in node.entries.values()}
        else:
            items = self.sequence(node, "'flags' (a list of names, or a mapping of names to {label, description})")
            values = {}
        for item in self.capped(items, MAX_FLAGS, "'flags'", lambda n: n):
            try:
                name = self.text(item, "a flag name", prose=False)
            except _Invalid:
                continue
            assert isinstance(item, Scalar)
            if isinstance(node, Mapping):
                with contextlib.suppress(_Invalid):
                    info[name] = self.flag(name, values[name])
            if not self._name_ok(Scalar(name, item.line, item.column, True), "flag"):
                continue
            if name in meter_names:
                self.error(item.line, item.column, f"'{name}' is already a meter; a flag needs its own name")
            elif name in out:
                self.error(item.line, item.column, f"flag '{name}' is declared twice")
            else:
                out.append(name)
                self.declared_at[name] = (item.line, item.column)
        return tuple(out)

    def flag(self, name: str, node: YNode) -> Flag:
        where = f"flag '{shown(name)}'"
        if _is_empty(node):
            return Flag(name)
        entries = self.fields(node, where, FLAG_KEYS)
        if entries is None:
            raise _Invalid(where)
        label = self.get(entries, "label", lambda n: self.text(n, f"{where}: 'label'"))
        description = self.get(entries, "description", lambda n: self.text(n, f"{where}: 'description'"))
        return Flag(name, label, description)

    def extra_skills(self, node: YNode) -> dict[str, str]:
        if not isinstance(node, Mapping):
            raise self.fail(node, f"'skills' must map skill ids to labels, not {describe(node)}")
        out = {}
        for name, (key, value) in self.capped(list(node.entries.items()), MAX_SKILLS, "'skills'", lambda e: e[1][0]):
            if len(name) > MAX_NAME or not ID.fullmatch(name):
                self.error(
                    key.line,
                    key.column,
                    f"skill id {shown(name)!r} must use only a–z, A–Z, 0–9, '_' and '-', no accents{_foreign(name)} "
                    f"(at most {MAX_NAME})",
                )
                continue
            label = self.get({name: (key, value)}, name, partial(self.text, what=f"skill '{name}'"))
            if label is not None:
                out[name] = label
        return out

    def skill(self, node: YNode, what: str) -> str:
        value = self.text(node, what, prose=False)
        if value not in self.skills:
            raise self.fail(
                node,
                f"{what} {shown(value)!r} is not in the catalogue ({', '.join(SKILL_CATALOGUE)}) "
                f"or under 'skills'{self.hint(value, 'skills', lambda: sorted(self.skills))}",
            )
        return value

    def skill_list(self, node: YNode, what: str) -> tuple[str, ...]:
        out = []
        for item in self.capped(self.sequence(node, what), MAX_LIST_ITEMS, what, lambda n: n):
            with contextlib.suppress(_Invalid):
                out.append(self.skill(item, "skill"))
        return tuple(out)

    def node_ref(self, node: YNode, what: str) -> str:
        value = self.text(node, what, prose=False)
        if value not in self.node_ids:
            hint = self.hint(value, "nodes", lambda: self.node_ids)
            raise self.fail(node, f"{what} goes to unknown node {shown(value)!r}{hint}")
        return value

    # -- nodes ----------------------------------------------------------------------------

    def nodes(self, tree: YNode) -> dict[str, Node]:
        if not isinstance(tree, Mapping):
            raise self.fail(tree, f"'nodes' must be a mapping of node ids to nodes, not {describe(tree)}")
        nodes: dict[str, Node] = {}
        entries = self.capped(list(tree.entries.items()), MAX_NODES, "'nodes'", lambda e: e[1][0])
        for node_id, (key, value) in entries:
            if len(node_id) > MAX_NAME or not ID.fullmatch(node_id):
                self.error(
                    key.line,
                    key.column,
                    f"node id {shown(node_id)!r} must use only a–z, A–Z, 0–9, '_' and '-', no accents or spaces"
                    f"{_foreign(node_id)} (at most {MAX_NAME})",
                )
                continue
            try:
                nodes[node_id] = self.node(node_id, key, value)
            except _Invalid:
                continue
        return nodes

    def node(self, node_id: str, key: Scalar, tree: YNode) -> Node:
        where = f"node '{node_id}'"
        if not isinstance(tree, Mapping) or not tree.entries:
            at = tree if isinstance(tree, Mapping | Sequence) or not tree.is_null else key
            raise self.fail(at, f"{where} must be a mapping with 'say', 'choices', 'next' or 'ending'")
        entries = self.fields(tree, where, NODE_KEYS)
        assert entries is not None
        say: tuple[str, ...] = ()
        say_when: tuple[Condition | None, ...] = ()
        if "say" in entries:
            value = entries["say"][1]
            if isinstance(value, Sequence):
                say, say_when = self.say_list(value, where)
                if not value.items:
                    self.fail(value, f"{where}: 'say' is an empty list")
            elif isinstance(value, Mapping) and "when" in value.entries:
                self.fail(value, f"{where}: a line with 'when' goes inside a 'say' list (- {{when: ..., text: ...}})")
            else:
                say = tuple(self.get(entries, "say", lambda n: (self.text(n, f"{where}: 'say'"),)) or ())

        def text(name: str) -> str | None:
            return self.get(entries, name, lambda n: self.text(n, f"{where}: '{name}'"))

        mood = self.get(entries, "mood", lambda n: self.one_of(n, MOODS, f"{where}: 'mood'"))
        hint = self.get(entries, "expression", lambda n: self.one_of(n, EXPRESSIONS, f"{where}: 'expression'"))
        if "narration" in entries:  # narration naming what the picture cannot show
            told = entries["narration"][1]
            for message in narration_warnings(where, getattr(told, "value", "")):
                self.warning(told.line, told.column, message)
        on_enter = self.get(entries, "on_enter", lambda n: self.effects(n, f"{where}: 'on_enter'"))
        has_choices = "choices" in entries
        has_ending = "ending" in entries
        has_next = "next" in entries
        if has_ending and (has_choices or has_next):
            other = "choices" if has_choices else "next"
            k = entries[other][0]
            self.error(k.line, k.column, f"{where} is an ending and cannot also have '{other}'")
        elif not (has_choices or has_ending or has_next) and not tree.damaged:
            self.error(
                key.line,
                key.column,
                f"{where} needs 'choices', 'next' or 'ending' (the session has nowhere to go)",
            )
        choices = self.get(entries, "choices", lambda n: self.choices(node_id, n)) or ()
        next_id = self.get(entries, "next", lambda n: self.node_ref(n, f"{where}: 'next'"))
        ending = self.get(entries, "ending", lambda n: self.ending(node_id, n))
        return Node(
            id=node_id,
            say=say,
            narration=text("narration"),
            thought=text("thought"),
            facilitator=text("facilitator"),
            mood=mood,
            expression=hint,
            phase=text("phase"),
            on_enter=on_enter or (),
            choices=choices,
            next=next_id,
            ending=ending,
            say_when=say_when,
            line=key.line,
            column=key.column,
        )

    def say_list(self, value: Sequence, where: str) -> tuple[tuple[str, ...], tuple[Condition | None, ...]]:
        """The lines of a `say` list and, when any is conditional, each line's condition."""
        texts: list[str] = []
        conditions: list[Condition | None] = []
        what = f"{where}: 'say'"
        for position, item in enumerate(self.capped(value.items, MAX_SAY_VARIANTS, what, lambda n: n), start=1):
            if isinstance(item, Mapping):
                line_of = f"line {position} of {what}"
                entries = self.fields(item, line_of, SAY_ITEM_KEYS)
                if entries is None:
                    continue
                text = self.get(entries, "text", partial(self.text, what=f"{line_of}: 'text'"))
                when = self.get(entries, "when", partial(self.condition, what=f"{line_of}: 'when'"))
                if text is not None and when is not None:
                    texts.append(text)
                    conditions.append(when)
                continue
            with contextlib.suppress(_Invalid):
                texts.append(self.text(item, f"each entry of {what}"))
                conditions.append(None)
        if conditions and all(c is not None for c in conditions) and len(conditions) == len(value.items):
            self.warning(
                value.line,
                value.column,
                f"{what}: every line has a 'when'; when none holds the client says nothing "
                "(add a line without 'when' as the default)",
            )
        return tuple(texts), (tuple(conditions) if any(c is not None for c in conditions) else ())

    def choices(self, node_id: str, tree: YNode) -> tuple[Choice, ...]:
        if isinstance(tree, Mapping):
            raise self.fail(
                tree, f"node '{node_id}': 'choices' must be a list: start each reply with '- ' (- text: ...)"
            )
        items = self.sequence(tree, f"node '{node_id}': 'choices'")
        if not items:
            raise self.fail(tree, f"node '{node_id}' has an empty 'choices' list")
        out: list[Choice] = []
        seen: dict[str, int] = {}
        items = self.capped(items, MAX_CHOICES, f"node '{node_id}': 'choices'", lambda n: n)
        for position, item in enumerate(items, start=1):
            try:
                choice = self.choice(node_id, position, item)
            except _Invalid:
                continue
            if choice.id in seen:
                self.error(
                    choice.line,
                    choice.column,
                    f"choice {position} of node '{node_id}' has id '{choice.id}', "
                    f"already used by choice {seen[choice.id]}",
                )
                continue
            seen[choice.id] = position
            out.append(choice)
        return tuple(out)

    def choice(self, node_id: str, position: int, tree: YNode) -> Choice:
        where = f"choice {position} of node '{node_id}'"
        entries = self.fields(tree, where, CHOICE_KEYS)
        if entries is None:
            raise _Invalid(where)
        choice_id = self.get(
            entries,
            "id",
            lambda n: self.matching(n, ID, f"{where}: id", ID_RULE),
        )
        text = self.get(entries, "text", lambda n: self.text(n, f"{where}: 'text'"))
        skill = self.get(entries, "skill", lambda n: self.skill(n, f"{where}: skill"))
        quality = self.get(entries, "quality", lambda n: self.one_of(n, QUALITIES, f"{where}: 'quality'"))
        effects = self.get(entries, "effects", lambda n: self.effects(n, f"{where}: 'effects'"))
        when = self.get(entries, "when", lambda n: self.condition(n, f"{where}: 'when'"))
        once = self.get(entries, "once", lambda n: self.boolean(n, f"{where}: 'once'"))
        feedback = self.get(entries, "feedback", lambda n: self.text(n, f"{where}: 'feedback'"))
        react = self.get(entries, "react", lambda n: self.text(n, f"{where}: 'react'"))
        thought = self.get(entries, "thought", lambda n: self.text(n, f"{where}: 'thought'"))
        code = self.get(entries, "code", lambda n: self.codes(n, f"{where}: 'code'"))
        also = self.get(entries, "also", lambda n: self.texts(n, f"{where}: 'also'", MAX_ALSO))
        next_id = self.get(entries, "next", lambda n: self.node_ref(n, f"{where}: 'next'"))
        if None in (text, skill, quality, next_id) or ("id" in entries and choice_id is None):
            raise _Invalid(where)
        assert text and skill and quality and next_id
        return Choice(
            id=choice_id if choice_id is not None else str(position),
            text=text,
            skill=skill,
            quality=quality,
            next=next_id,
            effects=effects or (),
            when=when,
            once=bool(once),
            feedback=feedback,
            react=react,
            thought=thought,
            code=code or (),
            also=also or (),
            line=tree.line,
            column=tree.column,
        )

    def codes(self, node: YNode, what: str) -> tuple[str, ...]:
        """MITI 4 behaviour codes: one code, or a list of distinct codes."""
        items = self.sequence(node, what) if isinstance(node, Sequence) else [node]
        out: list[str] = []
        for item in items[: len(MITI_CODES) + 1]:
            value = self.text(item, what, prose=False)
            if value not in MITI_CODES:
                hint = self.hint(value, "codes", lambda: MITI_CODES)
                raise self.fail(item, f"{what}: {shown(value)!r} is not a MITI 4 code ({', '.join(MITI_CODES)}){hint}")
            if value in out:
                raise self.fail(item, f"{what}: '{value}' is listed twice")
            out.append(value)
        return tuple(out)

    def ending(self, node_id: str, tree: YNode) -> Ending:
        where = f"the ending of node '{node_id}'"
        entries = self.fields(tree, where, ENDING_KEYS)
        if entries is None or "outcome" not in entries:
            raise _Invalid(where)
        outcome = self.matching(
            entries["outcome"][1],
            ID,
            f"{where}: outcome",
            ID_RULE + " (like 'engaged')",
        )
        return Ending(
            outcome=outcome,
            title=self.get(entries, "title", lambda n: self.text(n, f"{where}: 'title'")),
            summary=self.get(entries, "summary", lambda n: self.text(n, f"{where}: 'summary'")),
            rating=self.get(entries, "rating", lambda n: self.one_of(n, RATINGS, f"{where}: 'rating'")),
        )

    # -- rules and checks --------------------------------------------------------------

    def rules(self, tree: YNode) -> tuple[Rule, ...]:
        out: list[Rule] = []
        seen: set[str] = set()
        items = self.capped(self.sequence(tree, "'rules'"), MAX_RULES, "'rules'", lambda n: n)
        for position, item in enumerate(items, start=1):
            rule = self.rule(position, item, seen)
            if rule is not None:
                out.append(rule)
        return tuple(out)

    def rule(self, position: int, item: YNode, seen: set[str]) -> Rule | None:
        where = f"rule {position}"
        entries = self.fields(item, where, RULE_KEYS)
        if entries is None:
            return None
        rule_id = self.get(entries, "id", lambda n: self.matching(n, ID, f"{where}: id", ID_RULE))
        if rule_id is not None:
            where = f"rule '{rule_id}'"
            if rule_id in seen:
                self.fail(entries["id"][1], f"rule id '{rule_id}' is used twice")
            seen.add(rule_id)
        when = self.get(entries, "when", lambda n: self.condition(n, f"{where}: 'when'"))
        goto = self.get(entries, "goto", lambda n: self.node_ref(n, f"{where}: 'goto'"))
        once = self.get(entries, "once", lambda n: self.boolean(n, f"{where}: 'once'"))
        note = self.get(entries, "note", lambda n: self.text(n, f"{where}: 'note'"))
        if rule_id is None or when is None or goto is None:
            return None
        return Rule(rule_id, when, goto, True if once is None else once, note, item.line, item.column)

    def checks(self, tree: YNode, nodes: dict[str, Node]) -> tuple[Check, ...]:
        outcomes = sorted({n.ending.outcome for n in nodes.values() if n.ending})
        out: list[Check] = []
        items = self.capped(self.sequence(tree, "'checks'"), MAX_CHECKS, "'checks'", lambda n: n)
        for position, item in enumerate(items, start=1):
            check = self.check(position, item, outcomes if nodes else None)
            if check is not None:
                out.append(check)
        return tuple(out)

    def check(self, position: int, item: YNode, outcomes: list[str] | None) -> Check | None:
        where = f"check {position}"
        entries = self.fields(item, where, CHECK_KEYS)
        if entries is None:
            return None
        name = self.get(entries, "name", lambda n: self.text(n, f"{where}: 'name'"))
        numbers = self.get(entries, "choices", lambda n: self.shown_numbers(n, where))
        seed = self.get(entries, "seed", lambda n: self.integer(n, f"{where}: 'seed'"))
        outcome = self.get(entries, "outcome", lambda n: self.text(n, f"{where}: 'outcome'", prose=False))
        if outcome is not None and outcomes is not None and outcome not in outcomes:
            self.fail(
                entries["outcome"][1],
                f"{where}: no ending has outcome {shown(outcome)!r}{self.hint(outcome, 'outcomes', lambda: outcomes)}",
            )
        at = self.get(entries, "at", lambda n: self.node_ref(n, f"{where}: 'at'"))
        if outcome is not None and at is not None:
            self.fail(entries["at"][1], f"{where}: 'at' (still in the session) and 'outcome' (ended) cannot both hold")
        expect = self.get(entries, "expect", lambda n: self.condition(n, f"{where}: 'expect'"))
        if numbers is None:
            return None
        return Check(name or f"check {position}", numbers, seed or 0, outcome, at, expect, item.line, item.column)

    def shown_numbers(self, tree: YNode, where: str) -> tuple[int, ...]:
        out: list[int] = []
        items = self.capped(
            self.sequence(tree, f"{where}: 'choices'"), MAX_CHECK_CHOICES, f"{where}: 'choices'", lambda n: n
        )
        for item in items:
            number = self.integer(item, f"{where}: each choice number")
            if number < 1:
                raise self.fail(item, f"{where}: choice numbers start at 1")
            out.append(number)
        return tuple(out)

    # -- whole-file checks ----------------------------------------------------------

    def continue_cycles(self, nodes: dict[str, Node], tree: YNode | None) -> None:
        """Report a loop made only of continue nodes: the session could never leave it."""
        # each continue node has one way on, so one walk per node, never repeated, finds every loop
        done: set[str] = set()
        for node_id in nodes:
            path: list[str] = []
            on_path: dict[str, int] = {}
            current: str | None = node_id
            while current is not None and current in nodes and nodes[current].is_continue and current not in done:
                if current in on_path:
                    cycle = path[on_path[current] :]
                    first = min(cycle, key=lambda n: nodes[n].line)
                    shown_ids = [*cycle, current] if len(cycle) <= 12 else [*cycle[:10], "...", current]
                    loop = " -> ".join(shown_ids) + ("" if len(cycle) <= 12 else f" ({len(cycle):,} nodes)")
                    self.error(
                        nodes[first].line,
                        nodes[first].column,
                        f"node '{first}' is in a loop of continue nodes with no way out: {loop}",
                    )
                    break
                on_path[current] = len(path)
                path.append(current)
                current = nodes[current].next
            done.update(path)

    def warn_about(self, scenario: Scenario) -> None:
        """Warnings: unreachable nodes, nodes that cannot reach an ending, unused names."""
        reachable = graph.reachable_from_start(scenario)
        leads_to_end = graph.can_reach_ending(scenario)
        for node in scenario.nodes.values():
            if node.id not in reachable:
                self.warning(node.line, node.column, f"node '{node.id}' cannot be reached from '{scenario.start}'")
            elif node.id not in leads_to_end:
                self.warning(node.line, node.column, f"no ending can be reached from node '{node.id}'")
        for node in scenario.nodes.values():
            for position, choice in enumerate(node.choices, start=1):
                if not choice.feedback:
                    self.warning(
                        choice.line,
                        choice.column,
                        f"choice {position} of node '{node.id}' has no 'feedback': say why this reply helps or "
                        "hurts (the coach shows it in practice mode, and every debrief)",
                    )
        for check in scenario.checks:
            if check.expect is not None:
                self.used_names |= check.expect.reads
        for meter in scenario.meters:
            if meter.name not in ("trust", "hope") and meter.name not in self.used_names:
                self.warning(
                    *self.declared_at.get(meter.name, (1, 1)),
                    f"meter '{meter.name}' is declared but never used",
                )
        for flag in scenario.flags:
            if flag not in self.used_names:
                self.warning(*self.declared_at.get(flag, (1, 1)), f"flag '{flag}' is declared but never used")


def _foreign(value: str) -> str:
    """'; 'ñ' is not a–z' for a name with a letter outside a–z (an accent, another script), else ''."""
    odd = next((c for c in value if not c.isascii() and c.isalnum()), None)
    return f"; {odd!r} is not one of them" if odd else ""


def _is_empty(node: YNode) -> bool:
    return isinstance(node, Scalar) and node.is_null


def _short(tag: str | None) -> str:
    return "!!" + tag[len(_TAG) :] if tag and tag.startswith(_TAG) else str(tag)
