"""`rapport run SCENARIO --choices 1,3,2`: a headless session, its end state as one JSON object."""

from __future__ import annotations

import argparse
import json
import sys

from game.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    RapportError,
    check_from,
    load_scenario,
    parse_numbers,
    parse_set,
)
from game.engine.autoplay import play_numbers
from game.engine.session import Session, SessionError


def main(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    numbers = parse_numbers(args.choices or "")
    start_at = check_from(getattr(args, "from_node", None), scenario)
    set_values = parse_set(getattr(args, "set", None) or [], scenario)
    seed = args.seed if args.seed is not None else 0
    writer = None
    if args.log:
        from pathlib import Path

        from game.record.log import LogWriter, make_header

        header = make_header(scenario, seed, args.mode, args.trainee, start_at, set_values)
        try:
            writer = LogWriter(Path(args.log), header)
        except FileExistsError:
            raise RapportError(f"--log {args.log}: the file exists already") from None
        except OSError as exc:
            raise RapportError(f"--log {args.log}: cannot write ({exc.strerror})") from None
        print(f"session log: {writer.path}", file=sys.stderr)
    session = Session(
        scenario,
        seed=seed,
        mode=args.mode,
        start_at=start_at,
        set_values=set_values,
        listener=writer.write if writer else None,
    )
    try:
        play_numbers(session, numbers)
    except SessionError as exc:
        raise RapportError(str(exc)) from None
    finally:
        if writer:
            writer.close()
    turn = session.current()
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
