"""The briefing: who the client is, what to practise, and which mode to play in."""

from __future__ import annotations

import secrets

import pygame
import pygame_gui

from game.record.runner import SessionRunner
from game.ui.input import Activate, Back, Button, Command, Move, Toggle
from game.ui.request import PlayRequest
from game.ui.scene import AppLike, Scene
from game.ui.theme import rounded_rect

MODES = {
    "practice": "Practice: a coach explains each reply, you can undo, and the meters can be shown (M).",
    "assessment": "Assessment: no coach, no undo, no numbers — read the client, as in the room. "
    "Everything is revealed in the debrief.",
}


class BriefingScene(Scene):
    def __init__(self, app: AppLike, request: PlayRequest) -> None:
        super().__init__(app)
        self.request = request
        self.mode = request.mode or "practice"

    def build(self) -> None:
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = theme.px(48)
        button_h = theme.px(46)
        y = h - margin - button_h
        x = margin
        for name, label in (("practice", "Practice mode"), ("assessment", "Assessment mode")):
            rect = pygame.Rect(x, y - button_h - theme.px(40), theme.px(220), button_h)
            self.keep(pygame_gui.elements.UIButton(rect, label, self.manager, object_id=f"#{name}"))
            x += theme.px(232)
        start = pygame.Rect(w - margin - theme.px(220), y, theme.px(220), button_h)
        self.keep(
            pygame_gui.elements.UIButton(
                start, "Begin the session", self.manager, object_id="#primary", tool_tip_text="Enter"
            )
        )
        back = pygame.Rect(start.left - theme.px(152), y, theme.px(140), button_h)
        self.keep(pygame_gui.elements.UIButton(back, "Back", self.manager, object_id="#back"))
        for widget in self.widgets[:2]:
            chosen = bool(widget.object_ids) and widget.object_ids[-1] == f"#{self.mode}"
            if chosen and isinstance(widget, pygame_gui.elements.UIButton):
                widget.select()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui

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
            self.mode = "assessment" if self.mode == "practice" else "practice"
            self.rebuild()
        elif isinstance(command, Activate):
            self.begin()
        elif isinstance(command, Back):
            self.app.pop()
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

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        scenario = self.request.scenario
        client = scenario.client
        w, h = surface.get_size()
        margin = theme.px(48)
        y = theme.px(36)
        surface.blit(theme.text(scenario.title, "title", palette.page_text, "bold"), (margin, y))
        y += theme.line_height("title") + theme.px(20)
        width = min(w - margin * 2, theme.font("body").size("x" * 70)[0] * 2 + theme.px(40))
        column_w = (width - theme.px(40)) // 2
        left = pygame.Rect(margin, y, column_w, h - y - theme.px(250))
        right = pygame.Rect(margin + column_w + theme.px(40), y, column_w, left.height)
        rounded_rect(
            surface, left.inflate(theme.px(24), theme.px(24)), palette.card, palette.card_border, radius=theme.px(12)
        )
        rounded_rect(
            surface, right.inflate(theme.px(24), theme.px(24)), palette.card, palette.card_border, radius=theme.px(12)
        )
        who = ", ".join(str(x) for x in (client.name, client.age, client.pronouns) if x)
        ly = left.top
        surface.blit(theme.text(who, "body", palette.card_text, "bold"), (left.left, ly))
        ly += theme.line_height("body") + theme.px(6)
        for heading, text in (
            ("Background", client.background),
            ("Presenting concern", client.presenting_concern),
            ("Why now", scenario.summary),
        ):
            if not text:
                continue
            surface.blit(theme.text(heading, "small", palette.card_muted, "bold"), (left.left, ly))
            ly += theme.line_height("small")
            ly += theme.draw_text_block(
                surface, text, pygame.Rect(left.left, ly, left.width, left.bottom - ly), "body", palette.card_text
            ) + theme.px(8)
        ry = right.top
        surface.blit(theme.text("What to practise", "body", palette.card_text, "bold"), (right.left, ry))
        ry += theme.line_height("body") + theme.px(6)
        for objective in scenario.learning_objectives or ("Listen, and let the client lead.",):
            ry += theme.draw_text_block(
                surface,
                f"•  {objective}",
                pygame.Rect(right.left, ry, right.width, right.bottom - ry),
                "body",
                palette.card_text,
            ) + theme.px(4)
        if scenario.skills_focus:
            ry += theme.px(8)
            skills = "Skills: " + ", ".join(scenario.skill_label(s) for s in scenario.skills_focus)
            theme.draw_text_block(
                surface,
                skills,
                pygame.Rect(right.left, ry, right.width, right.bottom - ry),
                "small",
                palette.card_muted,
            )
        mode_y = h - margin - theme.px(46) * 2 - theme.px(40) - theme.line_height("small") - theme.px(8)
        surface.blit(
            theme.text("Choose how to play (the Up and Down keys switch):", "small", palette.page_muted),
            (margin, mode_y),
        )
        theme.draw_text_block(
            surface,
            MODES[self.mode],
            pygame.Rect(margin, h - margin - theme.px(46) - theme.px(32), w - margin * 2 - theme.px(400), theme.px(40)),
            "small",
            palette.page_text,
        )
