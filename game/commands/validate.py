"""`rapport validate [PATH_OR_ID...] [--strict]`: every problem of every file, one line each.

Without a path it checks the shipped library; an id is found as `play` finds one. `--strict` also walks
every session (explore, within budgets) to find endings and replies that no path can reach.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from game import paths
from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, path_kind, resolve_scenario
from game.scenario.diagnostics import Diagnostic
from game.scenario.model import Scenario

REACH_SECONDS = 20.0
"""Time `--strict` gives the walk of one file (explore's state budget applies too); a walk cut short
warns about nothing, since what it did not see it cannot rule out."""


def validate_file(path: Path, strict: bool = False) -> list[Diagnostic]:
    """Load the file and play its author checks; every diagnostic, sorted by line."""
    return check_file(path, strict)[1]


def check_file(path: Path, strict: bool = False) -> tuple[Scenario | None, list[Diagnostic]]:
    """The scenario (None when it does not load) and every diagnostic of one file, sorted by line."""
    from game.analysis.checks import run_checks
    from game.analysis.glyphs import glyph_warnings
    from game.scenario.loader import load_bytes
    from game.scenario.source import read_source

    try:
        data = read_source(path)
    except OSError as exc:
        return None, [Diagnostic(1, 1, "error", f"cannot read the file ({exc.strerror})")]
    try:
        scenario, diagnostics = load_bytes(data, str(path))
        if scenario is not None:
            diagnostics = [*diagnostics, *run_checks(scenario), *glyph_warnings(scenario, data)]
            diagnostics += _name_warnings(scenario, path)
            if strict:
                diagnostics += reach_warnings(scenario)
    except Exception as exc:  # one file's surprise must not hide the others' results
        return None, [
            Diagnostic(1, 1, "error", f"internal error while checking this file: {type(exc).__name__}: {exc}")
        ]
    return scenario, sorted(diagnostics)


def _name_warnings(scenario: Scenario, path: Path) -> list[Diagnostic]:
    """An id that differs from the file name: `rapport play ID` and the library find files by name."""
    if path.stem == scenario.id:
        return []
    line, column = scenario.id_at
    return [
        Diagnostic(
            line,
            column,
            "warning",
            f"the id '{scenario.id}' differs from the file name '{path.name}': rename the file "
            f"'{scenario.id}{path.suffix}' or change the id to '{path.stem}'",
        )
    ]


def reach_warnings(scenario: Scenario) -> list[Diagnostic]:
    """Endings and replies on the graph that no session reaches, given the conditions (explore's walk).

    Silent when the walk is cut short by its budgets: what it did not see, it cannot rule out.
    """
    from game.analysis.explore import explore
    from game.scenario import graph

    walk = explore(scenario, max_seconds=REACH_SECONDS)
    if walk.truncated:
        return []
    on_graph = graph.reachable_from_start(scenario)
    out: list[Diagnostic] = []
    for node_id in walk.unreachable_nodes:
        node = scenario.nodes[node_id]
        if node.ending is not None and node_id in on_graph:
            out.append(
                Diagnostic(
                    node.line,
                    node.column,
                    "warning",
                    f"no session reaches the ending '{node_id}' ({node.ending.outcome}): the conditions on every "
                    "way there never hold together (see rapport explore)",
                )
            )
    positions = {(n.id, c.id): (i, c) for n in scenario.nodes.values() for i, c in enumerate(n.choices, start=1)}
    for node_id, choice_id in walk.never_shown:
        position, choice = positions[(node_id, choice_id)]
        out.append(
            Diagnostic(
                choice.line,
                choice.column,
                "warning",
                f"choice {position} of node '{node_id}' is never shown: no session is here while its 'when' "
                "holds (see rapport explore)",
            )
        )
    return out


def _files(names: list[str], folders: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to check, and the lines for folders that hold none (each an error)."""
    if not names:
        library = paths.scenarios_dir()
        return paths.scenario_files(library), ([] if paths.scenario_files(library) else [f"{library}: no scenarios"])
    files: list[Path] = []
    empty: list[str] = []
    for name in names:
        path = Path(name)
        kind = path_kind(path)
        if kind == "folder":
            found = paths.scenario_files(path)
            files.extend(found)
            if not found:
                empty.append(name)
        elif kind == "file":
            files.append(path)
        else:
            try:
                files.append(resolve_scenario(name, folders))
            except RapportError:
                raise RapportError(f"{name}: no such file, folder or scenario id") from None
    return files, empty


def main(args: argparse.Namespace) -> int:
    files, empty = _files(list(args.paths), [Path(d) for d in getattr(args, "scenarios", None) or []])
    errors = warnings = 0
    for folder in empty:
        print(f"{folder}:1:1: error: no scenario files (*.yaml, *.yml) in this folder")
        errors += 1
    owners: dict[str, Path] = {}
    for path in files:
        scenario, diagnostics = check_file(path, args.strict)
        if scenario is not None:
            other = owners.setdefault(scenario.id, path)
            if other != path:
                line, column = scenario.id_at
                message = f"the id '{scenario.id}' is also the id of {other}: each scenario needs its own id"
                diagnostics = sorted([*diagnostics, Diagnostic(line, column, "warning", message)])
        for diagnostic in diagnostics:
            print(replace(diagnostic, path="").format(str(path)))
            if diagnostic.severity == "error":
                errors += 1
            else:
                warnings += 1
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)")
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_FAILED if failed else EXIT_OK
