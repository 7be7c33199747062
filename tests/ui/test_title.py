"""The title screen by keyboard and mouse: the focus reaches every control; unfinished sessions listed, put aside."""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER
from tests.ui.conftest import press


def _unfinished(home: Path, trainee: str) -> Path:
    runner = SessionRunner.start(load_file(STARTER), seed=1, mode="practice", trainee=trainee)
    runner.session.current()
    runner.close()
    assert runner.path is not None
    return runner.path


def test_tab_reaches_the_name_field_resume_and_every_button(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.title import TitleScene

    _unfinished(rapport_home, "Ana")
    title = TitleScene(app)
    app.push(title)
    seen = []
    for _ in range(len(title._order())):
        seen.append(title.focus)
        press(app, pygame.K_TAB)
    assert seen == ["scenarios", "trainee", "resume", "primary", "class", "settings", "quit"]
    assert title.focus == "scenarios"
    press(app, pygame.K_TAB)
    assert title.focus == "trainee" and title.typing  # the field has the keyboard: letters are text
    press(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert title.focus == "scenarios" and not title.typing
    for _ in range(5):
        press(app, pygame.K_TAB)
    assert title.focus == "settings"
    press(app, pygame.K_RETURN)
    from game.ui.scenes.settings import SettingsScene

    assert isinstance(app.stack.top, SettingsScene)


def test_resume_lists_every_unfinished_session_newest_first_and_puts_one_aside(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import time

    from game.ui.input import Click
    from game.ui.scenes.session import SessionScene
    from game.ui.scenes.title import ResumeScene, TitleScene

    older = _unfinished(rapport_home, "Ana")
    newer = _unfinished(rapport_home, "Ben")
    now = time.time()
    os.utime(older, (now - 100, now - 100))
    title = TitleScene(app)
    app.push(title)
    title.focus = "resume"
    press(app, pygame.K_RETURN)
    listing = app.stack.top
    assert isinstance(listing, ResumeScene)
    assert [log.path for log in listing.logs] == [newer, older]
    app.draw()
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DELETE)  # put Ana's aside
    assert not older.exists() and (rapport_home / "sessions" / "archived" / older.name).exists()
    assert [log.path for log in listing.logs] == [newer]
    app.draw()
    _, resume, _ = listing.rows[0]
    shift = listing.list.view.top - listing.list.offset
    listing.handle(Click(resume.move(0, shift).center))

    assert isinstance(app.stack.top, SessionScene)


def test_the_name_is_remembered_for_the_next_session(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import TextChanged
    from game.ui.scenes.title import TitleScene

    app.save_settings = True
    title = TitleScene(app)
    app.push(title)
    title.handle(TextChanged("trainee", "Ana Silva"))
    title.begin()
    saved = json.loads((rapport_home / "settings.json").read_text(encoding="utf-8"))
    assert saved["trainee"] == "Ana Silva"
    again = TitleScene(app)
    app.reset(again)
    assert again.trainee == "Ana Silva" and again.name_entry is not None and again.name_entry.get_text() == "Ana Silva"


def test_number_keys_and_clicks_choose_a_client(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Click
    from game.ui.scenes.title import TitleScene

    title = TitleScene(app)
    app.push(title)
    app.draw()
    press(app, pygame.K_DOWN)
    assert title.selected == 1
    app.draw()
    title.handle(Click(title.cards[0].rect.center))
    assert title.selected == 0


def test_settings_by_keyboard(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.settings import SettingsScene

    settings = SettingsScene(app)
    app.push(settings)
    press(app, pygame.K_RIGHT)  # the text size, one step up
    assert app.settings.text_size == 115
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)  # high contrast on
    assert app.settings.high_contrast
    for _ in range(len(settings.rows) - 2):  # the rest of the rows, then Done
        press(app, pygame.K_TAB)
    assert settings.focus == len(settings.rows)  # Done
    press(app, pygame.K_RETURN)
    assert app.stack.top is not settings
