"""The title screen: pick a client, give your name, resume an unfinished session (or put one aside)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.record.locate import ScenarioNotFound, scenario_path_for_log
from game.record.log import SessionLog, archive_log, unfinished_logs
from game.record.runner import ResumeError, SessionRunner
from game.scenario.catalog import Summary, library
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_file
from game.ui.input import (
    Activate,
    Archive,
    Back,
    Button,
    Click,
    Command,
    Focus,
    Move,
    Point,
    Scroll,
    Selected,
    TextChanged,
    Toggle,
)
from game.ui.overlay import Overlay
from game.ui.request import PlayRequest
from game.ui.scene import AppLike, Scene
from game.ui.theme import rounded_rect
from game.ui.widgets import Card, ScrollArea, button_width, control_height, flow, focus_ring, layout_cards

TAGLINE = "Practise the therapeutic relationship, one conversation at a time."
PRACTICE_NOTE = "Practice material for therapists in training — not clinical guidance, supervision or treatment."


BUTTONS = [("primary", "Begin"), ("class", "Class debrief"), ("settings", "Settings"), ("quit", "Quit")]
NAME_LABEL = "Your name (for the log)"


def resume_label(log: SessionLog) -> str:
    when = str(log.header.get("started_at", ""))[:16].replace("T", " ")
    who = log.header.get("trainee") or "no name"
    replies = sum(1 for event in log.events if event.get("type") == "choice")
    return f"{log.header.get('scenario_title', '?')} — {who}, {when}, {replies} repl{'y' if replies == 1 else 'ies'}"


class TitleScene(Scene):
    """Header; the clients (left) and the chosen one's details (right, scrolls); name, resume and buttons below.

    Tab and Shift+Tab move the focus ring between the list, the name field and the buttons;
    Enter acts on the focused one (on the list: begin).
    """

    def __init__(self, app: AppLike) -> None:
        super().__init__(app)
        self.entries = library(app.folders)
        self.selected = 0
        self.trainee = ""
        self.unfinished: list[SessionLog] = []
        self.name_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.cards = [Card(None, e.label, pygame.Rect(0, 0, 0, 0)) for e in self.entries] or [
            Card(None, "No scenarios found", pygame.Rect(0, 0, 0, 0))
        ]
        self.clients = ScrollArea()  # the list of clients: wrapped cards, never a cut-off title
        self.details = ScrollArea()
        self.focus = "scenarios"
        self.controls: dict[str, pygame.Rect] = {}

    def on_enter(self) -> None:
        self.unfinished = unfinished_logs()
        if not self.trainee:
            self.trainee = self.app.settings.trainee
        super().on_enter()

    def on_uncover(self) -> None:
        self.unfinished = unfinished_logs()  # a session resumed, finished or put aside
        super().on_uncover()

    # -- layout ---------------------------------------------------------------------

    def _margin(self) -> int:
        return self.theme.px(40)

    def _layout(self) -> dict[str, pygame.Rect]:
        """Every region and control of the screen, from the window's size and the text size."""
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = self._margin()
        inner = w - margin * 2
        gap = theme.px(12)
        rects: dict[str, pygame.Rect] = {}
        y = theme.px(20)
        title_h = theme.line_height("title")
        rects["title"] = pygame.Rect(margin, y, inner, title_h)
        y += title_h
        tagline_h = theme.text_height(TAGLINE, inner, "body")
        rects["tagline"] = pygame.Rect(margin, y, inner, tagline_h)
        top = y + tagline_h + theme.px(16)
        note_h = theme.text_height(PRACTICE_NOTE, inner, "small")
        bottom = h - theme.px(12) - note_h
        rects["note"] = pygame.Rect(margin, bottom, inner, note_h)
        height = control_height(theme)
        widths = [button_width(theme, label, 120) for _, label in BUTTONS]
        boxes, buttons_h = flow(theme, widths, inner, height, gap)
        bottom -= buttons_h + theme.px(12)
        for (name, _), box in zip(BUTTONS, boxes, strict=True):
            rects[name] = box.move(margin, bottom)
        label_w = theme.font("small").size(NAME_LABEL)[0] + theme.px(12)
        entry_w = min(inner, max(theme.px(320), theme.font("body").size("x" * 24)[0]))
        boxes, name_h = flow(theme, [label_w, entry_w], inner, height, gap)
        bottom -= name_h + gap
        rects["name_label"], rects["trainee"] = (box.move(margin, bottom) for box in boxes)
        if self.unfinished:
            label = self._resume_text()
            resume_w = min(inner, button_width(theme, label))
            bottom -= height + gap
            rects["resume"] = pygame.Rect(margin, bottom, resume_w, height)
        middle = pygame.Rect(margin, top, inner, max(theme.px(60), bottom - gap - top))
        left_w = round(inner * 0.42)
        heading_h = theme.line_height("body")
        rects["heading"] = pygame.Rect(middle.left, middle.top, left_w, heading_h)
        rects["scenarios"] = pygame.Rect(
            middle.left, middle.top + heading_h, left_w, max(theme.px(48), middle.height - heading_h)
        )
        rects["details"] = pygame.Rect(
            middle.left + left_w + theme.px(24), middle.top, inner - left_w - theme.px(24), middle.height
        )
        return rects

    def _resume_text(self) -> str:
        count = len(self.unfinished)
        if count == 1:
            return f"Resume: {resume_label(self.unfinished[0])}"
        return f"Resume an unfinished session ({count})…"

    def _order(self) -> list[str]:
        """The focus order (Tab)."""
        order = ["scenarios", "trainee"]
        if self.unfinished:
            order.append("resume")
        return order + [name for name, _ in BUTTONS]

    def build(self) -> None:
        rects = self.controls = self._layout()
        tips = {
            "primary": "Read the briefing, then start (Enter)",
            "class": "Replay a folder of session logs with a class",
        }
        for name, label in BUTTONS:
            self.keep(
                pygame_gui.elements.UIButton(
                    rects[name], label, self.manager, object_id=f"#{name}", tool_tip_text=tips.get(name)
                )
            )
        self.name_entry = pygame_gui.elements.UITextEntryLine(
            rects["trainee"], self.manager, object_id="#trainee", placeholder_text="optional"
        )
        self.name_entry.set_text(self.trainee)
        self.name_entry.length_limit = 60
        self.keep(self.name_entry)
        if self.unfinished:
            self.keep(
                pygame_gui.elements.UIButton(rects["resume"], self._resume_text(), self.manager, object_id="#resume")
            )
        if self.focus == "trainee":
            self.name_entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui

    @property
    def typing(self) -> bool:
        return bool(self.name_entry is not None and self.name_entry.is_focused)

    # -- commands ------------------------------------------------------------------------

    def _move_focus(self, delta: int) -> None:
        order = self._order()
        index = order.index(self.focus) if self.focus in order else 0
        self.focus = order[(index + delta) % len(order)]
        if self.name_entry is not None:
            if self.focus == "trainee":
                self.name_entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            elif self.name_entry.is_focused:
                self.name_entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui

    def handle(self, command: Command) -> None:
        if isinstance(command, Selected) and command.name == "scenarios":
            labels = [e.label for e in self.entries]
            if command.value in labels:
                self.selected = labels.index(command.value)
                self.details.offset = 0
            self.focus = "scenarios"
        elif isinstance(command, TextChanged) and command.name == "trainee":
            self.trainee = command.value.strip()
        elif isinstance(command, Focus):
            self._move_focus(command.delta)
        elif isinstance(command, Move) and self.entries:
            if self.focus in ("scenarios", "trainee"):
                self.focus = "scenarios"
                self._select((self.selected + command.delta) % len(self.entries))
            else:
                self._move_focus(command.delta)
        elif isinstance(command, Activate):
            if self.typing and self.name_entry is not None:
                self.name_entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
                self.focus = "primary"
            self.press("primary" if self.focus in ("scenarios", "trainee") else self.focus)
        elif isinstance(command, Button):
            self.press(command.name)
        elif isinstance(command, Scroll):
            area = self.clients if self.clients.view.collidepoint(command.pos) else self.details
            area.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Click):
            if self.details.click(self.theme, command.pos) or self.clients.click(self.theme, command.pos):
                return
            if self.controls.get("trainee", pygame.Rect(0, 0, 0, 0)).collidepoint(command.pos):
                self.focus = "trainee"
            elif self.clients.view.collidepoint(command.pos):
                for index, card in enumerate(self.cards):
                    if card.rect.collidepoint(command.pos) and self.entries:
                        self.focus = "scenarios"
                        self._select(index)
        elif isinstance(command, Point):
            pass
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")
        elif isinstance(command, Back):
            if self.typing and self.name_entry is not None:
                self.name_entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
                self.focus = "trainee"
            else:
                self.app.quit()

    def _select(self, index: int) -> None:
        self.selected = index
        self.details.offset = 0
        self._layout_clients()
        card = self.cards[index].rect
        top = card.top - self.clients.view.top + self.clients.offset
        self.clients.ensure_visible(top, top + card.height)

    def _layout_clients(self) -> None:
        theme = self.theme
        view = self._layout()["scenarios"]
        width = view.width
        gap = theme.px(8)
        content = sum(card.height_for(theme, width) + gap for card in self.cards) - gap
        if content > view.height:
            width -= theme.px(20)
            content = sum(card.height_for(theme, width) + gap for card in self.cards) - gap
        self.clients.set(view, content)
        layout_cards(theme, self.cards, pygame.Rect(view.left, view.top - self.clients.offset, width, content), gap)

    def press(self, name: str) -> None:
        if name == "primary":
            self.begin()
        elif name == "settings":
            self.app.push("settings")
        elif name == "class":
            self.app.push("class-picker")
        elif name == "resume":
            if len(self.unfinished) == 1:
                self.resume(self.unfinished[0])
            else:
                self.app.push("resume", self)
        elif name == "quit":
            self.app.quit()

    def remember_name(self) -> None:
        """The name is kept for the next session (and the next start of the game)."""
        if self.trainee != self.app.settings.trainee:
            self.app.settings.trainee = self.trainee
            self.app.apply_settings()

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
                self.remember_name()
                self.app.push("briefing", PlayRequest(scenario, trainee=self.trainee or None))
                return
        self.app.push(
            "message", "This scenario cannot be loaded", [problem, "", f"Check it with: rapport validate {entry.path}"]
        )

    def resume(self, log: SessionLog) -> None:
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
        rects = self._layout()
        surface.blit(theme.text("Rapport", "title", palette.page_text, "bold"), rects["title"].topleft)
        theme.draw_text_block(surface, TAGLINE, rects["tagline"], "body", palette.page_muted)
        surface.blit(theme.text("Choose a client", "body", palette.page_text, "bold"), rects["heading"].topleft)
        self._layout_clients()
        clip = surface.get_clip()
        surface.set_clip(self.clients.view.inflate(theme.px(8), theme.px(8)))
        for index, card in enumerate(self.cards):
            if card.rect.colliderect(self.clients.view):
                card.draw(surface, theme, focused=index == self.selected, muted=not self.entries)
        surface.set_clip(clip)
        self.clients.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        self._draw_details(surface, rects["details"])
        label = theme.text(NAME_LABEL, "small", palette.page_muted)
        surface.blit(label, label.get_rect(midleft=rects["name_label"].midleft))
        theme.draw_text_block(surface, PRACTICE_NOTE, rects["note"], "small", palette.page_muted)
        if self.focus in rects and self.focus != "scenarios":  # the chosen client's card shows the focus itself
            focus_ring(surface, theme, rects[self.focus])

    def _draw_details(self, surface: pygame.Surface, card: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        rounded_rect(surface, card, palette.card, palette.card_border, radius=theme.px(12))
        pad = theme.px(20)
        view = card.inflate(-pad * 2, -pad)
        if not self.entries:
            theme.draw_text_block(surface, "No scenarios found.", view, "body", palette.card_text)
            return
        blocks = self._detail_blocks(self.entries[self.selected])
        width = view.width - theme.px(12)
        content = sum(theme.text_height(text, width, role, style) + gap for text, role, _, style, gap in blocks)
        self.details.set(view, content)
        clip = surface.get_clip()
        surface.set_clip(view)
        y = view.top - self.details.offset
        for text, role, color, style, gap in blocks:
            y += theme.draw_text_block(surface, text, pygame.Rect(view.left, y, width, 0), role, color, style) + gap
        surface.set_clip(clip)
        self.details.draw_bar(surface, theme, palette.card_border, palette.card_muted)

    def _detail_blocks(self, entry: Summary) -> list[tuple[str, str, str, str, int]]:
        """(text, role, colour, style, gap after) of the chosen scenario's card."""
        theme = self.theme
        palette = theme.palette
        if not entry.loads:
            problem = f"{Path(entry.path).name} cannot be loaded:\n{entry.problem}"
            return [(problem, "body", palette.poor, "regular", 0)]
        blocks = [(entry.title, "large", palette.card_text, "bold", theme.px(4))]
        facts = [", ".join(x for x in (entry.client, entry.age, entry.pronouns) if x)]
        if entry.difficulty or entry.minutes:
            bits = [
                entry.difficulty.capitalize() if entry.difficulty else None,
                f"about {entry.minutes} minutes" if entry.minutes else None,
            ]
            facts.append(" · ".join(b for b in bits if b))
        if entry.skills:
            facts.append("Skills: " + ", ".join(entry.skills))
        blocks += [(fact, "body", palette.card_muted, "regular", 0) for fact in facts if fact]
        if entry.summary:
            blocks[-1] = (*blocks[-1][:4], theme.px(10))
            blocks.append((entry.summary, "body", palette.card_text, "regular", 0))
        return blocks


class ResumeScene(Overlay):
    """Every unfinished session, newest first: resume one, or put one aside (archived, never deleted).

    Up/Down choose, Enter resumes, Delete puts aside, Esc (or Tab to Close, Enter) closes; each row has
    both buttons for the mouse, and Close closes.
    """

    width_fraction = 0.8
    height_fraction = 0.84

    def __init__(self, app: AppLike, title: TitleScene) -> None:
        super().__init__(app)
        self.title_scene = title
        self.focus = 0
        self.list = ScrollArea()
        self.rows: list[tuple[pygame.Rect, pygame.Rect, pygame.Rect]] = []  # row, resume, put aside

    @property
    def logs(self) -> list[SessionLog]:
        return self.title_scene.unfinished

    def build(self) -> None:
        self.add_close()

    def _rows(self) -> None:
        theme = self.theme
        view = self.body(self.button_row())
        self.rows = []
        height = control_height(theme)
        resume_w = button_width(theme, "Resume")
        aside_w = button_width(theme, "Put aside")
        y = 0
        for log in self.logs:
            text_w = view.width - resume_w - aside_w - theme.px(48)
            text_h = theme.text_height(resume_label(log), text_w, "body")
            row_h = max(text_h, height) + theme.px(16)
            row = pygame.Rect(view.left, y, view.width - theme.px(16), row_h)
            resume = pygame.Rect(
                row.right - resume_w - aside_w - theme.px(20), y + (row_h - height) // 2, resume_w, height
            )
            aside = pygame.Rect(row.right - aside_w - theme.px(8), resume.top, aside_w, height)
            self.rows.append((row, resume, aside))
            y += row_h + theme.px(8)
        self.list.set(view, max(0, y - theme.px(8)))

    def handle(self, command: Command) -> None:
        if self.tab_key(command):
            return
        if isinstance(command, Move) and self.logs:
            self.focus = (self.focus + command.delta) % len(self.logs)
            self._rows()
            row = self.rows[self.focus][0]
            self.list.ensure_visible(row.top, row.bottom)
        elif isinstance(command, Activate) and self.logs:
            self._resume(self.focus)
        elif isinstance(command, Archive) and self.logs:
            self._aside(self.focus)
        elif isinstance(command, Scroll):
            self.list.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Click):
            if self.list.click(self.theme, command.pos):
                return
            shift = self.list.view.top - self.list.offset
            for index, (row, resume, aside) in enumerate(self.rows):
                if not self.list.view.collidepoint(command.pos):
                    break
                if resume.move(0, shift).collidepoint(command.pos):
                    self._resume(index)
                    return
                if aside.move(0, shift).collidepoint(command.pos):
                    self._aside(index)
                    return
                if row.move(0, shift).collidepoint(command.pos):
                    self.focus = index
        else:
            super().handle(command)

    def _resume(self, index: int) -> None:
        log = self.logs[index]
        self.app.pop()
        self.title_scene.resume(log)

    def _aside(self, index: int) -> None:
        log = self.logs[index]
        try:
            where = archive_log(log.path)
        except OSError as exc:
            self.app.notify(f"It could not be put aside: {exc.strerror or exc}", 8)
            return
        self.logs.pop(index)
        self.focus = max(0, min(self.focus, len(self.logs) - 1))
        self.app.notify(f"Put aside (not deleted): {where}", 8)
        if not self.logs:
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, "Unfinished sessions")
        theme = self.theme
        palette = theme.palette
        self._rows()
        view = self.list.view
        clip = surface.get_clip()
        surface.set_clip(view)
        shift = view.top - self.list.offset
        for index, (log, (row, resume, aside)) in enumerate(zip(self.logs, self.rows, strict=True)):
            row, resume, aside = row.move(0, shift), resume.move(0, shift), aside.move(0, shift)
            focused = index == self.focus
            rounded_rect(
                surface,
                row,
                palette.focus_fill if focused else palette.card,
                palette.focus if focused else palette.card_border,
                width=max(2, theme.px(3)) if focused else 1,
                radius=theme.px(8),
            )
            text = pygame.Rect(
                row.left + theme.px(12), row.top + theme.px(8), resume.left - row.left - theme.px(24), row.height
            )
            theme.draw_text_block(surface, resume_label(log), text, "body", palette.card_text)
            for rect, label, fill, ink in (
                (resume, "Resume", palette.focus, "#FFFFFF"),
                (aside, "Put aside", palette.card, palette.card_text),
            ):
                rounded_rect(surface, rect, fill, palette.focus, radius=theme.px(6))
                caption = theme.text(label, "body", ink)
                surface.blit(caption, caption.get_rect(center=rect.center))
        surface.set_clip(clip)
        self.list.draw_bar(surface, theme, palette.card_border, palette.page_muted)
