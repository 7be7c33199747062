"""The session screen hides no text: the client's line in full, every reply reachable by keys, wheel and scrollbar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.settings import Settings
from tests.helpers import HEAD, scenario_of

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]


FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "every-screen.yaml"


def _scenario():  # type: ignore[no-untyped-def]
    """The test's own scenario: its second node has four replies, the coach card and a long line."""
    return load_file(FIXTURE)


@pytest.fixture(scope="module", params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized_app(request) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from game.ui.app import App

    application = App(settings=Settings(), size=request.param, save_settings=False)
    yield application
    application.close()


@pytest.mark.parametrize("percent", [90, 200])
def test_a_four_reply_node_with_the_coach_hides_nothing(sized_app, percent: int) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Move, Scroll
    from game.ui.scenes.session import SessionScene

    app = sized_app
    size = app.screen.get_size()
    app.settings.text_size = percent
    app.restyle()
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    assert scene.choose_now(2)
    app.settle(0.5)
    assert scene.phase == "choosing" and len(scene.cards) == 4 and scene.coach is not None
    app.draw()
    rects = scene.rects
    window = app.screen.get_rect()
    for name in ("bar", "stage", "column", "dialogue"):
        assert window.contains(rects[name]), name
    assert not rects["dialogue"].colliderect(rects["column"])  # replies never cover the client's line
    # the client's current line (with their name) is whole in the exchange's view; where the client's
    # minimum leaves too little room (a small window, large text), the view opens at the line's start
    current = scene._current_height(rects["dialogue"].width)
    if current <= scene.exchange.view.height:
        assert scene.exchange.offset == scene.exchange.limit
    else:
        assert (size, percent) == ((1024, 600), 200)
        assert scene.exchange.offset == scene.exchange.content - current
    # every reply can be brought into view by the keyboard
    for index in range(len(scene.cards)):
        scene.focus = index - 1
        scene.handle(Move(1))
        app.draw()
        card, view = scene.cards[index].rect, scene.column.view
        if card.height <= view.height:
            assert view.contains(card), index
        else:  # taller than the column (200 % in a small window): it opens at its top and scrolls on
            assert card.top == view.top, index
    # and by the wheel, with a scrollbar to say there is more
    if scene.column.overflows:
        scene.column.offset = 0
        scene.handle(Scroll(30, scene.column.view.center))
        assert scene.column.offset > 0
        assert window.contains(scene.column.thumb_rect(app.theme))


def test_the_reply_stays_on_screen_with_the_answer(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    app = sized_app
    app.settings.text_size = 100
    app.restyle()
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    first = runner.session.current().choices[1].choice
    assert scene.choose_now(2)
    texts = [block[0] for block in scene._exchange_blocks()]
    assert f"“{first.text}”" in texts and scene.typewriter.text in texts
    assert texts.index(f"“{first.text}”") < texts.index(scene.typewriter.text)


def test_clicks_on_the_top_bar_pause_open_help_and_the_transcript(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Click
    from game.ui.scenes.overlays import HelpScene, PauseScene, TranscriptScene
    from game.ui.scenes.session import SessionScene

    app = sized_app
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    app.draw()
    for action, kind in (("help", HelpScene), ("transcript", TranscriptScene), ("pause", PauseScene)):
        scene.handle(Click(scene.actions[action].center))
        assert isinstance(app.stack.top, kind)
        app.pop()
    assert scene.choose_now(1)
    app.draw()
    scene.handle(Click(scene.actions["undo"].center))
    assert scene.reply is None and runner.session.current().turn == 0
    scene.handle(Click(scene.actions["meters"].center))
    assert scene.show_meters


def test_a_number_without_a_reply_says_so(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Choose
    from game.ui.scenes.session import SessionScene

    app = sized_app
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    scene.skip_typing()
    scene.handle(Choose(9))
    assert app._toast is not None and "no reply 9" in app._toast[0]
    assert runner.session.current().turn == 0


def test_a_message_never_covers_the_words(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    app = sized_app
    runner = SessionRunner.start(_scenario(), seed=0, mode="assessment", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    app.draw()
    area = scene.toast_area()
    assert area is not None and scene.rects["stage"].contains(area)
    assert not area.colliderect(scene.rects["dialogue"]) and not area.colliderect(scene.rects["bar"])
    app.notify("In assessment mode the meters stay hidden until the debrief. " * 3)
    app.draw()  # wraps inside the room: no crash, nothing over the exchange


def test_the_reaction_types_before_the_answer_and_stays_with_the_reply(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    app = sized_app
    app.settings.text_size = 100
    app.settings.typewriter = "normal"
    app.restyle()
    scenario = load_file(Path(__file__).resolve().parent.parent / "fixtures" / "every-addition.yaml")
    runner = SessionRunner.start(scenario, seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    scene.skip_typing()
    reply = runner.session.current().choices[0].choice
    assert reply.react
    scene._choose(1)
    assert scene.phase == "typing" and scene.react_writer.text == f"“{reply.react}”"
    app.settle(0.1)
    assert scene.react_writer.visible > 0 and scene.typewriter.visible == 0  # the reaction first
    app.settle(3.0)
    assert scene.react_writer.done
    texts = [block[0] for block in scene._exchange_blocks()]
    assert texts.index(f"“{reply.text}”") < texts.index(f"“{reply.react}”")
    if scene.typewriter.text:
        assert texts.index(f"“{reply.react}”") < texts.index(scene.typewriter.text)


def test_the_window_fits_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    import pygame

    from game.ui.app import fitting_window

    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")
    for screen, expected_max in (
        ((1024, 600), (1024, 600)),
        ((1920, 1080), (1920, 1080)),
        ((3840, 2160), (3840, 2160)),
    ):
        monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda screen=screen: [screen])
        w, h = fitting_window()
        assert w <= expected_max[0] * 0.9 + 1 and h <= expected_max[1] * 0.9 + 1, (screen, (w, h))
        assert w >= 800 or screen[0] < 1000, (screen, (w, h))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert fitting_window() == (1280, 720)


def test_tab_puts_a_visible_focus_ring_on_every_reply_and_action(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Activate, Back, Focus
    from game.ui.scenes.overlays import PauseScene, TranscriptScene
    from game.ui.scenes.session import SessionScene

    app = sized_app
    app.settings.text_size = 150
    app.restyle()
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    assert scene.choose_now(2)
    stops = []
    for _ in range(len(scene.cards) + len(scene._actions())):
        scene.handle(Focus(1))
        app.draw()
        stops.append(scene.action_focus if scene.action_focus is not None else scene.focus)
        if scene.action_focus is None:  # a reply: in view, and drawn as the focused one
            view, card = scene.column.view, scene.cards[scene.focus].rect
            assert view.contains(card) or card.top == view.top
        else:  # an action: a light ring around it, on the dark bar
            ring = scene.actions[scene.action_focus].inflate(app.theme.px(8), app.theme.px(8))
            colour = app.screen.get_at((ring.centerx, ring.top + 1))
            assert colour == pygame.Color(app.theme.palette.panel_text), scene.action_focus
    assert stops == [1, 2, 3, "meters", "undo", "help", "transcript", "pause", 0]
    scene.handle(Focus(-1))
    scene.handle(Focus(-1))
    assert scene.action_focus == "transcript"
    scene.handle(Activate())
    assert isinstance(app.stack.top, TranscriptScene)
    app.dispatch(Back())
    scene.handle(Focus(1))
    scene.handle(Activate())
    assert isinstance(app.stack.top, PauseScene)


def test_the_client_stays_readable_in_a_small_window_with_large_text() -> None:
    from game.ui.app import App
    from game.ui.input import Scroll
    from game.ui.scenes.session import SessionScene
    from game.ui.stage import caption_band

    app = App(settings=Settings(), size=(1024, 600), save_settings=False)
    try:
        app.settings.text_size = 200
        app.restyle()
        scene = SessionScene(app, SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False))
        app.reset(scene)
        assert scene.choose_now(2)
        app.draw()
        stage = scene.rects["stage"]
        caption = 0 if scene.cue_in_exchange else caption_band(app.theme, scene._cue_text(), stage).height
        assert stage.height - caption >= scene._figure_min(600) >= 150  # the caption never takes the client's room
        # the cue is read with the words and the line drops to body type: the line is whole
        assert scene.cue_in_exchange and scene.line_role == "body"
        assert scene._current_height(scene.rects["dialogue"].width) <= scene.exchange.view.height
        # a line longer than any window can show opens at its start, and the wheel reaches its end
        long_line = " ".join(["I kept meaning to ring, and every day it felt harder to pick up the phone."] * 14)
        scenario = scenario_of(
            HEAD + f"start: a\nnodes:\n  a:\n    say: {long_line!r}\n    next: b\n  b:\n    ending: {{outcome: x}}\n"
        )
        scene = SessionScene(app, SessionRunner.start(scenario, seed=0, mode="practice", logged=False))
        app.reset(scene)
        scene.skip_typing()
        app.draw()
        stage, exchange = scene.rects["stage"], scene.exchange
        assert stage.height >= scene._figure_min(600)
        current = scene._current_height(scene.rects["dialogue"].width)
        assert current > exchange.view.height and exchange.offset == exchange.content - current
        scene.handle(Scroll(300, exchange.view.center))
        assert exchange.offset == exchange.limit > 0
    finally:
        app.close()


def test_the_end_says_ended_and_a_number_there_says_what_to_press(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Choose
    from game.ui.scenes.session import SessionScene

    app = sized_app
    runner = SessionRunner.start(_scenario(), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    assert scene.choose_now(2) and scene.choose_now(1)
    scene.skip_typing()
    assert scene.phase == "finished"
    assert "Ended" in scene._bar_text() and "Turn" not in scene._bar_text()
    scene.handle(Choose(3))
    assert app._toast is not None and "no replies to choose here" in app._toast[0]
