"""Settings: text size, typewriter speed, contrast, motion, meters, fullscreen, where finished sessions are sent.
Saved at once."""

from __future__ import annotations

import pygame
import pygame_gui

from game import paths
from game.settings import TEXT_SIZES, TYPEWRITER_SPEEDS
from game.ui.input import (
    Activate,
    Back,
    Button,
    Command,
    Continue,
    Focus,
    Move,
    Scroll,
    Selected,
    Step,
    TextChanged,
)
from game.ui.overlay import Overlay
from game.ui.scene import AppLike
from game.ui.widgets import ScrollArea, button_width, control_height, focus_ring

TEXT_LABELS = [f"{size}%" for size in TEXT_SIZES]
SWITCHES = [
    ("high_contrast", "High-contrast colours"),
    ("reduced_motion", "Reduced motion (no typewriter, no breathing, instant changes)"),
    ("meters_in_practice", "Show meter bars in practice mode from the start"),
    ("fullscreen", "Fullscreen (F11)"),
    ("free_text", "Type replies in your own words (free text)"),
    ("reload_on_save", "Reload the scenario when its file is saved (for authors)"),
]
FIELDS = [  # free text, label above the field: a Learning Record Store (docs/xapi.md); credentials never here
    ("lrs_url", "Send finished sessions to: a Learning Record Store's xAPI address (empty: keep them here only)"),
    ("lrs_home_page", "Trainees' home page in that store (empty: Rapport's default)"),
]


class SettingsScene(Overlay):
    """One row per setting: its name (wrapped) and its control. Rows scroll when the text is large.

    Tab and Up/Down move the focus ring; Enter or Space toggles a switch, Left/Right step a choice.
    """

    width_fraction = 0.62
    height_fraction = 0.8

    def __init__(self, app: AppLike) -> None:
        super().__init__(app)
        self.focus = 0
        self.offset = 0
        self.rows: list[tuple[str, pygame.Rect, pygame.Rect]] = []  # name, label area, control (content coordinates)
        self.content = 0
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}

    def _names(self) -> list[str]:
        return ["text_size", "typewriter", *(name for name, _ in SWITCHES), *(name for name, _ in FIELDS)]

    def _labels(self) -> dict[str, str]:
        return {"text_size": "Text size", "typewriter": "Typewriter speed", **dict(SWITCHES), **dict(FIELDS)}

    @property
    def typing(self) -> bool:
        return any(entry.is_focused for entry in self.entries.values())

    def _layout(self) -> pygame.Rect:
        """The rows (content coordinates), and the view they scroll in."""
        theme = self.theme
        panel = self.panel()
        view = self.body(0, gap=16)
        view.height = self._done().top - theme.px(12) - view.top - self._note_height()
        height = control_height(theme)
        choice_w = max(button_width(theme, label) for label in [*TEXT_LABELS, *TYPEWRITER_SPEEDS]) + theme.px(40)
        switch_w = button_width(theme, "Off", 84)
        width = view.width - theme.px(20)
        self.rows = []
        y = 0
        labels = self._labels()
        for name in self._names():
            control_w = choice_w if name in ("text_size", "typewriter") else switch_w
            control_w = min(control_w, width)
            if name in dict(FIELDS):  # the name, then a field as wide as the row
                label_h = theme.text_height(labels[name], width, "body")
                label = pygame.Rect(view.left, y, width, label_h)
                control = pygame.Rect(view.left, y + label_h + theme.px(4), width, height)
            elif name in ("text_size", "typewriter"):  # name, then its choice to the right (or below)
                label_w = width - control_w - theme.px(16)
                if label_w < theme.text_width("Typewriter speed", "body"):
                    label_w = width
                label_h = theme.text_height(labels[name], label_w, "body")
                if label_w == width:
                    label = pygame.Rect(view.left, y, label_w, label_h)
                    control = pygame.Rect(view.left, y + label_h + theme.px(4), control_w, height)
                else:
                    label = pygame.Rect(view.left, y + (max(label_h, height) - label_h) // 2, label_w, label_h)
                    control = pygame.Rect(view.left + width - control_w, y, control_w, height)
            else:  # the switch, then what it does
                label_w = width - control_w - theme.px(16)
                label_h = theme.text_height(labels[name], label_w, "body")
                control = pygame.Rect(view.left, y, control_w, height)
                label = pygame.Rect(control.right + theme.px(16), y + max(0, (height - label_h) // 2), label_w, label_h)
            self.rows.append((name, label, control))
            y = max(label.bottom, control.bottom) + theme.px(12)
        self.content = y - theme.px(12)
        self.offset = max(0, min(self.offset, self.content - view.height))
        del panel
        return view

    def _done(self) -> pygame.Rect:
        theme = self.theme
        panel = self.panel()
        done = pygame.Rect(0, 0, button_width(theme, "Done", 160), control_height(theme))
        done.bottomright = (panel.right - theme.px(32), panel.bottom - theme.px(24))
        return done

    def _note(self) -> str:
        return f"Changes are saved straight away, to {paths.settings_path()}"

    def _note_height(self) -> int:
        theme = self.theme
        return theme.text_height(self._note(), self.panel().width - theme.px(64), "small") + theme.px(8)

    def build(self) -> None:
        settings = self.app.settings
        view = self._layout()
        self.entries = {}
        names = self._names()
        for name, label, control in self.rows:
            if not self._fits(label, control, view):
                continue  # scrolled out of view: built again when it scrolls in
            rect = control.move(0, view.top - self.offset)
            if name in dict(FIELDS):
                entry = pygame_gui.elements.UITextEntryLine(rect, self.manager, object_id=f"#{name}")
                entry.set_text(getattr(settings, name))
                entry.length_limit = 300
                self.keep(entry)
                self.entries[name] = entry
                if self.focus < len(names) and names[self.focus] == name:
                    entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
                continue
            if name == "text_size":
                sizes = sorted({*TEXT_SIZES, settings.text_size})
                options: list[str | tuple[str, str]] = [f"{size}%" for size in sizes]
                current = f"{settings.text_size}%"
            elif name == "typewriter":
                options, current = list(TYPEWRITER_SPEEDS), settings.typewriter
            else:
                state = "On" if getattr(settings, name) else "Off"
                self.keep(pygame_gui.elements.UIButton(rect, state, self.manager, object_id=f"#{name}"))
                continue
            self.keep(pygame_gui.elements.UIDropDownMenu(options, current, rect, self.manager, object_id=f"#{name}"))
        self.keep(pygame_gui.elements.UIButton(self._done(), "Done", self.manager, object_id="#primary"))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, "Settings")
        theme = self.theme
        palette = theme.palette
        view = self._layout()
        clip = surface.get_clip()
        surface.set_clip(view)
        shift = view.top - self.offset
        labels = self._labels()
        for index, (name, label, control) in enumerate(self.rows):
            if not self._fits(label, control, view):
                continue  # a row is shown whole (its name with its control) or not at all
            theme.draw_text_block(surface, labels[name], label.move(0, shift), "body", palette.page_text)
            if index == self.focus:
                surface.set_clip(view.inflate(theme.px(8), theme.px(8)))
                focus_ring(surface, theme, control.move(0, shift))
                surface.set_clip(view)
        surface.set_clip(clip)
        if self.content > view.height:
            bar = ScrollArea()
            bar.set(view, self.content)
            bar.offset = self.offset
            bar.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        panel = self.panel()
        note = pygame.Rect(
            panel.left + theme.px(32), view.bottom + theme.px(8), panel.width - theme.px(64), self._note_height()
        )
        theme.draw_text_block(surface, self._note(), note, "small", palette.page_muted)
        if self.focus == len(self.rows):
            focus_ring(surface, theme, self._done())

    def _fits(self, label: pygame.Rect, control: pygame.Rect, view: pygame.Rect) -> bool:
        """Whether the whole row (name and control) is inside the view at the current scroll offset."""
        top = min(label.top, control.top) + view.top - self.offset
        bottom = max(label.bottom, control.bottom) + view.top - self.offset
        return top >= view.top and bottom <= view.bottom

    def _scroll_to_focus(self) -> None:
        view = self._layout()
        if self.focus < len(self.rows):
            _, label, control = self.rows[self.focus]
            top, bottom = min(label.top, control.top), max(label.bottom, control.bottom)
            if bottom - self.offset > view.height:
                self.offset = bottom - view.height
            if top < self.offset:
                self.offset = top
        self.rebuild()

    def _step(self, name: str, delta: int) -> None:
        settings = self.app.settings
        if name == "text_size":
            sizes = sorted({*TEXT_SIZES, settings.text_size})
            index = max(0, min(len(sizes) - 1, sizes.index(settings.text_size) + delta))
            settings.text_size = sizes[index]
        else:
            speeds = list(TYPEWRITER_SPEEDS)
            index = max(0, min(len(speeds) - 1, speeds.index(settings.typewriter) + delta))
            settings.typewriter = speeds[index]
        self.app.apply_settings()

    def handle(self, command: Command) -> None:
        settings = self.app.settings
        names = self._names()
        if isinstance(command, TextChanged) and command.name in dict(FIELDS):
            setattr(settings, command.name, command.value.strip())
            self.app.keep_settings()  # no restyle: the field keeps its caret
        elif isinstance(command, Selected) and command.name == "text_size":
            settings.text_size = int(command.value.rstrip("%"))
            self.app.apply_settings()
        elif isinstance(command, Selected) and command.name == "typewriter":
            settings.typewriter = command.value
            self.app.apply_settings()
        elif isinstance(command, Button) and command.name in {n for n, _ in SWITCHES}:
            setattr(settings, command.name, not getattr(settings, command.name))
            self.app.apply_settings()
        elif isinstance(command, (Move, Focus)):
            self.focus = (self.focus + command.delta) % (len(names) + 1)
            self._scroll_to_focus()
        elif isinstance(command, Step) and command.delta and self.focus < len(names):
            if names[self.focus] in ("text_size", "typewriter"):
                self._step(names[self.focus], command.delta)
        elif isinstance(command, (Activate, Continue)):
            if self.focus >= len(names):
                self.app.pop()
            elif names[self.focus] in ("text_size", "typewriter"):
                self._step(names[self.focus], 1)
            elif names[self.focus] in dict(FIELDS):  # Enter in a field: done with it, on to the next row
                self.focus += 1
                self._scroll_to_focus()
            else:
                name = names[self.focus]
                setattr(settings, name, not getattr(settings, name))
                self.app.apply_settings()
        elif isinstance(command, Scroll):
            self.offset = max(0, self.offset + command.lines * self.theme.px(16))
            self.rebuild()
        elif (isinstance(command, Button) and command.name == "primary") or isinstance(command, Back):
            self.app.pop()
