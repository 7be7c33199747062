"""Shaped text in every script Rapport ships a font for: runs, fonts, direction.

A line is split into runs: characters of one embedding level (game.ui.bidi), one font and one
script. Each run's font is the first shipped font that has its characters (game.scenario.scripts
reads the coverage table, so no font is opened to find out); each run is shaped by HarfBuzz through
pygame-ce's `Font.set_script` and `Font.set_direction`, and the runs are laid out in visual order.
Fonts are opened the first time a run needs them, so a session in English never opens the CJK font.

Emoji come from a colour bitmap font, scaled to the line; an emoji no shipped font has is shown as
its name in brackets.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game import paths
from game.scenario.scripts import font_index, font_table, invisible, is_emoji, script_of
from game.ui.bidi import levels, paragraph_level, visual_order

STYLES = ("regular", "bold", "italic", "bolditalic")
# Characters that may need another font, shaping or right-to-left order: Hebrew to the end of the
# Indic and other scripts of the BMP's first part, Hangul jamo, symbols where emoji live, CJK
# onwards (and everything beyond the BMP). Text without them is Noto Sans's alone, drawn as it is.
_COMPLEX = re.compile("[\u0590-\u1cff\u2066-\u2069\u2600-\u27bf\u2b00-\u2bff\u2e80-\U0010ffff]")


def simple(text: str) -> bool:
    """True when Noto Sans draws `text` alone, left to right, without shaping across scripts."""
    return text.isascii() or _COMPLEX.search(text) is None


PRIMARY = 0  # Noto Sans: Latin, Greek, Cyrillic, Devanagari, and every space and digit
_EMOJI_NAME = "noto-color-emoji"


@dataclass(frozen=True)
class Run:
    """Characters drawn together: one font, one script, one direction."""

    text: str
    font: int  # index into the coverage table
    script: str
    rtl: bool


def pygame_gui_data(name: str) -> Path:
    """A file of pygame_gui's data folder (its Noto Sans), found without importing pygame_gui (slow to import)."""
    spec = importlib.util.find_spec("pygame_gui")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pygame_gui is not installed")
    return Path(spec.origin).parent / "data" / name


def font_file(index: int, style: str) -> Path:
    """The file of a shipped font in a style (fonts other than Noto Sans have one style)."""
    files = font_table()[index].files
    name = files.get(style) or files["regular"]
    if name.startswith("pygame_gui:"):
        return pygame_gui_data(name.split(":", 1)[1])
    return paths.assets_dir() / "fonts" / name


_fonts: dict[tuple[int, int, str], pygame.font.Font] = {}
# While a list (a test listens), every run drawn is added: its text, its font's name and the
# characters that font had no glyph for (drawn as boxes: there should be none).
drawn: list[tuple[str, str, str]] | None = None


def record_drawn(text: str, name: str, loaded: pygame.font.Font) -> None:
    """Note text drawn and the glyphs its font lacked, while a test collects them (`drawn`)."""
    if drawn is not None and text:
        missing = "".join(
            ch for ch, metric in zip(text, loaded.metrics(text), strict=True) if metric is None and not invisible(ch)
        )
        drawn.append((text, name, missing))


opened: list[str] = []  # the fonts opened so far, by name (start-up pays for no font it does not use)


def font(index: int, size: int, style: str = "regular") -> pygame.font.Font:
    """A shipped font at a size and style, opened on first use; fallbacks are made bold by SDL_ttf."""
    own_style = style if style in font_table()[index].files else "regular"
    key = (index, size, style)
    loaded = _fonts.get(key)
    if loaded is None:
        name = font_table()[index].name
        if name not in opened:
            opened.append(name)
        loaded = pygame.font.Font(font_file(index, style), size)
        if own_style != style and "bold" in style:
            loaded.bold = True
        _fonts[key] = loaded
    return loaded


def substitute(text: str) -> str:
    """Emoji no font has become their name in brackets; invisible characters go (HarfBuzz would box some)."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            out.append(ch)
        elif ch in _ISOLATES:
            out.append(ch)  # read by the bidi algorithm, then dropped
        elif ch in "\u200c\u200d" and out and script_of(out[-1][-1:] or " ") in ("Arab", "Deva"):
            out.append(ch)  # joiners matter to Arabic and Devanagari shaping
        elif invisible(ch) or (0x1F3FB <= cp <= 0x1F3FF and font_index(cp) is None):
            continue  # skin-tone modifiers without a glyph go too: the emoji stays
        elif is_emoji(cp) and font_index(cp) is None:
            out.append(f"[{unicodedata.name(ch, 'emoji').lower()}]")
        else:
            out.append(ch)
    return "".join(out)


_ISOLATES = frozenset("\u2066\u2067\u2068\u2069")


def _font_for(ch: str, script: str | None, previous: int | None) -> int:
    cp = ord(ch)
    table = font_table()
    if script is None and previous is not None and table[previous].covers(cp):
        return previous  # spaces and punctuation stay in the run around them
    found = font_index(cp)
    return PRIMARY if found is None else found


def runs(text: str, base: int | None = None) -> list[Run]:
    """The runs of one line, in visual order (left to right on screen)."""
    text = substitute(text)
    if not text:
        return []
    if text.isascii():
        return [Run(text, PRIMARY, "Latn", bool(base))] if not base else _ordered(text, base)
    return _ordered(text, paragraph_level(text) if base is None else base)


def _ordered(text: str, base: int) -> list[Run]:
    char_levels = levels(text, base)
    scripts: list[str | None] = [script_of(ch) for ch in text]
    # common characters take the script before them (or after, at the start)
    following: str | None = next((s for s in scripts if s), None)
    current = following
    for i, s in enumerate(scripts):
        if s is None:
            scripts[i] = current
        else:
            current = s
    pieces: list[tuple[str, int, str, int]] = []  # text, font, script, level
    previous: int | None = None
    for ch, script, level in zip(text, scripts, char_levels, strict=True):
        if ch in _ISOLATES:
            previous = None  # what follows an isolate does not belong to its font
            continue
        face = _font_for(ch, script_of(ch), previous)
        previous = face
        tag = script or "Latn"
        if pieces and pieces[-1][1] == face and pieces[-1][2] == tag and pieces[-1][3] == level:
            last = pieces[-1]
            pieces[-1] = (last[0] + ch, face, tag, level)
        else:
            pieces.append((ch, face, tag, level))
    order = visual_order([p[3] for p in pieces])
    return [Run(pieces[i][0], pieces[i][1], pieces[i][2], pieces[i][3] % 2 == 1) for i in order]


def _shaped_width(run: Run, size: int, style: str) -> int:
    loaded = font(run.font, size, style)
    _shape_as(loaded, run)
    try:
        return int(loaded.size(run.text)[0])
    finally:
        _shape_as(loaded, None)


def _shaped_image(run: Run, size: int, style: str, color: Any) -> tuple[pygame.Surface, int]:
    """A run drawn, and its font's ascent."""
    loaded = font(run.font, size, style)
    record_drawn(run.text, font_table()[run.font].name, loaded)
    _shape_as(loaded, run)
    try:
        return loaded.render(run.text, True, color), loaded.get_ascent()
    finally:
        _shape_as(loaded, None)


def _shape_as(loaded: pygame.font.Font, run: Run | None) -> None:
    """Set a font's script and direction for a run; None puts back the defaults (HarfBuzz guesses the
    script, left to right), so whoever uses the same font next (Theme.font) finds it as opened."""
    loaded.set_script(run.script if run else "Zzzz")
    loaded.set_direction(pygame.DIRECTION_RTL if run and run.rtl else pygame.DIRECTION_LTR)


def _is_emoji_font(index: int) -> bool:
    return font_table()[index].name == _EMOJI_NAME


class Shaper:
    """Measures and draws lines at one size and style; caches layouts and widths."""

    CACHE_LIMIT = 2000

    def __init__(self, size: int, style: str = "regular") -> None:
        self.size = size
        self.style = style
        self.primary = font(PRIMARY, size, style)
        self._widths: OrderedDict[tuple[str, int | None], int] = OrderedDict()

    def _run_width(self, run: Run) -> int:
        if _is_emoji_font(run.font):
            loaded = font(run.font, self.size)
            width, height = loaded.size(run.text)
            return round(width * self.primary.get_height() / max(1, height))
        return _shaped_width(run, self.size, self.style)

    def width(self, text: str, base: int | None = None) -> int:
        key = (text, base)
        cached = self._widths.get(key)
        if cached is None:
            if simple(text) and not base:
                cached = int(self.primary.size(text)[0])
            else:
                cached = sum(self._run_width(run) for run in runs(text, base))
            self._widths[key] = cached
            if len(self._widths) > self.CACHE_LIMIT:
                self._widths.popitem(last=False)
        return cached

    def render(self, text: str, color: Any, base: int | None = None) -> pygame.Surface:
        """One line on a transparent surface as tall as the primary font's, baseline where it puts it."""
        if simple(text) and not base:
            record_drawn(text, font_table()[PRIMARY].name, self.primary)
            return self.primary.render(text, True, color)
        line_runs = runs(text, base)
        ascent = self.primary.get_ascent()
        height = self.primary.get_height()
        pieces: list[tuple[pygame.Surface, int]] = []
        for run in line_runs:
            if _is_emoji_font(run.font):
                image = font(run.font, self.size).render(run.text, True, "white")  # SDL_ttf tints colour glyphs
                record_drawn(run.text, font_table()[run.font].name, font(run.font, self.size))
                scale = height / max(1, image.get_height())
                image = pygame.transform.smoothscale(
                    image, (max(1, round(image.get_width() * scale)), max(1, round(image.get_height() * scale)))
                )
                pieces.append((image, 0))
                continue
            image, run_ascent = _shaped_image(run, self.size, self.style, color)
            pieces.append((image, ascent - run_ascent))
        width = sum(image.get_width() for image, _ in pieces)
        surface = pygame.Surface((max(1, width), height), pygame.SRCALPHA)
        x = 0
        for image, dy in pieces:
            surface.blit(image, (x, dy), special_flags=pygame.BLEND_RGBA_MAX)
            x += image.get_width()
        return surface


@dataclass(frozen=True)
class Line:
    """A wrapped line: its text, its paragraph's level (0 left to right, 1 right to left), and how
    many characters of the whole text it takes up (its own and the space or line break after it)."""

    text: str
    base: int
    consumed: int


def _breaks_anywhere(ch: str) -> bool:
    """Chinese and Japanese characters, between which a line may break without a space."""
    return script_of(ch) in ("Hani", "Hira", "Kana") or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFF60


_NO_BREAK_BEFORE = set("、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.!?)")


def break_pieces(paragraph: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with True where a space comes before it."""
    pieces: list[tuple[str, bool]] = []
    for word in paragraph.split(" "):
        if word.isascii() or not any(_breaks_anywhere(ch) for ch in word):
            pieces.append((word, True))
            continue
        current = ""
        first = True
        for ch in word:
            if current and (_breaks_anywhere(ch) or _breaks_anywhere(current[-1])) and ch not in _NO_BREAK_BEFORE:
                pieces.append((current, first))
                first = False
                current = ""
            current += ch
        pieces.append((current, first))
    return pieces


def direction(text: str) -> int:
    """The paragraph level of `text`: 1 where it starts with right-to-left letters."""
    return paragraph_level(text)


def fonts_used(text: str) -> list[str]:
    """The names of the fonts a line is drawn with (for tests and the font-coverage check)."""
    return sorted({font_table()[run.font].name for run in runs(text)})


def missing_glyphs(text: str, size: int = 20, style: str = "regular") -> list[str]:
    """Characters of `text` whose run's font, once opened, has no glyph for them (should be none)."""
    missing: list[str] = []
    for run in runs(text):
        loaded = font(run.font, size, style)
        for ch, metric in zip(run.text, loaded.metrics(run.text), strict=True):
            if metric is None and not invisible(ch) and ch not in missing:
                missing.append(ch)
    return missing
