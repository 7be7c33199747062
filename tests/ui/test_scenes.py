"""Scenes under SDL's dummy driver: lifecycle, a whole session by key presses, pictures by region."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.session import Session
from game.record.log import read_log
from game.record.replay import replay
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.ui.scene import Scene, SceneStack
from tests.conftest import STARTER
from tests.helpers import rapport
from tests.ui.conftest import press


class Recorder(Scene):
    def __init__(self, app, name: str, log: list[str], opaque: bool = True) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.name, self.log, self.opaque = name, log, opaque

    def on_enter(self) -> None:
        self.log.append(f"enter {self.name}")

    def on_exit(self) -> None:
        self.log.append(f"exit {self.name}")

    def on_cover(self) -> None:
        self.log.append(f"cover {self.name}")

    def on_uncover(self) -> None:
        self.log.append(f"uncover {self.name}")


def test_scene_stack_lifecycle(app) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    stack = SceneStack()
    a, b, c = Recorder(app, "a", log), Recorder(app, "b", log, opaque=False), Recorder(app, "c", log)
    stack.push(a)
    stack.push(b)
    assert stack.visible() == [a, b]  # an overlay draws over the scene below
    stack.replace(c)
    assert stack.visible() == [c]
    stack.pop()
    stack.reset(b)
    assert log == ["enter a", "cover a", "enter b", "exit b", "enter c", "exit c", "uncover a", "exit a", "enter b"]


def drive_to_debrief(app, max_presses: int = 200) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.session import SessionScene

    for _ in range(max_presses):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            return
        assert isinstance(top, SessionScene), type(top)
        phase = top.phase
        if phase in ("typing", "coach", "continue"):
            press(app, pygame.K_SPACE)
        elif phase == "choosing":
            press(app, pygame.K_DOWN)
            press(app, pygame.K_RETURN)
        elif phase == "finished":
            press(app, pygame.K_RETURN)
        else:
            app.settle(0.05)
    raise AssertionError("never reached the debrief")


def test_a_whole_session_by_key_presses_reaches_the_debrief_with_a_log(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.session import SessionScene
    from game.ui.scenes.title import TitleScene

    title = TitleScene(app)
    app.push(title)
    app.settle(0.1)
    while Path(title.entries[title.selected].path).name != STARTER.name:
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, BriefingScene)
    press(app, pygame.K_DOWN)  # practice -> assessment
    press(app, pygame.K_DOWN)  # and back to practice
    press(app, pygame.K_RETURN)
    session_scene = app.stack.top
    assert isinstance(session_scene, SessionScene) and session_scene.session.mode == "practice"
    press(app, pygame.K_SPACE)
    press(app, pygame.K_2)
    app.settle(0.2)
    assert session_scene.coach is not None  # practice mode: the coach speaks
    press(app, pygame.K_BACKSPACE)
    app.settle(0.2)
    assert session_scene.session.current().turn == 0  # undone
    drive_to_debrief(app)
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene) and debrief.debrief.ending is not None
    logs = list((rapport_home / "sessions").glob("*.jsonl"))
    assert len(logs) == 1
    log = read_log(logs[0])
    assert log.finished and [e["type"] for e in log.events].count("undo") == 1
    assert replay(load_file(STARTER), log)[1] is None
    app.draw()


def test_assessment_mode_hides_meters_coach_and_undo(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    scene = SessionScene(app, SessionRunner.unlogged(Session(load_file(STARTER), seed=1, mode="assessment")))
    app.push(scene)
    press(app, pygame.K_m)
    assert scene.show_meters is False
    scene.choose_now(1)
    assert scene.coach is None
    press(app, pygame.K_BACKSPACE)
    assert scene.session.current().turn == 1


def average(surface: pygame.Surface, rect: pygame.Rect) -> tuple[float, float, float]:
    sub = surface.subsurface(rect)
    colour = pygame.transform.average_color(sub)
    return colour[0], colour[1], colour[2]


def test_the_same_node_at_trust_90_and_5_looks_clearly_different(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    scenario = load_file(STARTER)
    pictures = []
    for trust in (90, 5):
        session = Session(scenario, seed=1, mode="assessment", start_at="the-car", set_values={"trust": trust})
        app.reset(SessionScene(app, SessionRunner.unlogged(session)))
        app.settle(1.5)
        app.draw()
        pictures.append(app.screen.copy())
    w, h = app.screen.get_size()
    torso = pygame.Rect(round(w * 0.2), round(h * 0.5), round(w * 0.15), round(h * 0.1))
    open_, closed = average(pictures[0], torso), average(pictures[1], torso)
    assert sum(abs(a - b) for a, b in zip(open_, closed, strict=True)) > 40  # coat on, arms folded
    panel = pygame.Rect(10, h - 30, 100, 20)
    for picture in pictures:  # the dialogue panel is the same calm dark panel in both
        r, g, b = average(picture, panel)
        assert abs(r - 0x2B) < 8 and abs(g - 0x30) < 8 and abs(b - 0x33) < 8


def test_screenshot_command_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = rapport("play", str(STARTER), "--choices", "3,2", "--screenshot", str(out), "--mode", "assessment")
    assert result.returncode == 0, result.stderr
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (1280, 720)
    bad = rapport("play", str(STARTER), "--choices", "9", "--screenshot", str(tmp_path / "x.png"))
    assert bad.returncode == 2 and "not shown" in bad.stderr


def test_settings_are_saved_and_restyle_the_window(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.settings import Settings
    from game.ui.input import Button
    from game.ui.scenes.settings import SettingsScene

    app.save_settings = True
    app.push(SettingsScene(app))
    app.dispatch(Button("high_contrast"))
    assert app.settings.high_contrast and app.theme.palette.panel == "#000000"
    assert Settings.load().high_contrast is True


def test_resizing_keeps_everything_inside_the_window(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    scene = SessionScene(app, SessionRunner.unlogged(Session(load_file(STARTER), seed=1)))
    app.push(scene)
    for size in ((1024, 600), (1920, 1080), (1280, 720)):
        app.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        app.restyle()
        app.settle(0.5)
        app.draw()
        for card in scene.cards:
            assert app.screen.get_rect().contains(card.rect), (size, card.rect)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_settings_rows_are_shown_whole_or_not_at_all(app, monkeypatch, size) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.settings import SettingsScene

    app.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    app.restyle()
    scene = SettingsScene(app)
    app.push(scene)
    drawn: list[str] = []
    original = type(app.theme).draw_text_block

    def spy(theme, surface, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(text)
        return original(theme, surface, text, *args, **kwargs)

    monkeypatch.setattr(type(app.theme), "draw_text_block", spy)
    app.draw()
    labels = scene._labels()
    built = {widget.object_ids[-1].lstrip("#") for widget in scene.widgets if widget.object_ids}
    shown = {name for name in labels if labels[name] in drawn}
    assert shown and len(shown) < len(labels)  # the rows scroll at this size: some are out of view
    assert shown == built - {"primary"}
