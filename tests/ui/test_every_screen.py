"""Every screen at every size, text size and contrast hides no text (issue 13's test).

Each scene is rendered fully typed (as a screenshot is) at 1024×600, 1280×720, 1920×1080 and
3840×2160, at 90 %, 100 %, 150 % and 200 % text, in the usual and the high-contrast colours. The
top scene's text is recorded as it is drawn (every piece of text goes through `Theme.text`):
no two pieces overlap each other or a widget, and none leaves the window unless it is drawn in a
region that scrolls (a clip). Every pygame_gui widget's font grows with the text size.
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
from game.scenario.catalog import library
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from game.settings import Settings
from tests.helpers import RUPTURE_BEST, shown_number

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]
TEXT = [90, 100, 150, 200]
# feedback-rupture's best and worst paths, by reply id: the scenario shuffles, so shown numbers follow the seed
BEST = RUPTURE_BEST
WORST = [
    "slow-process",
    "reflect-frustration",
    "so-sorry",
    "go-back-early",
    "explain-rationale",
    "explaining-not-listening",
    "never-had-chance",
    "friends-too",
    "it-will-work",
    "what-do-you-think",
    "keep-exploring",
    "turned-corner-low",
]
SCENES = [
    "title",
    "briefing",
    "session",
    "pause",
    "help",
    "transcript",
    "settings",
    "debrief",
    "replay",
    "class",
    "message",
]
TOLERANCE = 2  # pixels of antialiasing where two boxes may touch


def _scenario() -> Scenario:
    entry = next(e for e in library([]) if str(e.path).endswith("feedback-rupture.yaml"))
    return load_file(entry.path)


def _play(scenario: Scenario, home: Path, name: str, path: list[str], seed: int) -> SessionLog:
    runner = SessionRunner.start(scenario, seed=seed, mode="practice", trainee=name, log=home / f"{name}.jsonl")
    for choice_id in path:
        while runner.session.current().can_continue:
            runner.continue_()
        runner.choose(choice_id)
    while runner.session.current().can_continue:
        runner.continue_()
    runner.close()
    assert runner.path is not None
    return read_log(runner.path)


class Recorder(pygame.Surface):
    """The window's surface, noting where each piece of text lands and the clip it was drawn under."""

    texts: dict[int, str]
    placed: list[tuple[str, pygame.Rect, pygame.Rect]]

    def blit(self, source: Any, dest: Any, area: Any = None, special_flags: int = 0) -> pygame.Rect:  # type: ignore[override]
        drawn = super().blit(source, dest, area, special_flags)
        text = self.texts.get(id(source))
        if text is not None and text.strip():
            at = dest if isinstance(dest, pygame.Rect) else pygame.Rect(dest, source.get_size())
            self.placed.append((text, pygame.Rect(at.topleft, source.get_size()), self.get_clip()))
        return drawn


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("every-screen")
    scenario = _scenario()
    logs = [_play(scenario, home, "Ana", BEST, 1), _play(scenario, home, "Ben", WORST, 2)]
    yield {"scenario": scenario, "logs": logs}


def _open(app: Any, name: str, world: dict[str, Any]) -> None:
    from game.ui.request import PlayRequest
    from game.ui.scenes.session import SessionScene

    scenario, logs = world["scenario"], world["logs"]

    def session() -> SessionScene:
        runner = SessionRunner.start(scenario, seed=0, mode="practice", logged=False)
        scene = SessionScene(app, runner)
        app.reset("title")
        app.push(scene)
        circles = shown_number(runner.session, "tell-me-circles")  # a node of four replies follows
        assert scene.choose_now(circles) and len(scene.cards) == 4 and scene.coach is not None
        return scene

    openers: dict[str, Callable[[], object]] = {
        "title": lambda: app.reset("title"),
        "briefing": lambda: app.push("briefing", PlayRequest(scenario)),
        "session": session,
        "pause": lambda: app.push("pause", session()),
        "help": lambda: (session(), app.push("help")),
        "transcript": lambda: app.push("transcript", scenario, session().session.events, "practice"),
        "settings": lambda: app.push("settings"),
        "debrief": lambda: app.push("debrief", scenario, logs[0].events, str(logs[0].path)),
        "replay": lambda: app.push("replay", scenario, logs[0], 3),
        "class": lambda: app.push("class", scenario, logs),
        "message": lambda: app.push(
            "message", "This scenario cannot be loaded: its file has an error", ["A line that explains why. " * 12]
        ),
    }
    app.reset("title")
    openers[name]()


def _render(app: Any) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
    """Draw as a screenshot would, recording the top scene's text."""
    from game.ui import theme as theme_module
    from game.ui.theme import colour

    for scene in app.stack.scenes:
        scene.at_rest()
    app.frame(1 / 60)
    recorder = Recorder(app.screen.get_size())
    recorder.texts, recorder.placed = {}, []
    original = theme_module.Theme.text

    def noting(self: Any, text: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        surface = original(self, text, *args, **kwargs)
        recorder.texts[id(surface)] = text
        return surface

    recorder.fill(colour(app.theme.palette.page))
    visible = app.stack.visible()
    for scene in visible[:-1]:
        scene.draw(recorder)
    theme_module.Theme.text = noting  # type: ignore[method-assign]
    try:
        visible[-1].draw(recorder)
    finally:
        theme_module.Theme.text = original  # type: ignore[method-assign]
    app.manager.draw_ui(recorder)
    return recorder.placed


def _problems(app: Any, placed: list[tuple[str, pygame.Rect, pygame.Rect]]) -> list[str]:
    window = app.screen.get_rect()
    problems = []
    shown = []
    for text, rect, clip in placed:
        if clip == window and not window.contains(rect):
            problems.append(f"{text!r} leaves the window at {rect}")
        seen = rect.clip(clip).clip(window)
        if seen.width > TOLERANCE and seen.height > TOLERANCE:
            shown.append((text, seen.inflate(-TOLERANCE, -TOLERANCE)))
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        if ra.colliderect(rb):
            problems.append(f"{a!r} {ra} overlaps {b!r} {rb}")
    top = app.stack.top
    boxes = [w.rect for w in top.widgets if w.visible and w.rect.width > 0] if top is not None else []
    for text, seen in shown:
        for box in boxes:
            if seen.colliderect(box.inflate(-TOLERANCE, -TOLERANCE)):
                problems.append(f"{text!r} {seen} overlaps a widget at {box}")
    return problems


def _widget_font_sizes(app: Any) -> list[int]:
    top = app.stack.top
    if top is None:
        return []
    return [w.ui_theme.get_font(w.combined_element_ids).point_size for w in top.widgets if w.visible]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_hides_no_text(size: tuple[int, int], world: dict[str, Any], rapport_home: Path) -> None:
    from game.ui.app import App

    app = App(settings=Settings(), size=size, save_settings=False)
    try:
        problems: list[str] = []
        fonts: dict[tuple[str, bool], dict[int, int]] = {}
        for contrast, percent in itertools.product((False, True), TEXT):
            app.settings.high_contrast, app.settings.text_size = contrast, percent
            app.restyle()
            for name in SCENES:
                _open(app, name, world)
                for problem in _problems(app, _render(app)):
                    problems.append(f"{name} at {percent}%{' high contrast' if contrast else ''}: {problem}")
                sizes = _widget_font_sizes(app)
                if sizes:
                    fonts.setdefault((name, contrast), {})[percent] = min(sizes)
        assert not problems, "\n".join(problems[:400])
        for (name, contrast), by_percent in fonts.items():
            ordered = [by_percent[p] for p in TEXT if p in by_percent]
            assert ordered == sorted(ordered) and ordered[-1] > ordered[0], (name, contrast, by_percent)
    finally:
        app.close()
