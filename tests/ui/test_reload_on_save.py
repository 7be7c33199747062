"""Reload on save: the scenario file being played is watched; a save reloads it as F5 does.

Time is the scene's own (frames of simulated time), never the wall clock: no test sleeps.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.record.log import unfinished_logs
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.ui.reload import reload_with
from game.ui.watch import FileWatch
from tests.conftest import STARTER

FRAME = 0.05
EDIT = ("The weird part is,", "Honestly? The weird part is,")


def run_for(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Advance the app by simulated frames (each updates the top scene, which polls the file)."""
    for _ in range(round(seconds / FRAME)):
        app.frame(FRAME)


def logs(home: Path) -> list[Path]:
    """Every log written: one for the session, one more for each reload (the replaced ones are put aside)."""
    return sorted((home / "sessions").rglob("*.jsonl"))


@pytest.fixture
def playing(app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A logged session of a copy of the starter, two replies in, on top of the app; its file is `path`."""
    from game.ui.scenes.session import SessionScene

    path = tmp_path / "lina.yaml"
    path.write_bytes(STARTER.read_bytes())
    scene = SessionScene(app, SessionRunner.start(load_file(path), seed=5))
    app.push(scene)
    scene.choose_now(3)
    scene.choose_now(2)
    run_for(app, 1.0)  # the watch has seen the file as it was loaded
    assert app.stack.top is scene
    return scene, path


def place(scene) -> tuple[str, int, list[str]]:  # type: ignore[no-untyped-def]
    session = scene.session
    turn = session.current()
    chosen = [e["choice"] for e in session.events if e.get("type") == "choice"]
    return turn.node.id, turn.turn, chosen


def test_a_saved_change_reloads_the_session_at_the_same_place(app, playing, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.session import SessionScene

    scene, path = playing
    before = place(scene)
    path.write_text(path.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    run_for(app, 0.1)
    assert app.stack.top is scene  # not read while it may still be being written
    run_for(app, 1.0)
    reloaded = app.stack.top
    assert isinstance(reloaded, SessionScene) and reloaded is not scene
    assert place(reloaded) == before
    assert EDIT[1] in reloaded.scenario.source.decode("utf-8")
    assert app._toast is not None and app._toast[0].startswith("Reloaded lina.yaml")
    assert len(logs(rapport_home)) == 2  # logged anew against the new file, as F5 does
    run_for(app, 2.0)
    assert app.stack.top is reloaded  # one save, one reload

    path.write_text(path.read_text(encoding="utf-8").replace("Tomás", "Tomas"), encoding="utf-8")
    run_for(app, 1.0)
    again = app.stack.top
    assert again is not reloaded and place(again) == before and len(logs(rapport_home)) == 3
    assert [log.path for log in unfinished_logs()] == [again.runner.path]  # one session to resume, not three


def test_a_broken_save_is_shown_once_and_a_fixed_one_reloads(app, playing, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes import session as module
    from game.ui.scenes.session import SessionScene

    loads: list[bytes] = []

    def counted(app, runner, data):  # type: ignore[no-untyped-def]
        loads.append(data)
        return reload_with(app, runner, data)

    monkeypatch.setattr(module, "reload_with", counted)
    scene, path = playing
    good = path.read_text(encoding="utf-8")
    broken = good.replace("quality: good", "quality: great", 1)
    path.write_text(broken, encoding="utf-8")
    run_for(app, 1.0)
    assert app.stack.top is scene  # the session goes on
    assert len(scene.file_errors) == 1 and scene.file_errors[0].startswith("lina.yaml:")
    assert "'quality' must be one of good, neutral, poor, not 'great'" in scene.file_errors[0]
    app.draw()  # the band of errors takes its place under the top bar
    assert scene.rects["file_errors"].height > 0 and scene.rects["stage"].top == scene.rects["file_errors"].bottom

    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)  # saved again, unchanged: not read again
    run_for(app, 1.0)
    assert len(loads) == 1 and app.stack.top is scene and len(scene.file_errors) == 1
    assert scene.choose_now(1)  # the session goes on with the version loaded before

    path.write_text(good.replace(*EDIT), encoding="utf-8")
    run_for(app, 1.0)
    reloaded = app.stack.top
    assert isinstance(reloaded, SessionScene) and reloaded is not scene
    assert place(reloaded) == place(scene)
    assert reloaded.file_errors == [] and len(loads) == 2


def test_saving_the_loaded_version_back_clears_the_errors_without_a_reload(app, playing) -> None:  # type: ignore[no-untyped-def]
    scene, path = playing
    good = path.read_bytes()
    path.write_bytes(good.replace(b"quality: good", b"quality: great", 1))
    run_for(app, 1.0)
    assert scene.file_errors
    path.write_bytes(good)
    run_for(app, 1.0)
    assert app.stack.top is scene and scene.file_errors == []


def test_a_save_by_rename_reloads_once(app, playing, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    scene, path = playing
    temporary = path.with_name(".lina.yaml.swp")
    temporary.write_text(path.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    path.unlink()  # some editors move the old file away first: missing for a moment is no error
    run_for(app, 0.5)
    assert app.stack.top is scene and scene.file_errors == []
    os.replace(temporary, path)
    run_for(app, 2.0)
    assert app.stack.top is not scene
    assert len(logs(rapport_home)) == 2  # the first session's log and one reload's


def test_two_writes_in_a_row_reload_once_with_the_last(app, playing, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    scene, path = playing
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quality: good", "quality: great", 1), encoding="utf-8")  # broken on its own
    run_for(app, 0.25)  # one look at least has seen the first write, too recent to read
    assert scene.watch is not None and scene.watch.changed_at is not None
    path.write_text(text.replace(*EDIT), encoding="utf-8")
    run_for(app, 2.0)
    reloaded = app.stack.top
    assert reloaded is not scene and EDIT[1] in reloaded.scenario.source.decode("utf-8")
    assert scene.file_errors == []  # the half-way content was never read
    assert len(logs(rapport_home)) == 2


def test_a_touch_without_change_does_not_reload(app, playing, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    scene, path = playing
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    path.write_bytes(path.read_bytes())  # and a save with the same bytes
    run_for(app, 2.0)
    assert app.stack.top is scene and app._toast is None
    assert len(logs(rapport_home)) == 1


def test_the_setting_turns_it_off(app, playing, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    scene, path = playing
    app.settings.reload_on_save = False
    path.write_text(path.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    run_for(app, 2.0)
    assert app.stack.top is scene and len(logs(rapport_home)) == 1
    app.settings.reload_on_save = True  # turned on again: the save made meanwhile is taken
    run_for(app, 2.0)
    assert app.stack.top is not scene


def test_kept_copies_are_not_watched(tmp_path: Path) -> None:
    from game.record.played import PLAYED
    from game.scenario.loader import load_path
    from game.ui.scenes.session import watch_for

    original = load_file(STARTER)
    assert watch_for(original) is not None
    copy = tmp_path / PLAYED / f"{original.sha256}.yaml"
    copy.parent.mkdir()
    copy.write_bytes(STARTER.read_bytes())
    kept, _ = load_path(copy)
    assert kept is not None and watch_for(kept) is None


def test_the_watch_reads_only_settled_changes(tmp_path: Path) -> None:
    """The watch alone, with times given: it looks every `poll` seconds and reads after `settle` unchanged."""
    import hashlib

    path = tmp_path / "a.yaml"
    path.write_bytes(b"one")
    watch = FileWatch(path, hashlib.sha256(b"one").hexdigest(), poll_seconds=0.25, settle_seconds=0.3)
    assert [watch.poll(t) for t in (0.0, 0.25, 0.5, 0.75)] == [None] * 4  # the same bytes: no change
    path.write_bytes(b"two!")
    assert watch.poll(0.8) is None  # too soon after the last look: not even a stat
    assert watch.poll(1.0) is None  # seen changed
    assert watch.poll(1.25) is None  # unchanged for 0.25 s only
    assert watch.poll(1.5) == b"two!"
    assert watch.poll(1.75) is None and watch.poll(2.0) is None  # once
    path.unlink()
    assert [watch.poll(t) for t in (2.25, 2.5, 2.75, 3.0)] == [None] * 4  # missing: quiet
    path.write_bytes(b"one")
    assert [watch.poll(t) for t in (3.25, 3.5, 3.75)] == [None, None, b"one"]
