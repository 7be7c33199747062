"""The session scene queues a session that reaches its ending for the LRS, when one is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.lrs import background
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER


def test_a_session_played_to_its_end_goes_to_the_lrs_queue(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui.scenes.session import SessionScene

    woken: list[object] = []
    monkeypatch.setattr(background, "start_sending", woken.append)  # no thread, no network: only the queue
    app.settings.lrs_url = "http://127.0.0.1:9/xAPI/"
    log = tmp_path / "s.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=3, log=log)
    runner.advance()
    scene = SessionScene(app, runner)
    app.push(scene)
    for _ in range(100):
        turn = runner.session.current()
        if turn.ended:
            break
        assert background.queued() == []  # not before the end
        if turn.choices:
            scene._choose(1)
        else:
            scene._continue()
    assert runner.session.current().ended
    assert background.queued() == [log.resolve()] and woken == [app.settings]


def test_where_sessions_go_is_set_in_the_settings_by_keyboard_and_kept(app: Any, rapport_home: Path) -> None:
    import pygame

    from game.settings import Settings
    from game.ui.scenes.settings import FIELDS, SettingsScene
    from tests.ui.conftest import press

    app.save_settings = True
    scene = app.push("settings")
    assert isinstance(scene, SettingsScene)
    for _ in range(len(scene._names())):  # Tab reaches the field like any other row
        if scene._names()[scene.focus] == "lrs_url":
            break
        press(app, pygame.K_TAB)
    assert scene.typing
    for letter in "http://lrs.example/xAPI/":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=letter))
        app.settle(1 / 30)
    assert app.settings.lrs_url == "http://lrs.example/xAPI/"
    assert Settings.load().lrs_url == "http://lrs.example/xAPI/"  # saved at once, as every setting
    press(app, pygame.K_TAB)
    assert scene._names()[scene.focus] == FIELDS[1][0] and scene.entries[FIELDS[1][0]].is_focused
