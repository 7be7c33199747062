"""Screens on a stack, each with the same small lifecycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ui.input import Command

if TYPE_CHECKING:
    from game.ui.app import App


class Scene:
    """One screen. Drawing is a read-only view of the scene's state.

    `opaque` scenes hide what is below them; overlays (pause, help) draw the
    scene underneath first. pygame_gui elements made in `build` are killed on
    exit and rebuilt after a resize or a settings change.
    """

    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[pygame_gui.core.UIElement] = []

    @property
    def theme(self):  # type: ignore[no-untyped-def]
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
            widget.hide()

    def on_uncover(self) -> None:
        self.rebuild()

    def build(self) -> None:
        """Create pygame_gui elements for the current window size."""

    def rebuild(self) -> None:
        self.clear_widgets()
        self.build()

    def clear_widgets(self) -> None:
        for widget in self.widgets:
            widget.kill()
        self.widgets.clear()

    def keep(self, widget: pygame_gui.core.UIElement) -> pygame_gui.core.UIElement:
        self.widgets.append(widget)
        return widget

    def handle(self, command: Command) -> None:
        pass

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
