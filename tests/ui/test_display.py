"""The display driver is chosen when the game starts, never when a module is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from game.ui.display import ensure_display

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, os, sys
before = dict(os.environ)
import game.ui.launch
launch_pulls_pygame = "pygame" in sys.modules
import game.ui.app, game.ui.scenes
print(json.dumps({"changed": sorted(set(os.environ.items()) ^ set(before.items())),
                  "launch_pulls_pygame": launch_pulls_pygame}))
"""


def test_importing_the_ui_changes_no_environment_variable() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "PYGAME_")) and k != "DISPLAY"}
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"  # only so stdout holds just the answer
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"changed": [], "launch_pulls_pygame": False}


def test_a_headless_linux_gets_the_dummy_driver_and_is_told_so() -> None:
    env: dict[str, str] = {}
    assert ensure_display(env, "linux") is True
    assert env["SDL_VIDEODRIVER"] == "dummy" and env["SDL_AUDIODRIVER"] == "dummy"


def test_a_desktop_or_a_chosen_driver_is_left_alone() -> None:
    desktop = {"DISPLAY": ":0"}
    assert ensure_display(desktop, "linux") is False and "SDL_VIDEODRIVER" not in desktop
    chosen = {"SDL_VIDEODRIVER": "x11"}
    assert ensure_display(chosen, "linux") is False and chosen["SDL_VIDEODRIVER"] == "x11"
    assert ensure_display({}, "darwin") is False
