"""UI tests: a real App under SDL's dummy driver, driven by posted events."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.settings import Settings


@pytest.fixture
def app() -> Iterator[object]:
    from game.ui.app import App

    application = App(settings=Settings(), save_settings=False)
    yield application
    application.close()


def press(app, key: int, mod: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Post a key press and let the app process it (one simulated frame)."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    app.settle(1 / 30)
