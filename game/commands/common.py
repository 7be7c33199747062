"""What every command shares: loading a scenario for it, and its one-line failures."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game import paths
from game.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, RapportError
from game.scenario.diagnostics import ScenarioError
from game.scenario.model import Scenario

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "RapportError", "load_scenario", "log_files", "read_logs"]


def path_kind(path: Path) -> str | None:
    """'file', 'folder' or None (missing, or a name the system refuses, such as one too long)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else None


def resolve_scenario(name: str, folders: Iterable[Path] = ()) -> Path:
    """A scenario given as a path, or as an id found in the scenario folders."""
    path = Path(name).expanduser()
    kind = path_kind(path)
    if kind == "file":
        return path
    if kind == "folder":
        raise RapportError(f"{name[:200]}: is a folder, not a scenario file")
    if "/" not in name and not name.lower().endswith((".yaml", ".yml")):
        for folder in [*folders, paths.scenarios_dir()]:
            for candidate in paths.scenario_files(folder) if path_kind(folder) == "folder" else ():
                if candidate.stem == name:
                    return candidate
    raise RapportError(f"{name[:200]}: no such scenario file")


def load_scenario(name: str, folders: Iterable[Path] = ()) -> Scenario:
    """Load a scenario or stop: diagnostics on stderr and exit 1 (exit 2 if it is missing)."""
    from game.scenario.loader import load_file

    path = resolve_scenario(name, folders)
    try:
        return load_file(path)
    except ScenarioError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        raise RapportError("", EXIT_FAILED) from None
    except OSError as exc:
        raise RapportError(f"{name}: cannot read ({exc.strerror})") from None


def parse_set(values: Iterable[str], scenario: Scenario) -> dict[str, int]:
    """`--set METER=N` pairs, checked against the scenario's meters and bounds."""
    out: dict[str, int] = {}
    for item in values:
        name, sep, number = item.partition("=")
        name = name.strip()
        if not sep:
            raise RapportError(f"--set {item}: write it as METER=N, for example trust=20")
        if name not in scenario.meter_names:
            raise RapportError(
                f"--set {item}: '{name}' is not a meter of this scenario ({', '.join(scenario.meter_names)})"
            )
        try:
            value = int(number.strip())
        except ValueError:
            raise RapportError(f"--set {item}: '{number}' is not a whole number") from None
        meter = scenario.meter(name)
        if not meter.min <= value <= meter.max:
            raise RapportError(f"--set {item}: {name} must be between {meter.min} and {meter.max}")
        out[name] = value
    return out


def check_from(node: str | None, scenario: Scenario) -> str | None:
    if node is not None and node not in scenario.nodes:
        from game.scenario.diagnostics import did_you_mean

        raise RapportError(f"--from {node}: no such node in '{scenario.id}'{did_you_mean(node, scenario.nodes)}")
    return node


def parse_numbers(text: str) -> list[int]:
    """'1,3,2' -> [1, 3, 2] (spaces allowed; an empty text is no choices)."""
    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if not is_choice_number(part):
            raise RapportError(f"--choices: '{part[:20]}' is not a choice number (1, 2, 3, ...)")
        out.append(int(part))
    return out


def is_choice_number(text: str) -> bool:
    """Digits 0-9 only (not '²' or other Unicode digits), from 1 up to a sane size."""
    return text.isascii() and text.isdigit() and len(text) <= 6 and int(text) >= 1


def log_files(names: Iterable[str]) -> list[Path]:
    """Logs named directly, and every *.jsonl inside folders named (recursively)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        kind = path_kind(path)
        if kind == "folder":
            files.extend(sorted(path.rglob("*.jsonl")))
        elif kind == "file":
            files.append(path)
        else:
            raise RapportError(f"{name[:200]}: no such log file or folder")
    if not files:
        raise RapportError("no session logs (*.jsonl) found in " + ", ".join(names))
    return files


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def read_logs(files: Iterable[Path]) -> list[Any]:
    """Every readable log; unreadable ones and torn last lines are warned about, naming the file."""
    from game.record.log import LogError, read_log

    logs = []
    for path in files:
        try:
            log = read_log(path)
        except LogError as exc:
            warn(f"{exc} (skipped)")
            continue
        for message in log.warnings:
            warn(message)
        logs.append(log)
    return logs


def scenario_for_log(log: Any, scenario_name: str | None, folders: list[Path]) -> Scenario:
    """The scenario to replay or resume a log with (see record.locate.scenario_path_for_log), loaded."""
    from game.record.locate import ScenarioNotFound, scenario_path_for_log

    if scenario_name is not None:
        return load_scenario(scenario_name, folders)
    try:
        path = scenario_path_for_log(log, folders)
    except ScenarioNotFound as exc:
        raise RapportError(f"{log.path}: {exc}") from None
    return load_scenario(str(path), folders)
