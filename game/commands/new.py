"""`rapport new ID`: a small, real scenario to start from, written to ./ID.yaml."""

from __future__ import annotations

import argparse
import re
from importlib import resources
from pathlib import Path

from game.commands.common import EXIT_OK, RapportError


def template(scenario_id: str) -> str:
    text = resources.files("game").joinpath("templates/new_scenario.yaml").read_text("utf-8")
    return text.replace("__ID__", scenario_id)


def main(args: argparse.Namespace) -> int:
    scenario_id = args.id
    if not re.fullmatch(r"[a-z0-9-]+", scenario_id):
        raise RapportError(f"'{scenario_id}' is not a scenario id: use only a-z, 0-9 and '-' (like 'first-session')")
    path = Path(f"{scenario_id}.yaml")
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(template(scenario_id))
    except FileExistsError:
        raise RapportError(f"{path}: exists already; it was left untouched") from None
    except OSError as exc:
        raise RapportError(f"{path}: cannot write ({exc.strerror})") from None
    print(f"wrote {path.resolve()}")
    print(f"next: rapport validate {path}   then   rapport play {path} --text")
    return EXIT_OK
