"""`rapport replay LOG...`: the replay viewer, the class view, or `--check` headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, log_files, read_logs, warn
from game.record.locate import ScenarioNotFound, changed_warning, find_scenario
from game.record.log import SessionLog
from game.scenario.model import Scenario


def check(log: SessionLog, scenario: Scenario) -> int:
    """Re-run one log and compare; print what differs. 0 identical, 1 otherwise."""
    from game.record.replay import replay

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
    finished = "" if log.finished else " (unfinished: --resume can go on)"
    print(f"{log.path}: {events} event(s) replayed identically{finished}")
    return status


def check_all(files: list[Path], scenario_name: str | None, folders: list[Path]) -> int:
    """`--check` every log on its own: a bad log is reported in one line and the rest go on.

    The scenario is the one the log finds (its played copy first, format section 6): a file
    changed since at the logged path is then a warning. Each scenario file is loaded once.
    """
    loaded: dict[Path, Scenario | None] = {}
    logs = read_logs(files)
    status = EXIT_OK if len(logs) == len(files) else EXIT_FAILED
    verified = 0
    for log in logs:
        try:
            if scenario_name is not None:
                path = Path(scenario_name)
            else:
                path, same = find_scenario(log.header, folders, log.path)
                if same and (changed := changed_warning(log.header, path)) is not None:
                    warn(f"{log.path}: {changed}")
            key = path.resolve()
            if key not in loaded:
                loaded[key] = _load_quietly(path)
            scenario = loaded[key]
            if scenario is None:
                print(f"{log.path}: its scenario {path} does not load (run: rapport validate {path})")
                result = EXIT_FAILED
            else:
                result = check(log, scenario)
        except ScenarioNotFound as exc:
            print(f"{log.path}: {exc}")
            result = EXIT_FAILED
        except Exception as exc:  # one log's surprise must not stop the others' checks
            print(f"{log.path}: internal error while checking: {type(exc).__name__}: {exc}")
            result = EXIT_FAILED
        verified += result == EXIT_OK
        status = max(status, result)
    print(f"{len(files)} log(s): {verified} verified, {len(files) - verified} not")
    return status


def _load_quietly(path: Path) -> Scenario | None:
    from game.scenario.loader import load_path

    try:
        scenario, _ = load_path(path)
    except OSError:
        return None
    return scenario


def main(args: argparse.Namespace) -> int:
    folders = [Path(d) for d in (args.scenarios or [])]
    files = log_files(args.logs)
    if args.check:
        return check_all(files, args.scenario, folders)
    from game.commands.play import display_options
    from game.ui.launch import run_replay

    logs = read_logs(files)
    if not logs:
        raise RapportError("none of the logs could be read", EXIT_FAILED)
    return run_replay(
        logs,
        scenario_name=args.scenario,
        folders=folders,
        step=args.step,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        display=display_options(args),
    )
