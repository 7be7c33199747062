"""Scenes by name: the app's registry holds every name a scene may ask for, and only those."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from game.ui.scene import SceneName
from game.ui.scenes import SCENES
from game.ui.scenes.overlays import HelpScene, MessageScene

GAME_UI = Path(__file__).resolve().parents[2] / "game" / "ui"


def test_every_name_has_a_scene_and_every_scene_a_name() -> None:
    assert set(get_args(SceneName)) == set(SCENES)


def _is_app(node: ast.expr) -> bool:
    """`app` or `self.app`: the receiver of a scene request."""
    return (isinstance(node, ast.Name) and node.id == "app") or (isinstance(node, ast.Attribute) and node.attr == "app")


def test_every_name_a_module_asks_for_is_registered() -> None:
    """mypy checks this too (SceneName is a Literal); this keeps it true without mypy."""
    asked = set()
    for path in GAME_UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("push", "replace", "reset", "make")
                and _is_app(node.func.value)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                asked.add(node.args[0].value)
    assert {"help", "session", "debrief", "title"} <= asked
    assert asked <= set(SCENES)


def test_the_app_opens_scenes_by_name(app) -> None:  # type: ignore[no-untyped-def]
    help_scene = app.push("help")
    assert isinstance(help_scene, HelpScene) and app.stack.top is help_scene
    message = app.replace("message", "Heading", ["a line"])
    assert isinstance(message, MessageScene) and message.lines == ["a line"] and app.stack.scenes == [message]
    with pytest.raises(KeyError, match="no scene is registered as 'nowhere'"):
        app.push("nowhere")


def test_scenes_reach_each_other_by_name_through_a_whole_visit(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Title → help, settings; session → pause → settings, help, title; debrief → replay → back, menu."""
    from game.engine.session import Session
    from game.record.runner import SessionRunner
    from game.scenario.loader import load_file
    from game.ui.input import Back, Button, Choose, Continue, Toggle
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.overlays import PauseScene
    from game.ui.scenes.replay import ClassPicker, ReplayScene
    from game.ui.scenes.session import SessionScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.title import TitleScene
    from tests.conftest import STARTER

    def top() -> object:
        return app.stack.top

    title = app.push("title")
    assert isinstance(title, TitleScene)
    for command, opened in ((Toggle("help"), HelpScene), (Button("settings"), SettingsScene)):
        app.dispatch(command)
        assert isinstance(top(), opened)
        app.dispatch(Back())
        assert top() is title
    app.dispatch(Button("class"))
    assert isinstance(top(), ClassPicker)
    app.dispatch(Back())

    runner = SessionRunner.start(load_file(STARTER), seed=1, log=tmp_path / "visit.jsonl")
    session = app.push("session", runner)
    assert isinstance(session, SessionScene)
    app.dispatch(Back())
    assert isinstance(top(), PauseScene)
    for name, opened in (("settings", SettingsScene), ("help", HelpScene)):
        app.dispatch(Button(name))
        assert isinstance(top(), opened)
        app.dispatch(Back())
    app.dispatch(Button("primary"))  # resume
    assert top() is session
    for _ in range(60):
        if isinstance(top(), DebriefScene):
            break
        session.typewriter.skip()
        session.coach_first = False
        app.dispatch(Choose(1) if session.phase == "choosing" else Continue())
    debrief = top()
    assert isinstance(debrief, DebriefScene) and debrief.log_path is not None
    app.dispatch(Button("replay"))
    assert isinstance(top(), ReplayScene)
    app.dispatch(Back())
    assert top() is debrief
    app.dispatch(Button("primary"))
    assert isinstance(top(), TitleScene) and app.stack.scenes == [top()]
    app.push("session", SessionRunner.unlogged(Session(load_file(STARTER), seed=2)))
    app.dispatch(Back())
    app.dispatch(Button("title"))  # pause: save and return to the title
    assert isinstance(top(), TitleScene) and len(app.stack.scenes) == 1
