"""Render docs/screenshots/*.png: every scene of the game, as a trainee and a class see it.

Run: python docs/make_screenshots.py  (uses SDL's dummy driver; writes nothing else
outside a data folder of its own in the temporary folder, emptied on each run).

The pictures depend on nothing but the code and the scenarios: fixed seeds, fixed log
names in a fixed folder, animations settled in simulated time. A picture is replaced
only when its bytes change, so a run that changed nothing leaves them byte-identical.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
HOME = Path(tempfile.gettempdir()) / "rapport-screenshots"
shutil.rmtree(HOME, ignore_errors=True)
os.environ["RAPPORT_HOME"] = str(HOME)

from game.engine.autoplay import play_numbers  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.record.log import read_log  # noqa: E402
from game.record.runner import SessionRunner  # noqa: E402
from game.scenario.loader import load_file  # noqa: E402
from game.settings import Settings  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.input import Back, Toggle  # noqa: E402
from game.ui.request import PlayRequest  # noqa: E402
from game.ui.scenes.briefing import BriefingScene  # noqa: E402
from game.ui.scenes.debrief import DebriefScene  # noqa: E402
from game.ui.scenes.overlays import HelpScene, PauseScene, TranscriptScene  # noqa: E402
from game.ui.scenes.replay import ClassPicker, ClassScene, ReplayScene  # noqa: E402
from game.ui.scenes.session import SessionScene  # noqa: E402
from game.ui.scenes.settings import SettingsScene  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SCENARIO = ROOT / "scenarios" / "starter-first-meeting.yaml"
GOOD_PATH = [4, 2, 1, 2, 3, 1, 2, 1, 2]


def shot(app: App, name: str, settle: float = 2.0) -> None:
    app.settle(settle)
    fresh = app.screenshot(HOME / "pictures" / f"{name}.png")
    path = OUT / f"{name}.png"
    if path.is_file() and path.read_bytes() == fresh.read_bytes():
        print(f"{path.relative_to(ROOT)} (unchanged)")
        return
    os.replace(fresh, path)
    print(path.relative_to(ROOT))


def logged_session(scenario, numbers: list[int], trainee: str, seed: int) -> Path:  # type: ignore[no-untyped-def]
    log = HOME / "sessions" / f"{trainee.lower().replace(' ', '-').replace('.', '')}.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    runner = SessionRunner.start(scenario, seed=seed, trainee=trainee, log=log)
    runner.play_numbers(numbers)
    runner.close()
    assert runner.path is not None
    return runner.path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    scenario = load_file(SCENARIO)
    app = App(settings=Settings(), save_settings=False)

    app.reset(TitleScene(app))
    shot(app, "01-title")
    app.push(BriefingScene(app, PlayRequest(scenario, trainee="Alex")))
    shot(app, "02-briefing")

    session = Session(scenario, seed=3, mode="practice")
    scene = SessionScene(app, SessionRunner.unlogged(session))
    app.reset(scene)
    for number in GOOD_PATH[:3]:
        scene.choose_now(number)
    shot(app, "03-session-practice-coach")
    scene.show_meters = True
    shot(app, "04-session-practice-meters")

    assessed = Session(scenario, seed=3, mode="assessment")
    scene = SessionScene(app, SessionRunner.unlogged(assessed))
    app.reset(scene)
    for number in [2, 1, 2]:
        scene.choose_now(number)
    shot(app, "05-session-assessment-rupture")

    for trust, name in ((90, "06-same-node-trust-90"), (5, "07-same-node-trust-5")):
        playtest = Session(scenario, seed=1, mode="assessment", start_at="the-car", set_values={"trust": trust})
        app.reset(SessionScene(app, SessionRunner.unlogged(playtest)))
        shot(app, name)

    app.push(PauseScene(app, app.stack.top))  # type: ignore[arg-type]
    shot(app, "08-pause")
    app.dispatch(Back())
    app.push(HelpScene(app))
    shot(app, "09-help")
    app.dispatch(Back())
    app.push(TranscriptScene(app, scenario, session.events, "practice"))
    shot(app, "10-transcript")
    app.dispatch(Back())
    app.push(SettingsScene(app))
    shot(app, "11-settings")
    app.dispatch(Back())

    logs = [
        logged_session(scenario, GOOD_PATH, "Alex Morgan", 3),
        logged_session(scenario, [2, 1, 2, 2, 2], "Sam Lee", 4),
        logged_session(scenario, [3, 1, 3, 1, 2, 1, 1, 1], "Priya N.", 5),
        logged_session(scenario, [2, 1, 2, 1, 2, 1, 3], "Jo", 6),
    ]
    finished = Session(scenario, seed=3)
    play_numbers(finished, [3, 1, 3, 1, 2, 1, 1, 1])
    app.reset(DebriefScene(app, scenario, finished.events, str(logs[0])))
    shot(app, "12-debrief")

    app.reset(ReplayScene(app, scenario, read_log(logs[1]), step=3))
    shot(app, "13-replay")
    replay = app.stack.top
    app.dispatch(Toggle("predict"))
    shot(app, "14-replay-predict")
    del replay
    app.reset(ClassScene(app, scenario, [read_log(p) for p in logs], selected=1))
    shot(app, "15-class-view")

    small = App(settings=Settings(text_size=90), size=(1024, 600), save_settings=False)
    small_session = Session(scenario, seed=3, mode="practice")
    scene = SessionScene(small, SessionRunner.unlogged(small_session))
    small.reset(scene)
    scene.choose_now(3)
    shot(small, "16-session-1024x600-small-text")
    contrast = App(settings=Settings(high_contrast=True, text_size=150), save_settings=False)
    contrast_session = Session(scenario, seed=3, mode="practice")
    scene = SessionScene(contrast, SessionRunner.unlogged(contrast_session))
    contrast.reset(scene)
    scene.choose_now(3)
    shot(contrast, "17-session-high-contrast-large-text")
    largest = App(settings=Settings(text_size=200), size=(1024, 600), save_settings=False)
    largest_session = Session(scenario, seed=3, mode="practice")
    scene = SessionScene(largest, SessionRunner.unlogged(largest_session))
    largest.reset(scene)
    scene.choose_now(3)
    shot(largest, "18-session-1024x600-largest-text")
    app.reset(TitleScene(app))
    app.push(ClassPicker(app, HOME))
    shot(app, "19-class-picker")


if __name__ == "__main__":
    main()
