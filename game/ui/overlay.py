"""The base of every scene drawn over another: a dimmed backdrop and a centred panel."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.input import Activate, Back, Button, Command, Focus, Move, object_id
from game.ui.scene import Scene
from game.ui.theme import rounded_rect
from game.ui.widgets import button_width, control_height, focus_ring


class Overlay(Scene):
    """A dimmed backdrop and a centred panel; Esc closes it.

    Its buttons take the keyboard too: Tab and Shift+Tab put the focus ring on one, Enter
    presses it (`tab_key`, which a subclass calls first in `handle`).
    """

    opaque = False
    width_fraction = 0.6
    height_fraction = 0.7
    tab_focus: int | None = None  # the index among `buttons()` that Tab put the focus on

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
        buttons = self.buttons()
        if self.tab_focus is not None and self.tab_focus < len(buttons):
            focus_ring(surface, theme, pygame.Rect(buttons[self.tab_focus].rect))

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

    def button_row(self) -> int:
        """Design pixels kept under the body for a row of buttons (they grow with the text size)."""
        theme = self.theme
        return round((control_height(theme) + theme.px(48)) / theme.scale)

    def close_button(self, label: str = "Close") -> pygame.Rect:
        """Where the panel's Close button goes: its bottom right corner."""
        theme = self.theme
        panel = self.panel()
        rect = pygame.Rect(0, 0, button_width(theme, label, 160), control_height(theme))
        rect.bottomright = (panel.right - theme.px(32), panel.bottom - theme.px(24))
        return rect

    def add_close(self, label: str = "Close") -> pygame.Rect:
        """The Close button (Esc does the same); returns its rect, for buttons placed beside it."""
        rect = self.close_button(label)
        self.keep(pygame_gui.elements.UIButton(rect, label, self.manager, object_id="#close"))
        return rect

    def buttons(self) -> list[pygame_gui.elements.UIButton]:
        """The panel's buttons, in Tab order: as they are read, top to bottom, left to right."""
        shown = [w for w in self.widgets if isinstance(w, pygame_gui.elements.UIButton) and w.visible]
        return sorted(shown, key=lambda w: (w.rect.top, w.rect.left))

    def tab_key(self, command: Command) -> bool:
        """Tab moves the focus ring over the buttons; Enter presses the focused one. True when handled."""
        buttons = self.buttons()
        if isinstance(command, Focus) and buttons:
            start = self.tab_focus if self.tab_focus is not None else (-1 if command.delta > 0 else 0)
            self.tab_focus = (start + command.delta) % len(buttons)
            return True
        if isinstance(command, Move):
            self.tab_focus = None  # the arrow keys go back to the panel's own list
            return False
        if isinstance(command, Activate) and self.tab_focus is not None and self.tab_focus < len(buttons):
            self.handle(Button(object_id(buttons[self.tab_focus])))
            return True
        return False

    def handle(self, command: Command) -> None:
        if self.tab_key(command):
            return
        if isinstance(command, Back) or (isinstance(command, Button) and command.name == "close"):
            self.app.pop()
