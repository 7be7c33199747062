"""The part of the Unicode Bidirectional Algorithm (UAX #9) that Rapport's text needs.

Implemented: the paragraph level from the first strong character (P2, P3), isolates (LRI, RLI,
FSI … PDI: the text inside is laid out on its own, and counts as one neutral character outside),
the weak types (W1–W7), bracket pairs (N0, simplified), the neutrals (N1, N2), the implicit levels
(I1, I2), trailing whitespace (L1) and the reordering of a line (L2). Not implemented: explicit
embeddings and overrides (LRE, RLE, LRO, RLO, PDF are treated as neutral). Glyph mirroring (L4) and the
order of the glyphs inside a right-to-left run are HarfBuzz's, which shapes each run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_STRONG_R = {"R", "AL"}
_NEUTRAL = {"B", "S", "WS", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def bidi_class(ch: str) -> str:
    return unicodedata.bidirectional(ch) or "L"


LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_INITIATORS = (LRI, RLI, FSI)


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def isolate(text: str) -> str:
    """`text` set apart from what is around it (first-strong isolate): a name in Arabic beside a line
    in Hebrew keeps its place instead of joining the other right-to-left text. Text without
    right-to-left letters is left as it is (it cannot join right-to-left text)."""
    return f"{FSI}{text}{PDI}" if _RIGHT_TO_LEFT.search(text) else text


def paragraph_level(text: str) -> int:
    """0 (left to right) or 1 (right to left): the direction of the first strong character outside isolates."""
    depth = 0
    for ch in text:
        if ch in _INITIATORS:
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = bidi_class(ch)
            if kind == "L":
                return 0
            if kind in _STRONG_R:
                return 1
    return 0


def _spans(text: str) -> list[tuple[int, int]]:
    """Top-level isolates: (initiator, matching PDI or the end) index pairs."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _INITIATORS:
            if depth == 0:
                start = i
            depth += 1
        elif ch == PDI and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def levels(text: str, base: int | None = None) -> list[int]:
    """The embedding level of each character of one line (isolates, rules W1–I2 and L1)."""
    if base is None:
        base = paragraph_level(text)
    if not text:
        return []
    if text.isascii() and base == 0:
        return [0] * len(text)
    spans = _spans(text)
    if not spans:
        return _levels(text, base)
    outer: list[str] = []
    cut = 0
    for start, end in spans:
        outer.append(text[cut:start])
        outer.append("\ufffc")  # the isolate counts as one neutral character outside
        cut = end + 1
    outer.append(text[cut:])
    outer_levels = _levels("".join(outer), base)
    # outer characters keep their levels; an isolate's marks take the placeholder's, its text its own
    result: list[int] = []
    o = i = 0
    for start, end in spans:
        while i < start:
            result.append(outer_levels[o])
            i += 1
            o += 1
        mark = outer_levels[o]
        o += 1
        inner = text[start + 1 : end]
        opener = text[start]
        rtl = 1 if opener == RLI else 0 if opener == LRI else paragraph_level(inner)
        level = base + 1 + ((base + 1) % 2 != rtl)
        result.append(mark)
        result.extend(levels(inner, level) if inner else [])
        if end < len(text):
            result.append(mark)
        i = end + 1
    while i < len(text):
        result.append(outer_levels[o])
        i += 1
        o += 1
    return result


def _levels(text: str, base: int) -> list[int]:
    types = [bidi_class(ch) for ch in text]
    original = list(types)
    sos = "R" if base % 2 else "L"
    n = len(types)
    # W1: a non-spacing mark takes the type of the character before it
    for i in range(n):
        if types[i] == "NSM":
            types[i] = sos if i == 0 else ("ON" if types[i - 1] in _NEUTRAL - {"ON"} else types[i - 1])
    # W2: European numbers after Arabic letters are Arabic numbers; W3: AL is R
    last_strong = sos
    for i in range(n):
        kind = types[i]
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: a single separator between two numbers of the same kind joins them
    for i in range(1, n - 1):
        if types[i] == "ES" and types[i - 1] == "EN" and types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] in ("EN", "AN") and types[i + 1] == types[i - 1]:
            types[i] = types[i - 1]
    # W5: terminators next to European numbers are European numbers
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
            i = j
        else:
            i += 1
    # W6: other separators and terminators are neutral
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: European numbers after left-to-right text are left to right
    last_strong = sos
    for i in range(n):
        if types[i] in ("L", "R"):
            last_strong = types[i]
        elif types[i] == "EN" and last_strong == "L":
            types[i] = "L"
    _bracket_pairs(text, original, types, sos, sos)
    # N1, N2: neutrals between two strong types of one direction take it, else the embedding direction
    embedding = sos
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = sos if i == 0 else _direction(types[i - 1])
            after = sos if j == n else _direction(types[j])  # eos is the paragraph's direction
            resolved = before if before == after else embedding
            for k in range(i, j):
                types[k] = resolved
            i = j
        else:
            i += 1
    # I1, I2: implicit levels
    result: list[int] = []
    for kind in types:
        if base % 2 == 0:
            result.append(base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0))
        else:
            result.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    # L1: whitespace at the end of the line goes back to the paragraph level
    k = n
    while k > 0 and original[k - 1] in ("WS", "S", "B", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI"):
        k -= 1
        result[k] = base
    for i, kind in enumerate(original):
        if kind in ("S", "B"):
            result[i] = base
    return result


_OPENING = {
    "(": ")",
    "[": "]",
    "{": "}",
    "«": "»",
    "‹": "›",
    "（": "）",
    "［": "］",
    "｛": "｝",
    "「": "」",
    "『": "』",
}


def _bracket_pairs(text: str, original: list[str], types: list[str], embedding: str, sos: str) -> None:
    """N0: a pair of brackets takes the direction of the text inside it (or of the text before it)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if original[i] != "ON":
            continue
        if ch in _OPENING:
            if len(stack) == 63:
                break
            stack.append((_OPENING[ch], i))
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        inside = {_direction(t) for t in types[opening + 1 : closing] if t in ("L", "R", "EN", "AN")}
        if not inside:
            continue
        if embedding in inside:
            resolved = embedding
        else:
            before = next((_direction(t) for t in reversed(types[:opening]) if t in ("L", "R", "EN", "AN")), sos)
            resolved = before if before != embedding else embedding
        types[opening] = types[closing] = resolved


def _direction(kind: str) -> str:
    return "L" if kind == "L" else "R"  # R, AN and EN count as right to left for N1


def visual_order(run_levels: Sequence[int]) -> list[int]:
    """L2: the indices of runs (or characters) with these levels, in the order they are shown left to right."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    highest = max(run_levels)
    lowest_odd = min((level for level in run_levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] >= level:
                j = i
                while j < len(order) and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
