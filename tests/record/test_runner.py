"""The session runner: one owner for a logged session, and what a full disk does to it."""

from __future__ import annotations

import json
import resource
import signal
from pathlib import Path

from game.record.log import read_log
from game.record.replay import replay
from game.record.runner import ResumeError, SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER, STARTER_GOOD
from tests.helpers import rapport

GOOD_PATH = "".join(f"{number}\n" for number in STARTER_GOOD)  # the starter's good ending, one reply per line


def assert_sound(log_path: Path) -> None:
    """The log reads cleanly and replays identically on the engine."""
    log = read_log(log_path)
    assert not log.warnings
    _, divergence = replay(load_file(STARTER), log)
    assert divergence is None, divergence


def test_play_text_on_a_full_disk_stops_with_one_line_and_a_sound_log(tmp_path: Path) -> None:
    log = tmp_path / "full.jsonl"
    result = rapport(
        "play", str(STARTER), "--text", "--seed", "3", "--log", str(log), stdin=GOOD_PATH, max_file_bytes=2000
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"could not be saved to {log}: File too large" in result.stderr
    assert 0 < log.stat().st_size <= 2000
    assert_sound(log)
    check = rapport("replay", "--check", str(log))
    assert check.returncode == 0, check.stdout + check.stderr

    # space again: the session resumes where the log stops and reaches its ending
    resumed = rapport("play", "--resume", str(log), "--text", stdin=GOOD_PATH)
    assert resumed.returncode == 0, resumed.stderr
    assert read_log(log).finished
    assert_sound(log)


def test_run_with_a_log_on_a_full_disk_prints_nothing_and_fails(tmp_path: Path) -> None:
    log = tmp_path / "run.jsonl"
    result = rapport(
        "run", str(STARTER), "--choices", ",".join(map(str, STARTER_GOOD)), "--log", str(log), max_file_bytes=1500
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert f"could not be saved to {log}: File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert_sound(log)


def test_a_failed_write_is_cut_back_to_the_last_whole_step(tmp_path: Path) -> None:
    log = tmp_path / "cut.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=1, log=log)
    runner.choose_number(3)
    good = log.read_bytes()
    # a write that gets part-way and then fails: a file-size limit a few bytes past the end
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(good) + 40, hard))
    try:
        runner.choose_number(2)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert runner.failure is not None and "File too large" in runner.failure
    assert log.read_bytes() == good
    # nothing more is written after a failure, even with space again
    runner.choose_number(1)
    assert log.read_bytes() == good


def test_resume_finishes_a_log_cut_after_its_last_choice(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    log = tmp_path / "cut.jsonl"
    runner = SessionRunner.start(scenario, seed=2, log=log)
    runner.play_numbers(STARTER_GOOD)
    runner.close()
    lines = log.read_text().splitlines(keepends=True)
    last_choice = max(i for i, line in enumerate(lines) if '"type":"choice"' in line)
    log.write_text("".join(lines[: last_choice + 1]))  # killed after the choice, before the ending

    assert rapport("replay", "--check", str(log)).returncode == 0
    resumed = SessionRunner.resume(read_log(log), scenario)
    resumed.close()
    after = read_log(log)
    assert after.finished and [e["type"] for e in after.events].count("end") == 1
    assert "resume" not in [e["type"] for e in after.events]
    assert_sound(log)
    try:
        SessionRunner.resume(after, scenario)
    except ResumeError as exc:
        assert "already finished" in str(exc)
    else:
        raise AssertionError("a finished session was resumed")


def test_resume_cuts_a_torn_last_line_before_appending(tmp_path: Path) -> None:
    scenario = load_file(STARTER)
    log = tmp_path / "torn.jsonl"
    runner = SessionRunner.start(scenario, seed=2, log=log)
    runner.choose_number(3)
    runner.close()
    with log.open("a") as handle:
        handle.write('{"type":"choice","node":')  # the crash tore this line
    torn = read_log(log)
    assert torn.warnings
    resumed = SessionRunner.resume(torn, scenario)
    resumed.choose_number(2)
    resumed.close()
    assert_sound(log)
    assert all(json.loads(line) for line in log.read_text().splitlines())


def test_a_log_whose_header_cannot_be_written_is_not_left_behind(tmp_path: Path) -> None:
    log = tmp_path / "none.jsonl"
    result = rapport("run", str(STARTER), "--choices", "3", "--log", str(log), max_file_bytes=100)
    assert (result.returncode, result.stdout) == (1, "")
    assert "cannot write (File too large)" in result.stderr
    assert not log.exists()
