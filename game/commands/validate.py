"""`rapport validate PATH... [--strict]`: every problem of every file, one line each."""

from __future__ import annotations

import argparse
from pathlib import Path

from game import paths
from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, path_kind
from game.scenario.diagnostics import Diagnostic


def validate_file(path: Path) -> list[Diagnostic]:
    """Load the file and play its author checks; every diagnostic, sorted by line."""
    from game.analysis.checks import run_checks
    from game.analysis.glyphs import glyph_warnings
    from game.scenario.loader import load_bytes
    from game.scenario.source import read_source

    try:
        data = read_source(path)
    except OSError as exc:
        return [Diagnostic(1, 1, "error", f"cannot read the file ({exc.strerror})")]
    try:
        scenario, diagnostics = load_bytes(data, str(path))
        if scenario is not None:
            diagnostics = sorted([*diagnostics, *run_checks(scenario), *glyph_warnings(scenario, data)])
    except Exception as exc:  # one file's surprise must not hide the others' results
        return [Diagnostic(1, 1, "error", f"internal error while checking this file: {type(exc).__name__}: {exc}")]
    return diagnostics


def main(args: argparse.Namespace) -> int:
    files: list[Path] = []
    for name in args.paths:
        path = Path(name)
        kind = path_kind(path)
        if kind == "folder":
            files.extend(paths.scenario_files(path))
        elif kind == "file":
            files.append(path)
        else:
            raise RapportError(f"{name}: no such file or folder")
    errors = warnings = 0
    for path in files:
        for diagnostic in validate_file(path):
            print(diagnostic.format(str(path)))
            if diagnostic.severity == "error":
                errors += 1
            else:
                warnings += 1
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)")
    failed = errors > 0 or (args.strict and warnings > 0)
    return EXIT_FAILED if failed else EXIT_OK
