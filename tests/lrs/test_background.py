"""From the game: sessions that end are queued and sent in the background, and kept when offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.lrs import background
from game.lrs.background import Sender, queued, session_ended
from game.settings import Settings
from tests.lrs.kit import Ralph, free_port, play_class
from tests.lrs.test_sync import expected_ids, held, sessions_of


@pytest.fixture(autouse=True)
def no_sender_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_sender", None)  # each test starts its own


def test_an_ended_session_is_queued_and_sent_in_the_background(
    ralph: Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (log,) = play_class(tmp_path / "sessions", "background", 1)
    monkeypatch.setenv("RAPPORT_LRS_AUTH", ralph.auth)
    assert not session_ended(log, Settings())  # no LRS set: nothing queued
    assert queued() == []
    assert session_ended(log, Settings(lrs_url=ralph.url))
    sender = background._sender
    assert sender is not None and sender.idle.wait(timeout=120), "the sender never finished its round"
    assert sender.last == "1 session(s) sent, 0 queued"
    assert queued() == []
    counts = held(ralph, sessions_of([log]))
    assert set(counts) == expected_ids([log]) and set(counts.values()) == {1}


def test_offline_the_queue_waits_for_the_next_start(ralph: Ralph, tmp_path: Path) -> None:
    logs = play_class(tmp_path / "sessions", "offline-queue", 2)
    for log in logs:
        background.enqueue(log)
    offline = Sender(Settings(lrs_url=f"http://127.0.0.1:{free_port()}/xAPI/"), {"RAPPORT_LRS_AUTH": ralph.auth})
    assert offline.send_queue().startswith("0 session(s) sent, 2 queued")
    assert queued() == [p.resolve() for p in logs]
    online = Sender(Settings(lrs_url=ralph.url), {})
    assert online.send_queue() == "0 session(s) sent, 2 queued"  # no credentials in the environment: it waits
    at_next_start = Sender(Settings(lrs_url=ralph.url), {"RAPPORT_LRS_AUTH": ralph.auth})
    assert at_next_start.send_queue() == "2 session(s) sent, 0 queued"
    assert queued() == []
    assert set(held(ralph, sessions_of(logs))) == expected_ids(logs)
