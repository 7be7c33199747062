"""The base of every scene drawn over another: a dimmed backdrop and a centred panel."""

from __future__ import annotations

import pygame

from game.ui.input import Back, Button, Command
from game.ui.scene import Scene
from game.ui.theme import rounded_rect


class Overlay(Scene):
    """A dimmed backdrop and a centred panel; Esc closes it."""

    opaque = False
    width_fraction = 0.6
    height_fraction = 0.7

    def panel(self) -> pygame.Rect:
        """Centred; larger text takes more of the window (up to all but a margin)."""
        w, h = self.app.screen.get_size()
        grow = max(0.0, self.app.settings.text_scale - 1.0) * 0.5
        wide = min(0.96, self.width_fraction + grow)
        tall = min(0.96, self.height_fraction + grow)
        rect = pygame.Rect(0, 0, round(w * wide), round(h * tall))
        rect.center = (w // 2, h // 2)
        return rect

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(theme.palette.overlay)
        surface.blit(shade, (0, 0))
        rounded_rect(surface, self.panel(), theme.palette.page, theme.palette.card_border, radius=theme.px(12))

    def title_text(self) -> str:
        """A heading that may be long (a message's): the body starts below all of its lines."""
        return ""

    def title(self, surface: pygame.Surface, text: str) -> int:
        theme = self.theme
        panel = self.panel()
        area = pygame.Rect(panel.left + theme.px(32), panel.top + theme.px(24), panel.width - theme.px(64), 0)
        theme.draw_text_block(surface, text, area, "title", theme.palette.page_text, "bold")
        return self.body(0).top

    def body(self, bottom_margin: int, gap: int = 16) -> pygame.Rect:
        """The panel's area below its title, `bottom_margin` design pixels above the panel's bottom."""
        theme = self.theme
        panel = self.panel()
        heading = theme.text_height(self.title_text(), panel.width - theme.px(64), "title", "bold")
        top = panel.top + theme.px(24) + max(theme.font("title").get_linesize(), heading) + theme.px(gap)
        return pygame.Rect(
            panel.left + theme.px(32), top, panel.width - theme.px(64), panel.bottom - top - theme.px(bottom_margin)
        )

    def handle(self, command: Command) -> None:
        if isinstance(command, Back) or (isinstance(command, Button) and command.name == "close"):
            self.app.pop()
