"""Choosing SDL's display driver: done by whoever starts the game, never at import.

This module imports no pygame, so an entry point can choose the driver first and only
then import the window (pygame reads some of these variables when it is imported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

NO_DISPLAY = (
    "no display found: the game needs a desktop session. To play in the terminal instead, "
    "run: rapport play SCENARIO --text"
)


def ensure_display(environ: MutableMapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Fall back to SDL's dummy drivers where there is no display (CI, a server, ssh).

    Returns True when we chose the dummy driver ourselves: fine for screenshots, but an
    interactive window would then be invisible, so the caller says so instead.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    headless = platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    chosen_here = headless and "SDL_VIDEODRIVER" not in env
    if headless:
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    return chosen_here
