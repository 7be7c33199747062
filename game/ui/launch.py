"""Where the commands start the game: choose the display first, then open the window.

This module imports no pygame at load time. Each entry point chooses SDL's driver
(`ensure_display`) and only then imports the window, so importing the UI never
changes the environment and pygame sees the driver that was chosen.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import RapportError
from game.record.locate import pair_with_scenarios
from game.record.log import SessionLog
from game.record.runner import SessionRunner
from game.scenario.model import Scenario
from game.ui.display import NO_DISPLAY, ensure_display
from game.ui.request import PlayRequest

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["PlayRequest", "run_game", "run_replay", "screenshot_session"]


def _open_app(*, folders: Iterable[Path] = (), save_settings: bool = True, headless_note: str | None = None) -> App:
    """Choose the display, then open the window. `headless_note`: refuse an invisible window with this message."""
    if ensure_display() and headless_note is not None:
        raise RapportError(headless_note)
    from game.ui.app import App  # pygame is imported only once the driver is chosen

    return App(folders=folders, save_settings=save_settings)


def run_game(
    prepared: SessionRunner | None = None,
    request: PlayRequest | None = None,
    folders: Iterable[Path] = (),
) -> int:
    """Open the window: at the title, at a briefing (request) or in a session (prepared)."""
    app = _open_app(folders=folders, headless_note=NO_DISPLAY)
    if prepared is not None:
        app.push("title")
        app.push("session", prepared)
    elif request is not None:
        app.push("title")
        app.push("briefing", request)
    else:
        app.push("title")
    return app.run()


def screenshot_session(
    scenario: Scenario,
    numbers: list[int],
    out: Path,
    seed: int = 0,
    mode: str = "practice",
    start_at: str | None = None,
    set_values: Mapping[str, int] | None = None,
) -> int:
    """Straight into a session (no log, no briefing), make the choices, settle, save, exit."""
    app = _open_app(save_settings=False)
    from game.ui.scenes.session import SessionScene

    runner = SessionRunner.start(scenario, seed=seed, mode=mode, logged=False, start_at=start_at, set_values=set_values)
    session = runner.session
    scene = SessionScene(app, runner)
    app.push(scene)
    app.settle(0.2)
    for number in numbers:
        if not scene.choose_now(number):
            app.close()
            raise RapportError(f"choice {number} is not shown at node '{session.current().node.id}'")
    app.settle(3.0)
    path = app.screenshot(out)
    app.close()
    print(f"wrote {path.resolve()}")
    return 0


def run_replay(
    logs: list[SessionLog],
    scenario_name: str | None = None,
    folders: Iterable[Path] = (),
    step: int | None = None,
    screenshot: Path | None = None,
) -> int:
    """The replay viewer for one log; the class view for several."""
    folders = list(folders)
    explicit = Path(scenario_name) if scenario_name else None
    if explicit is not None and not explicit.is_file():
        raise RapportError(f"--scenario {scenario_name}: no such file")
    pairs = pair_with_scenarios(
        logs, folders, explicit, warn=lambda message: print(f"warning: {message}", file=sys.stderr)
    )
    if not pairs:
        raise RapportError("none of the logs could be matched to a scenario that loads", 1)
    index = max(0, (step or 1) - 1)
    if screenshot is not None:
        app = _open_app(folders=folders, save_settings=False)
        app.push("logs", pairs, index)
        app.settle(1.0)
        path = app.screenshot(screenshot)
        app.close()
        print(f"wrote {path.resolve()}")
        return 0
    note = NO_DISPLAY.replace("rapport play SCENARIO --text", "rapport report LOG -o report.html")
    app = _open_app(folders=folders, headless_note=note)
    app.push("logs", pairs, index)
    return app.run()
