"""Problems found in a scenario file, each with its place, collected rather than raised."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One message of the form PATH:LINE:COLUMN: SEVERITY: MESSAGE (line and column 1-based)."""

    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str
    path: str = ""

    def format(self, path: str | None = None) -> str:
        where = path if path is not None else self.path
        return f"{where}:{self.line}:{self.column}: {self.severity}: {self.message}"


class ScenarioError(Exception):
    """A scenario that cannot be loaded; carries every diagnostic found, errors first by line."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = sorted(diagnostics)
        first = next((d for d in self.diagnostics if d.severity == "error"), None)
        super().__init__(first.format(path) if first else f"{path}: cannot be loaded")

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def lines(self) -> list[str]:
        return [d.format(self.path) for d in self.diagnostics]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a candidate is close to `word`, else ''."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in candidates}
        if word.lower() in lowered:
            matches = [lowered[word.lower()]]
    return f" (did you mean '{matches[0]}'?)" if matches else ""
