"""Scenes drawn over another: pause, help, the transcript so far, and messages."""

from __future__ import annotations

import html
from typing import Any, ClassVar, Protocol

import pygame
import pygame_gui

from game.analysis.debrief import Debrief
from game.record.runner import SessionRunner
from game.scenario.model import Scenario
from game.ui.input import Activate, Button, Click, Command, Focus, Move, Quit, Scroll, Toggle
from game.ui.overlay import Overlay
from game.ui.richtext import transcript_lines
from game.ui.scene import AppLike
from game.ui.theme import Palette, blit_line
from game.ui.widgets import ScrollArea, button_width, control_height, focus_ring

KEYS = [
    ("1–9", "choose a reply"),
    ("Up, Down, Enter", "choose with the arrow keys"),
    ("Space / Enter", "continue, or show the whole line at once"),
    ("H", "transcript so far"),
    ("M", "meter bars (practice mode)"),
    ("Backspace / Ctrl+Z", "undo the last reply (practice mode)"),
    ("Esc", "pause: settings, save and quit"),
    ("F5", "reload the scenario file (saving it does too)"),
    ("F11", "fullscreen"),
    ("F1", "this help"),
    ("Tab, Shift+Tab", "move the focus ring; Enter presses what it is on"),
    ("Replay: Left/Right", "step through a session (Home, End: ends)"),
    ("Replay: P, V, N", "presenter view, predict mode, add a note"),
]


class SessionControls(Protocol):
    """What the pause menu and the unsaved-session message need of the session scene below them."""

    @property
    def runner(self) -> SessionRunner: ...

    @property
    def log_path(self) -> str | None: ...

    def close_log(self) -> None: ...

    def save_elsewhere(self) -> str: ...


HELP_NOTE = (
    "Everything also works with the mouse: click the top bar's actions, the cards and the buttons. "
    "Esc, F1 or Close closes this."
)


class HelpScene(Overlay):
    """The keys, in a list that scrolls (wheel, arrows, Page Up/Down) when the text is large."""

    height_fraction = 0.86

    def __init__(self, app: AppLike) -> None:
        super().__init__(app)
        self.list = ScrollArea()

    def build(self) -> None:
        self.add_close()

    def _rows(self, width: int) -> tuple[int, list[tuple[int, int]]]:
        """The keys' column width and each row's (height, meaning's x offset); narrow: the key above its meaning."""
        theme = self.theme
        key_w = max(theme.text_width(key, "body", "bold") for key, _ in KEYS) + theme.px(24)
        stacked = width - key_w < theme.text_width("x" * 24, "body")
        rows = []
        for _, meaning in KEYS:
            if stacked:
                rows.append(
                    (
                        theme.line_height("body")
                        + theme.text_height(meaning, width - theme.px(24), "body")
                        + theme.px(6),
                        theme.px(24),
                    )
                )
            else:
                rows.append((theme.text_height(meaning, width - key_w, "body"), key_w))
        return key_w, rows

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        theme = self.theme
        palette = theme.palette
        self.title(surface, "Keys")
        view = self.body(self.button_row())
        width = view.width - theme.px(20)
        _, rows = self._rows(width)
        note_h = theme.px(12) + theme.text_height(HELP_NOTE, width, "small")
        self.list.set(view, sum(height for height, _ in rows) + note_h)
        clip = surface.get_clip()
        surface.set_clip(view)
        y = view.top - self.list.offset
        for (key, meaning), (height, offset) in zip(KEYS, rows, strict=True):
            blit_line(surface, theme.text(key, "body", palette.page_text, "bold"), (view.left, y))
            top = y if offset != theme.px(24) else y + theme.line_height("body")
            theme.draw_text_block(
                surface,
                meaning,
                pygame.Rect(view.left + offset, top, width - offset, height),
                "body",
                palette.page_text,
            )
            y += height
        theme.draw_text_block(
            surface, HELP_NOTE, pygame.Rect(view.left, y + theme.px(12), width, note_h), "small", palette.page_muted
        )
        surface.set_clip(clip)
        self.list.draw_bar(surface, theme, palette.card_border, palette.page_muted)

    def handle(self, command: Command) -> None:
        if isinstance(command, Toggle) and command.what == "help":
            self.app.pop()
        elif isinstance(command, Scroll):
            self.list.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Move):
            self.list.scroll(command.delta * self.theme.line_height("body"))
        elif isinstance(command, Click):
            self.list.click(self.theme, command.pos)
        else:
            super().handle(command)


def transcript_html(scenario: Scenario, events: list[dict[str, Any]], mode: str, palette: Palette) -> str:
    """The transcript so far; qualities and thoughts only in practice mode."""
    lines = transcript_lines(Debrief.from_events(scenario, events), palette, revealed=mode == "practice")
    return "<br>".join(lines) or "Nothing has been said yet."


class TranscriptScene(Overlay):
    width_fraction = 0.7
    height_fraction = 0.8

    def __init__(self, app: AppLike, scenario: Scenario, events: list[dict[str, Any]], mode: str) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.events = events
        self.mode = mode

    def build(self) -> None:
        text = transcript_html(self.scenario, self.events, self.mode, self.theme.palette)
        box = pygame_gui.elements.UITextBox(text, self.body(self.button_row()), self.manager)
        if box.scroll_bar is not None:
            box.scroll_bar.set_scroll_from_start_percentage(1.0)  # the latest lines
        self.keep(box)
        self.add_close()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, "Transcript so far")

    def handle(self, command: Command) -> None:
        if isinstance(command, Toggle) and command.what == "transcript":
            self.app.pop()
        else:
            super().handle(command)


class MessageScene(Overlay):
    """A message the trainee or author must read (a scenario that no longer loads, a log error)."""

    def __init__(self, app: AppLike, heading: str, lines: list[str]) -> None:
        super().__init__(app)
        self.heading = heading
        self.lines = lines

    def title_text(self) -> str:
        return self.heading

    def build(self) -> None:
        rect = self.body(self.button_row())
        body = "<br>".join(html.escape(line) for line in self.lines)
        self.keep(pygame_gui.elements.UITextBox(body, rect, self.manager))
        self.add_close()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, self.heading)

    def handle(self, command: Command) -> None:
        if self.tab_key(command):
            return
        if isinstance(command, Activate):
            self.app.pop()
        else:
            super().handle(command)


class UnsavedScene(MessageScene):
    """The log could not be written: say where and why; Enter saves the whole session to a new file."""

    def __init__(self, app: AppLike, session_scene: SessionControls) -> None:
        failure = session_scene.runner.failure or "the session could not be saved"
        lines = [
            failure[0].upper() + failure[1:] + ".",
            "The log keeps everything up to your last saved reply. You can go on playing, but "
            "nothing more is saved until the session is saved elsewhere.",
            "",
            "Enter or “Save elsewhere”: write the whole session to a new file in the sessions folder.",
            "Esc or “Close”: keep playing without saving.",
        ]
        super().__init__(app, "This session is not being saved", lines)
        self.session_scene = session_scene

    def build(self) -> None:
        super().build()
        theme = self.theme
        close = self.close_button()
        button = pygame.Rect(0, 0, button_width(theme, "Save elsewhere", 220), control_height(theme))
        button.bottomright = (close.left - theme.px(16), close.bottom)
        self.keep(pygame_gui.elements.UIButton(button, "Save elsewhere", self.manager, object_id="#primary"))

    def handle(self, command: Command) -> None:
        if self.tab_key(command):
            return
        if isinstance(command, Activate) or (isinstance(command, Button) and command.name == "primary"):
            outcome = self.session_scene.save_elsewhere()
            self.app.pop()
            self.app.notify(outcome, 8)
        else:
            super().handle(command)


class PauseScene(Overlay):
    width_fraction = 0.36
    height_fraction = 0.62
    BUTTONS: ClassVar[list[tuple[str, str]]] = [
        ("resume", "Resume"),
        ("settings", "Settings"),
        ("help", "Keys and help"),
        ("title", "Save and return to the title"),
        ("quit", "Save and quit Rapport"),
    ]

    def __init__(self, app: AppLike, session_scene: SessionControls) -> None:
        super().__init__(app)
        self.session_scene = session_scene
        self.focus = 0

    def build(self) -> None:
        theme = self.theme
        panel = self.panel()
        y = self.body(0, gap=24).top
        height = control_height(theme)
        for name, label in self.BUTTONS:
            rect = pygame.Rect(panel.left + theme.px(32), y, panel.width - theme.px(64), height)
            self.keep(
                pygame_gui.elements.UIButton(
                    rect, label, self.manager, object_id="#primary" if name == "resume" else f"#{name}"
                )
            )
            y += height + theme.px(10)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, "Paused")
        theme = self.theme
        panel = self.panel()
        runner = self.session_scene.runner
        if runner.failure is not None:
            note = "Not saved: " + runner.failure
        else:
            note = "Your session is saved as you go." if runner.path else "This session is not being logged."
        top = self.widgets[-1].rect.bottom + theme.px(12) if self.widgets else panel.centery
        width = panel.width - theme.px(64)
        theme.draw_text_block(
            surface,
            note,
            pygame.Rect(panel.left + theme.px(32), top, width, panel.bottom - top),
            "small",
            theme.palette.page_muted,
        )
        if 0 <= self.focus < len(self.widgets):
            focus_ring(surface, theme, pygame.Rect(self.widgets[self.focus].rect))

    def handle(self, command: Command) -> None:
        if isinstance(command, (Move, Focus)):
            self.focus = (self.focus + command.delta) % len(self.BUTTONS)
        elif isinstance(command, Activate):
            self.press(self.BUTTONS[self.focus][0])
        elif isinstance(command, Button):
            self.press("resume" if command.name == "primary" else command.name)
        elif isinstance(command, Quit):
            self.press("quit")
        else:
            super().handle(command)

    def press(self, name: str) -> None:
        if name == "resume":
            self.app.pop()
        elif name == "settings":
            self.app.push("settings")
        elif name == "help":
            self.app.push(HelpScene(self.app))
        elif name == "title":
            self.session_scene.close_log()
            if self.session_scene.log_path:
                self.app.notify(f"Session saved: {self.session_scene.log_path}", 6)
            self.app.reset("title")
        elif name == "quit":
            self.session_scene.close_log()
            if self.session_scene.log_path:
                print(f"Session saved: {self.session_scene.log_path}")
            self.app.quit()
