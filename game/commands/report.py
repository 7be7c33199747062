"""`rapport report LOG_OR_DIR... -o OUT.html [--csv OUT.csv] [--scenarios DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, log_files, read_logs, warn


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


def main(args: argparse.Namespace) -> int:
    from game.analysis.report import write_report
    from game.record.locate import pair_with_scenarios

    folders = [Path(d) for d in (args.scenarios or [])]
    files = log_files(args.logs)
    show = progress_bar()
    logs = read_logs(files)
    pairs = pair_with_scenarios(logs, folders, warn=warn)
    if not pairs:
        raise RapportError("none of the logs could be matched to a scenario that loads", EXIT_FAILED)
    out = Path(args.output)
    csv_out = Path(args.csv) if args.csv else None
    try:
        write_report(pairs, out, csv_out, progress=show)  # type: ignore[arg-type]
    except OSError as exc:
        raise RapportError(f"cannot write the report ({exc.strerror}: {exc.filename})") from None
    print(f"wrote {out.resolve()} ({len(pairs)} session(s))")
    if csv_out is not None:
        print(f"wrote {csv_out.resolve()}")
    return EXIT_OK
