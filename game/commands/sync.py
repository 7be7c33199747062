"""`rapport sync [LOG_OR_DIR...] [--lrs URL] [--auth USER:PASSWORD] [--pseudonymise]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import paths
from game.commands.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, RapportError, log_files, warn


def main(args: argparse.Namespace) -> int:
    from game.commands.report import progress_bar
    from game.lrs.config import ConfigError, client_for, identity_for
    from game.lrs.ledger import Ledger, LedgerError
    from game.lrs.sync import SyncRefused, sync
    from game.settings import Settings

    settings = Settings.load()
    try:
        client = client_for(args.lrs, args.auth, settings)
        identity = identity_for(settings, args.pseudonymise)
    except ConfigError as exc:
        raise RapportError(str(exc), EXIT_USAGE) from None
    if args.logs:
        files = log_files(args.logs)
    else:
        folder = paths.sessions_dir()
        files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
        if not files:
            print(f"no session logs in {folder}: nothing to send")
            return EXIT_OK
    if len(files) >= 20:  # re-running every log takes a while before the first statement goes
        print(f"checking {len(files)} log(s) against their scenarios…", file=sys.stderr, flush=True)
    try:
        ledger = Ledger.load()
        outcome = sync(
            files,
            client,
            identity,
            ledger,
            warn,
            progress_bar(),  # type: ignore[arg-type]
            [Path(d) for d in args.scenarios or []],
        )
    except SyncRefused as exc:
        raise RapportError(str(exc), EXIT_USAGE) from None
    except LedgerError as exc:
        raise RapportError(str(exc), EXIT_FAILED) from None
    for line in outcome.errors:
        print(f"rapport sync: {line}", file=sys.stderr)
    print(
        f"{client.base}: {outcome.statements} statement(s) stored, {outcome.completed} session(s) completed, "
        f"{outcome.already} already there, {outcome.queued} statement(s) queued"
        + (f"; {outcome.unfinished} unfinished session(s) wait" if outcome.unfinished else "")
        + (f"; {outcome.unverified} not verified, not sent" if outcome.unverified else "")
    )
    print(f"ledger: {ledger.path.resolve()}")
    return EXIT_OK if outcome.all_sent else EXIT_FAILED
