"""`rapport replay LOG...`: the replay viewer, the class view, or `--check` headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    RapportError,
    log_files,
    read_logs,
    scenario_for_log,
)
from game.record.log import SessionLog


def check(log: SessionLog, scenario_name: str | None, folders: list[Path]) -> int:
    """Re-run one log and compare; print what differs. 0 identical, 1 otherwise."""
    from game.record.replay import replay

    scenario = scenario_for_log(log, scenario_name, folders, logged_first=True)
    status = EXIT_OK
    if scenario.sha256 != log.header.get("scenario_sha256"):
        print(
            f"{log.path}: the scenario file {scenario.path} has changed since this session was "
            f"logged (sha256 {scenario.sha256[:12]}…, logged {str(log.header.get('scenario_sha256'))[:12]}…)",
        )
        status = EXIT_FAILED
    _, divergence = replay(scenario, log)
    if divergence is not None:
        print(f"{log.path}:{divergence.line}: replay differs: {divergence.message}")
        return EXIT_FAILED
    events = sum(1 for e in log.events if e["type"] != "resume")
    print(f"{log.path}: {events} event(s) replayed identically")
    return status


def main(args: argparse.Namespace) -> int:
    folders = [Path(d) for d in (args.scenarios or [])]
    files = log_files(args.logs)
    if args.check:
        status = EXIT_OK
        logs = read_logs(files)
        if len(logs) < len(files):
            status = EXIT_FAILED
        for log in logs:
            status = max(status, check(log, args.scenario, folders))
        return status
    from game.ui.app import run_replay

    logs = read_logs(files)
    if not logs:
        raise RapportError("none of the logs could be read", EXIT_FAILED)
    return run_replay(
        logs,
        scenario_name=args.scenario,
        folders=folders,
        step=args.step,
        screenshot=Path(args.screenshot) if args.screenshot else None,
    )
