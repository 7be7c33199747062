"""`rapport report LOG_OR_DIR... -o OUT.html [--csv OUT.csv] [--scenarios DIR]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, log_files, read_logs, warn
from game.record.log import SessionLog
from game.scenario.model import Scenario


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


def verified_pairs(pairs: list[tuple[Scenario, SessionLog]]) -> tuple[list[tuple[Scenario, SessionLog]], int]:
    """The sessions whose logs replay identically on their scenario, and how many did not (each warned about).

    A log edited by hand, or played on another version of its scenario, is not shown as if genuine.
    """
    from game.record.replay import replay

    kept = []
    for scenario, log in pairs:
        try:
            _, divergence = replay(scenario, log)
        except Exception as exc:  # one log's surprise must not sink the page
            warn(f"{log.path}: internal error while verifying: {type(exc).__name__}: {exc} (skipped)")
            continue
        if divergence is not None:
            warn(f"{log.path}:{divergence.line}: not shown: the replay differs: {divergence.message} (skipped)")
            continue
        kept.append((scenario, log))
    return kept, len(pairs) - len(kept)


def main(args: argparse.Namespace) -> int:
    from game.analysis.report import write_report
    from game.record.locate import pair_with_scenarios

    folders = [Path(d) for d in (args.scenarios or [])]
    if getattr(args, "lrs", None):  # sessions rebuilt from an LRS's statements, verified below like logs
        from game.commands.report_lrs import lrs_logs

        logs = lrs_logs(args, folders)
        files: list[Path] | list[SessionLog] = logs
    else:
        if not args.logs or args.auth or args.scenario_id or args.since or args.until:
            raise RapportError("give logs or folders, or --lrs URL (--auth, --scenario-id, --since, --until need it)")
        files = log_files(args.logs)
        logs = read_logs(files)
    show = progress_bar()
    pairs, _ = verified_pairs(pair_with_scenarios(logs, folders, warn=warn))
    skipped = len(files) - len(pairs)
    if not pairs:
        raise RapportError(f"none of the {len(files)} log(s) could be shown (see the warnings above)", EXIT_FAILED)
    out = Path(args.output)
    csv_out = Path(args.csv) if args.csv else None
    try:
        write_report(pairs, out, csv_out, progress=show)  # type: ignore[arg-type]
    except OSError as exc:
        raise RapportError(f"cannot write the report ({exc.strerror}: {exc.filename})") from None
    note = f"; {skipped} log(s) skipped, see the warnings above" if skipped else ""
    print(f"wrote {out.resolve()} ({len(pairs)} session(s){note})")
    if csv_out is not None:
        print(f"wrote {csv_out.resolve()}")
    return EXIT_FAILED if skipped else EXIT_OK
