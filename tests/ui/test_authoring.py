"""F5 in the game: reload the scenario, replay the choices, stay at the same point; errors in an overlay."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.record.log import read_log, unfinished_logs
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER
from tests.ui.conftest import press


def test_f5_reloads_and_keeps_the_place(app, tmp_path: Path, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.overlays import MessageScene
    from game.ui.scenes.session import SessionScene

    path = tmp_path / "starter.yaml"
    path.write_text(STARTER.read_text())
    runner = SessionRunner.start(load_file(path), seed=5)
    session = runner.session
    scene = SessionScene(app, runner)
    app.push(scene)
    scene.choose_now(3)
    scene.choose_now(2)
    before = (session.current().node.id, session.current().turn)

    path.write_text(path.read_text().replace("The weird part is,", "Honestly? The weird part is,"))
    press(app, pygame.K_F5)
    reloaded = app.stack.top
    assert isinstance(reloaded, SessionScene) and reloaded is not scene
    assert (reloaded.session.current().node.id, reloaded.session.current().turn) == before
    logs = sorted((rapport_home / "sessions").glob("*.jsonl"))
    put_aside = sorted((rapport_home / "sessions" / "archived").glob("*.jsonl"))
    assert len(logs) == len(put_aside) == 1  # logged anew, against the new file; the old log kept, not offered
    assert read_log(logs[0]).header["scenario_sha256"] != read_log(put_aside[0]).header["scenario_sha256"]
    assert [log.path for log in unfinished_logs()] == [reloaded.runner.path]

    path.write_text(path.read_text().replace("quality: good", "quality: great", 1))
    press(app, pygame.K_F5)
    overlay = app.stack.top
    assert isinstance(overlay, MessageScene) and "great" in " ".join(overlay.lines)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is reloaded


def test_class_debrief_from_a_folder(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.replay import ClassPicker, ClassScene
    from tests.analysis.test_report import make_logs

    (tmp_path / "class").mkdir()
    make_logs(tmp_path / "class", [("Ana", "good"), ("Ben", "left")])
    picker = ClassPicker(app, tmp_path)
    app.push(picker)
    assert picker.labels() == [f"Up to {tmp_path.parent.name}", "class"]
    press(app, pygame.K_DOWN)  # the keyboard alone: into "class", then Tab to "Open this folder"
    press(app, pygame.K_RETURN)
    assert picker.folder == (tmp_path / "class").resolve() and picker.logs_here == 2
    press(app, pygame.K_BACKSPACE)
    assert picker.folder == tmp_path.resolve()
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_TAB)
    app.draw()
    assert picker.on_button == 0
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ClassScene) and len(app.stack.top.logs) == 2
