"""The installed game finds everything it ships, however it is installed."""

from __future__ import annotations

import tomllib

from game import paths
from tests.conftest import ROOT


def test_every_python_package_is_listed_for_installation() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "game").rglob("__init__.py")}
    assert on_disk <= listed, on_disk - listed


def test_shipped_folders_are_found() -> None:
    assert (paths.scenarios_dir() / "starter-first-meeting.yaml").is_file()
    assert (paths.assets_dir() / "theme.json").is_file()
