"""`rapport match SCENARIO --node NODE TEXT`: which reply shown at NODE free text would take TEXT as.

For authors tuning `also:` phrasings (and for tests): the replies are those shown when NODE is
entered at the scenario's start meters, as a playtest `--from NODE` would show them.
"""

from __future__ import annotations

import argparse
import json

from game.commands.common import EXIT_FAILED, EXIT_OK, RapportError, load_scenario
from game.engine.session import Session
from game.freetext import FreeTextUnavailable, unavailable_message


def main(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    if args.node not in scenario.nodes:
        from game.scenario.diagnostics import did_you_mean

        hint = did_you_mean(args.node, scenario.nodes)
        raise RapportError(f"--node {args.node}: no such node in '{scenario.id}'{hint}")
    session = Session(scenario, seed=args.seed if args.seed is not None else 0, start_at=args.node)
    shown = session.shown()
    try:
        from game.freetext.matcher import Matcher

        found = Matcher().match(scenario, shown, args.text)
    except ImportError:
        raise RapportError(unavailable_message(), EXIT_FAILED) from None
    except FreeTextUnavailable as exc:
        raise RapportError(str(exc), EXIT_FAILED) from None
    chosen = found.choice
    print(
        json.dumps(
            {
                "choice": chosen.id if chosen is not None else None,
                "number": found.number if chosen is not None else None,
                "score": round(found.score, 4),
                "margin": round(found.margin, 4),
                "accepted": found.accepted,
            },
            ensure_ascii=False,
        )
    )
    return EXIT_OK
