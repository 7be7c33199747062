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
