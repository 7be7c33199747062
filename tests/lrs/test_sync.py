"""`rapport sync` against a real LRS (Ralph): sent exactly once, whatever happens on the way."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from game.cli import main
from game.lrs.client import LrsClient
from game.lrs.ledger import Ledger, ledger_path
from game.lrs.profile import Identity, ext, statement_id
from game.lrs.sync import sync
from game.record.log import read_log
from tests.lrs.kit import Ralph, play_class
from tests.lrs.xapi_rules import problems


def held(ralph: Ralph, sessions: set[str]) -> Counter[str]:
    """How many times the LRS stores each statement id of these sessions."""
    return Counter(
        str(s["id"])
        for s in ralph.stored()
        if s.get("context", {}).get("extensions", {}).get(ext("session")) in sessions  # type: ignore[union-attr]
    )


def expected_ids(logs: list[Path]) -> set[str]:
    """Every statement id the logs make: line 1 and each reply, undo, resume and end."""
    from game.analysis.report import session_id

    ids = set()
    for path in logs:
        log = read_log(path)
        session = session_id(log)
        ids.add(statement_id(session, 1))
        for line, event in enumerate(log.events, start=2):
            if event["type"] in ("choice", "undo", "resume", "end"):
                ids.add(statement_id(session, line))
    return ids


def sessions_of(logs: list[Path]) -> set[str]:
    from game.analysis.report import session_id

    return {session_id(read_log(path)) for path in logs}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_class_is_synced_once_and_a_second_sync_adds_nothing(
    ralph: Ralph, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = play_class(tmp_path / "class", "synced", 6)
    monkeypatch.setenv("RAPPORT_LRS_AUTH", ralph.auth)
    code, out, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url)
    assert code == 0, err
    ids = expected_ids(logs)
    counts = held(ralph, sessions_of(logs))
    assert set(counts) == ids and set(counts.values()) == {1}
    assert f"{len(ids)} statement(s) stored, 6 session(s) completed" in out
    stored = [s for s in ralph.stored() if s["id"] in ids]
    kinds = Counter(str(s["verb"]["id"]).rsplit("/", 1)[-1] for s in stored)  # type: ignore[index]
    assert {"initialized", "responded", "completed", "took-back", "resumed"} <= set(kinds)
    for statement in stored:
        assert problems(statement) == [], statement["id"]
    ledger = json.loads(ledger_path().read_text())
    assert all(entry["done"] for entry in ledger["lrs"][ralph.url].values())
    assert ralph.password not in out + err + ledger_path().read_text()

    files_before = sorted((ralph.folder / "statements").iterdir())
    code, out, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url)
    assert code == 0, err
    assert "0 statement(s) stored, 0 session(s) completed, 6 already there" in out
    assert sorted((ralph.folder / "statements").iterdir()) == files_before


def test_bad_credentials_are_one_clear_line_and_nothing_is_marked(
    ralph: Ralph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    play_class(tmp_path / "class", "badauth", 2)
    wrong = "not-the-password-x7"
    code, out, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url, "--auth", f"{ralph.user}:{wrong}")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "refused the credentials" in lines[0] and ralph.user in lines[0]
    assert wrong not in out + err
    assert not ledger_path().exists() or json.loads(ledger_path().read_text())["lrs"] == {}


def test_an_unreachable_lrs_leaves_everything_queued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.lrs.kit import free_port

    play_class(tmp_path / "class", "offline", 1)
    url = f"http://127.0.0.1:{free_port()}/xAPI/statements"
    code, out, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", url)
    assert code == 1
    assert "cannot be reached" in err and len(err.strip().splitlines()) == 1
    assert "statement(s) queued" in out and " 0 statement(s) queued" not in out


def test_the_lrs_stopped_mid_sync_and_restarted_loses_nothing_and_stores_nothing_twice(
    ralph: Ralph, tmp_path: Path
) -> None:
    logs = play_class(tmp_path / "class", "restart", 3, "starter-first-meeting")
    client = LrsClient(ralph.url, (ralph.user, ralph.password))
    batches = []

    def stop_after_two_batches(done: int, total: int) -> None:
        batches.append(done)
        if len(batches) == 3:  # the first call is before any batch
            ralph.stop()

    warnings: list[str] = []
    try:
        first = sync(logs, client, Identity(), Ledger.load(), warnings.append, stop_after_two_batches, batch=7)
    finally:
        if ralph.process is None:
            ralph.start()
    assert not first.all_sent and first.queued > 0 and first.statements > 0
    assert "cannot be reached" in first.errors[0]
    second = sync(logs, client, Identity(), Ledger.load(), warnings.append)
    assert second.all_sent and second.statements == first.queued
    counts = held(ralph, sessions_of(logs))
    assert set(counts) == expected_ids(logs) and set(counts.values()) == {1}
    assert warnings == []


def test_the_409_procedure_marks_what_is_held_alike_and_reports_a_conflict(ralph: Ralph, tmp_path: Path) -> None:
    logs = play_class(tmp_path / "class", "conflict", 3, "starter-first-meeting")
    client = LrsClient(ralph.url, (ralph.user, ralph.password))
    assert sync(logs[:2], client, Identity(), Ledger.load(), print).all_sent
    ledger_path().unlink()  # the ledger is lost: the LRS must be asked
    from game.analysis.report import session_id

    taken = statement_id(session_id(read_log(logs[2])), 1)
    client.post(
        [
            {
                "id": taken,
                "actor": {"objectType": "Agent", "account": {"homePage": "https://other.invalid", "name": "x"}},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                "object": {"objectType": "Activity", "id": "https://other.invalid/a"},
            }
        ]
    )
    outcome = sync(logs, client, Identity(), Ledger.load(), print)
    assert outcome.conflicts == 1 and len(outcome.errors) == 1
    assert "conflict" in outcome.errors[0] and taken in outcome.errors[0] and logs[2].name in outcome.errors[0]
    ledger = Ledger.load()
    assert [ledger.done(ralph.url, s) for s in (session_id(read_log(p)) for p in logs)] == [True, True, False]
    assert ledger.stored(ralph.url, session_id(read_log(logs[2]))) == {
        line for line in range(2, 200) if statement_id(session_id(read_log(logs[2])), line) in expected_ids(logs)
    }
    counts = held(ralph, sessions_of(logs))
    assert set(counts.values()) == {1} and set(counts) == expected_ids(logs) - {taken}


def test_a_pseudonymised_class_names_no_one_and_cannot_be_switched_back(
    ralph: Ralph, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = play_class(tmp_path / "class", "pseudo", 3, "empathy-grief")
    monkeypatch.setenv("RAPPORT_LRS_AUTH", ralph.auth)
    code, _, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url, "--pseudonymise")
    assert code == 2 and "RAPPORT_LRS_SALT" in err
    monkeypatch.setenv("RAPPORT_LRS_SALT", "a programme's secret salt")
    code, _, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url, "--pseudonymise")
    assert code == 0, err
    ids = expected_ids(logs)
    stored = [s for s in ralph.stored() if s["id"] in ids]
    assert len(stored) == len(ids)
    text = json.dumps(stored)
    for path in logs:
        trainee = read_log(path).header["trainee"]
        assert path.name not in text and (trainee is None or trainee not in text)
    names = {s["actor"]["account"]["name"] for s in stored}  # type: ignore[index]
    assert len(names) == 3 and all(len(n) == 64 and int(n, 16) >= 0 for n in names)

    code, _, err = run(capsys, "sync", str(tmp_path / "class"), "--lrs", ralph.url)
    assert code == 2 and "already sent" in err and "pseudonymised" in err


def test_a_cohort_report_from_the_lrs_has_the_csv_of_the_logs(
    ralph: Ralph, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = play_class(tmp_path / "class", "cohort", 4, "hope-nothing-changes")
    monkeypatch.setenv("RAPPORT_LRS_URL", ralph.url)
    monkeypatch.setenv("RAPPORT_LRS_AUTH", ralph.auth)
    assert run(capsys, "sync", str(tmp_path / "class"))[0] == 0
    code, _, err = run(
        capsys,
        "report",
        str(tmp_path / "class"),
        "-o",
        str(tmp_path / "logs.html"),
        "--csv",
        str(tmp_path / "logs.csv"),
    )
    assert code == 0, err
    today = read_log(logs[0]).header["started_at"][:10]
    code, out, err = run(
        capsys,
        "report",
        "--lrs",
        ralph.url,
        "--scenario-id",
        "hope-nothing-changes",
        "--since",
        today,
        "--until",
        today,
        "-o",
        str(tmp_path / "lrs.html"),
        "--csv",
        str(tmp_path / "lrs.csv"),
    )
    assert code == 0, err
    assert "(4 session(s)" in out
    from_logs = (tmp_path / "logs.csv").read_text(encoding="utf-8")
    assert (tmp_path / "lrs.csv").read_text(encoding="utf-8") == from_logs
    assert len(from_logs.splitlines()) > 4
    code, _, err = run(
        capsys,
        "report",
        "--lrs",
        ralph.url,
        "--scenario-id",
        "hope-nothing-changes",
        "--since",
        "2999-01-01",
        "-o",
        str(tmp_path / "none.html"),
    )
    assert code == 1 and "no finished Rapport session" in err
