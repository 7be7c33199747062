"""Settings: text size, typewriter speed, contrast, motion, meters, fullscreen. Saved at once."""

from __future__ import annotations

import pygame
import pygame_gui

from game import paths
from game.settings import TEXT_SIZES, TYPEWRITER_SPEEDS
from game.ui.input import Back, Button, Command, Selected
from game.ui.overlay import Overlay

SWITCHES = [
    ("high_contrast", "High-contrast colours"),
    ("reduced_motion", "Reduced motion (no typewriter, no breathing, instant changes)"),
    ("meters_in_practice", "Show meter bars in practice mode from the start"),
    ("fullscreen", "Fullscreen (F11)"),
]


class SettingsScene(Overlay):
    width_fraction = 0.62
    height_fraction = 0.8

    def build(self) -> None:
        theme = self.theme
        panel = self.panel()
        settings = self.app.settings
        x = panel.left + theme.px(32)
        label_w = theme.px(220)
        y = self.body(0, gap=24).top
        row_h = theme.px(44)
        sizes = sorted({*TEXT_SIZES, settings.text_size})
        rows: list[tuple[str, str, list[str | tuple[str, str]], str]] = [
            ("text_size", "Text size", [f"{size}%" for size in sizes], f"{settings.text_size}%"),
            ("typewriter", "Typewriter speed", list(TYPEWRITER_SPEEDS), settings.typewriter),
        ]
        for name, label, options, current in rows:
            self.keep(pygame_gui.elements.UILabel(pygame.Rect(x, y, label_w, row_h), label, self.manager))
            self.keep(
                pygame_gui.elements.UIDropDownMenu(
                    options,
                    current,
                    pygame.Rect(x + label_w, y, theme.px(220), row_h),
                    self.manager,
                    object_id=f"#{name}",
                )
            )
            y += row_h + theme.px(12)
        for name, label in SWITCHES:
            state = "On" if getattr(settings, name) else "Off"
            self.keep(
                pygame_gui.elements.UIButton(
                    pygame.Rect(x, y, theme.px(84), row_h), state, self.manager, object_id=f"#{name}"
                )
            )
            self.keep(
                pygame_gui.elements.UILabel(
                    pygame.Rect(x + theme.px(96), y, panel.width - theme.px(160), row_h), label, self.manager
                )
            )
            y += row_h + theme.px(8)
        done = pygame.Rect(0, 0, theme.px(160), row_h)
        done.bottomright = (panel.right - theme.px(32), panel.bottom - theme.px(24))
        self.keep(pygame_gui.elements.UIButton(done, "Done", self.manager, object_id="#primary"))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, "Settings")
        theme = self.theme
        panel = self.panel()
        note = f"Changes are saved straight away, to {paths.settings_path()}"
        room = pygame.Rect(panel.left + theme.px(32), panel.bottom - theme.px(76), panel.width - theme.px(240), 80)
        theme.draw_text_block(surface, note, room, "small", theme.palette.page_muted)  # wraps clear of Done

    def handle(self, command: Command) -> None:
        settings = self.app.settings
        if isinstance(command, Selected) and command.name == "text_size":
            settings.text_size = int(command.value.rstrip("%"))
            self.app.apply_settings()
        elif isinstance(command, Selected) and command.name == "typewriter":
            settings.typewriter = command.value
            self.app.apply_settings()
        elif isinstance(command, Button) and command.name in {n for n, _ in SWITCHES}:
            setattr(settings, command.name, not getattr(settings, command.name))
            self.app.apply_settings()
        elif (isinstance(command, Button) and command.name == "primary") or isinstance(command, Back):
            self.app.pop()
