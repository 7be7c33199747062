"""A whole scenario by keyboard alone and by mouse alone: title, briefing, session, debrief, replay, report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from tests.ui.conftest import press


def click(app: Any, pos: tuple[int, int]) -> None:
    """A real click, as SDL would post it: move, press, release."""
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.settle(1 / 20)


def wheel(app: Any, notches: int) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-notches, flipped=False, precise_x=0.0, precise_y=float(-notches))
    )
    app.settle(1 / 30)


def button(app: Any, name: str) -> tuple[int, int]:
    """The centre of the top scene's pygame_gui button with this object id."""
    for widget in app.stack.top.widgets:
        if widget.object_ids and widget.object_ids[-1] == f"#{name}":
            return tuple(widget.rect.center)  # type: ignore[return-value]
    raise AssertionError(f"no button #{name} on {type(app.stack.top).__name__}")


def _start_at_the_starter(app: Any) -> Any:
    from game.ui.scenes.title import TitleScene

    title = TitleScene(app)
    app.push(title)
    assert title.entries[title.selected].label.startswith("Starter")
    return title


def test_keyboard_alone_from_the_title_to_the_report(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.overlays import TranscriptScene
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.session import SessionScene

    _start_at_the_starter(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, BriefingScene)
    press(app, pygame.K_RETURN)
    session = app.stack.top
    assert isinstance(session, SessionScene)
    # the top bar's actions by Tab alone: the transcript opens, and its Close button closes it
    press(app, pygame.K_SPACE)
    while session.action_focus != "transcript":
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, TranscriptScene)
    press(app, pygame.K_TAB)
    app.draw()
    assert app.stack.top.tab_focus == 0
    press(app, pygame.K_RETURN)
    assert app.stack.top is session
    press(app, pygame.K_DOWN)  # the arrow keys bring the focus back to the replies
    assert session.action_focus is None
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            break
        phase = top.phase
        if phase == "choosing":
            press(app, pygame.K_DOWN)
            press(app, pygame.K_UP)
            press(app, pygame.K_1)
        elif phase == "finished":
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_SPACE)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene) and debrief.log_path
    press(app, pygame.K_RETURN)  # Enter alone does not leave the debrief
    assert app.stack.top is debrief
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    assert debrief.focus == "replay"
    press(app, pygame.K_RETURN)
    replay = app.stack.top
    assert isinstance(replay, ReplayScene)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert replay.index == 2
    while replay.action_focus != "previous":  # the bar's buttons by Tab and Enter too
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert replay.index == 1
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is debrief
    press(app, pygame.K_TAB)
    assert debrief.focus == "report"
    press(app, pygame.K_RETURN)
    assert Path(debrief.log_path).with_suffix(".html").is_file()


def test_mouse_alone_from_the_title_to_the_report(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.overlays import HelpScene, TranscriptScene
    from game.ui.scenes.replay import NoteScene, ReplayScene
    from game.ui.scenes.session import SessionScene

    app.settings.text_size = 150  # larger text: the replies scroll, and the mouse scrolls them
    app.restyle()
    _start_at_the_starter(app)
    app.draw()
    click(app, button(app, "primary"))
    assert isinstance(app.stack.top, BriefingScene)
    click(app, button(app, "primary"))
    session = app.stack.top
    assert isinstance(session, SessionScene)
    app.draw()
    for action, overlay in (("help", HelpScene), ("transcript", TranscriptScene)):  # opened and closed by clicks
        click(app, session.actions[action].center)
        assert isinstance(app.stack.top, overlay)
        app.draw()
        click(app, button(app, "close"))
        assert app.stack.top is session
        app.draw()
    for _ in range(300):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            break
        app.draw()
        if top.phase in ("typing", "coach"):
            click(app, top.rects["dialogue"].center)
            continue
        cards = top.cards
        target = cards[-1] if top.phase == "choosing" else cards[0]  # the last reply: the one furthest down
        for _ in range(40):
            if top.column.view.contains(target.rect):
                break
            wheel(app, 1)
            app.draw()
        assert top.column.view.contains(target.rect) or target.rect.height > top.column.view.height
        click(
            app, target.rect.move(0, 2).topleft if target.rect.height > top.column.view.height else target.rect.center
        )
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene) and debrief.log_path
    app.draw()
    click(app, button(app, "replay"))
    replay = app.stack.top
    assert isinstance(replay, ReplayScene)
    app.draw()
    click(app, replay.rects["next"].center)
    click(app, replay.rects["next"].center)
    assert replay.index == 2
    click(app, replay.rects["note"].center)  # a note's overlay, and its Cancel, by mouse
    assert isinstance(app.stack.top, NoteScene)
    app.draw()
    click(app, button(app, "close"))
    assert app.stack.top is replay
    app.draw()
    click(app, replay.rects["back"].center)
    assert app.stack.top is debrief
    app.draw()
    click(app, button(app, "report"))
    assert Path(debrief.log_path).with_suffix(".html").is_file()


def test_the_class_view_by_keyboard(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.replay import ClassScene, ReplayScene
    from tests.ui.conftest import starter_class

    scenario, logs = starter_class()
    view = ClassScene(app, scenario, logs)
    app.push(view)
    press(app, pygame.K_DOWN)
    assert view.selected == 1  # the nodes first
    press(app, pygame.K_TAB)
    assert view.focus == "replies"  # then the replies at that moment (they scroll)
    press(app, pygame.K_TAB)
    press(app, pygame.K_DOWN)
    app.draw()
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ReplayScene) and app.stack.top.log.trainee == "Ben"
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_TAB)
    assert view.focus == "back"
    press(app, pygame.K_RETURN)
    assert app.stack.top is not view
