"""Colours, type and cached text: the look shared by every scene.

Everything scales from a 1280×720 design by the window's size and the
trainee's text-size setting. Fonts and rendered text are cached, so nothing
is rendered from scratch every frame.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.settings import Settings
from game.ui.text import Line, Shaper, break_pieces, direction, pygame_gui_data

DESIGN_W, DESIGN_H = 1280, 720

# Okabe–Ito, for anything that must be told apart by colour (and never by colour alone)
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
METER_COLOURS = [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION]
METER_DASHES = [None, (10, 6), (3, 5), (12, 4, 3, 4), (6, 3), (2, 2)]


@dataclass(frozen=True)
class Palette:
    wall: str
    wall_shade: str
    floor: str
    panel: str  # the dialogue panel and top bar
    panel_text: str
    panel_muted: str
    card: str
    card_text: str
    card_muted: str
    card_border: str
    focus: str
    focus_fill: str
    page: str  # full-page scenes (title, briefing, debrief)
    page_text: str
    page_muted: str
    good: str
    neutral: str
    poor: str
    overlay: tuple[int, int, int, int]


CALM = Palette(
    wall="#E7DED2",
    wall_shade="#D9CDBE",
    floor="#B9A68F",
    panel="#2B3033",
    panel_text="#F4F0EA",
    panel_muted="#C8C1B6",
    card="#FBF8F3",
    card_text="#1E2225",
    card_muted="#565D63",
    card_border="#CFC6BA",
    focus="#0B5A8C",
    focus_fill="#E4EFF7",
    page="#F3EEE7",
    page_text="#1E2225",
    page_muted="#53595F",
    good="#00735A",
    neutral="#7A6500",
    poor="#B34700",
    overlay=(20, 24, 26, 200),
)
HIGH_CONTRAST = Palette(
    wall="#FFFFFF",
    wall_shade="#E8E8E8",
    floor="#CCCCCC",
    panel="#000000",
    panel_text="#FFFFFF",
    panel_muted="#E6E6E6",
    card="#FFFFFF",
    card_text="#000000",
    card_muted="#2B2B2B",
    card_border="#000000",
    focus="#0000C8",
    focus_fill="#FFF59D",
    page="#FFFFFF",
    page_text="#000000",
    page_muted="#2B2B2B",
    good="#005A46",
    neutral="#4D4000",
    poor="#8F2E00",
    overlay=(0, 0, 0, 230),
)


def font_path(style: str = "regular") -> Path:
    """Noto Sans as shipped by pygame_gui (the one type family on screen)."""
    name = {
        "regular": "NotoSans-Regular.ttf",
        "bold": "NotoSans-Bold.ttf",
        "italic": "NotoSans-Italic.ttf",
        "bolditalic": "NotoSans-BoldItalic.ttf",
    }[style]
    return pygame_gui_data(name)


def colour(value: str | tuple[int, ...]) -> pygame.Color:
    return pygame.Color(value)


class Theme:
    """Palette, scale, fonts and a cache of rendered text for the current window."""

    TEXT_CACHE_LIMIT = 600

    def __init__(self, settings: Settings, size: tuple[int, int]) -> None:
        self.settings = settings
        self.palette = HIGH_CONTRAST if settings.high_contrast else CALM
        self.size = size
        self.scale = max(0.5, min(size[0] / DESIGN_W, size[1] / DESIGN_H))
        self._shapers: dict[tuple[int, str], Shaper] = {}
        self._text: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._wrap: dict[tuple[str, int, str, int], list[Line]] = {}

    # -- measures ---------------------------------------------------------------

    def px(self, design_pixels: float) -> int:
        """A design measure (at 1280×720) in window pixels."""
        return max(1, round(design_pixels * self.scale))

    def type_size(self, role: str) -> int:
        """Three sizes per screen at most: 'large' (the client's line), 'body', 'small'."""
        base = {"title": 34, "large": 26, "body": 19, "small": 16}[role]
        return max(10, round(base * self.scale * self.settings.text_scale))

    def font(self, role: str = "body", style: str = "regular") -> pygame.font.Font:
        """Noto Sans for a role: the measure of Latin text (other scripts go through `shaper`)."""
        return self.shaper(role, style).primary

    def shaper(self, role: str = "body", style: str = "regular") -> Shaper:
        """Shaped, bidirectional text in every shipped script at a role's size (game.ui.text)."""
        size = self.type_size(role)
        key = (size, style)
        shaper = self._shapers.get(key)
        if shaper is None:
            shaper = self._shapers[key] = Shaper(size, style)
        return shaper

    # -- text ------------------------------------------------------------------------

    def text(
        self, text: str, role: str = "body", color: str = "", style: str = "regular", base: int | None = 0
    ) -> pygame.Surface:
        """One line of text, shaped, in visual order, cached.

        `base` is the bidi level of the paragraph it is part of: 0 (left to right, the interface's
        direction: a label that names a client in Arabic stays in the interface's order), 1, or
        None for the direction of its own first letter.
        """
        color = color or self.palette.page_text
        key = (text, role, color, style, self.type_size(role), base)
        surface = self._text.get(key)
        if surface is None:
            surface = self.shaper(role, style).render(text, colour(color), base)
            self._text[key] = surface
            if len(self._text) > self.TEXT_CACHE_LIMIT:
                self._text.popitem(last=False)
        else:
            self._text.move_to_end(key)
        return surface

    def text_width(self, text: str, role: str = "body", style: str = "regular", base: int | None = 0) -> int:
        return self.shaper(role, style).width(text, base)

    def wrap(self, text: str, width: int, role: str = "body", style: str = "regular") -> list[str]:
        """Lines of `text` that fit `width` pixels (cached)."""
        return [line.text for line in self.layout(text, width, role, style)]

    def layout(self, text: str, width: int, role: str = "body", style: str = "regular") -> list[Line]:
        """Wrapped lines with their paragraph's direction and the characters each takes up (cached).

        Lines break at spaces, and between Chinese and Japanese characters, which have none.
        """
        key = (text, width, role + style, self.type_size(role))
        if key in self._wrap:
            return self._wrap[key]
        shaper = self.shaper(role, style)
        lines: list[Line] = []
        for paragraph in text.split("\n"):
            base = direction(paragraph)
            line = ""
            for piece, joined in break_pieces(paragraph):
                candidate = line + (" " if line and joined else "") + piece if line else piece
                if not line or shaper.width(candidate, base) <= width:
                    line = candidate
                else:
                    lines.append(Line(line, base, len(line) + (1 if joined else 0)))
                    line = piece
            lines.append(Line(line, base, len(line) + 1))
        self._wrap[key] = lines
        return lines

    def line_height(self, role: str = "body") -> int:
        return round(self.font(role).get_linesize() * 1.08)

    def draw_text_block(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        role: str = "body",
        color: str = "",
        style: str = "regular",
        visible_chars: int | None = None,
    ) -> int:
        """Draw wrapped text from the top of `rect`; returns the height used.

        A paragraph that starts in a right-to-left script is aligned right. `visible_chars` shows
        only the first characters (the typewriter), with the layout of the whole line so lines
        never jump.
        """
        y = rect.top
        shown = 0
        color = color or self.palette.page_text
        for line in self.layout(text, rect.width, role, style):
            if visible_chars is not None and shown >= visible_chars:
                break
            part = line.text if visible_chars is None else line.text[: max(0, visible_chars - shown)]
            if part:
                image = self.text(part, role, color, style, line.base)
                blit_line(surface, image, (rect.right - image.get_width(), y) if line.base else (rect.left, y))
            shown += line.consumed
            y += self.line_height(role)
        return y - rect.top

    def text_height(self, text: str, width: int, role: str = "body", style: str = "regular") -> int:
        return len(self.layout(text, width, role, style)) * self.line_height(role)


def blit_line(surface: pygame.Surface, image: pygame.Surface, at: tuple[int, int]) -> None:
    """A line of text, whole or not at all where a scrolling view clips it (never cut in half).

    Only a clip narrower than the surface hides a line: text that leaves the window itself
    is drawn, so the layout tests still see it.
    """
    clip = surface.get_clip()
    if clip != surface.get_rect() and (at[1] < clip.top or at[1] + image.get_height() > clip.bottom):
        return
    surface.blit(image, at)


def rounded_rect(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: str | None,
    border: str | None = None,
    width: int = 1,
    radius: int = 8,
) -> None:
    if fill is not None:
        pygame.draw.rect(surface, colour(fill), rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, colour(border), rect, width=width, border_radius=radius)


def quality_mark(surface: pygame.Surface, theme: Theme, quality: str, center: tuple[int, int], size: int) -> None:
    """A shape per quality (circle good, diamond neutral, triangle poor), never colour alone."""
    palette = theme.palette
    x, y = center
    r = size // 2
    if quality == "good":
        pygame.draw.circle(surface, colour(palette.good), center, r)
    elif quality == "neutral":
        pygame.draw.polygon(surface, colour(palette.neutral), [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    else:
        pygame.draw.polygon(surface, colour(palette.poor), [(x, y - r), (x + r, y + r), (x - r, y + r)])


def quality_colour(theme: Theme, quality: str) -> str:
    return {"good": theme.palette.good, "neutral": theme.palette.neutral}.get(quality, theme.palette.poor)
