"""`rapport schema`: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
import json

from game.commands.common import EXIT_OK
from game.scenario.schema import scenario_schema


def main(args: argparse.Namespace) -> int:
    print(json.dumps(scenario_schema(), indent=2))
    return EXIT_OK
