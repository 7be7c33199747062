"""`rapport report --lrs URL ...`: the sessions an LRS holds, rebuilt as logs for the report to verify."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time
from pathlib import Path

from game.commands.common import EXIT_FAILED, EXIT_USAGE, RapportError, warn
from game.record.log import SessionLog


def day_or_instant(text: str, end_of_day: bool) -> datetime:
    """An ISO date (the whole day, UTC) or date-time (UTC unless it says otherwise); ValueError otherwise."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text[:40]}' is not an ISO date (2025-03-01) or date-time (2025-03-01T09:00:00Z)") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def lrs_logs(args: argparse.Namespace, folders: list[Path]) -> list[SessionLog]:
    """Every finished session the LRS holds in the window asked for, rebuilt; exits 1 when there is none."""
    from game.lrs.client import LrsError
    from game.lrs.config import ConfigError, client_for
    from game.lrs.rebuild import Window, rebuild
    from game.lrs.sync import Verifier
    from game.settings import Settings

    if args.logs:
        raise RapportError("give logs or --lrs, not both")
    try:
        client = client_for(args.lrs, args.auth, Settings.load())
        since = day_or_instant(args.since, False) if args.since else None
        until = day_or_instant(args.until, True) if args.until else None
    except (ConfigError, ValueError) as exc:
        raise RapportError(str(exc), EXIT_USAGE) from None
    window = Window(args.scenario_id, since, until)
    verifier = Verifier(folders)

    def find(header: dict[str, object]) -> object:
        return verifier.scenario(SessionLog(Path("<LRS>"), dict(header)))

    try:
        logs = rebuild(client.query({}), window, find, warn)  # type: ignore[arg-type]
    except LrsError as exc:
        raise RapportError(str(exc), EXIT_FAILED) from None
    if not logs:
        raise RapportError(f"{client.base} holds no finished Rapport session in that window", EXIT_FAILED)
    return logs
