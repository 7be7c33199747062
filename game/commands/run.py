"""`rapport run SCENARIO --choices 1,3,2`: a headless session, its end state as one JSON object."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    RapportError,
    check_from,
    load_scenario,
    parse_numbers,
    parse_set,
)
from game.engine.session import SessionError
from game.record.runner import SessionRunner


def main(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    numbers = parse_numbers(args.choices or "")
    start_at = check_from(getattr(args, "from_node", None), scenario)
    set_values = parse_set(getattr(args, "set", None) or [], scenario)
    seed = args.seed if args.seed is not None else 0
    try:
        runner = SessionRunner.start(
            scenario,
            seed=seed,
            mode=args.mode,
            trainee=args.trainee,
            log=Path(args.log) if args.log else None,
            logged=bool(args.log),
            start_at=start_at,
            set_values=set_values,
        )
    except FileExistsError:
        raise RapportError(f"--log {args.log}: the file exists already") from None
    except OSError as exc:
        raise RapportError(f"--log {args.log}: cannot write ({exc.strerror})", EXIT_FAILED) from None
    if runner.path is not None:
        print(f"session log: {runner.path}", file=sys.stderr)
    for warning in runner.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        runner.play_numbers(numbers)
    except SessionError as exc:
        raise RapportError(str(exc)) from None
    finally:
        runner.close()
    if runner.failure is not None:
        raise RapportError(runner.failure, EXIT_FAILED)
    turn = runner.session.current()
    print(
        json.dumps(
            {
                "node": turn.node.id,
                "ended": turn.ended,
                "outcome": turn.outcome,
                "meters": dict(turn.meters),
                "flags": dict(turn.flags),
                "turn": turn.turn,
                "error": turn.error,
            }
        )
    )
    return EXIT_FAILED if turn.error is not None else EXIT_OK
