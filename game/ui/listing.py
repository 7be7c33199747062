"""The base of a full screen that is a list to choose from: a heading, wrapped rows that scroll, buttons below.

Rapport's own, so its text grows with the text size and every row and button takes the
keyboard (Up/Down, Enter, Tab to the buttons, Esc) as well as the mouse (click, wheel).
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.input import Activate, Back, Button, Click, Command, Focus, Move, Point, Scroll, Step, Toggle
from game.ui.scene import AppLike, Scene
from game.ui.widgets import Card, ScrollArea, button_width, control_height, flow, focus_ring, layout_cards


class ListScene(Scene):
    """A heading, a line that says where the trainee is, rows (`labels`) and buttons (`BUTTONS`).

    Subclasses give `heading`, `note`, `labels`, `choose(index)` and `press(name)`.
    """

    BUTTONS: tuple[tuple[str, str], ...] = (("back", "Back"),)
    heading = ""

    def __init__(self, app: AppLike) -> None:
        super().__init__(app)
        self.focus = 0
        self.on_button: int | None = None  # Tab put the focus on this button (else on the list)
        self.list = ScrollArea()
        self.cards: list[Card] = []

    # -- what a subclass gives ------------------------------------------------------------

    def note(self) -> str:
        return ""

    def labels(self) -> list[str]:
        return []

    def choose(self, index: int) -> None:
        """A row was picked (Enter or a click)."""

    def press(self, name: str) -> None:
        if name == "back":
            self.app.pop()

    # -- layout ---------------------------------------------------------------------------

    def _regions(self) -> tuple[int, pygame.Rect, list[pygame.Rect]]:
        """The heading's height, the list's view and the buttons' rects."""
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = theme.px(40)
        inner = w - margin * 2
        top = theme.px(24) + theme.text_height(self.heading, inner, "title", "bold")
        top += theme.text_height(self.note(), inner, "small") + theme.px(16)
        widths = [button_width(theme, label, 140) for _, label in self.BUTTONS]
        boxes, buttons_h = flow(theme, widths, inner, control_height(theme), theme.px(12))
        bottom = h - theme.px(24) - buttons_h
        buttons = [box.move(margin, bottom) for box in boxes]
        return top, pygame.Rect(margin, top, inner, bottom - top - theme.px(16)), buttons

    def build(self) -> None:
        _, _, rects = self._regions()
        for (name, label), rect in zip(self.BUTTONS, rects, strict=True):
            self.keep(pygame_gui.elements.UIButton(rect, label, self.manager, object_id=f"#{name}"))

    def refresh(self) -> None:
        """The rows changed (a new folder): back to the first, at the top."""
        self.focus = 0
        self.list.offset = 0
        self.cards = []

    def _layout_cards(self) -> None:
        theme = self.theme
        labels = self.labels()
        if [card.text for card in self.cards] != labels:
            self.cards = [Card(None, label, pygame.Rect(0, 0, 0, 0)) for label in labels]
        _, view, _ = self._regions()
        gap = theme.px(8)
        width = view.width
        content = sum(card.height_for(theme, width) + gap for card in self.cards) - gap
        if content > view.height:
            width -= theme.px(20)
            content = sum(card.height_for(theme, width) + gap for card in self.cards) - gap
        self.list.set(view, max(0, content))
        layout_cards(theme, self.cards, pygame.Rect(view.left, view.top - self.list.offset, width, content), gap)

    def _reveal(self) -> None:
        self._layout_cards()
        if 0 <= self.focus < len(self.cards):
            rect = self.cards[self.focus].rect
            top = rect.top - self.list.view.top + self.list.offset
            self.list.ensure_visible(top, top + rect.height)

    # -- commands -------------------------------------------------------------------------

    def handle(self, command: Command) -> None:
        count = len(self.labels())
        if isinstance(command, Focus):
            stops: list[int | None] = [None, *range(len(self.BUTTONS))]
            here = stops.index(self.on_button) if self.on_button in stops else 0
            self.on_button = stops[(here + command.delta) % len(stops)]
        elif isinstance(command, Move) and count:
            self.on_button = None
            self.focus = (self.focus + command.delta) % count
            self._reveal()
        elif isinstance(command, Step) and command.to and count:
            self.on_button = None
            self.focus = 0 if command.to == "first" else count - 1
            self._reveal()
        elif isinstance(command, Activate):
            if self.on_button is not None:
                self.press(self.BUTTONS[self.on_button][0])
            elif count:
                self.choose(self.focus)
        elif isinstance(command, Button):
            self.press(command.name)
        elif isinstance(command, Scroll):
            self.list.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Point):
            for index, card in enumerate(self.cards):
                if card.rect.collidepoint(command.pos) and self.list.view.collidepoint(command.pos):
                    self.focus, self.on_button = index, None
        elif isinstance(command, Click):
            if self.list.click(self.theme, command.pos):
                return
            for index, card in enumerate(self.cards):
                if card.rect.collidepoint(command.pos) and self.list.view.collidepoint(command.pos):
                    self.focus, self.on_button = index, None
                    self.choose(index)
                    return
        elif isinstance(command, Back):
            self.press("back")
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")

    # -- drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        w, _ = surface.get_size()
        margin = theme.px(40)
        inner = w - margin * 2
        y = theme.px(24)
        y += theme.draw_text_block(
            surface, self.heading, pygame.Rect(margin, y, inner, 0), "title", palette.page_text, "bold"
        )
        theme.draw_text_block(surface, self.note(), pygame.Rect(margin, y, inner, 0), "small", palette.page_muted)
        self._layout_cards()
        view = self.list.view
        clip = surface.get_clip()
        surface.set_clip(view.inflate(theme.px(8), theme.px(8)))
        for index, card in enumerate(self.cards):
            if card.rect.colliderect(view):
                card.draw(surface, theme, focused=index == self.focus and self.on_button is None)
        surface.set_clip(clip)
        self.list.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        _, _, buttons = self._regions()
        if self.on_button is not None and self.on_button < len(buttons):
            focus_ring(surface, theme, buttons[self.on_button])
