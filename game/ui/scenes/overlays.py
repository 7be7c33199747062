"""Scenes drawn over another: pause, help, the transcript so far, and messages."""

from __future__ import annotations

import html
from typing import Any, ClassVar, Protocol

import pygame
import pygame_gui

from game.analysis.debrief import Debrief
from game.record.runner import SessionRunner
from game.scenario.model import Scenario
from game.ui.input import Activate, Button, Command, Move, Quit, Toggle
from game.ui.overlay import Overlay
from game.ui.richtext import transcript_lines
from game.ui.scene import AppLike
from game.ui.theme import Palette, rounded_rect

KEYS = [
    ("1–9", "choose a reply"),
    ("Up, Down, Enter", "choose with the arrow keys"),
    ("Space / Enter", "continue, or show the whole line at once"),
    ("H", "transcript so far"),
    ("M", "meter bars (practice mode)"),
    ("Backspace / Ctrl+Z", "undo the last reply (practice mode)"),
    ("Esc", "pause: settings, save and quit"),
    ("F5", "reload the scenario file (for authors)"),
    ("F11", "fullscreen"),
    ("F1", "this help"),
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


class HelpScene(Overlay):
    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        theme = self.theme
        panel = self.panel()
        y = self.title(surface, "Keys")
        key_w = theme.px(260)
        for key, meaning in KEYS:
            surface.blit(theme.text(key, "body", theme.palette.page_text, "bold"), (panel.left + theme.px(32), y))
            surface.blit(theme.text(meaning, "body", theme.palette.page_text), (panel.left + theme.px(32) + key_w, y))
            y += theme.line_height("body")
        y += theme.px(12)
        note = "Everything also works with the mouse. Esc or F1 closes this."
        surface.blit(theme.text(note, "small", theme.palette.page_muted), (panel.left + theme.px(32), y))

    def handle(self, command: Command) -> None:
        if isinstance(command, Toggle) and command.what == "help":
            self.app.pop()
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
        box = pygame_gui.elements.UITextBox(text, self.body(24), self.manager)
        if box.scroll_bar is not None:
            box.scroll_bar.set_scroll_from_start_percentage(1.0)  # the latest lines
        self.keep(box)

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

    def build(self) -> None:
        theme = self.theme
        panel = self.panel()
        rect = self.body(88)
        body = "<br>".join(html.escape(line) for line in self.lines)
        self.keep(pygame_gui.elements.UITextBox(body, rect, self.manager))
        button = pygame.Rect(0, 0, theme.px(160), theme.px(44))
        button.bottomright = (panel.right - theme.px(32), panel.bottom - theme.px(24))
        self.keep(pygame_gui.elements.UIButton(button, "Close", self.manager, object_id="#close"))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, self.heading)

    def handle(self, command: Command) -> None:
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
        panel = self.panel()
        button = pygame.Rect(0, 0, theme.px(220), theme.px(44))
        button.bottomright = (panel.right - theme.px(208), panel.bottom - theme.px(24))
        self.keep(pygame_gui.elements.UIButton(button, "Save elsewhere", self.manager, object_id="#primary"))

    def handle(self, command: Command) -> None:
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
        for name, label in self.BUTTONS:
            rect = pygame.Rect(panel.left + theme.px(32), y, panel.width - theme.px(64), theme.px(48))
            self.keep(
                pygame_gui.elements.UIButton(
                    rect, label, self.manager, object_id="#primary" if name == "resume" else f"#{name}"
                )
            )
            y += theme.px(58)

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
        label = theme.text(note, "small", theme.palette.page_muted)
        surface.blit(label, (panel.left + theme.px(32), panel.bottom - theme.px(36)))
        if 0 <= self.focus < len(self.widgets):
            rect = self.widgets[self.focus].rect.inflate(theme.px(6), theme.px(6))
            rounded_rect(surface, rect, None, theme.palette.focus, width=theme.px(3), radius=theme.px(10))

    def handle(self, command: Command) -> None:
        if isinstance(command, Move):
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
