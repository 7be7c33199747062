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
from game.record.log import SessionLog
from game.record.runner import SessionRunner
from game.scenario.model import Scenario
from game.ui.display import NO_DISPLAY, Display, ensure_display
from game.ui.request import PlayRequest

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scene import Scene

__all__ = ["PlayRequest", "run_game", "run_replay", "screenshot_session"]


def _open_app(
    *,
    folders: Iterable[Path] = (),
    save_settings: bool = True,
    headless_note: str | None = None,
    display: Display | None = None,
    size: tuple[int, int] | None = None,
) -> App:
    """Choose the display, then open the window. `headless_note`: refuse an invisible window with this message.

    Display options override the saved settings for this run and are then never saved.
    """
    if ensure_display() and headless_note is not None:
        raise RapportError(headless_note)
    from game.settings import Settings
    from game.ui.app import App  # pygame is imported only once the driver is chosen

    display = display or Display()
    settings = Settings.load()
    if display.text_size is not None:
        settings.text_size = display.text_size
    if display.high_contrast is not None:
        settings.high_contrast = display.high_contrast
    if display.free_text is not None:
        settings.free_text = display.free_text
    return App(
        settings=settings,
        size=display.window or size,
        folders=folders,
        save_settings=save_settings and not display.overrides,
    )


def run_game(
    prepared: SessionRunner | None = None,
    request: PlayRequest | None = None,
    folders: Iterable[Path] = (),
    display: Display | None = None,
) -> int:
    """Open the window: at the title, at a briefing (request) or in a session (prepared)."""
    app = _open_app(folders=folders, headless_note=NO_DISPLAY, display=display)
    from game.lrs.background import start_sending

    start_sending(app.settings)  # what an earlier run left queued (offline) goes now, in the background
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
    scene: str = "session",
    display: Display | None = None,
    trainee: str | None = None,
) -> int:
    """Straight into a session (no log, no briefing), make the choices, settle, save, exit.

    `scene`: the session, or over it the pause menu, help or the transcript; or the debrief
    (the choices must end the session). Typing is finished and motion at rest.
    """
    app = _open_app(save_settings=False, display=display, size=(1280, 720))
    from game.ui.scenes.session import SessionScene

    runner = SessionRunner.start(
        scenario, seed=seed, mode=mode, trainee=trainee, logged=False, start_at=start_at, set_values=set_values
    )
    session = runner.session
    play = SessionScene(app, runner)
    app.push(play)
    for number in numbers:
        if not play.choose_now(number):
            app.close()
            raise RapportError(f"choice {number} is not shown at node '{session.current().node.id}'")
    if scene == "debrief":
        play.choose_now(0)  # on through continue steps to the ending; 0 chooses nothing
        if not session.current().finished:
            app.close()
            raise RapportError("--scene debrief: these choices do not end the session")
        play.open_debrief()
    elif scene == "pause":
        app.push("pause", play)
    elif scene == "help":
        app.push("help")
    elif scene == "transcript":
        app.push("transcript", scenario, session.events, session.mode)
    path = app.screenshot(out)
    app.close()
    print(f"wrote {path.resolve()}")
    return 0


def _presenter(viewer: Scene) -> None:
    from game.ui.input import Toggle  # pygame: imported once the display is chosen

    viewer.handle(Toggle("presenter"))


def run_replay(
    logs: list[SessionLog],
    scenario_name: str | None = None,
    folders: Iterable[Path] = (),
    step: int | None = None,
    screenshot: Path | None = None,
    display: Display | None = None,
) -> int:
    """The replay viewer for one log; the class view for several."""
    folders = list(folders)
    explicit = Path(scenario_name) if scenario_name else None
    if explicit is not None and not explicit.is_file():
        raise RapportError(f"--scenario {scenario_name}: no such file")
    from game.record.verify import check_logs, viewable  # only the replay needs it

    pairs, marks = viewable(
        check_logs(logs, folders, explicit), lambda message: print(f"warning: {message}", file=sys.stderr)
    )
    if not pairs:
        raise RapportError("none of the logs re-runs on the scenario it was played on (see the warnings above)", 1)
    index = max(0, (step or 1) - 1)
    if screenshot is not None:
        app = _open_app(folders=folders, save_settings=False, display=display, size=(1280, 720))
        viewer = app.push("logs", pairs, index, marks)
        if display is not None and display.presenter:
            _presenter(viewer)
        path = app.screenshot(screenshot)
        app.close()
        print(f"wrote {path.resolve()}")
        return 0
    note = NO_DISPLAY.replace("rapport play SCENARIO --text", "rapport report LOG -o report.html")
    app = _open_app(folders=folders, headless_note=note, display=display)
    viewer = app.push("logs", pairs, index, marks)
    if display is not None and display.presenter:
        _presenter(viewer)
    return app.run()
