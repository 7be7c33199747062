"""`rapport report LOG_OR_DIR... -o OUT.html [--csv OUT.csv] [--summary] [--include-playtests]`, or `--lrs URL` for the
sessions an LRS holds (section 6)."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, log_files, warn
from game.record.log import SessionLog
from game.record.verify import DIVERGED, PLAYTEST, SKIPPED, UNKNOWN, YES, Checked


def progress_bar() -> object:
    """A progress bar on stderr for large folders (a line now and then when not a terminal)."""
    started = time.monotonic()
    last = [0.0]

    def show(done: int, total: int) -> None:
        if total < 20:
            return
        now = time.monotonic()
        if done < total and now - last[0] < (0.1 if sys.stderr.isatty() else 5.0):
            return
        last[0] = now
        filled = round(30 * done / total)
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} sessions ({now - started:.1f} s)"
        if sys.stderr.isatty():
            print("\r" + line, end="\n" if done == total else "", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    return show


FAILING = ("diverged", "unknown-scenario", "skipped")
"""The classes that make `report` exit 1 (the page and CSV are still written)."""


def tell(checked: list[Checked], include_playtests: bool) -> None:
    """Name on stderr every file skipped and every session left out of the class figures, and why."""
    for item in checked:
        for message in item.warnings:
            warn(message)
        if item.status == SKIPPED:
            warn(f"{item.path}: {item.reason} (skipped)")
        elif item.status in (DIVERGED, UNKNOWN):
            where = f"{item.path}:{item.line}" if item.line else str(item.path)
            warn(f"{where}: {item.status}: {item.reason} (marked; not in the class figures)")
        elif item.status == PLAYTEST and not include_playtests:
            warn(f"{item.path}: playtest (marked; not in the class figures; --include-playtests counts it)")


def main(args: argparse.Namespace) -> int:
    from game.analysis.report import write_report
    from game.record.verify import check_logs

    folders = [Path(d) for d in (args.scenarios or [])]
    if getattr(args, "lrs", None):  # sessions rebuilt from an LRS's statements, verified below like logs
        from game.commands.report_lrs import lrs_logs

        files: list[Path] | list[SessionLog] = lrs_logs(args, folders)
    else:
        if not args.logs or args.auth or args.scenario_id or args.since or args.until:
            raise RapportError("give logs or folders, or --lrs URL (--auth, --scenario-id, --since, --until need it)")
        files = log_files(args.logs)
    checked = check_logs(files, folders)
    tell(checked, args.include_playtests)
    out = Path(args.output)
    csv_out = Path(args.csv) if args.csv else None
    try:
        write_report(
            checked,
            out,
            csv_out,
            progress=progress_bar(),  # type: ignore[arg-type]
            include_playtests=args.include_playtests,
            summary=args.summary,
        )
    except OSError as exc:
        raise RapportError(f"cannot write the report ({exc.strerror}: {exc.filename})") from None
    counts = Counter(item.status for item in checked)
    parts = [f"{counts[status]} {status}" for status in (YES, PLAYTEST, DIVERGED, UNKNOWN) if counts[status]]
    sessions = len(checked) - counts[SKIPPED]
    skipped = f"; {counts[SKIPPED]} file(s) skipped" if counts[SKIPPED] else ""
    print(f"wrote {out.resolve()} ({sessions} session(s): {', '.join(parts) or 'none'}{skipped})")
    if csv_out is not None:
        print(f"wrote {csv_out.resolve()}")
    failing = sum(counts[status] for status in FAILING)
    if failing:
        warn(f"{failing} of {len(checked)} file(s) are diverged, unknown-scenario or skipped (see above)")
        return EXIT_FAILED
    return EXIT_OK
