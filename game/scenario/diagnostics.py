"""Problems found in a scenario file, each with its place, collected rather than raised."""

from __future__ import annotations

import difflib
import re
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

    def __post_init__(self) -> None:
        # one message, one line: a name quoted from the file may hold a line break or a
        # terminal's escape character (written as an escape inside double quotes)
        if _UNPRINTABLE.search(self.message):
            object.__setattr__(self, "message", _UNPRINTABLE.sub(_escaped, self.message))

    def format(self, path: str | None = None) -> str:
        where = path if path is not None else self.path
        return f"{where}:{self.line}:{self.column}: {self.severity}: {self.message}"


_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


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


SMALL = 100
"""Up to this many candidates, a suggestion compares the word with every one of them."""

POOL = 100
"""With more candidates, at most this many (the near misses first) are compared per word."""

LONGEST = 100
"""Words longer than this get no fuzzy suggestion (comparing long texts costs too much)."""

INDEXED = 32
"""Candidates up to this long are indexed by their one-deletion variants (memory grows as its square)."""

COMPARISONS = 50_000
"""Fuzzy comparisons one budget allows (about half a second); past it, only other capitals are suggested.

A file with thousands of unknown words is broken wholesale: it still gets every error, and
the first thousands of them their suggestions, but never minutes of comparing.
"""


class Budget:
    """How many more fuzzy comparisons may be made; shared by the indexes of one file."""

    def __init__(self, comparisons: int = COMPARISONS) -> None:
        self.left = comparisons

    def take(self, comparisons: int) -> bool:
        """Spend `comparisons` if they are left; False (spending nothing) if not."""
        if comparisons > self.left:
            self.left = 0
            return False
        self.left -= comparisons
        return True


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a candidate is close to `word`, else ''.

    For many candidates, or many words, build a `Suggestions` once and ask it instead.
    """
    return Suggestions(candidates).hint(word)


class Suggestions:
    """ "Did you mean" over a fixed set of candidates, at a cost per word that does not grow with the set.

    Close means what `difflib.get_close_matches` means (a ratio of 0.6 or more), else the same
    word in other capitals. A small set is compared in full. A large one is indexed once by
    every candidate with one character deleted (so a word one slip away, by a wrong, missing,
    extra or swapped character, is found by a few dictionary look-ups) and by length and first
    letter; a word is then compared with at most `POOL` candidates, the near misses first.
    Every comparison is paid from `budget`.
    """

    def __init__(self, candidates: Iterable[str], budget: Budget | None = None) -> None:
        self.budget = budget if budget is not None else Budget()
        self.candidates = list(dict.fromkeys(candidates))
        self.lowered: dict[str, str] = {}
        for candidate in self.candidates:
            self.lowered.setdefault(candidate.lower(), candidate)
        self.large = len(self.candidates) > SMALL
        self.deletions: dict[str, list[str]] = {}
        self.buckets: dict[tuple[int, str], list[str]] = {}
        if self.large:
            for candidate in self.candidates:
                key = (len(candidate), candidate[:1].lower())
                bucket = self.buckets.setdefault(key, [])
                if len(bucket) < POOL:
                    bucket.append(candidate)
                if len(candidate) <= INDEXED:
                    for variant in _one_deleted(candidate):
                        self.deletions.setdefault(variant, []).append(candidate)

    def best(self, word: str) -> str | None:
        """The closest candidate, or None."""
        if len(word) <= LONGEST:
            if not self.large:
                match = self._closest(word, self.candidates)
            else:  # the near misses first; only without one, a bounded look at words of its shape
                match = self._closest(word, self._near_misses(word)) or self._closest(word, self._same_shape(word))
            if match is not None:
                return match
        return self.lowered.get(word.lower())

    def hint(self, word: str) -> str:
        """' (did you mean 'x'?)' or ''."""
        match = self.best(word)
        return f" (did you mean '{match}'?)" if match is not None else ""

    def _near_misses(self, word: str) -> list[str]:
        """Candidates one deletion from `word`, or sharing one (a wrong, missing, extra or swapped character)."""
        pool: dict[str, None] = {}
        if len(word) <= INDEXED + 1:
            for variant in _one_deleted(word):
                for candidate in self.deletions.get(variant, ()):
                    pool[candidate] = None
                    if len(pool) >= POOL:
                        return list(pool)
        return list(pool)

    def _same_shape(self, word: str) -> list[str]:
        """At most `POOL` candidates of about its length that start with its first letter."""
        pool: dict[str, None] = {}
        for size in (len(word), len(word) - 1, len(word) + 1):
            for candidate in self.buckets.get((size, word[:1].lower()), ()):
                pool[candidate] = None
                if len(pool) >= POOL:
                    return list(pool)
        return list(pool)

    def _closest(self, word: str, candidates: list[str]) -> str | None:
        if not candidates or not self.budget.take(len(candidates)):
            return None
        matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return matches[0] if matches else None


def _one_deleted(word: str) -> list[str]:
    """`word` itself and every string made from it by deleting one character."""
    return [word, *(word[:i] + word[i + 1 :] for i in range(len(word)))]
