"""The scenario that was played is kept (format section 6): `played/SHA256.yaml`, found by every reader."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from game.record import played
from game.record.locate import find_scenario
from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.helpers import rapport

SMALL = """\
format: 1
id: small-kept
title: Small kept
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
nodes:
  a:
    say: Hello.
    choices:
      - id: warm
        text: "Warm words."
        skill: empathy
        quality: good
        effects: {trust: 10}
        feedback: "Old feedback."
        next: b
      - {id: cold, text: "Cold words.", skill: empathy, quality: poor, effects: {trust: -10}, next: b}
  b:
    say: And then?
    choices:
      - {id: stay, text: "Stay with it.", skill: empathy, quality: good, effects: {trust: 5}, next: end}
  end:
    ending: {outcome: done, rating: good}
"""


def write_scenario(folder: Path, text: str = SMALL) -> Path:
    path = folder / "small.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_run_log_outside_the_data_folder_keeps_the_bytes_there_and_beside_the_log(
    tmp_path: Path, rapport_home: Path
) -> None:
    scenario = write_scenario(tmp_path / "authoring")
    log = tmp_path / "class" / "ana.jsonl"
    result = rapport("run", str(scenario), "--choices", "1,1", "--log", str(log))
    assert result.returncode == 0, result.stderr
    name = f"{sha(scenario.read_bytes())}.yaml"
    for copy in (rapport_home / "played" / name, log.parent / "played" / name):
        assert copy.read_bytes() == scenario.read_bytes()
    assert not [p for p in (log.parent / "played").iterdir() if p.name != name]  # no temporary file left


def test_a_log_in_the_data_folder_keeps_one_copy_there(tmp_path: Path, rapport_home: Path) -> None:
    scenario = load_file(write_scenario(tmp_path))
    log = rapport_home / "sessions" / "x.jsonl"
    runner = SessionRunner.start(scenario, seed=0, log=log)
    runner.close()
    assert (rapport_home / "played" / f"{scenario.sha256}.yaml").is_file()
    assert not (log.parent / "played").exists()
    assert find_scenario(read_log(log).header, [], log) == (rapport_home / "played" / f"{scenario.sha256}.yaml", True)


def test_an_edited_scenario_does_not_change_an_old_session(tmp_path: Path) -> None:
    """Text changed and a choice renamed after the session: the report shows what the trainee saw."""
    scenario = write_scenario(tmp_path / "authoring")
    log = tmp_path / "class" / "ana.jsonl"
    rapport("run", str(scenario), "--choices", "1,1", "--log", str(log), "--trainee", "Ana")
    scenario.write_text(SMALL.replace("Old feedback.", "New feedback.").replace("id: warm", "id: warm-renamed"))
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    result = rapport("report", str(log), "-o", str(out), "--csv", str(table))
    assert result.returncode == 0, result.stderr
    assert f"{scenario} has changed since this session was played" in result.stderr
    page = out.read_text()
    assert "Old feedback." in page and "New feedback." not in page
    assert "Warm words." in page and "warm-renamed" not in page
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["choice"], r["text"], r["verified"]) for r in rows] == [
        ("warm", "Warm words.", "yes"),
        ("stay", "Stay with it.", "yes"),
    ]
    check = rapport("replay", "--check", str(log))
    assert check.returncode == 0 and "has changed" in check.stderr


def test_a_log_copied_with_its_played_folder_is_found_on_another_machine(tmp_path: Path, rapport_home: Path) -> None:
    scenario = write_scenario(tmp_path / "authoring")
    log = tmp_path / "class" / "2026" / "ana.jsonl"
    rapport("run", str(scenario), "--choices", "2,1", "--log", str(log))
    elsewhere = tmp_path / "usb" / "class"
    (elsewhere / "2026").mkdir(parents=True)
    shutil.copy(log, elsewhere / "2026" / "ana.jsonl")
    shutil.copytree(log.parent / "played", elsewhere / "played")  # the played folder one level up
    shutil.rmtree(tmp_path / "authoring")
    shutil.rmtree(log.parent / "played")
    shutil.rmtree(rapport_home / "played")
    result = rapport("report", str(elsewhere), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 0, result.stderr
    assert "Cold words." in (tmp_path / "r.html").read_text()


def test_without_the_played_version_the_session_is_unknown_scenario(tmp_path: Path, rapport_home: Path) -> None:
    scenario = write_scenario(tmp_path / "authoring")
    log = tmp_path / "class" / "ana.jsonl"
    rapport("run", str(scenario), "--choices", "1,1", "--log", str(log), "--trainee", "Ana")
    scenario.write_text(SMALL.replace("Warm words.", "Different words."))
    shutil.rmtree(log.parent / "played")
    shutil.rmtree(rapport_home / "played")
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    result = rapport("report", str(log), "-o", str(out), "--csv", str(table))
    assert result.returncode == 1
    assert f"{log}: unknown-scenario: this log needs scenario 'small-kept'" in result.stderr
    assert "--scenario " not in result.stderr  # report has no --scenario option
    page = out.read_text()
    assert "Different words." not in page and "Warm words." not in page
    assert '<span class="badge v-unknown-scenario">unknown-scenario</span>' in page
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["verified"] for r in rows} == {"unknown-scenario"} and {r["text"] for r in rows} == {""}


def test_resume_keeps_the_copy_a_log_lacks(tmp_path: Path) -> None:
    scenario_path = write_scenario(tmp_path / "authoring")
    scenario = load_file(scenario_path)
    log = tmp_path / "class" / "ana.jsonl"
    runner = SessionRunner.start(scenario, seed=1, log=log)
    runner.choose("warm")
    runner.close()
    shutil.rmtree(log.parent / "played")
    SessionRunner.resume(read_log(log), scenario).close()
    assert (log.parent / "played" / f"{scenario.sha256}.yaml").read_bytes() == scenario_path.read_bytes()


def test_a_copy_that_cannot_be_written_is_a_warning_and_the_session_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = load_file(write_scenario(tmp_path))

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(played.os, "replace", refuse)
    log = tmp_path / "class" / "ana.jsonl"
    runner = SessionRunner.start(scenario, seed=1, log=log)
    runner.choose("warm")
    runner.close()
    assert runner.warnings and "No space left on device" in runner.warnings[0]
    assert read_log(log).events  # the log is written all the same
    leftovers = [p for p in (log.parent / "played").iterdir()] if (log.parent / "played").exists() else []
    assert leftovers == []  # a failed copy leaves neither a torn file nor its temporary


def test_a_hostile_hash_never_names_a_path(tmp_path: Path) -> None:
    assert played.candidates(tmp_path / "x.jsonl", "../../etc/passwd") == []
    assert played.candidates(tmp_path / "x.jsonl", "A" * 64) == []
    assert played.candidates(tmp_path / "x.jsonl", None) == []
    header = {"type": "session", "format": 1, "scenario_id": "x", "seed": 0, "mode": "practice"}
    log = tmp_path / "x.jsonl"
    log.write_text(json.dumps({**header, "scenario_sha256": "../small"}) + "\n")
    write_scenario(tmp_path)
    result = rapport("report", str(log), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "unknown-scenario" in result.stderr


def test_an_existing_copy_is_written_once(tmp_path: Path) -> None:
    data = SMALL.encode()
    log = tmp_path / "a.jsonl"
    assert played.keep_played(data, log) == []
    copy = tmp_path / "played" / f"{sha(data)}.yaml"
    stamp = copy.stat().st_mtime_ns
    os.utime(copy, ns=(stamp - 10**9, stamp - 10**9))
    assert played.keep_played(data, log) == []
    assert copy.stat().st_mtime_ns == stamp - 10**9
