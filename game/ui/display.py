"""Choosing SDL's display driver: done by whoever starts the game, never at import.

This module imports no pygame, so an entry point can choose the driver first and only
then import the window (pygame reads some of these variables when it is imported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from dataclasses import dataclass

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


WINDOW_MIN, WINDOW_MAX = (800, 600), (7680, 4320)
SCREENSHOT_SCENES = ("session", "pause", "help", "transcript", "debrief")


@dataclass(frozen=True)
class Display:
    """Display options from the command line: they override the saved settings for one run, never saved."""

    window: tuple[int, int] | None = None  # None: a window that fits the screen (1280x720 for screenshots)
    text_size: int | None = None  # percent, 90-200
    high_contrast: bool | None = None
    presenter: bool = False
    free_text: bool | None = None  # play --free

    @property
    def overrides(self) -> bool:
        return self.text_size is not None or self.high_contrast is not None or self.free_text is not None


def parse_window(text: str) -> tuple[int, int]:
    """'WxH', width 800-7680 and height 600-4320; ValueError with a message otherwise."""
    parts = text.strip().lower().split("x")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(f"'{text[:20]}' is not a window size: give WIDTHxHEIGHT, e.g. 1280x720")
    width, height = int(parts[0]), int(parts[1])
    if not (WINDOW_MIN[0] <= width <= WINDOW_MAX[0] and WINDOW_MIN[1] <= height <= WINDOW_MAX[1]):
        raise ValueError(f"'{text[:20]}': the width goes from 800 to 7680 and the height from 600 to 4320")
    return width, height


def parse_text_size(text: str) -> int:
    """A whole percentage from 90 to 200, a trailing % allowed; ValueError with a message otherwise."""
    digits = text.strip().removesuffix("%")
    if not (digits.isascii() and digits.isdigit()) or not 90 <= int(digits) <= 200:
        raise ValueError(f"'{text[:20]}' is not a text size: give a whole percentage from 90 to 200")
    return int(digits)
