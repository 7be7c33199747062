"""Every screen at every size, text size and contrast hides no text (issue 13's test).

Each scene is rendered fully typed (as a screenshot is) at 1024×600, 1280×720, 1920×1080 and
3840×2160, at 90 %, 100 %, 150 % and 200 % text. Every scene meets every window size and every
text size; the colours alternate between the usual and the high-contrast ones so that each
scene meets both at every window size and at every text size (half the renders of the full
product, which keeps the test quick). The top scene's text is recorded as it is drawn (every
piece of text goes through `Theme.text`): no two pieces overlap each other or a widget, none
leaves the window or its overlay's panel unless it is drawn in a region that scrolls (a clip),
and a short message (toast) covers no heading and, in a session, no words. Every pygame_gui
widget's font grows with the text size.

The scenario is this test's own (tests/fixtures/every-screen.yaml): a node with four replies
and the coach card, a long line, a reaction and thoughts. The free-text reply is shown with a
long typed text in its field, and as what the client heard (a stand-in matcher, no model).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.record.log import SessionLog, read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from game.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "every-screen.yaml"
SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]
TEXT = [90, 100, 150, 200]
SCENES = [
    "title",
    "briefing",
    "session",
    "file-errors",
    "free-text",
    "free-text-heard",
    "pause",
    "help",
    "transcript",
    "settings",
    "debrief",
    "replay",
    "note",
    "class",
    "groups",
    "class-picker",
    "resume",
    "message",
    "unsaved",
]
TOAST = "Session saved: a long path to a log in the sessions folder, to see where the message goes"
TOLERANCE = 2  # pixels of antialiasing where two boxes may touch


def _play(scenario: Scenario, home: Path, name: str, path: list[int], seed: int) -> SessionLog:
    runner = SessionRunner.start(scenario, seed=seed, mode="practice", trainee=name, log=home / f"{name}.jsonl")
    for number in path:
        while runner.session.current().can_continue:
            runner.continue_()
        runner.choose_number(number)
    while runner.session.current().can_continue:
        runner.continue_()
    runner.close()
    assert runner.path is not None
    return read_log(runner.path)


class Recorder(pygame.Surface):
    """The window's surface, noting where each piece of text lands, its role and the clip it was drawn under."""

    texts: dict[int, tuple[str, str]]
    placed: list[tuple[str, str, pygame.Rect, pygame.Rect]]

    def blit(self, source: Any, dest: Any, area: Any = None, special_flags: int = 0) -> pygame.Rect:  # type: ignore[override]
        drawn = super().blit(source, dest, area, special_flags)
        noted = self.texts.get(id(source))
        if noted is not None and noted[0].strip():
            at = dest if isinstance(dest, pygame.Rect) else pygame.Rect(dest, source.get_size())
            self.placed.append((noted[0], noted[1], pygame.Rect(at.topleft, source.get_size()), self.get_clip()))
        return drawn


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("every-screen")
    scenario = load_file(FIXTURE)
    (home / "class" / "week one").mkdir(parents=True)
    logs = [_play(scenario, home / "class", "Ana", [2, 3], 1), _play(scenario, home / "class", "Ben", [1, 2], 2)]
    runner = SessionRunner.start(scenario, seed=3, trainee="Chi", log=home / "Chi.jsonl")
    runner.choose_number(4)
    runner.close()
    assert runner.path is not None
    yield {"scenario": scenario, "logs": logs, "unfinished": [read_log(runner.path)], "home": home}


def _open(app: Any, name: str, world: dict[str, Any]) -> None:
    from game.ui.request import PlayRequest
    from game.ui.scenes.replay import ClassPicker, GroupScene
    from game.ui.scenes.session import SessionScene
    from game.ui.scenes.title import ResumeScene, TitleScene

    scenario, logs = world["scenario"], world["logs"]

    def session() -> SessionScene:
        runner = SessionRunner.start(scenario, seed=0, mode="practice", logged=False)
        scene = SessionScene(app, runner)
        app.push(scene)
        assert scene.choose_now(2) and len(scene.cards) == 4 and scene.coach is not None
        return scene

    def free_text(heard: bool) -> SessionScene:
        runner = SessionRunner.start(scenario, seed=0, mode="practice", logged=False)
        app.settings.free_text = True
        try:
            scene = SessionScene(app, runner, matcher=FirstReply())
        finally:
            app.settings.free_text = False
        app.push(scene)
        assert scene.choose_now(2)
        assert scene.free is not None
        scene.free.type("What I would say here, in my own words, at some length: " * 4)
        if heard:
            scene.skip_typing()
            scene.activate(0)
            assert scene.free.state == "heard"
        return scene

    def file_errors() -> None:
        scene = session()
        scene.file_errors = [
            f"every-screen.yaml:{n}:9: error: a saved slip the author is told about, " * 2 for n in (7, 8)
        ]

    def resume() -> None:
        title = app.stack.top
        assert isinstance(title, TitleScene)
        title.unfinished = list(world["unfinished"])
        app.push(ResumeScene(app, title))

    openers: dict[str, Callable[[], object]] = {
        "title": lambda: None,
        "briefing": lambda: app.push("briefing", PlayRequest(scenario)),
        "session": session,
        "file-errors": file_errors,
        "free-text": lambda: free_text(heard=False),
        "free-text-heard": lambda: free_text(heard=True),
        "pause": lambda: app.push("pause", session()),
        "help": lambda: (session(), app.push("help")),
        "transcript": lambda: app.push("transcript", scenario, session().session.events, "practice"),
        "settings": lambda: app.push("settings"),
        "debrief": lambda: app.push("debrief", scenario, logs[0].events, str(logs[0].path)),
        "replay": lambda: app.push("replay", scenario, logs[0], 1),
        "note": lambda: app.push("note", app.push("replay", scenario, logs[0], 1)),
        "class": lambda: app.push("class", scenario, logs),
        "groups": lambda: app.push(GroupScene(app, [(scenario, logs), (scenario, logs[:1])])),
        "class-picker": lambda: app.push(ClassPicker(app, world["home"])),
        "resume": resume,
        "message": lambda: app.push(
            "message", "This scenario cannot be loaded: its file has an error", ["A line that explains why. " * 12]
        ),
        "unsaved": lambda: app.push("unsaved", session()),
    }
    app.reset("title")
    openers[name]()
    app.notify(TOAST)


class FirstReply:
    """A stand-in matcher: the first reply shown, clearly."""

    def prepare(self, scenario: Scenario) -> None:
        pass

    def match(self, scenario: Scenario, shown: Any, typed: str) -> Any:
        from game.freetext.matcher import Match

        return Match(shown[0], 1, 0.95, 0.1, True)


def _render(app: Any) -> tuple[list[tuple[str, str, pygame.Rect, pygame.Rect]], list[pygame.Rect]]:
    """Draw once, as a screenshot would (at rest, typing done): the top scene's text, and the toast's lines."""
    from game.ui import theme as theme_module
    from game.ui.theme import colour

    for scene in app.stack.scenes:
        scene.at_rest()
    app.stack.top.update(1 / 60)
    app.manager.update(1 / 60)
    recorder = Recorder(app.screen.get_size())
    recorder.texts, recorder.placed = {}, []
    original = theme_module.Theme.text

    def noting(self: Any, text: str, role: str = "body", *args: Any, **kwargs: Any) -> pygame.Surface:
        surface = original(self, text, role, *args, **kwargs)
        recorder.texts[id(surface)] = (text, role)
        return surface

    recorder.fill(colour(app.theme.palette.page))
    visible = app.stack.visible()
    for scene in visible[:-1]:
        scene.draw(recorder)
    theme_module.Theme.text = noting  # type: ignore[method-assign]
    try:
        visible[-1].draw(recorder)
        app.manager.draw_ui(recorder)
        before = len(recorder.placed)
        app.draw_toast(recorder)
    finally:
        theme_module.Theme.text = original  # type: ignore[method-assign]
    toast = [rect for _, _, rect, _ in recorder.placed[before:]]
    assert toast, "the toast was not drawn"
    return recorder.placed[:before], toast


def _problems(app: Any, placed: list[tuple[str, str, pygame.Rect, pygame.Rect]], toast: list[pygame.Rect]) -> list[str]:
    from game.ui.overlay import Overlay
    from game.ui.scenes.session import SessionScene

    window = app.screen.get_rect()
    top = app.stack.top
    panel = top.panel() if isinstance(top, Overlay) else window
    problems = []
    shown = []
    for text, role, rect, clip in placed:
        if clip == window and not panel.contains(rect):
            problems.append(f"{text!r} leaves {'its panel' if panel != window else 'the window'} at {rect}")
        seen = rect.clip(clip).clip(window)
        if seen.width > TOLERANCE and seen.height > TOLERANCE:
            shown.append((text, role, seen.inflate(-TOLERANCE, -TOLERANCE)))
    for (a, _, ra), (b, _, rb) in itertools.combinations(shown, 2):
        if ra.colliderect(rb):
            problems.append(f"{a!r} {ra} overlaps {b!r} {rb}")
    boxes = [w.rect for w in top.widgets if w.visible and w.rect.width > 0]
    for text, _, seen in shown:
        for box in boxes:
            if seen.colliderect(box.inflate(-TOLERANCE, -TOLERANCE)):
                problems.append(f"{text!r} {seen} overlaps a widget at {box}")
    covered = [(text, seen) for text, role, seen in shown if role == "title" or isinstance(top, SessionScene)]
    for text, seen in covered:
        if any(seen.colliderect(line) for line in toast):
            problems.append(f"the toast covers {text!r} at {seen}")
    return problems


def _widget_font_sizes(app: Any) -> list[int]:
    top = app.stack.top
    return [w.ui_theme.get_font(w.combined_element_ids).point_size for w in top.widgets if w.visible]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_hides_no_text(size: tuple[int, int], world: dict[str, Any]) -> None:
    from game.ui.app import App

    app = App(settings=Settings(), size=size, save_settings=False)
    try:
        problems: list[str] = []
        fonts: dict[str, dict[int, int]] = {}
        for index, percent in enumerate(TEXT):
            contrast = (SIZES.index(size) + index) % 2 == 1
            app.settings.high_contrast, app.settings.text_size = contrast, percent
            app.restyle()
            for name in SCENES:
                _open(app, name, world)
                for problem in _problems(app, *_render(app)):
                    problems.append(f"{name} at {percent}%{' high contrast' if contrast else ''}: {problem}")
                sizes = _widget_font_sizes(app)
                if sizes:
                    fonts.setdefault(name, {})[percent] = min(sizes)
        assert not problems, "\n".join(problems[:400])
        assert set(fonts) >= {"title", "settings", "transcript", "help", "class", "class-picker", "message"}
        for name, by_percent in fonts.items():
            ordered = [by_percent[p] for p in TEXT]
            assert ordered == sorted(ordered) and ordered[-1] > ordered[0], (name, by_percent)
    finally:
        app.close()
