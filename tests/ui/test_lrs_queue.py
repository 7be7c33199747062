"""The session scene queues a session that reaches its ending for the LRS, when one is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.lrs import background
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER


def test_a_session_played_to_its_end_goes_to_the_lrs_queue(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui.scenes.session import SessionScene

    woken: list[object] = []
    monkeypatch.setattr(background, "start_sending", woken.append)  # no thread, no network: only the queue
    app.settings.lrs_url = "http://127.0.0.1:9/xAPI/"
    log = tmp_path / "s.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=3, log=log)
    runner.advance()
    scene = SessionScene(app, runner)
    app.push(scene)
    for _ in range(100):
        turn = runner.session.current()
        if turn.ended:
            break
        assert background.queued() == []  # not before the end
        if turn.choices:
            scene._choose(1)
        else:
            scene._continue()
    assert runner.session.current().ended
    assert background.queued() == [log.resolve()] and woken == [app.settings]
