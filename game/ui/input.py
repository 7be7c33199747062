"""The one place where pygame and pygame_gui events become commands.

Scenes never look at raw events: they handle these small command objects,
which makes every scene drivable from tests by posting events or commands.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Command:
    pass


@dataclass(frozen=True)
class Choose(Command):
    number: int  # 1-based, as shown


@dataclass(frozen=True)
class Move(Command):
    """Keyboard focus up (-1) or down (+1)."""

    delta: int


@dataclass(frozen=True)
class Activate(Command):
    """Enter on the focused item (or continue / skip typing)."""


@dataclass(frozen=True)
class Focus(Command):
    """Tab (+1) or Shift+Tab (-1): move the keyboard focus between a screen's controls."""

    delta: int


@dataclass(frozen=True)
class Archive(Command):
    """Delete: put the focused item aside (an unfinished session is archived, never deleted)."""


@dataclass(frozen=True)
class Continue(Command):
    """Space: continue, or skip the typewriter."""


@dataclass(frozen=True)
class Undo(Command):
    pass


@dataclass(frozen=True)
class Back(Command):
    """Esc: pause, or close the overlay or screen on top."""


@dataclass(frozen=True)
class Toggle(Command):
    """A view switch: 'help', 'transcript', 'meters', 'fullscreen', 'presenter', 'predict', 'note'."""

    what: str


@dataclass(frozen=True)
class Reload(Command):
    pass


@dataclass(frozen=True)
class Step(Command):
    """Replay navigation: delta steps, or to the first/last with `to`."""

    delta: int = 0
    to: str = ""  # "first" or "last"


@dataclass(frozen=True)
class Point(Command):
    """The mouse moved to pos (hover)."""

    pos: tuple[int, int]


@dataclass(frozen=True)
class Click(Command):
    pos: tuple[int, int]


@dataclass(frozen=True)
class Scroll(Command):
    lines: int  # positive scrolls down
    pos: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Button(Command):
    """A pygame_gui button was pressed; `name` is its object id."""

    name: str


@dataclass(frozen=True)
class Selected(Command):
    """A pygame_gui list or drop-down selection changed."""

    name: str
    value: str


@dataclass(frozen=True)
class TextChanged(Command):
    name: str
    value: str


@dataclass(frozen=True)
class TypeText(Command):
    """Text typed into the scene's own text field (the free-text reply)."""

    text: str


@dataclass(frozen=True)
class Erase(Command):
    """Backspace in the scene's own text field."""


@dataclass(frozen=True)
class Resized(Command):
    size: tuple[int, int]


@dataclass(frozen=True)
class Quit(Command):
    pass


_TOGGLES = {
    pygame.K_F1: "help",
    pygame.K_h: "transcript",
    pygame.K_m: "meters",
    pygame.K_F11: "fullscreen",
    pygame.K_p: "presenter",
    pygame.K_v: "predict",
    pygame.K_n: "note",
}


def object_id(element: object) -> str:
    """A pygame_gui element's object id, without its "#"."""
    ids = getattr(element, "object_ids", None) or []
    name = ids[-1] if ids else ""
    return str(name or "").lstrip("#")


def translate(event: pygame.event.Event, typing: bool = False) -> list[Command]:
    """Commands for one event. While a text field has focus, letters and digits are text."""
    kind = event.type
    if kind == pygame.QUIT:
        return [Quit()]
    if kind in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        size = getattr(event, "size", None) or (event.x, event.y)
        return [Resized((int(size[0]), int(size[1])))]
    gui = sys.modules.get("pygame_gui")  # its events exist only once a widget has made it be imported
    if gui is not None and kind >= pygame.USEREVENT:
        if kind == gui.UI_BUTTON_PRESSED:
            return [Button(object_id(event.ui_element))]
        if kind in (gui.UI_SELECTION_LIST_NEW_SELECTION, gui.UI_DROP_DOWN_MENU_CHANGED):
            return [Selected(object_id(event.ui_element), str(event.text))]
        if kind == gui.UI_TEXT_ENTRY_CHANGED:
            return [TextChanged(object_id(event.ui_element), str(event.text))]
    if kind == pygame.TEXTINPUT:
        return [TypeText(str(event.text))] if typing else []
    if kind == pygame.MOUSEMOTION:
        return [Point(tuple(event.pos))]
    if kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return [Click(tuple(event.pos))]
    if kind == pygame.MOUSEWHEEL:
        return [Scroll(-int(event.y) * 3, pygame.mouse.get_pos())]
    if kind != pygame.KEYDOWN:
        return []
    key, mods = event.key, event.mod
    if key == pygame.K_ESCAPE:
        return [Back()]
    if key == pygame.K_F11:
        return [Toggle("fullscreen")]
    if key == pygame.K_F1:
        return [Toggle("help")]
    if key == pygame.K_F5:
        return [Reload()]
    if key == pygame.K_TAB:
        return [Focus(-1 if mods & pygame.KMOD_SHIFT else 1)]
    if typing:
        if key == pygame.K_BACKSPACE:
            return [Erase()]
        if key == pygame.K_z and mods & pygame.KMOD_CTRL:
            return [Undo()]
        return [Activate()] if key in (pygame.K_RETURN, pygame.K_KP_ENTER) else []
    if pygame.K_1 <= key <= pygame.K_9:
        return [Choose(key - pygame.K_0)]
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return [Choose(key - pygame.K_KP1 + 1)]
    if key in (pygame.K_UP, pygame.K_DOWN):
        return [Move(-1 if key == pygame.K_UP else 1)]
    if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
        return [Activate()]
    if key == pygame.K_SPACE:
        return [Continue()]
    if key == pygame.K_DELETE:
        return [Archive()]
    if key == pygame.K_BACKSPACE or (key == pygame.K_z and mods & pygame.KMOD_CTRL):
        return [Undo()]
    if key == pygame.K_LEFT:
        return [Step(-1)]
    if key == pygame.K_RIGHT:
        return [Step(1)]
    if key == pygame.K_HOME:
        return [Step(to="first")]
    if key == pygame.K_END:
        return [Step(to="last")]
    if key == pygame.K_PAGEDOWN:
        return [Scroll(10)]
    if key == pygame.K_PAGEUP:
        return [Scroll(-10)]
    if key in _TOGGLES:
        return [Toggle(_TOGGLES[key])]
    return []
