"""pygame_gui's widgets drawing every shipped script: its font class, swapped for one that shapes.

Kept apart from game.ui.text so that a session's first frame, which makes no widget, never
imports pygame_gui; the app installs it just before it makes pygame_gui's manager.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui.core.utility as pygame_gui_utility
from pygame_gui.core.gui_font_pygame import GUIFontPygame

from game.scenario.scripts import font_index
from game.ui.text import PRIMARY, Shaper, font, record_drawn, simple


def _gui_style(style: dict[str, Any] | None) -> str:
    if not style:
        return "regular"
    bold, italic = bool(style.get("bold")), bool(style.get("italic"))
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get((bold, italic), "bolditalic")


class ShapedGUIFont(GUIFontPygame):
    """pygame_gui's font, drawing through the shaper where its own font cannot: its buttons, lists,
    text boxes and entry lines show every shipped script, shaped and in visual order. Each chunk of
    text is a line of a left-to-right interface (bidi base level 0). Text the theme's own font covers
    in a script that needs no shaping (Latin, Greek, Cyrillic, symbols) is drawn by it as before."""

    def __init__(self, file: Any, size: int | float, force_style: bool = False, style: Any = None) -> None:
        super().__init__(file, size, force_style, style)
        self._shaper: Shaper | None = None
        self._size, self._style = int(size), _gui_style(style)
        self.own: pygame.font.Font = getattr(self, "_GUIFontPygame__internal_font")  # noqa: B009

    @property
    def shaper(self) -> Shaper:
        """Opened on the first text the theme's font cannot draw alone (start-up opens no extra font)."""
        if self._shaper is None:
            self._shaper = Shaper(self._size, self._style)
        return self._shaper

    def _plain(self, text: str) -> bool:
        if text.isascii():
            return True
        if not simple(text):
            return False
        return all(metric is not None for metric in self.own.metrics(text))

    def size(self, text: str) -> tuple[int, int]:
        return self.get_rect(text).size

    def get_rect(self, text: str) -> pygame.Rect:
        if self._plain(text):
            return super().get_rect(text)
        height = self.shaper.primary.get_height()
        return pygame.Rect((0, self.shaper.primary.get_ascent()), (self.shaper.width(text, 0), height))

    def get_metrics(self, text: str) -> list[tuple[int, int, int, int, int] | None]:
        """Each character's metrics from the font that draws it (an entry line refuses a character without)."""
        if self._plain(text):
            return list(self.own.metrics(text))
        out: list[tuple[int, int, int, int, int] | None] = []
        for ch in text:
            index = font_index(ord(ch))
            loaded = font(PRIMARY if index is None else index, self.shaper.size, self.shaper.style)
            out.extend(loaded.metrics(ch))
        return out

    def _surface(self, text: str, text_color: Any) -> pygame.Surface:
        surface = self.shaper.render(text, text_color, 0).convert_alpha()
        if surface.get_width() > 0 and surface.get_height() > 0:
            surface = surface.premul_alpha()
        return surface

    def render_premul(self, text: str, text_color: Any) -> pygame.Surface:
        if self._plain(text):
            record_drawn(text, "pygame_gui", self.own)
            return super().render_premul(text, text_color)
        return self._surface(text, text_color)

    def render_premul_to(
        self, text: str, text_colour: Any, surf_size: tuple[int, int], surf_position: tuple[int, int]
    ) -> pygame.Surface:
        if self._plain(text):
            record_drawn(text, "pygame_gui", self.own)
            return super().render_premul_to(text, text_colour, surf_size, surf_position)
        surface = pygame.Surface(surf_size, depth=32, flags=pygame.SRCALPHA)
        surface.fill((0, 0, 0, 0))
        image = self._surface(text, text_colour)
        if image.get_width() > 0 and image.get_height() > 0:
            position = (surf_position[0], surf_position[1] - self.shaper.primary.get_ascent())
            surface.blit(image, position, special_flags=pygame.BLEND_PREMULTIPLIED)
        return surface


def install_in_pygame_gui() -> None:
    """Make pygame_gui open every font it loads as a ShapedGUIFont (call before making a UIManager)."""
    pygame_gui_utility.GUIFontPygame = ShapedGUIFont  # type: ignore[attr-defined]  # not re-exported, but looked up at load time
