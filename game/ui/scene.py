"""Screens on a stack, each with the same small lifecycle, and what a screen may ask of the app.

Scenes never import one another: a scene asks the app for the next one by name
(`self.app.push("help")`), and the app builds it from its registry
(`game.ui.scenes.SCENES`). `AppLike` is all a scene knows of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import pygame

from game.settings import Settings
from game.ui.input import Command
from game.ui.theme import Theme

if TYPE_CHECKING:
    import pygame_gui

SceneName = Literal[
    "title",
    "briefing",
    "session",
    "debrief",
    "replay",
    "note",
    "class",
    "groups",
    "class-picker",
    "logs",
    "help",
    "transcript",
    "message",
    "unsaved",
    "pause",
    "settings",
    "resume",
]
"""Every name a scene can be opened by; `game.ui.scenes.SCENES` maps each to its factory."""

SceneFactory = Callable[..., "Scene"]
"""Makes a scene: called as `factory(app, *args, **kwargs)` (a Scene class is one)."""


class AppLike(Protocol):
    """What a scene may use of the app: the window, the look, the settings, and the stack by name."""

    @property
    def screen(self) -> pygame.Surface: ...

    @property
    def theme(self) -> Theme: ...

    @property
    def manager(self) -> pygame_gui.UIManager: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def folders(self) -> list[Path]: ...

    def push(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        """Put a scene (or a new one made by name from `args`) on top of the stack."""
        ...

    def replace(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        """Swap the top scene for this one."""
        ...

    def reset(self, scene: Scene | SceneName, /, *args: Any, **kwargs: Any) -> Scene:
        """Leave every scene and start again from this one."""
        ...

    def pop(self) -> None: ...

    def notify(self, text: str, seconds: float = 4.0) -> None: ...

    def quit(self, code: int = 0) -> None: ...

    def restyle(self) -> None: ...

    def keep_settings(self) -> None: ...

    def apply_settings(self) -> None: ...


class Scene:
    """One screen. Drawing is a read-only view of the scene's state.

    `opaque` scenes hide what is below them; overlays (pause, help) draw the
    scene underneath first. pygame_gui elements made in `build` are killed on
    exit and rebuilt after a resize or a settings change.
    """

    opaque = True

    def __init__(self, app: AppLike) -> None:
        self.app = app
        self.widgets: list[pygame_gui.core.UIElement] = []

    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def on_enter(self) -> None:
        self.build()

    def on_exit(self) -> None:
        self.clear_widgets()

    def on_cover(self) -> None:
        """Another scene was pushed on top; hide our widgets so they take no clicks."""
        for widget in self.widgets:
            widget.hide()  # type: ignore[no-untyped-call]  # pygame_gui leaves hide() unannotated

    def on_uncover(self) -> None:
        self.rebuild()

    def build(self) -> None:
        """Create pygame_gui elements for the current window size."""

    def rebuild(self) -> None:
        self.clear_widgets()
        self.build()

    def clear_widgets(self) -> None:
        for widget in self.widgets:
            widget.kill()  # type: ignore[no-untyped-call]  # pygame_gui leaves kill() unannotated
        self.widgets.clear()

    def keep(self, widget: pygame_gui.core.UIElement) -> pygame_gui.core.UIElement:
        self.widgets.append(widget)
        return widget

    def handle(self, command: Command) -> None:
        pass

    def toast_area(self) -> pygame.Rect | None:
        """Where a short message may appear without covering a heading; None: the bottom of the window."""
        return None

    def at_rest(self) -> None:
        """Screens rendered from the command line: finish typing, bring perpetual motion to its rest pose."""
        avatar = getattr(self, "avatar", None)
        if avatar is not None and hasattr(avatar, "still"):
            avatar.still = True  # game.ui.avatar: breathing, blinking and idle gestures at their rest pose
        skip_typing = getattr(self, "skip_typing", None)
        if callable(skip_typing):
            skip_typing()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    @property
    def typing(self) -> bool:
        """True while a text field of this scene has the keyboard."""
        return False


class SceneStack:
    def __init__(self) -> None:
        self.scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        if self.top is not None:
            self.top.on_cover()
        self.scenes.append(scene)
        scene.on_enter()

    def pop(self) -> Scene | None:
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.on_exit()
        if self.top is not None:
            self.top.on_uncover()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another."""
        if self.scenes:
            self.scenes.pop().on_exit()
        self.scenes.append(scene)
        scene.on_enter()

    def reset(self, scene: Scene) -> None:
        """Leave every scene and start again from this one."""
        while self.scenes:
            self.scenes.pop().on_exit()
        self.push(scene)

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: from the top-most opaque one up."""
        start = 0
        for index in range(len(self.scenes) - 1, -1, -1):
            if self.scenes[index].opaque:
                start = index
                break
        return self.scenes[start:]
