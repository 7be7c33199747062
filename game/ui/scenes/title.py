"""The title screen: pick a client, give your name, resume an unfinished session."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.record.locate import ScenarioNotFound, scenario_path_for_log
from game.record.log import SessionLog, unfinished_logs
from game.record.runner import ResumeError, SessionRunner
from game.scenario.catalog import library
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_file
from game.ui.input import Activate, Back, Button, Command, Move, Selected, TextChanged, Toggle
from game.ui.request import PlayRequest
from game.ui.scene import AppLike, Scene
from game.ui.theme import rounded_rect

PRACTICE_NOTE = "Practice material for therapists in training — not clinical guidance, supervision or treatment."


class TitleScene(Scene):
    def __init__(self, app: AppLike) -> None:
        super().__init__(app)
        self.entries = library(app.folders)
        self.selected = 0
        self.trainee = ""
        self.unfinished: list[SessionLog] = []
        self.name_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.list: pygame_gui.elements.UISelectionList | None = None

    def on_enter(self) -> None:
        self.unfinished = unfinished_logs()
        super().on_enter()

    # -- layout ---------------------------------------------------------------------

    def _columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = theme.px(48)
        top = theme.px(150)
        left = pygame.Rect(margin, top, round(w * 0.42) - margin, h - top - margin)
        right = pygame.Rect(left.right + theme.px(32), top, w - left.right - theme.px(32) - margin, h - top - margin)
        return left, right

    def build(self) -> None:
        theme = self.theme
        left, right = self._columns()
        list_rect = pygame.Rect(left.left, left.top + theme.px(32), left.width, left.height - theme.px(32))
        items: list[str | tuple[str, str]] = [e.label for e in self.entries] or ["No scenarios found"]
        self.list = pygame_gui.elements.UISelectionList(
            list_rect,
            items,
            self.manager,
            object_id="#scenarios",
            default_selection=items[self.selected] if self.entries else None,
        )
        self.keep(self.list)
        button_h = theme.px(46)
        bottom = right.bottom
        row = pygame.Rect(right.left, bottom - button_h, theme.px(200), button_h)
        self.keep(
            pygame_gui.elements.UIButton(
                row, "Begin", self.manager, object_id="#primary", tool_tip_text="Read the briefing, then start (Enter)"
            )
        )
        row = row.move(row.width + theme.px(12), 0)
        self.keep(
            pygame_gui.elements.UIButton(
                row,
                "Class debrief",
                self.manager,
                object_id="#class",
                tool_tip_text="Replay a folder of session logs with a class",
            )
        )
        row = row.move(row.width + theme.px(12), 0)
        row.width = theme.px(140)
        self.keep(pygame_gui.elements.UIButton(row, "Settings", self.manager, object_id="#settings"))
        row = row.move(row.width + theme.px(12), 0)
        row.width = theme.px(110)
        if row.right <= right.right:
            self.keep(pygame_gui.elements.UIButton(row, "Quit", self.manager, object_id="#quit"))
        name_rect = pygame.Rect(
            right.left + theme.px(220),
            bottom - button_h * 2 - theme.px(28),
            min(theme.px(320), right.width - theme.px(220)),
            theme.px(42),
        )
        self.name_entry = pygame_gui.elements.UITextEntryLine(
            name_rect, self.manager, object_id="#trainee", placeholder_text="optional"
        )
        self.name_entry.set_text(self.trainee)
        self.name_entry.length_limit = 60
        self.keep(self.name_entry)
        if self.unfinished:
            resume = pygame.Rect(right.left, name_rect.top - theme.px(64), right.width, theme.px(46))
            log = self.unfinished[0]
            when = str(log.header.get("started_at", ""))[:16].replace("T", " ")
            label = f"Resume unfinished session: {log.header.get('scenario_title', '?')} ({when})"
            self.keep(pygame_gui.elements.UIButton(resume, label, self.manager, object_id="#resume"))

    @property
    def typing(self) -> bool:
        return bool(self.name_entry is not None and self.name_entry.is_focused)

    # -- commands ------------------------------------------------------------------------

    def handle(self, command: Command) -> None:
        if isinstance(command, Selected) and command.name == "scenarios":
            labels = [e.label for e in self.entries]
            if command.value in labels:
                self.selected = labels.index(command.value)
        elif isinstance(command, TextChanged) and command.name == "trainee":
            self.trainee = command.value.strip()
        elif isinstance(command, Move) and self.entries:
            self.selected = (self.selected + command.delta) % len(self.entries)
            self.rebuild()
        elif isinstance(command, Activate):
            if self.typing and self.name_entry is not None:
                self.name_entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            self.begin()
        elif isinstance(command, Button):
            self.press(command.name)
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")
        elif isinstance(command, Back):
            if self.typing and self.name_entry is not None:
                self.name_entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            else:
                self.app.quit()

    def press(self, name: str) -> None:
        if name == "primary":
            self.begin()
        elif name == "settings":
            self.app.push("settings")
        elif name == "class":
            self.app.push("class-picker")
        elif name == "resume":
            self.resume()
        elif name == "quit":
            self.app.quit()

    def begin(self) -> None:
        if not self.entries:
            return
        entry = self.entries[self.selected]
        problem = entry.problem
        if problem is None:
            try:
                scenario = load_file(entry.path)
            except (ScenarioError, OSError) as exc:
                problem = str(exc)
            else:
                self.app.push("briefing", PlayRequest(scenario, trainee=self.trainee or None))
                return
        self.app.push(
            "message", "This scenario cannot be loaded", [problem, "", f"Check it with: rapport validate {entry.path}"]
        )

    def resume(self) -> None:
        log = self.unfinished[0]
        try:
            scenario = load_file(scenario_path_for_log(log, self.app.folders))
            runner = SessionRunner.resume(log, scenario)
        except (ScenarioNotFound, ScenarioError, ResumeError, OSError) as exc:
            self.app.push("message", "This session cannot be resumed", [str(exc)])
            return
        self.app.push("session", runner)

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        margin = theme.px(48)
        surface.blit(theme.text("Rapport", "title", palette.page_text, "bold"), (margin, theme.px(40)))
        tagline = "Practise the therapeutic relationship, one conversation at a time."
        surface.blit(theme.text(tagline, "body", palette.page_muted), (margin, theme.px(40) + theme.px(46)))
        left, right = self._columns()
        surface.blit(theme.text("Choose a client", "body", palette.page_text, "bold"), left.topleft)
        self._draw_details(surface, right)
        note = theme.text(PRACTICE_NOTE, "small", palette.page_muted)
        surface.blit(note, (margin, surface.get_height() - theme.px(30)))

    def _draw_details(self, surface: pygame.Surface, right: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        name_label_y = right.bottom - theme.px(46) * 2 - theme.px(28) + theme.px(8)
        surface.blit(theme.text("Your name (for the log)", "small", palette.page_muted), (right.left, name_label_y))
        card = pygame.Rect(
            right.left,
            right.top,
            right.width,
            name_label_y - right.top - theme.px(24) - (theme.px(64) if self.unfinished else 0),
        )
        rounded_rect(surface, card, palette.card, palette.card_border, radius=theme.px(12))
        if not self.entries:
            surface.blit(theme.text("No scenarios found.", "body", palette.card_text), card.move(24, 24).topleft)
            return
        entry = self.entries[self.selected]
        pad = theme.px(24)
        inner = card.inflate(-pad * 2, -pad * 2)
        y = inner.top
        if not entry.loads:
            theme.draw_text_block(
                surface, f"{Path(entry.path).name} cannot be loaded:\n{entry.problem}", inner, "body", palette.poor
            )
            return
        surface.blit(theme.text(entry.title, "large", palette.card_text, "bold"), (inner.left, y))
        y += theme.line_height("large") + theme.px(4)
        facts = [", ".join(x for x in (entry.client, entry.age, entry.pronouns) if x)]
        if entry.difficulty or entry.minutes:
            bits = [
                entry.difficulty.capitalize() if entry.difficulty else None,
                f"about {entry.minutes} minutes" if entry.minutes else None,
            ]
            facts.append(" · ".join(b for b in bits if b))
        if entry.skills:
            facts.append("Skills: " + ", ".join(entry.skills))
        for fact in facts:
            surface.blit(theme.text(fact, "body", palette.card_muted), (inner.left, y))
            y += theme.line_height("body")
        y += theme.px(10)
        if entry.summary:
            theme.draw_text_block(
                surface,
                entry.summary,
                pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
                "body",
                palette.card_text,
            )
