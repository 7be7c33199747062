"""The session screen hides no text: the client's line in full, every reply reachable by keys, wheel and scrollbar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.record.runner import SessionRunner
from game.scenario.catalog import library
from game.scenario.loader import load_file
from game.settings import Settings
from tests.helpers import shown_number

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]


def _scenario(name: str):  # type: ignore[no-untyped-def]
    entry = next(e for e in library([]) if str(e.path).endswith(f"{name}.yaml"))
    return load_file(entry.path)


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
    app.settings.text_size = percent
    app.restyle()
    runner = SessionRunner.start(_scenario("feedback-rupture"), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    assert scene.choose_now(shown_number(runner.session, "tell-me-circles"))  # four replies follow
    app.settle(0.5)
    assert scene.phase == "choosing" and len(scene.cards) == 4 and scene.coach is not None
    app.draw()
    rects = scene.rects
    window = app.screen.get_rect()
    for name in ("bar", "stage", "column", "dialogue"):
        assert window.contains(rects[name]), name
    assert not rects["dialogue"].colliderect(rects["column"])  # replies never cover the client's line
    # the client's current line (with their name) is whole in the exchange's view
    assert scene._current_height(rects["dialogue"].width) <= scene.exchange.view.height
    assert scene.exchange.offset == scene.exchange.limit
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
    runner = SessionRunner.start(_scenario("feedback-rupture"), seed=0, mode="practice", logged=False)
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
    runner = SessionRunner.start(_scenario("feedback-rupture"), seed=0, mode="practice", logged=False)
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
    runner = SessionRunner.start(_scenario("feedback-rupture"), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene)
    scene.skip_typing()
    scene.handle(Choose(9))
    assert app._toast is not None and "no reply 9" in app._toast[0]
    assert runner.session.current().turn == 0


def test_a_message_never_covers_the_words(sized_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    app = sized_app
    runner = SessionRunner.start(_scenario("feedback-rupture"), seed=0, mode="assessment", logged=False)
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
