"""Logs written by Rapport 0.1 (tests/fixtures/v0_1*.jsonl, kept as written) stay verified in 0.2."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.helpers import rapport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LOGS = [str(FIXTURES / "v0_1.jsonl"), str(FIXTURES / "v0_1-undo.jsonl")]


def test_a_0_1_log_reports_as_verified_with_empty_0_2_columns(tmp_path: Path) -> None:
    out, table = tmp_path / "r.html", tmp_path / "r.csv"
    result = rapport("report", *LOGS, "-o", str(out), "--csv", str(table), "--scenarios", str(FIXTURES))
    assert result.returncode == 0, result.stderr
    assert "2 session(s)" in result.stdout and "skipped" not in result.stdout
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["verified"] for r in rows} == {"yes"}
    assert {r["code"] for r in rows} == {""} and {r["react"] for r in rows} == {""}
    assert {r["outcome"] for r in rows if r["log"] == "v0_1.jsonl"} == {"booked"}
    assert {r["outcome"] for r in rows if r["log"] == "v0_1-undo.jsonl"} == {""}  # unfinished
    assert "MITI 4" not in out.read_text()  # the scenario codes no reply
