"""F5 for authors: read the scenario again and take the session's choices on the new version.

The reloaded session writes a new log (with the new file's hash), so every log
stays replayable against the scenario it was played with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.record.log import SessionLog, read_log
from game.record.replay import redrive
from game.record.sessions import open_session
from game.scenario.loader import load_bytes

if TYPE_CHECKING:
    from game.ui.scenes.session import SessionScene


def reload_session(scene: SessionScene) -> None:
    from game.ui.scenes.overlays import MessageScene

    app = scene.app
    old = scene.session
    path = Path(scene.scenario.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        app.push(MessageScene(app, "The scenario cannot be read", [f"{path}: {exc.strerror}"]))
        return
    scenario, diagnostics = load_bytes(data, str(path))
    if scenario is None:
        lines = [d.format(str(path)) for d in diagnostics if d.severity == "error"]
        app.push(MessageScene(app, "The scenario has errors — fix them and press F5 again", lines))
        return
    header = (
        read_log(scene.log_path).header
        if scene.log_path
        else {"seed": old.seed, "mode": old.mode, "from": old.start_at, "set": old.set_values}
    )
    session, problem = redrive(scenario, SessionLog(Path(""), dict(header), list(old.events)))
    writer = None
    if scene.writer is not None:
        scene.close_log()
        writer = None
        try:
            fresh, writer = open_session(
                scenario,
                seed=session.seed,
                mode=session.mode,
                trainee=header.get("trainee"),
                start_at=session.start_at,
                set_values=session.set_values,
            )
        except OSError as exc:
            app.notify(f"Reloaded, but no log could be written: {exc}", 8)
        else:
            for event in session.events[len(fresh.events) :]:
                writer.write(event)
            session.listener = writer.write
    from game.ui.scenes.session import SessionScene

    app.replace(SessionScene(app, session, writer))
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    note = f"Reloaded {path.name}" + (f" ({warnings} warning(s))" if warnings else "")
    if writer is not None:
        note += f"; now logging to {writer.path}"
    app.notify(f"{note}; {problem}" if problem else note, 6)
