"""What the title screen lists: a short summary of every scenario, cached between starts.

A scenario is parsed in full only when its file changed since the last start (by
size and modification time), so the game opens at once however large the library.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game import paths

CACHE_VERSION = 1
DIFFICULTY_ORDER = {"intro": 0, "intermediate": 1, "advanced": 2}


@dataclass(frozen=True)
class Summary:
    path: str
    id: str = ""
    title: str = ""
    client: str = ""
    age: str = ""
    pronouns: str = ""
    difficulty: str = ""
    minutes: int | None = None
    skills: list[str] = field(default_factory=list)
    summary: str = ""
    problem: str | None = None  # the first error when the file does not load

    @property
    def loads(self) -> bool:
        return self.problem is None

    @property
    def label(self) -> str:
        if not self.loads:
            return f"{Path(self.path).name} — cannot be loaded"
        return f"{self.title} — {self.client}"


def summarise(path: Path) -> Summary:
    from game.scenario.loader import load_path

    try:
        scenario, diagnostics = load_path(path)
    except OSError as exc:
        return Summary(str(path), problem=f"{path}: cannot read ({exc.strerror})")
    if scenario is None:
        first = next((d for d in diagnostics if d.severity == "error"), None)
        return Summary(str(path), problem=first.format(str(path)) if first else f"{path}: cannot be loaded")
    client = scenario.client
    return Summary(
        str(path),
        scenario.id,
        scenario.title,
        client.name,
        "" if client.age is None else str(client.age),
        client.pronouns or "",
        scenario.difficulty or "",
        scenario.estimated_minutes,
        [scenario.skill_label(s) for s in scenario.skills_focus],
        scenario.summary or "",
    )


def _cache_path() -> Path:
    return paths.data_home() / "cache" / "library.json"


def _read_cache() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("files"), dict):
        return {}
    files: dict[str, dict[str, object]] = data["files"]
    return files


def _write_cache(files: dict[str, dict[str, object]]) -> None:
    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": CACHE_VERSION, "files": files}), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache we cannot write only costs time


def library(folders: list[Path]) -> list[Summary]:
    """Every scenario in the shipped folder and `folders`, easiest first."""
    cached = _read_cache()
    fresh: dict[str, dict[str, object]] = {}
    out: list[Summary] = []
    seen: set[Path] = set()
    for folder in [paths.scenarios_dir(), *folders]:
        if not folder.is_dir():
            continue
        for path in paths.scenario_files(folder):
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = cached.get(str(resolved))
            if entry is not None and entry.get("stamp") == stamp and isinstance(entry.get("summary"), dict):
                summary = Summary(**entry["summary"])  # type: ignore[arg-type]
            else:
                summary = summarise(path)
            fresh[str(resolved)] = {"stamp": stamp, "summary": asdict(summary)}
            out.append(summary)
    if fresh != cached:
        _write_cache(fresh)
    out.sort(key=lambda s: (not s.loads, DIFFICULTY_ORDER.get(s.difficulty, 1), s.label))
    return out
