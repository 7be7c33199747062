"""The game window: one loop, a stack of scenes, and the entry points the commands call."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import paths
from game.settings import Settings

if TYPE_CHECKING:
    from game.record.log import SessionLog
    from game.record.runner import SessionRunner
    from game.scenario.model import Scenario

FPS = 60


NO_DISPLAY = (
    "no display found: the game needs a desktop session. To play in the terminal instead, "
    "run: rapport play SCENARIO --text"
)


def ensure_display() -> bool:
    """Fall back to SDL's dummy drivers where there is no display (CI, a server, ssh).

    Returns True when we chose the dummy driver ourselves: fine for screenshots, but an
    interactive window would then be invisible, so the caller says so instead.
    """
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    chosen_here = headless and "SDL_VIDEODRIVER" not in os.environ
    if headless:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    return chosen_here


@dataclass
class PlayRequest:
    """What `rapport play SCENARIO` asked for, before the trainee has seen the briefing."""

    scenario: Scenario
    mode: str = "practice"
    trainee: str | None = None
    seed: int | None = None
    log: Path | None = None
    start_at: str | None = None
    set_values: Mapping[str, int] = field(default_factory=dict)


INVISIBLE = ensure_display()

import pygame  # noqa: E402  (after choosing the video driver)
import pygame_gui  # noqa: E402

from game.ui.input import Command, Quit, Resized, Toggle, translate  # noqa: E402
from game.ui.scene import Scene, SceneStack  # noqa: E402
from game.ui.theme import Theme, colour, rounded_rect  # noqa: E402


class App:
    """Owns the window, the theme, pygame_gui's manager and the scene stack."""

    def __init__(
        self,
        settings: Settings | None = None,
        size: tuple[int, int] = (1280, 720),
        folders: Iterable[Path] = (),
        save_settings: bool = True,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        self.settings = settings or Settings.load()
        self.save_settings = save_settings
        self.folders = list(folders)
        pygame.display.set_caption("Rapport")
        self.windowed_size = size
        self.screen = self._open_window(size)
        self.theme = Theme(self.settings, self.screen.get_size())
        self.manager = self._make_manager()
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

    def _make_manager(self) -> pygame_gui.UIManager:
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

        manager = pygame_gui.UIManager(self.screen.get_size(), scaled(data), enable_live_theme_updates=False)
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
        self.manager = self._make_manager()
        for scene in self.stack.scenes[:-1]:
            scene.build()
            scene.on_cover()
        if self.stack.top is not None:
            self.stack.top.build()

    def apply_settings(self) -> None:
        if self.save_settings:
            self.settings.save()
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

    def push(self, scene: Scene) -> None:
        self.stack.push(scene)

    def pop(self) -> None:
        self.stack.pop()
        if self.stack.top is None:
            self.running = False

    def replace(self, scene: Scene) -> None:
        self.stack.replace(scene)

    def reset(self, scene: Scene) -> None:
        self.stack.reset(scene)

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def dispatch(self, command: Command) -> None:
        if isinstance(command, Quit):
            self.quit()
        elif isinstance(command, Resized):
            if command.size != self.theme.size:
                self.screen = pygame.display.get_surface()
                if not self.settings.fullscreen:
                    self.windowed_size = self.screen.get_size()
                self.restyle()
        elif isinstance(command, Toggle) and command.what == "fullscreen":
            self.toggle_fullscreen()
        elif self.stack.top is not None:
            self.stack.top.handle(command)

    def process(self, event: pygame.event.Event) -> None:
        self.manager.process_events(event)
        top = self.stack.top
        for command in translate(event, typing=bool(top and top.typing)):
            self.dispatch(command)

    def frame(self, dt: float) -> None:
        """Advance the top scene by `dt` seconds of simulated time and draw everything."""
        self.time += dt
        top = self.stack.top
        if top is not None:
            top.update(dt)
        self.manager.update(dt)
        self.draw()

    def draw(self) -> None:
        self.screen.fill(colour(self.theme.palette.page))
        for scene in self.stack.visible():
            scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        self._draw_toast()

    def _draw_toast(self) -> None:
        if self._toast is None:
            return
        text, until = self._toast
        if self.time > until:
            self._toast = None
            return
        theme = self.theme
        label = theme.text(text, "small", theme.palette.panel_text)
        pad = theme.px(10)
        rect = label.get_rect()
        rect.inflate_ip(pad * 2, pad)
        rect.midtop = (self.screen.get_width() // 2, theme.px(48))
        rounded_rect(self.screen, rect, theme.palette.panel, radius=theme.px(8))
        self.screen.blit(label, label.get_rect(center=rect.center))

    def run(self, first: Scene) -> int:
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
        self.draw()
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path

    def close(self) -> None:
        while self.stack.top is not None:
            self.stack.pop()
        pygame.display.quit()


# -- entry points used by the commands -------------------------------------------------


def run_game(
    prepared: SessionRunner | None = None,
    request: PlayRequest | None = None,
    folders: Iterable[Path] = (),
) -> int:
    """Open the window: at the title, at a briefing (request) or in a session (prepared)."""
    from game.errors import RapportError
    from game.ui.scenes.title import TitleScene

    if INVISIBLE:
        raise RapportError(NO_DISPLAY)
    app = App(folders=folders)
    first: Scene
    if prepared is not None:
        from game.ui.scenes.session import SessionScene

        app.push(TitleScene(app))
        first = SessionScene(app, prepared)
    elif request is not None:
        from game.ui.scenes.briefing import BriefingScene

        app.push(TitleScene(app))
        first = BriefingScene(app, request)
    else:
        first = TitleScene(app)
    return app.run(first)


def screenshot_session(
    scenario: Scenario,
    numbers: list[int],
    out: Path,
    seed: int = 0,
    mode: str = "practice",
    start_at: str | None = None,
    set_values: Mapping[str, int] | None = None,
) -> int:
    """Straight into a session (no log, no briefing), make the choices, settle, save, exit."""
    from game.errors import RapportError
    from game.record.runner import SessionRunner
    from game.ui.scenes.session import SessionScene

    app = App(save_settings=False)
    runner = SessionRunner.start(scenario, seed=seed, mode=mode, logged=False, start_at=start_at, set_values=set_values)
    session = runner.session
    scene = SessionScene(app, runner)
    app.push(scene)
    app.settle(0.2)
    for number in numbers:
        if not scene.choose_now(number):
            app.close()
            raise RapportError(f"choice {number} is not shown at node '{session.current().node.id}'")
    app.settle(3.0)
    path = app.screenshot(out)
    app.close()
    print(f"wrote {path.resolve()}")
    return 0


def run_replay(
    logs: list[SessionLog],
    scenario_name: str | None = None,
    folders: Iterable[Path] = (),
    step: int | None = None,
    screenshot: Path | None = None,
) -> int:
    """The replay viewer for one log; the class view for several."""
    from game.ui.scenes.replay import open_replay

    return open_replay(logs, scenario_name, list(folders), step, screenshot)
