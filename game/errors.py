"""Exit codes and the one error every layer may raise to stop with a message for the user.

It lives at the bottom of the house so that the command line, the UI and the
record layer can all raise it without importing each other.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class RapportError(Exception):
    """Stops what the user asked for: `message` is shown (if any) and a command exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
