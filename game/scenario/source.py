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


@dataclass(slots=True)
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)
    tag: str | None = None


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


_HINTS = {
    "mapping values are not allowed": " (text with ': ' in it must be in quotes)",
    "tab character": " (indent with spaces, not tabs)",
    "found undefined alias": " (text starting with '*' must be in quotes)",
    "found unknown escape character": " (in double quotes a backslash starts an escape; use single quotes)",
    "while scanning a quoted scalar": " (a quote was opened and never closed)",
    "could not find expected ':'": " (a line may lack the ': ' after its key, or text needs quotes)",
}


def _hint(problem: str) -> str:
    return next((hint for key, hint in _HINTS.items() if key in problem), "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class _TreeBuilder:
    """Turns parser events into Scalar/Mapping/Sequence, refusing what the format forbids."""

    def __init__(self, back: dict[int, str] | None = None) -> None:
        self.back = back or {}
        self.root: Node | None = None
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.documents = 0
        self.duplicates: list[Diagnostic] = []

    def feed(self, event: Any) -> None:  # PyYAML's event classes carry no type information
        kind = type(event)
        if kind is ev.ScalarEvent:
            self._check(event)
            mark = event.start_mark
            self._add(
                Scalar(
                    event.value.translate(self.back) if self.back else event.value,
                    mark.line + 1,
                    mark.column + 1,
                    plain=not event.style,
                    tag=event.tag,
                    single_line=event.end_mark.line == mark.line,
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
            self._add(node, event)
            self.stack.append(node)
            self.pending_key.append(None)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            self.stack.pop()
            self.pending_key.pop()
        elif kind is ev.AliasEvent:
            m = event.start_mark
            raise _Refused(
                _error(
                    m.line + 1,
                    m.column + 1,
                    f"aliases (*{event.anchor}) are not allowed in scenario files; write the value out",
                )
            )
        elif kind is ev.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                m = event.start_mark
                raise _Refused(_error(m.line + 1, m.column + 1, "only one YAML document is allowed per file"))

    def _check(self, event: Any) -> None:
        m = event.start_mark
        if event.anchor is not None:
            raise _Refused(
                _error(
                    m.line + 1,
                    m.column + 1,
                    f"anchors (&{event.anchor}) are not allowed in scenario files; write the value out",
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
                    "(!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are",
                )
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
                raise _Refused(_error(node.line, node.column, "a mapping key must be a plain name"))
            self.pending_key[-1] = node
            return
        self.pending_key[-1] = None
        if key.value in parent.entries:
            first = parent.entries[key.value][0]
            self.duplicates.append(
                _error(
                    key.line,
                    key.column,
                    f"duplicate key '{key.value}' (first written on line {first.line})",
                )
            )
            return
        parent.entries[key.value] = (key, node)


def read_tree(data: bytes) -> tuple[Mapping, list[Diagnostic]]:
    """Bytes to a tree plus the duplicate-key errors found on the way (raises SourceError)."""
    duplicates: list[Diagnostic] = []
    return parse(decode(data), duplicates), duplicates


def parse(text: str, duplicates: list[Diagnostic]) -> Mapping:
    """Build the tree of one YAML document whose root must be a mapping."""
    _refuse_control_characters(text)
    shielded, back = _shield(text)
    builder = _TreeBuilder(back)
    try:
        for event in yaml.parse(shielded, Loader=_Loader):
            builder.feed(event)
    except _Refused as refused:
        raise SourceError([refused.diagnostic]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").translate(back)
        raise SourceError([_error(line, column, f"YAML syntax: {problem}{_hint(problem)}")]) from None
    except yaml.YAMLError as exc:
        raise SourceError([_error(1, 1, f"YAML syntax: {_one_line(str(exc))}")]) from None
    except RecursionError:  # the pure-Python parser on pathological input
        raise SourceError([_error(1, 1, f"nested deeper than {MAX_DEPTH} levels")]) from None
    duplicates.extend(builder.duplicates)
    root = builder.root
    if root is None or (isinstance(root, Scalar) and root.is_null):
        raise SourceError([_error(1, 1, "empty file: a scenario is a YAML mapping of keys")])
    if not isinstance(root, Mapping):
        kind = "a list" if isinstance(root, Sequence) else "a single value"
        raise SourceError([_error(1, 1, f"the file is {kind}; a scenario is a mapping of keys (format, id, ...)")])
    return root
