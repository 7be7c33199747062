"""Where things live: the shipped scenarios and assets, and the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A shipped folder, whether we run from a checkout, an editable or a normal install."""
    for candidate in (_PACKAGE / "shipped" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def scenarios_dir() -> Path:
    return _shipped("scenarios")


def assets_dir() -> Path:
    return _shipped("assets")


def docs_dir() -> Path:
    """The authoring guide and the format reference (docs/authoring.md, docs/format.md)."""
    return _shipped("docs")


def data_home() -> Path:
    """$RAPPORT_HOME where set, else the platform's user data folder."""
    override = os.environ.get("RAPPORT_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("rapport", appauthor=False))


def sessions_dir() -> Path:
    return data_home() / "sessions"


def settings_path() -> Path:
    return data_home() / "settings.json"


SCENARIO_SUFFIXES = (".yaml", ".yml")


def scenario_files(folder: Path) -> list[Path]:
    """Every *.yaml and *.yml under `folder` (any capitals: .YAML too), recursively, in a stable order."""
    found = {p for p in folder.rglob("*") if p.suffix.lower() in SCENARIO_SUFFIXES and p.is_file()}
    return sorted(found)
