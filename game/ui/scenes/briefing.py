"""The briefing: who the client is, what to practise, and which mode to play in."""

from __future__ import annotations

import secrets

import pygame
import pygame_gui

from game.record.runner import SessionRunner
from game.ui.input import Activate, Back, Button, Click, Command, Focus, Move, Scroll, Toggle
from game.ui.request import PlayRequest
from game.ui.scene import AppLike, Scene
from game.ui.theme import rounded_rect
from game.ui.widgets import ScrollArea, button_width, control_height, flow, focus_ring

MODES = {
    "practice": "Practice: a coach explains each reply, you can undo, and the meters can be shown (M).",
    "assessment": "Assessment: no coach, no undo, no numbers — read the client, as in the room. "
    "Everything is revealed in the debrief.",
}


class BriefingScene(Scene):
    """Title on top; the client and what to practise in the middle (it scrolls); mode and buttons below."""

    def __init__(self, app: AppLike, request: PlayRequest) -> None:
        super().__init__(app)
        self.request = request
        self.mode = request.mode or "practice"
        self.content = ScrollArea()
        self.buttons: dict[str, pygame.Rect] = {}
        self.focus = "mode"  # Tab: "mode" (the chosen mode's button), "primary" or "back"

    # -- layout ------------------------------------------------------------------------

    def _margin(self) -> int:
        return self.theme.px(40)

    def _header_height(self, width: int) -> int:
        theme = self.theme
        return theme.px(24) + theme.text_height(self.request.scenario.title, width, "title", "bold") + theme.px(16)

    def _footer(self, w: int, h: int) -> tuple[int, dict[str, pygame.Rect]]:
        """The footer's height and its buttons: the two modes, then Back and Begin (right-aligned when on one row)."""
        theme = self.theme
        margin = self._margin()
        inner = w - margin * 2
        labels = [
            ("practice", "Practice mode"),
            ("assessment", "Assessment mode"),
            ("back", "Back"),
            ("primary", "Begin the session"),
        ]
        widths = [button_width(theme, label, 180) for _, label in labels]
        height = control_height(theme)
        rects, buttons_h = flow(theme, widths, inner, height, theme.px(12))
        if buttons_h == height:  # one row: Back and Begin go to the right edge
            shift = inner - rects[-1].right
            rects[2].move_ip(shift, 0)
            rects[3].move_ip(shift, 0)
        text_h = theme.text_height(self._choose_hint(), inner, "small") + max(
            theme.text_height(text, inner, "small") for text in MODES.values()
        )
        footer_h = theme.px(12) + text_h + theme.px(12) + buttons_h + margin // 2
        top = h - footer_h + theme.px(12) + text_h + theme.px(12)
        return footer_h, {name: rect.move(margin, top) for (name, _), rect in zip(labels, rects, strict=True)}

    @staticmethod
    def _choose_hint() -> str:
        return "Choose how to play (the Up and Down keys switch; Enter begins; Tab reaches Begin and Back):"

    def _columns(self, view: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """The two cards' text areas (content coordinates from the view's top): side by side, or one above the other."""
        theme = self.theme
        pad = theme.px(16)
        gap = theme.px(24)
        width = min(view.width - theme.px(12), theme.font("body").size("x" * 70)[0] * 2 + gap)
        side_by_side = (width - gap) // 2 >= theme.font("body").size("x" * 26)[0]
        if side_by_side:
            column = (width - gap) // 2 - pad * 2
            left = pygame.Rect(view.left + pad, pad, column, self._left_height(column))
            right = pygame.Rect(view.left + column + pad * 3 + gap, pad, column, self._right_height(column))
            return left, right
        column = width - pad * 2
        left = pygame.Rect(view.left + pad, pad, column, self._left_height(column))
        right = pygame.Rect(view.left + pad, left.bottom + pad * 2 + gap, column, self._right_height(column))
        return left, right

    def _sections(self) -> list[tuple[str, str]]:
        client = self.request.scenario.client
        return [
            (heading, text)
            for heading, text in (
                ("Background", client.background),
                ("Presenting concern", client.presenting_concern),
                ("Why now", self.request.scenario.summary),
            )
            if text
        ]

    def _who(self) -> str:
        client = self.request.scenario.client
        return ", ".join(str(x) for x in (client.name, client.age, client.pronouns) if x)

    def _objectives(self) -> list[str]:
        return [f"•  {o}" for o in self.request.scenario.learning_objectives or ("Listen, and let the client lead.",)]

    def _skills(self) -> str:
        scenario = self.request.scenario
        if not scenario.skills_focus:
            return ""
        return "Skills: " + ", ".join(scenario.skill_label(s) for s in scenario.skills_focus)

    def _left_height(self, width: int) -> int:
        theme = self.theme
        height = theme.text_height(self._who(), width, "body", "bold") + theme.px(6)
        for heading, text in self._sections():
            height += theme.text_height(heading, width, "small", "bold")
            height += theme.text_height(text, width, "body") + theme.px(8)
        return height

    def _right_height(self, width: int) -> int:
        theme = self.theme
        height = theme.text_height("What to practise", width, "body", "bold") + theme.px(6)
        height += sum(theme.text_height(o, width, "body") + theme.px(4) for o in self._objectives())
        if self._skills():
            height += theme.px(8) + theme.text_height(self._skills(), width, "small")
        return height

    def _view(self) -> pygame.Rect:
        w, h = self.app.screen.get_size()
        margin = self._margin()
        top = self._header_height(w - margin * 2)
        footer_h, _ = self._footer(w, h)
        return pygame.Rect(margin, top, w - margin * 2, max(self.theme.px(40), h - top - footer_h))

    # -- widgets and commands -----------------------------------------------------------------

    def build(self) -> None:
        w, h = self.app.screen.get_size()
        _, self.buttons = self._footer(w, h)
        labels = {
            "practice": "Practice mode",
            "assessment": "Assessment mode",
            "back": "Back",
            "primary": "Begin the session",
        }
        for name, rect in self.buttons.items():
            button = pygame_gui.elements.UIButton(
                rect,
                labels[name],
                self.manager,
                object_id=f"#{name}",
                tool_tip_text="Enter" if name == "primary" else None,
            )
            if name == self.mode:
                button.select()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            self.keep(button)

    def handle(self, command: Command) -> None:
        if isinstance(command, Button):
            if command.name in MODES:
                self.mode = command.name
                self.rebuild()
            elif command.name == "primary":
                self.begin()
            elif command.name == "back":
                self.app.pop()
        elif isinstance(command, Move):
            self.focus = "mode"
            self.mode = "assessment" if self.mode == "practice" else "practice"
            self.rebuild()
        elif isinstance(command, Focus):
            order = ["mode", "primary", "back"]
            self.focus = order[(order.index(self.focus) + command.delta) % len(order)]
        elif isinstance(command, Activate):
            if self.focus == "back":
                self.app.pop()
            else:
                self.begin()
        elif isinstance(command, Back):
            self.app.pop()
        elif isinstance(command, Scroll):
            self.content.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Click):
            self.content.click(self.theme, command.pos)
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")

    def begin(self) -> None:
        request = self.request
        seed = request.seed if request.seed is not None else secrets.randbelow(2**31)
        try:
            runner = SessionRunner.start(
                request.scenario,
                seed=seed,
                mode=self.mode,
                trainee=request.trainee,
                log=request.log,
                start_at=request.start_at,
                set_values=request.set_values or None,
            )
        except OSError as exc:
            self.app.push("message", "The session log cannot be written", [str(exc)])
            return
        if runner.failure is not None:
            runner.close()
            self.app.push("message", "The session log cannot be written", [runner.failure])
            return
        self.app.replace("session", runner)

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        w, h = surface.get_size()
        margin = self._margin()
        theme.draw_text_block(
            surface,
            self.request.scenario.title,
            pygame.Rect(margin, theme.px(24), w - margin * 2, h),
            "title",
            palette.page_text,
            "bold",
        )
        view = self._view()
        left, right = self._columns(view)
        pad = theme.px(16)
        self.content.set(view, max(left.bottom, right.bottom) + pad)
        clip = surface.get_clip()
        surface.set_clip(view)
        shift = view.top - self.content.offset
        for rect in (left, right):
            card = rect.move(0, shift).inflate(pad * 2, pad * 2)
            rounded_rect(surface, card, palette.card, palette.card_border, radius=theme.px(12))
        self._draw_left(surface, left.move(0, shift))
        self._draw_right(surface, right.move(0, shift))
        surface.set_clip(clip)
        self.content.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        self._draw_footer(surface)

    def _draw_left(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        y = area.top
        y += theme.draw_text_block(surface, self._who(), area.move(0, y - area.top), "body", palette.card_text, "bold")
        y += theme.px(6)
        for heading, text in self._sections():
            y += theme.draw_text_block(
                surface, heading, pygame.Rect(area.left, y, area.width, 0), "small", palette.card_muted, "bold"
            )
            y += theme.draw_text_block(
                surface, text, pygame.Rect(area.left, y, area.width, 0), "body", palette.card_text
            ) + theme.px(8)

    def _draw_right(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        y = area.top
        y += theme.draw_text_block(
            surface, "What to practise", pygame.Rect(area.left, y, area.width, 0), "body", palette.card_text, "bold"
        )
        y += theme.px(6)
        for objective in self._objectives():
            y += theme.draw_text_block(
                surface, objective, pygame.Rect(area.left, y, area.width, 0), "body", palette.card_text
            ) + theme.px(4)
        if self._skills():
            y += theme.px(8)
            theme.draw_text_block(
                surface, self._skills(), pygame.Rect(area.left, y, area.width, 0), "small", palette.card_muted
            )

    def _draw_footer(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        w, h = surface.get_size()
        margin = self._margin()
        footer_h, buttons = self._footer(w, h)
        inner = pygame.Rect(margin, h - footer_h + theme.px(12), w - margin * 2, footer_h)
        y = inner.top
        y += theme.draw_text_block(
            surface, self._choose_hint(), inner.move(0, y - inner.top), "small", palette.page_muted
        )
        theme.draw_text_block(
            surface, MODES[self.mode], pygame.Rect(inner.left, y, inner.width, 0), "small", palette.page_text
        )
        ringed = self.mode if self.focus == "mode" else self.focus
        if ringed in buttons:
            focus_ring(surface, theme, buttons[ringed])
