"""Events become commands in exactly one place."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.ui import input as cmd


def key(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (key(pygame.K_3), [cmd.Choose(3)]),
        (key(pygame.K_KP7), [cmd.Choose(7)]),
        (key(pygame.K_UP), [cmd.Move(-1)]),
        (key(pygame.K_DOWN), [cmd.Move(1)]),
        (key(pygame.K_RETURN), [cmd.Activate()]),
        (key(pygame.K_SPACE), [cmd.Continue()]),
        (key(pygame.K_BACKSPACE), [cmd.Undo()]),
        (key(pygame.K_z, pygame.KMOD_LCTRL), [cmd.Undo()]),
        (key(pygame.K_ESCAPE), [cmd.Back()]),
        (key(pygame.K_h), [cmd.Toggle("transcript")]),
        (key(pygame.K_m), [cmd.Toggle("meters")]),
        (key(pygame.K_F1), [cmd.Toggle("help")]),
        (key(pygame.K_F5), [cmd.Reload()]),
        (key(pygame.K_F11), [cmd.Toggle("fullscreen")]),
        (key(pygame.K_LEFT), [cmd.Step(-1)]),
        (key(pygame.K_RIGHT), [cmd.Step(1)]),
        (key(pygame.K_HOME), [cmd.Step(to="first")]),
        (key(pygame.K_END), [cmd.Step(to="last")]),
        (key(pygame.K_p), [cmd.Toggle("presenter")]),
        (key(pygame.K_v), [cmd.Toggle("predict")]),
        (key(pygame.K_n), [cmd.Toggle("note")]),
        (key(pygame.K_q), []),
        (pygame.event.Event(pygame.QUIT), [cmd.Quit()]),
        (pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(10, 20)), [cmd.Click((10, 20))]),
        (pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(0, 0), buttons=(0, 0, 0)), [cmd.Point((5, 6))]),
    ],
)
def test_translate(event: pygame.event.Event, expected: list[cmd.Command]) -> None:
    assert cmd.translate(event) == expected


def test_typing_keeps_letters_and_digits_for_the_text_field() -> None:
    assert cmd.translate(key(pygame.K_1), typing=True) == []
    assert cmd.translate(key(pygame.K_h), typing=True) == []
    assert cmd.translate(key(pygame.K_RETURN), typing=True) == [cmd.Activate()]
    assert cmd.translate(key(pygame.K_ESCAPE), typing=True) == [cmd.Back()]


def test_pygame_gui_buttons_become_named_commands(app) -> None:  # type: ignore[no-untyped-def]
    button = pygame_gui.elements.UIButton(pygame.Rect(0, 0, 100, 40), "Go", app.manager, object_id="#primary")
    event = pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button)
    assert cmd.translate(event) == [cmd.Button("primary")]
