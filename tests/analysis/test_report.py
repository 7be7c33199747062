"""The class report and its CSV, from generated logs; hostile names; torn logs; notes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from game.record.log import read_log
from game.record.notes import add_note, read_notes
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER, STARTER_GOOD
from tests.helpers import rapport

PATHS = {"good": STARTER_GOOD, "left": [2, 1, 2, 2, 2], "maybe": [3, 1, 3, 1, 2, 1, 1, 1]}


def make_logs(folder: Path, trainees: list[tuple[str, str]]) -> list[Path]:
    scenario = load_file(STARTER)
    paths = []
    for index, (name, path) in enumerate(trainees):
        runner = SessionRunner.start(scenario, seed=index, trainee=name, log=folder / f"s{index}.jsonl")
        runner.play_numbers(PATHS[path])
        runner.close()
        paths.append(folder / f"s{index}.jsonl")
    return paths


def test_report_has_the_class_summary_and_a_section_per_trainee(tmp_path: Path) -> None:
    make_logs(tmp_path, [("Ana", "good"), ("Ben", "left"), ("Chi", "maybe"), ("Dee", "left")])
    out = tmp_path / "report.html"
    result = rapport("report", str(tmp_path), "-o", str(out), "--csv", str(tmp_path / "r.csv"))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.count('class="trainee"') == 4
    for name in ("Ana", "Ben", "Chi", "Dee"):
        assert f"<h3><bdi>{name}</bdi></h3>" in page
    assert "<svg" in page and "Class summary" in page and "Missed opportunities" in page
    assert "The most common poor replies" in page and "<strong>2×</strong>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in page and "<link" not in page


def test_one_trainees_report_is_not_headed_class_summary(tmp_path: Path) -> None:
    make_logs(tmp_path, [("Ana", "good")])
    out = tmp_path / "report.html"
    result = rapport("report", str(tmp_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "Class summary" not in page and "Summary of the session" in page


def test_csv_has_one_row_per_choice_with_the_contract_header(tmp_path: Path) -> None:
    make_logs(tmp_path, [("Ana", "good"), ("Ben", "left")])
    result = rapport("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv"))
    assert result.returncode == 0
    with (tmp_path / "r.csv").open() as handle:
        rows = list(csv.reader(handle))
    contract = "session,trainee,scenario_id,scenario_sha256,mode,started_at,verified,log,turn,node,choice,number,"
    contract += "text,skill,quality,code,react,typed,match_score,t,outcome"
    assert rows[0] == [
        *contract.split(","),
        "meter:trust",
        "meter:hope",
        "delta:trust",
        "delta:hope",
    ]
    assert len(rows) == 1 + len(PATHS["good"]) + len(PATHS["left"])
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["trainee"] == "Ana" and first["turn"] == "1" and first["meter:trust"] == "38"
    assert first["verified"] == "yes" and first["delta:trust"] == "8" and len(first["session"]) == 16


def test_hostile_names_and_text_come_out_as_text(tmp_path: Path) -> None:
    make_logs(tmp_path, [("<script>alert(1)</script>", "good")])
    out = tmp_path / "r.html"
    rapport("report", str(tmp_path), "-o", str(out))
    page = out.read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_torn_log_is_named_in_a_warning_and_its_intact_part_used(tmp_path: Path) -> None:
    (log,) = make_logs(tmp_path, [("Ana", "good")])
    lines = log.read_text().splitlines()
    log.write_text("\n".join(lines[:6]) + "\n" + lines[6][:20])
    result = rapport("report", str(tmp_path), "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path / "r.csv"))
    assert result.returncode == 0
    assert str(log) in result.stderr and "torn last line" in result.stderr
    assert "did not reach an ending" in (tmp_path / "r.html").read_text()


def test_a_folder_with_no_matching_scenario_says_so(tmp_path: Path) -> None:
    log = tmp_path / "x.jsonl"
    log.write_text(
        json.dumps(
            {
                "type": "session",
                "format": 1,
                "scenario_id": "nowhere",
                "seed": 0,
                "mode": "practice",
                "scenario_sha256": "0",
                "scenario_path": "/nope.yaml",
            }
        )
        + "\n"
    )
    result = rapport("report", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 1 and "needs scenario 'nowhere'" in result.stderr


def test_notes_round_trip_and_appear_in_the_report(tmp_path: Path) -> None:
    (log,) = make_logs(tmp_path, [("Ana", "left")])
    add_note(log, 2, "Pause here: what did the checklist do to the alliance?")
    add_note(log, 0, "Opening <b>move</b>")
    notes = read_notes(log)
    assert [(n.step, n.text) for n in notes] == [
        (0, "Opening <b>move</b>"),
        (2, "Pause here: what did the checklist do to the alliance?"),
    ]
    assert log.with_name(log.stem + ".notes.json").is_file()
    out = tmp_path / "r.html"
    rapport("report", str(log), "-o", str(out))
    page = out.read_text()
    assert "Instructor notes" in page and "what did the checklist do" in page
    assert "Opening &lt;b&gt;move&lt;/b&gt;" in page
    assert read_log(log).finished
