"""Read YAML text into a small tree that remembers where every value was written.

We walk the parser's events ourselves instead of calling `yaml.compose`, so that
anchors, aliases, non-standard tags and deep nesting are refused before any
object is built, and no YAML 1.1 implicit typing ever touches the text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from game.scenario.diagnostics import Diagnostic
from game.scenario.limits import MAX_FILE_BYTES, MAX_YAML_DEPTH
from game.scenario.slips import GENERIC, Lines, Slip, explain, indent, prescan

MAX_BYTES = MAX_FILE_BYTES
MAX_DEPTH = MAX_YAML_DEPTH

_STANDARD_TAG = "tag:yaml.org,2002:"
STANDARD_TAGS = frozenset(_STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map")) | {
    "!"
}

try:  # libyaml's C parser when present, the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(slots=True)
class Scalar:
    value: str
    line: int  # 1-based
    column: int  # 1-based; a quoted scalar starts at its quote
    plain: bool
    tag: str | None = None
    single_line: bool = True
    comment_after: str = ""  # plain text followed on its line by ' #…': what YAML read as a comment

    @property
    def is_null(self) -> bool:
        if self.tag == _STANDARD_TAG + "null":
            return True
        return self.plain and self.tag is None and self.value == ""


@dataclass(slots=True)
class Mapping:
    line: int
    column: int
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    tag: str | None = None
    end_line: int = 0
    damaged: bool = False  # part of it was set aside after a syntax error: what is missing is not news


@dataclass(slots=True)
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)
    tag: str | None = None
    end_line: int = 0
    damaged: bool = False


Node = Scalar | Mapping | Sequence


class SourceError(Exception):
    """The text cannot become a tree; `diagnostics` says why and where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].message if diagnostics else "unreadable")
        self.diagnostics = diagnostics


def _error(line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(line, column, "error", message)


def read_source(path: str | os.PathLike[str]) -> bytes:
    """A scenario file's bytes, reading at most one byte more than the limit (raises OSError).

    A file over the limit is never read whole, however large it is: what comes back is
    then `MAX_BYTES + 1` bytes, which `decode` refuses as too large.
    """
    with Path(path).open("rb") as stream:
        return stream.read(MAX_BYTES + 1)


_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`, as editors and `grep -n` count them.

    Only LF, CR LF and CR end a line; a column counts characters.
    """
    before = text[:offset]
    line_start = 0
    line = 1
    for match in _LINE_END.finditer(before):
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def decode(data: bytes) -> str:
    """Bytes to text, refusing what is too large, binary or not UTF-8, with one clear line."""
    if len(data) > MAX_BYTES:
        raise SourceError(
            [_error(1, 1, f"file is over 1 MiB ({MAX_BYTES:,} bytes); scenario files are limited to 1 MiB")]
        )
    if b"\x00" in data:
        raise SourceError([_error(1, 1, "binary file: a scenario is YAML text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_LINE_END_BYTES.findall(data, 0, exc.start)) + 1  # a whole-file problem: reported at 1:1
        raise SourceError([_error(1, 1, f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line})")]) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in _LINE_END.split(text)):
        raise SourceError([_error(1, 1, "empty file: a scenario is a YAML mapping of keys")])
    return text


# Characters that YAML 1.1 readers (PyYAML, libyaml) or `str.splitlines` take for line breaks,
# though editors and `grep -n` do not: NEL, LS, PS, VT, FF and the C0 separators. YAML 1.2
# reads NEL, LS and PS as ordinary characters; we make the parser do the same by standing a
# private-use character in for each, then putting the original back in every value.
_FOREIGN_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Characters YAML refuses outright (control characters, U+FFFE, U+FFFF); found here so that
# the error names the real line and column.
_REFUSED = re.compile("[\x01-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _shield(text: str) -> tuple[str, dict[int, str]]:
    """`text` with each foreign line break replaced by an unused character, and the way back."""
    present = [c for c in _FOREIGN_BREAKS if c in text]
    if not present:
        return text, {}
    lowered = text.lower()
    there: dict[int, str] = {}
    back: dict[int, str] = {}
    code = 0xE000
    for char in present:
        # never a character of the file, nor one an escape such as "\ue000" could write
        while chr(code) in text or f"{code:04x}" in lowered:
            code += 1
        there[ord(char)] = chr(code)
        back[code] = char
        code += 1
    return text.translate(there), back


def _refuse_control_characters(text: str) -> None:
    found = _REFUSED.search(text)
    if found is None:
        return
    line, column = position(text, found.start())
    raise SourceError(
        [
            _error(
                line,
                column,
                f"control character U+{ord(found.group()):04X} is not allowed in a scenario file; delete it",
            )
        ]
    )


MAX_SYNTAX_ERRORS = 20
"""Syntax errors reported per file; past them checking stops (a file this broken is broken wholesale)."""


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic, fatal: bool = True) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.fatal = fatal  # a danger (anchors, depth, documents), not a slip to set aside and read past


class _TreeBuilder:
    """Turns parser events into Scalar/Mapping/Sequence, refusing what the format forbids."""

    def __init__(self, lines: list[str], back: dict[int, str] | None = None) -> None:
        self.lines = lines
        self.back = back or {}
        self.root: Node | None = None
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.under: list[str] = []  # the key each open collection is the value of ('' for list items)
        self.repeated: list[list[tuple[Scalar, Scalar]]] = []  # per open collection: (repeated key, first)
        self.documents = 0
        self.duplicates: list[Diagnostic] = []

    def feed(self, event: Any) -> None:  # PyYAML's event classes carry no type information
        kind = type(event)
        if kind is ev.ScalarEvent:
            self._check(event)
            mark, end = event.start_mark, event.end_mark
            self._add(
                Scalar(
                    event.value.translate(self.back) if self.back else event.value,
                    mark.line + 1,
                    mark.column + 1,
                    plain=not event.style,
                    tag=event.tag,
                    single_line=end.line == mark.line,
                    comment_after="" if event.style else self._comment_after(end.line, end.column),
                ),
                event,
            )
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            self._check(event)
            if len(self.stack) >= MAX_DEPTH:
                m = event.start_mark
                raise _Refused(_error(m.line + 1, m.column + 1, f"nested deeper than {MAX_DEPTH} levels"))
            mark = event.start_mark
            node: Mapping | Sequence
            if kind is ev.MappingStartEvent:
                node = Mapping(mark.line + 1, mark.column + 1, tag=event.tag)
            else:
                node = Sequence(mark.line + 1, mark.column + 1, tag=event.tag)
            under = self.pending_key[-1].value if self.pending_key and self.pending_key[-1] is not None else ""
            self._add(node, event)
            self.stack.append(node)
            self.pending_key.append(None)
            self.under.append(under)
            self.repeated.append([])
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            done = self.stack.pop()
            done.end_line = event.end_mark.line + 1
            self.pending_key.pop()
            self.under.pop()
            repeated = self.repeated.pop()
            if repeated:
                self._report_repeated(done, repeated)
        elif kind is ev.AliasEvent:
            m = event.start_mark
            raise _Refused(
                _error(
                    m.line + 1,
                    m.column + 1,
                    f"text that starts with * must be in quotes (YAML reads *{event.anchor} as a reference "
                    "to another value, which scenario files do not use)",
                ),
                fatal=False,
            )
        elif kind is ev.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                m = event.start_mark
                raise _Refused(
                    _error(
                        m.line + 1,
                        m.column + 1,
                        "only one YAML document is allowed per file (a line '---' starts another one)",
                    )
                )

    def _comment_after(self, line: int, column: int) -> str:
        """The comment right after a plain value ending at (`line`, `column`), both 0-based; '' if none."""
        rest = self.lines[line][column:] if line < len(self.lines) else ""
        comment = rest.lstrip(" \t")
        return comment if comment.startswith("#") and rest[:1] in " \t" else ""

    def _check(self, event: Any) -> None:
        m = event.start_mark
        if event.anchor is not None:
            raise _Refused(
                _error(
                    m.line + 1,
                    m.column + 1,
                    f"anchors (&{event.anchor}) are not allowed in scenario files; write the value out "
                    "(text that starts with & must be in quotes)",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in STANDARD_TAGS:
            shown = "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag
            raise _Refused(
                _error(
                    m.line + 1,
                    m.column + 1,
                    f"tag '{shown}' is not allowed; only the standard YAML tags "
                    "(!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are (text that starts with ! must "
                    "be in quotes)",
                ),
                fatal=False,
            )

    def _add(self, node: Node, event: Any) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = self.pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                raise _Refused(
                    _error(node.line, node.column, "a key must be a plain name (a { or [ opens here)"), fatal=False
                )
            self.pending_key[-1] = node
            return
        self.pending_key[-1] = None
        if key.value in parent.entries:
            self.repeated[-1].append((key, parent.entries[key.value][0]))
            return
        parent.entries[key.value] = (key, node)

    def _report_repeated(self, mapping: Mapping | Sequence, repeated: list[tuple[Scalar, Scalar]]) -> None:
        """Duplicate keys; in a list item, keys given again from its first on are a forgotten '- '."""
        in_list = len(self.stack) > 0 and isinstance(self.stack[-1], Sequence)
        first_key = next(iter(mapping.entries)) if isinstance(mapping, Mapping) and mapping.entries else None
        starts_again = next((i for i, (key, _) in enumerate(repeated) if key.value == first_key), None)
        if in_list and (starts_again is not None or len(repeated) >= 2):
            key, first = repeated[starts_again or 0]
            word = {"choices": "reply", "rules": "rule", "checks": "check", "say": "line"}.get(self.under[-1], "entry")
            self.duplicates.append(
                _error(
                    key.line,
                    key.column,
                    f"did you forget '- ' before this {word}? ('{key.value}' is already given for the {word} "
                    f"above, on line {first.line})",
                )
            )
            return
        for key, first in repeated:
            self.duplicates.append(
                _error(key.line, key.column, f"duplicate key '{key.value}' (first written on line {first.line})")
            )


@dataclass(slots=True)
class Document:
    """A file read as far as it could be: the tree, the syntax problems, the lines set aside to read on."""

    root: Mapping
    diagnostics: list[Diagnostic]
    set_aside: list[tuple[int, int]]  # closed ranges of lines; what the loader finds there is not reported


def read_tree(data: bytes) -> tuple[Mapping, list[Diagnostic]]:
    """Bytes to a tree plus the problems found on the way: slips, syntax, duplicate keys (raises SourceError)."""
    document = read_document(data)
    return document.root, document.diagnostics


def read_document(data: bytes) -> Document:
    """Bytes to a `Document` (raises SourceError when there is nothing to read past)."""
    return parse(decode(data))


def parse(text: str) -> Document:
    """Read one YAML document whose root must be a mapping, reading past every slip that can be set aside.

    A slip the raw text shows is reported and repaired in a working copy; an error of the parser is
    explained in plain words and its line repaired, or its block blanked out, and the copy parsed
    again; so one file's slips come out together, with its content errors.
    """
    _refuse_control_characters(text)
    shielded, back = _shield(text)
    lines = Lines(shielded)
    slips = prescan(lines)
    flagged = {s.line for s in slips}
    found = [_error(s.line, s.column, s.message) for s in slips]
    set_aside: list[tuple[int, int]] = []
    for _ in range(MAX_SYNTAX_ERRORS * 2):
        builder = _TreeBuilder(lines.bodies, back)
        try:
            for event in yaml.parse(lines.text(), Loader=_Loader):
                builder.feed(event)
            break
        except _Refused as refused:
            if refused.fatal:
                raise SourceError([*found, refused.diagnostic]) from None
            found.append(refused.diagnostic)
            region = lines.block(refused.diagnostic.line)
            if not _set_aside(lines, region, set_aside):
                raise SourceError(found) from None
        except yaml.MarkedYAMLError as exc:
            slip = _explained(exc, lines, back)
            unexplained = slip.message == GENERIC
            if unexplained and any(d.message == GENERIC for d in found):
                flagged.add(slip.line)  # what follows a slip we could not name is most likely its echo
            if slip.line not in flagged and not any(a <= slip.line <= b for a, b in set_aside):
                found.append(_error(slip.line, slip.column, slip.message))
                flagged.add(slip.line)
            mended = slip.repair is not None and slip.repair != lines.body(slip.line)
            if mended:
                assert slip.repair is not None
                lines.set(slip.line, slip.repair)
                continue
            line = min(slip.line, _line_of(exc))
            region = lines.block(line)
            region = (region[0], max(region[1], _line_of(exc)))
            if not _set_aside(lines, region, set_aside):
                raise SourceError(found) from None
        except yaml.YAMLError:
            raise SourceError([*found, _error(1, 1, _GENERIC_UNREADABLE)]) from None
        except RecursionError:  # the pure-Python parser on pathological input
            raise SourceError([*found, _error(1, 1, f"nested deeper than {MAX_DEPTH} levels")]) from None
        if len(found) > MAX_SYNTAX_ERRORS:
            raise SourceError(found) from None
    else:
        raise SourceError(found or [_error(1, 1, _GENERIC_UNREADABLE)])
    root = builder.root
    if root is None or (isinstance(root, Scalar) and root.is_null):
        raise SourceError(found or [_error(1, 1, "empty file: a scenario is a YAML mapping of keys")])
    if not isinstance(root, Mapping):
        kind = "a list" if isinstance(root, Sequence) else "a single value"
        raise SourceError(
            found or [_error(1, 1, f"the file is {kind}; a scenario is a mapping of keys (format, id, ...)")]
        )
    for start, _ in set_aside:
        _mark_damaged(root, start)
    return Document(root, [*found, *builder.duplicates], set_aside)


_GENERIC_UNREADABLE = "YAML cannot read this file: check that it is a scenario written as 'key: value' lines"


def _line_of(exc: yaml.MarkedYAMLError) -> int:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else 1


def _explained(exc: yaml.MarkedYAMLError, lines: Lines, back: dict[int, str]) -> Slip:
    mark = exc.problem_mark or exc.context_mark
    at = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context_at = (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else None
    return explain(lines, exc.problem or "", exc.context or "", at, context_at)


_KEPT_KEY = re.compile(r"^( *(?:- +)*[A-Za-z0-9_][A-Za-z0-9_-]*):(?= |$)")


def _set_aside(lines: Lines, region: tuple[int, int], set_aside: list[tuple[int, int]]) -> bool:
    """Blank lines `region` out (keeping a first line's key or '-', so what it names still exists).

    False when that changes nothing (the parser would stop at the same place again).
    """
    start, end = region
    before = [lines.body(n) for n in range(start, end + 1)]
    first = lines.body(start)
    kept = _KEPT_KEY.match(first)
    dash = re.match(r"^( *)- ", first)
    lines.set(start, kept.group(1) + ":" if kept else (dash.group(1) + "-" if dash else ""))
    for number in range(start + 1, end + 1):  # siblings keep their keys too: what they name still exists
        sibling = _KEPT_KEY.match(lines.body(number))
        same_level = sibling is not None and indent(lines.body(number)) == indent(first)
        lines.set(number, sibling.group(1) + ":" if same_level and sibling else "")
    if [lines.body(n) for n in range(start, end + 1)] == before:
        if kept or dash:  # already reduced to its key: blank it wholly
            lines.set(start, "")
            if lines.body(start) != first:
                set_aside.append(region)
                return True
        return False
    set_aside.append(region)
    return True


def _mark_damaged(root: Mapping, line: int) -> None:
    """Mark the innermost collection holding `line`: its missing keys are the set-aside ones."""
    node: Mapping | Sequence = root
    while True:
        children = node.items if isinstance(node, Sequence) else [v for _, v in node.entries.values()]
        inner = next(
            (c for c in children if isinstance(c, Mapping | Sequence) and c.line <= line <= max(c.end_line, c.line)),
            None,
        )
        if inner is None:
            node.damaged = True
            return
        node = inner
