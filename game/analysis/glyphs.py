"""`validate --strict`: warn about text no shipped font can draw (game.scenario.scripts has the table)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from game.scenario.diagnostics import Diagnostic
from game.scenario.model import Scenario
from game.scenario.scripts import describe_uncovered

_FIELDS: dict[type, tuple[str, ...]] = {}


def _texts(value: Any, line: int, column: int, depth: int = 0) -> Iterator[tuple[str, int, int]]:
    """Every string in the scenario model that is not plain ASCII, with the line and column of the
    nearest thing that has one."""
    if depth > 12 or value is None or isinstance(value, int | float):
        return
    if isinstance(value, str):
        if not value.isascii():
            yield value, line, column
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        line = getattr(value, "line", 0) or line
        column = getattr(value, "column", 0) or column
        kind = type(value)
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(item.name for item in dataclasses.fields(value))
        for name in names:
            yield from _texts(getattr(value, name), line, column, depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item, line, column, depth + 1)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, line, column, depth + 1)


def glyph_warnings(scenario: Scenario, source: bytes | None = None) -> list[Diagnostic]:
    """One warning per piece of text that holds characters no shipped font has a glyph for.

    `source`, the file's bytes, saves the walk when it is all ASCII.
    """
    if source is not None and source.isascii():
        return []
    found: list[Diagnostic] = []
    seen: set[str] = set()
    for text, line, column in _texts(scenario, 1, 1):
        if text in seen:
            continue
        seen.add(text)
        message = describe_uncovered(text)
        if message is not None:
            found.append(Diagnostic(max(1, line), max(1, column), "warning", message))
    return found
