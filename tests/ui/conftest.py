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


def starter_class() -> tuple[object, list[object]]:
    """The starter scenario and two logged sessions of it (Ana, Ben): a small class for the class view."""
    from game.record.log import read_log
    from game.record.runner import SessionRunner
    from game.scenario.loader import load_file
    from tests.conftest import STARTER

    scenario = load_file(STARTER)
    logs: list[object] = []
    for name, seed in (("Ana", 1), ("Ben", 2)):
        runner = SessionRunner.start(scenario, seed=seed, trainee=name)
        runner.play_numbers([1, 1, 1])
        runner.close()
        assert runner.path is not None
        logs.append(read_log(runner.path))
    return scenario, logs
