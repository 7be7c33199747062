"""F5 and reload on save, for authors: read the scenario again and take the session's choices on the new version.

The reloaded session writes a new log (with the new file's hash), so every log
stays replayable against the scenario it was played with. The log it replaces, if
unfinished, is put aside (`archived/`, as the title screen's Delete does): an author
who saves thirty times is offered one session to resume, not thirty.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from game.record.log import SessionLog, archive_log
from game.record.replay import redrive
from game.record.runner import SessionRunner, open_runner
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import load_bytes
from game.scenario.source import read_source
from game.ui.scene import AppLike


def reload_session(app: AppLike, runner: SessionRunner) -> None:
    """F5: replace the session scene on top with the same session, replayed on the scenario as it is now."""
    path = Path(runner.session.scenario.path)
    try:
        data = read_source(path)
    except OSError as exc:
        app.push("message", "The scenario cannot be read", [f"{path}: {exc.strerror}"])
        return
    errors = reload_with(app, runner, data)
    if errors:
        lines = [d.format(str(path)) for d in errors]
        app.push("message", "The scenario has errors — fix them and press F5 again", lines)


def reload_with(app: AppLike, runner: SessionRunner, data: bytes) -> list[Diagnostic]:
    """Replace the session scene on top with the session replayed on `data`, the scenario file's new bytes.

    Returns the file's errors when `data` does not load: then nothing is
    replaced and the session goes on with the version it has. F5 and reload on save share this.
    """
    old = runner.session
    path = Path(old.scenario.path)
    scenario, diagnostics = load_bytes(data, str(path))
    if scenario is None:
        return [d for d in diagnostics if d.severity == "error"]
    header = runner.header
    session, problem = redrive(scenario, SessionLog(Path(""), dict(header), list(old.events)))
    superseded = runner.path
    runner.close()
    reloaded = SessionRunner(session, header)
    if superseded is not None:
        try:
            reloaded = open_runner(scenario, session, trainee=header.get("trainee"))
        except OSError as exc:
            app.notify(f"Reloaded, but no log could be written: {exc.strerror or exc}", 8)
    if superseded is not None and reloaded.path is not None and not old.current().finished:
        with contextlib.suppress(OSError):  # else it stays offered for resuming too; nothing is lost either way
            archive_log(superseded)  # the new log holds its choices: resume that one, not a list of drafts
    app.replace("session", reloaded)
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    note = f"Reloaded {path.name}" + (f" ({warnings} warning(s))" if warnings else "")
    if reloaded.path is not None:
        note += f"; now logging to {reloaded.path}"
    app.notify(f"{note}; {problem}" if problem else note, 6)
    return []
