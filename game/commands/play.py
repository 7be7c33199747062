"""`rapport play`: a session in the game window, or in the terminal with --text."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.commands.common import (
    EXIT_FAILED,
    RapportError,
    check_from,
    load_scenario,
    parse_numbers,
    parse_set,
    path_kind,
    scenario_for_log,
)
from game.freetext import unavailable_message
from game.record.log import read_log
from game.record.runner import ResumeError, SessionRunner
from game.scenario.model import Scenario
from game.ui.display import Display

if TYPE_CHECKING:
    from game.freetext.matcher import Matcher


def start_session(
    scenario_name: str,
    *,
    mode: str = "practice",
    trainee: str | None = None,
    seed: int | None = None,
    log: str | None = None,
    start_at: str | None = None,
    set_items: list[str] | None = None,
    folders: list[Path] | None = None,
) -> SessionRunner:
    scenario = load_scenario(scenario_name, folders or [])
    start_at = check_from(start_at, scenario)
    set_values = parse_set(set_items or [], scenario)
    seed = secrets.randbelow(2**31) if seed is None else seed
    try:
        runner = SessionRunner.start(
            scenario,
            seed=seed,
            mode=mode,
            trainee=trainee,
            log=Path(log) if log else None,
            start_at=start_at,
            set_values=set_values,
        )
    except FileExistsError:
        raise RapportError(f"--log {log}: the file exists already; choose another name") from None
    except OSError as exc:
        raise RapportError(f"cannot write the session log ({exc.strerror})", EXIT_FAILED) from None
    if runner.failure is not None:
        runner.close()
        raise RapportError(runner.failure, EXIT_FAILED)
    tell_warnings(runner)
    return runner


def tell_warnings(runner: SessionRunner) -> None:
    for warning in runner.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def resume_session(log_name: str, scenario_name: str | None, folders: list[Path]) -> SessionRunner:
    """Rebuild an unfinished session from its log and go on appending to that log."""
    from game.record.log import LogError

    path = Path(log_name)
    if path_kind(path) != "file":
        raise RapportError(f"{log_name}: no such session log")
    try:
        log = read_log(path)
    except LogError as exc:
        raise RapportError(str(exc), EXIT_FAILED) from None
    for warning in log.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if log.finished:
        raise RapportError(f"{log_name}: this session has already finished; nothing to resume")
    scenario = scenario_for_log(log, scenario_name, folders)
    try:
        runner = SessionRunner.resume(log, scenario)
    except ResumeError as exc:
        raise RapportError(str(exc), EXIT_FAILED) from None
    tell_warnings(runner)
    return runner


def display_options(args: argparse.Namespace) -> Display:
    """--window, --text-size, --high-contrast/--no-high-contrast (and --presenter for replays)."""
    return Display(
        window=getattr(args, "window", None),
        text_size=getattr(args, "text_size", None),
        high_contrast=getattr(args, "high_contrast", None),
        presenter=bool(getattr(args, "presenter", False)),
        free_text=True if getattr(args, "free", False) else None,
    )


def main(args: argparse.Namespace) -> int:
    folders = [Path(d) for d in (args.scenarios or [])]
    if args.screenshot or args.choices is not None:
        return _automation(args, folders)
    if args.scenario is None and not args.resume:
        raise RapportError("play: name a SCENARIO (or --resume LOG)")
    if not args.text and not args.resume:
        return _open_briefing(args, folders)
    if args.resume:
        runner = resume_session(args.resume, args.scenario, folders)
    else:
        runner = start_session(
            args.scenario,
            mode=args.mode,
            trainee=args.trainee,
            seed=args.seed,
            log=args.log,
            start_at=args.from_node,
            set_items=args.set,
            folders=folders,
        )
    if args.text:
        return _play_text(runner, free=args.free)
    from game.ui.launch import run_game

    return run_game(prepared=runner, folders=folders, display=display_options(args))


def _open_briefing(args: argparse.Namespace, folders: list[Path]) -> int:
    """`rapport play SCENARIO`: the window opens at the scenario's briefing."""
    from game.ui.launch import PlayRequest, run_game

    scenario = load_scenario(args.scenario, folders)
    request = PlayRequest(
        scenario=scenario,
        mode=args.mode,
        trainee=args.trainee,
        seed=args.seed,
        log=Path(args.log) if args.log else None,
        start_at=check_from(args.from_node, scenario),
        set_values=parse_set(args.set or [], scenario),
    )
    return run_game(request=request, folders=folders, display=display_options(args))


def _play_text(runner: SessionRunner, free: bool = False) -> int:
    from game.text_play import PRACTICE_NOTE, TextPlay

    session = runner.session
    scenario = session.scenario
    out = sys.stdout
    print(f"Rapport — {scenario.title} ({session.mode} mode)", file=out)
    print(PRACTICE_NOTE, file=out)
    print(f"Session log: {runner.path}", file=out, flush=True)
    matcher = free_text_matcher(scenario) if free else None
    try:
        return TextPlay(runner, out, matcher).run(sys.stdin)
    finally:
        runner.close()


def _automation(args: argparse.Namespace, folders: list[Path]) -> int:
    """--choices/--screenshot: straight into the session, those choices, a picture, exit."""
    if not args.screenshot:
        raise RapportError("play: --choices goes with --screenshot (use 'rapport run' for a headless run)")
    from game.ui.launch import screenshot_session

    scenario = load_scenario(args.scenario or "", folders)
    return screenshot_session(
        scenario,
        numbers=parse_numbers(args.choices or ""),
        out=Path(args.screenshot),
        seed=args.seed if args.seed is not None else 0,
        mode=args.mode,
        start_at=check_from(args.from_node, scenario),
        set_values=parse_set(args.set or [], scenario),
        scene=args.scene,
        display=display_options(args),
        trainee=args.trainee,
    )


def free_text_matcher(scenario: Scenario) -> Matcher | None:
    """The matcher with its model loaded (each node's replies are embedded when first matched);
    without the extra, a one-line message and None (the reply list)."""
    from game.freetext import FreeTextUnavailable

    try:  # numpy or the model may be missing: either way the extra is not (fully) installed
        from game.freetext.matcher import Matcher

        matcher = Matcher()
        matcher.embedder  # noqa: B018  (load the model now: a missing extra is said before the first line)
    except (FreeTextUnavailable, ImportError) as exc:
        message = str(exc) if isinstance(exc, FreeTextUnavailable) else unavailable_message()
        print(f"rapport: {message}; showing the reply list instead", file=sys.stderr)
        return None
    return matcher
