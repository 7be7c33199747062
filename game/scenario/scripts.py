"""Which characters the game can draw: the shipped fonts' coverage, and the script of a character.

The coverage is data, assets/fonts/coverage.json (made by docs/make_fonts.py): for each font, in
the order the game tries them, the code points it has a glyph for. The validator warns about text
no font covers; the game (game.ui.text) picks a font for each character from the same table
without opening any font it does not need. Nothing here imports pygame.
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from dataclasses import dataclass
from functools import cache

from game import paths


@dataclass(frozen=True)
class FontCoverage:
    """One shipped font: its files by style and the code points it covers (sorted, inclusive ranges)."""

    name: str
    files: dict[str, str]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, cp: int) -> bool:
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]


@cache
def font_table() -> tuple[FontCoverage, ...]:
    """The shipped fonts, in the order they are tried."""
    data = json.loads((paths.assets_dir() / "fonts" / "coverage.json").read_text(encoding="utf-8"))
    return tuple(
        FontCoverage(
            entry["name"],
            dict(entry["files"]),
            tuple(int(low) for low, _ in entry["ranges"]),
            tuple(int(high) for _, high in entry["ranges"]),
        )
        for entry in data["fonts"]
    )


def font_index(cp: int) -> int | None:
    """The first font that has a glyph for `cp`, or None."""
    for index, font in enumerate(font_table()):
        if font.covers(cp):
            return index
    return None


def invisible(ch: str) -> bool:
    """Characters drawn as nothing: controls, format characters (joiners, bidi marks), variation selectors."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or 0xFE00 <= ord(ch) <= 0xFE0F


def is_emoji(cp: int) -> bool:
    return 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF


def uncovered(text: str) -> list[str]:
    """The distinct characters of `text` that no shipped font has a glyph for, in order of appearance."""
    if text.isascii():
        return []
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and not ch.isascii() and not invisible(ch) and font_index(ord(ch)) is None:
            seen[ch] = None
    return list(seen)


def describe_uncovered(text: str, limit: int = 5) -> str | None:
    """A one-line warning about the characters of `text` no shipped font covers, or None."""
    missing = uncovered(text)
    if not missing:
        return None
    shown = ", ".join(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed').lower()})" for ch in missing[:limit])
    more = f" and {len(missing) - limit} more" if len(missing) > limit else ""
    emoji = all(is_emoji(ord(ch)) for ch in missing)
    how = "it is shown as its name in brackets" if emoji else "it would be drawn as an empty box"
    return f"no shipped font has a glyph for {shown}{more}: {how}"


# Scripts for shaping: ISO 15924 tags by block, for letters and marks. Anything else (spaces,
# digits, punctuation, symbols) is common and takes the script of the text around it.
_SCRIPT_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x1100, 0x11FF, "Hang"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hang"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0x20000, 0x3FFFF, "Hani"),
)
_SCRIPT_STARTS = tuple(low for low, _, _ in _SCRIPT_BLOCKS)


def script_of(ch: str) -> str | None:
    """The ISO 15924 tag of a letter or mark of a script the game shapes, or None for common characters."""
    cp = ord(ch)
    if cp < 0x80 and not ch.isalpha():
        return None
    category = unicodedata.category(ch)
    if category[0] not in "LM" and not (category == "Nd" and cp > 0x900):
        return None
    i = bisect.bisect_right(_SCRIPT_STARTS, cp) - 1
    if i >= 0 and cp <= _SCRIPT_BLOCKS[i][1]:
        return _SCRIPT_BLOCKS[i][2]
    return None
