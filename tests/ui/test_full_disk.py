"""The game on a full disk: the trainee is told where and why, plays on, and can save elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER
from tests.record.test_runner import assert_sound


def fill_disk(runner: SessionRunner) -> None:
    """From now on every write to the runner's log fails as on a full disk (ENOSPC from /dev/full)."""
    assert runner.log is not None and runner.log._fd is not None
    full = os.open("/dev/full", os.O_WRONLY)
    os.dup2(full, runner.log._fd)
    os.close(full)


def test_a_game_session_on_a_full_disk_says_so_plays_on_and_saves_elsewhere(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.overlays import UnsavedScene
    from game.ui.scenes.session import SessionScene

    log = tmp_path / "game.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=3, log=log)
    scene = SessionScene(app, runner)
    app.push(scene)
    assert scene.choose_now(3)
    saved = log.read_bytes()
    fill_disk(runner)
    assert scene.choose_now(2)  # the game does not crash; the session goes on in memory

    assert isinstance(app.stack.top, UnsavedScene)
    assert runner.failure == f"the session could not be saved to {log}: No space left on device"
    assert runner.session.current().turn == 2
    # the file on disk is exactly what was synced before the failed step (cut back, nothing half-written)
    assert Path(log).stat().st_size == len(saved)

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    app.settle(1 / 30)
    assert app.stack.top is scene and runner.failure is None
    assert runner.path is not None and runner.path != log
    scene.choose_now(1)
    moved = read_log(runner.path)
    assert [e["type"] for e in moved.events].count("choice") == 3
    assert_sound(runner.path)
