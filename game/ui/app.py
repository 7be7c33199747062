"""The game window: one loop, a stack of scenes, and the registry the scenes are opened from by name.

Importing this module chooses nothing: the display driver is chosen when an App
starts (`game.ui.display.ensure_display`), and the commands start the game
through `game.ui.launch`.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import paths
from game.settings import Settings
from game.ui.display import ensure_display
from game.ui.input import Command, Quit, Resized, Toggle, translate
from game.ui.scene import Scene, SceneFactory, SceneName, SceneStack
from game.ui.scenes import SCENES
from game.ui.theme import Theme, colour, rounded_rect

if TYPE_CHECKING:
    import pygame_gui  # imported when a scene first makes a widget: a session's first frame needs none

FPS = 60
WIDGET_TYPES = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "text_entry_box",
    "selection_list",
    "drop_down_menu",
    "tool_tip",
    "window",
    "panel",
    "horizontal_slider",
    "status_bar",
)
SYMBOL_BUTTONS = (
    "drop_down_menu.#expand_button",
    "vertical_scroll_bar.button",
    "horizontal_scroll_bar.button",
    "horizontal_slider.@arrow_button",
)


def fitting_window(design: tuple[int, int] = (1280, 720)) -> tuple[int, int]:
    """A window that fits the screen: the design size where there is room, else 90 % of the screen at 16:9."""
    if os.environ.get("SDL_VIDEODRIVER") == "dummy":
        return design  # no screen to fit: tests and screenshots get the design size
    try:
        screen_w, screen_h = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return design
    if screen_w <= 0 or screen_h <= 0:
        return design
    room_w, room_h = round(screen_w * 0.9), round(screen_h * 0.9)
    width = min(room_w, round(room_h * 16 / 9))
    if width >= design[0] and room_h >= design[1]:
        width = max(design[0], min(width, round(screen_w * 0.75)))
    return width, round(width * 9 / 16)


def png_bytes(surface: pygame.Surface, level: int = 3) -> bytes:
    """The surface as an RGB PNG, compressed quickly (the same pixels always give the same bytes)."""
    width, height = surface.get_size()
    raw = pygame.image.tobytes(surface, "RGB")
    stride = width * 3
    rows = b"".join(b"\x00" + raw[y : y + stride] for y in range(0, len(raw), stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, level)) + chunk(b"IEND", b"")
    )


class App:
    """Owns the window, the theme, pygame_gui's manager and the scene stack."""

    def __init__(
        self,
        settings: Settings | None = None,
        size: tuple[int, int] | None = None,
        folders: Iterable[Path] = (),
        save_settings: bool = True,
        scenes: Mapping[SceneName, SceneFactory] = SCENES,
    ) -> None:
        ensure_display()
        pygame.display.init()
        pygame.font.init()
        self.settings = settings or Settings.load()
        self.save_settings = save_settings
        self.folders = list(folders)
        self.scenes = scenes
        pygame.display.set_caption("Rapport")
        self.windowed_size = size or fitting_window()
        self.screen = self._open_window(self.windowed_size)
        self.theme = Theme(self.settings, self.screen.get_size())
        self._manager: pygame_gui.UIManager | None = None  # made when a scene first builds a widget
        self.stack = SceneStack()
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.time = 0.0
        self._toast: tuple[str, float] | None = None

    # -- window, theme ---------------------------------------------------------------

    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    @property
    def manager(self) -> pygame_gui.UIManager:
        """pygame_gui's manager for the current theme, made on first use (a session alone needs none)."""
        if self._manager is None:
            self._manager = self._make_manager()
        return self._manager

    def _make_manager(self) -> pygame_gui.UIManager:
        import pygame_gui

        from game.ui.gui_font import install_in_pygame_gui

        install_in_pygame_gui()  # pygame_gui's widgets draw every script too
        name = "theme-high-contrast.json" if self.settings.high_contrast else "theme.json"
        data = json.loads((paths.assets_dir() / name).read_text(encoding="utf-8"))
        factor = self.theme.scale * self.settings.text_scale

        def scaled(node: Any) -> Any:
            if isinstance(node, dict):
                out = {}
                for key, value in node.items():
                    if key in ("size", "list_item_height") and isinstance(value, str) and value.isdigit():
                        out[key] = str(max(10, round(int(value) * factor)))
                    else:
                        out[key] = scaled(value)
                return out
            return node

        themed = scaled(data)
        font = themed.get("defaults", {}).get("font")
        if isinstance(font, dict):
            # pygame_gui reads no font from "defaults": every kind of widget gets it, so text grows with the setting
            for element in WIDGET_TYPES:
                block = themed.setdefault(element, {})
                block.setdefault("font", dict(font))
        symbols = {"name": "fira_code_symbols", "size": str(max(10, round(14 * factor)))}
        for element in SYMBOL_BUTTONS:
            themed.setdefault(element, {}).setdefault("font", symbols)
        manager = pygame_gui.UIManager(self.screen.get_size(), themed, enable_live_theme_updates=False)
        size = max(10, round(18 * factor))
        manager.preload_fonts(
            [
                {"name": "noto_sans", "point_size": point, "style": style}
                for point in {size, 14}
                for style in ("bold", "italic", "bold_italic")
            ]
        )
        return manager

    def restyle(self) -> None:
        """Rebuild theme, fonts and widgets after a resize or a settings change."""
        for scene in self.stack.scenes:
            scene.clear_widgets()
        self.theme = Theme(self.settings, self.screen.get_size())
        self._manager = None
        for scene in self.stack.scenes[:-1]:
            scene.build()
            scene.on_cover()
        if self.stack.top is not None:
            self.stack.top.build()

    def keep_settings(self) -> None:
        """Save the settings, unless this run must leave the saved ones alone (screenshots, tests)."""
        if self.save_settings:
            self.settings.save()

    def apply_settings(self) -> None:
        self.keep_settings()
        fullscreen_now = bool(self.screen.get_flags() & pygame.FULLSCREEN)
        if fullscreen_now != self.settings.fullscreen:
            self.screen = self._open_window(self.windowed_size)
        self.restyle()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.apply_settings()

    def notify(self, text: str, seconds: float = 4.0) -> None:
        """A short message at the top of the window (paths written, warnings)."""
        self._toast = (text, self.time + seconds)

    # -- the loop --------------------------------------------------------------------

    def make(self, name: SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        """A new scene from the registry: `factory(self, *args, **kwargs)`."""
        try:
            factory = self.scenes[name]
        except KeyError:
            raise KeyError(f"no scene is registered as {name!r}") from None
        return factory(self, *args, **kwargs)

    def _scene(self, scene: Scene | SceneName, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Scene:
        return scene if isinstance(scene, Scene) else self.make(scene, *args, **kwargs)

    def push(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        made = self._scene(scene, args, kwargs)
        self.stack.push(made)
        return made

    def pop(self) -> None:
        self.stack.pop()
        if self.stack.top is None:
            self.running = False

    def replace(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        made = self._scene(scene, args, kwargs)
        self.stack.replace(made)
        return made

    def reset(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        made = self._scene(scene, args, kwargs)
        self.stack.reset(made)
        return made

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def dispatch(self, command: Command) -> None:
        if isinstance(command, Quit):
            self.quit()
        elif isinstance(command, Resized):
            surface = pygame.display.get_surface()
            if command.size != self.theme.size and surface is not None:
                self.screen = surface
                if not self.settings.fullscreen:
                    self.windowed_size = self.screen.get_size()
                self.restyle()
        elif isinstance(command, Toggle) and command.what == "fullscreen":
            self.toggle_fullscreen()
        elif self.stack.top is not None:
            self.stack.top.handle(command)

    def process(self, event: pygame.event.Event) -> None:
        if self._manager is not None:
            self._manager.process_events(event)
        top = self.stack.top
        for command in translate(event, typing=bool(top and top.typing)):
            self.dispatch(command)

    def frame(self, dt: float) -> None:
        """Advance the top scene by `dt` seconds of simulated time and draw everything."""
        self.time += dt
        top = self.stack.top
        if top is not None:
            top.update(dt)
        if self._manager is not None:
            self._manager.update(dt)
        self.draw()

    def draw(self) -> None:
        self.screen.fill(colour(self.theme.palette.page))
        for scene in self.stack.visible():
            scene.draw(self.screen)
        if self._manager is not None:
            self._manager.draw_ui(self.screen)
        self.draw_toast(self.screen)

    def draw_toast(self, surface: pygame.Surface) -> None:
        """The short message, if one is showing: in the top scene's place for it, else at the window's bottom."""
        if self._toast is None:
            return
        text, until = self._toast
        if self.time > until:
            self._toast = None
            return
        theme = self.theme
        w, h = surface.get_size()
        top = self.stack.top
        area = top.toast_area() if top is not None else None
        at_top = area is not None  # a scene's own place for messages: at its top
        if area is None:  # else the bottom of the window: headings are at the top
            area = pygame.Rect(theme.px(16), h // 2, w - theme.px(32), h // 2 - theme.px(12))
        pad = theme.px(10)
        width = min(area.width - pad * 2, theme.text_width(text, "small") + 2)
        height = theme.text_height(text, width, "small")
        rect = pygame.Rect(0, 0, width + pad * 2, height + pad)
        if at_top:
            rect.midtop = area.midtop
        else:
            rect.midbottom = area.midbottom
        rounded_rect(surface, rect, theme.palette.panel, radius=theme.px(8))
        theme.draw_text_block(surface, text, rect.inflate(-pad * 2, -pad), "small", theme.palette.panel_text)

    def run(self, first: Scene | None = None) -> int:
        """The loop, until the last scene leaves or the trainee quits; `first` goes on top to begin."""
        if first is not None:
            self.push(first)
        only_one_frame = os.environ.get("RAPPORT_EXIT_AFTER_FIRST_FRAME") == "1"  # bench/run.py: cold start
        while self.running and self.stack.top is not None:
            dt = min(self.clock.tick(FPS) / 1000.0, 0.1)
            for event in pygame.event.get():
                self.process(event)
                if not self.running:
                    break
            self.frame(dt)
            pygame.display.flip()
            if only_one_frame:
                break
        self.close()
        return self.exit_code

    def settle(self, seconds: float = 3.0, step: float = 1 / FPS) -> None:
        """Step simulated time (never the wall clock) so animations come to rest."""
        steps = int(seconds / step)
        for _ in range(steps):
            for event in pygame.event.get():
                self.process(event)
            self.frame(step)

    def screenshot(self, path: Path) -> Path:
        """Save the screen as it settles: every line typed, eased changes at their end, perpetual motion at rest."""
        for scene in self.stack.scenes:
            scene.at_rest()
        step = 1 / FPS
        for _ in range(FPS):  # a simulated second, undrawn: eased changes reach their end
            for event in pygame.event.get():
                self.process(event)
            for scene in self.stack.scenes:
                scene.update(step)
            if self._manager is not None:
                self._manager.update(step)
        for scene in self.stack.scenes:
            scene.at_rest()
        self.draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".png":
            path.write_bytes(png_bytes(self.screen))
        else:
            pygame.image.save(self.screen, str(path))
        return path

    def close(self) -> None:
        while self.stack.top is not None:
            self.stack.pop()
        pygame.display.quit()
