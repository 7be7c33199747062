"""The replay viewer and the class view under SDL's dummy driver."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.record.log import read_log
from game.record.notes import read_notes
from game.scenario.loader import load_file
from tests.analysis.test_report import make_logs
from tests.conftest import STARTER
from tests.helpers import rapport
from tests.ui.conftest import press


def test_viewer_navigation_and_predict_mode(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.replay import ReplayScene

    (log,) = make_logs(tmp_path, [("Ana", "good")])
    scene = ReplayScene(app, load_file(STARTER), read_log(log))
    app.push(scene)
    assert scene.index == 0 and scene.step is not None and scene.step.chosen is not None
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert scene.index == 2
    press(app, pygame.K_END)
    assert scene.index == len(scene.steps) - 1 and scene.step.ended
    press(app, pygame.K_HOME)
    assert scene.index == 0
    press(app, pygame.K_v)
    assert scene.predict and not scene.revealed
    press(app, pygame.K_SPACE)
    assert scene.revealed and scene.index == 0  # Space first reveals the trainee's choice...
    press(app, pygame.K_SPACE)
    assert scene.index == 1 and not scene.revealed  # ...then moves on, hidden again
    press(app, pygame.K_p)
    assert scene.presenter and app.settings.text_size == 130  # PRESENTER_TEXT
    app.draw()


def test_a_note_is_saved_beside_the_log(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.replay import NoteScene, ReplayScene

    (log,) = make_logs(tmp_path, [("Ana", "left")])
    scene = ReplayScene(app, load_file(STARTER), read_log(log), step=1)
    app.push(scene)
    press(app, pygame.K_n)
    overlay = app.stack.top
    assert isinstance(overlay, NoteScene)
    overlay.entry.set_text("Notice the shoulders here")
    press(app, pygame.K_RETURN)
    assert app.stack.top is scene
    assert [(n.step, n.text) for n in read_notes(log)] == [(1, "Notice the shoulders here")]


def test_class_view_counts_and_opens_a_trainee(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Selected
    from game.ui.scenes.replay import ClassScene, ReplayScene

    paths = make_logs(tmp_path, [("Ana", "good"), ("Ben", "left"), ("Chi", "left")])
    scene = ClassScene(app, load_file(STARTER), [read_log(p) for p in paths])
    app.push(scene)
    assert scene.reached["arrival"] == 3 and scene.reached["shut-down"] == 2
    assert scene.chosen["arrival"] == {"3": 1, "2": 2} or sum(scene.chosen["arrival"].values()) == 3
    assert scene.endings["left-early"] == 2
    press(app, pygame.K_DOWN)
    assert scene.selected == 1
    app.dispatch(Selected("trainees", scene._trainee_label(1)))
    assert isinstance(app.stack.top, ReplayScene) and app.stack.top.log.trainee == "Ben"


def test_replay_screenshots_for_both_views(tmp_path: Path) -> None:
    paths = make_logs(tmp_path, [("Ana", "good"), ("Ben", "left")])
    one = rapport("replay", str(paths[0]), "--step", "3", "--screenshot", str(tmp_path / "one.png"))
    assert one.returncode == 0, one.stderr
    many = rapport("replay", str(tmp_path), "--step", "2", "--screenshot", str(tmp_path / "class.png"))
    assert many.returncode == 0, many.stderr
    assert pygame.image.load(str(tmp_path / "one.png")).get_size() == (1280, 720)
    assert (tmp_path / "class.png").stat().st_size > 10_000
