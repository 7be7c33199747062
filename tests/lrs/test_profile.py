"""The statement profile, the rebuild from statements, the URL rules and the ledger, without an LRS."""

from __future__ import annotations

import copy
import hashlib
import hmac
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis.report import csv_rows, session_id
from game.lrs.client import parse_auth, xapi_base
from game.lrs.ledger import Ledger, LedgerError
from game.lrs.profile import (
    IRI_BASE,
    NAMESPACE,
    Identity,
    duration,
    ext,
    parse_instant,
    statement_id,
    statements,
)
from game.lrs.rebuild import Window, rebuild
from game.record.log import SessionLog, read_log
from game.record.replay import replay
from game.scenario.loader import load_file
from tests.lrs.kit import SCENARIOS, play_class
from tests.lrs.xapi_rules import DURATION, problems

SCENARIO = SCENARIOS / "collaboration-goals.yaml"


@pytest.fixture(scope="module")
def class_logs(tmp_path_factory: pytest.TempPathFactory) -> list[SessionLog]:
    folder = tmp_path_factory.mktemp("class")
    return [read_log(path) for path in play_class(folder, "profile", 6)]


def made(log: SessionLog, identity: Identity | None = None) -> list[tuple[int, dict[str, object]]]:
    return statements(load_file(SCENARIO), log, session_id(log), identity or Identity())


def test_ids_are_uuid5_of_session_and_line_in_rapports_own_namespace() -> None:
    assert uuid.uuid5(uuid.NAMESPACE_URL, IRI_BASE) == NAMESPACE
    made_id = uuid.UUID(statement_id("0123456789abcdef", 7))
    assert made_id.version == 5 and made_id == uuid.uuid5(NAMESPACE, "0123456789abcdef:7")
    assert statement_id("0123456789abcdef", 7) != statement_id("0123456789abcdef", 8)


def test_a_session_makes_the_same_valid_statements_every_time(class_logs: list[SessionLog]) -> None:
    for log in class_logs:
        first, again = made(log), made(log)
        assert first == again
        lines = [line for line, _ in first]
        wanted = [1] + [n for n, e in enumerate(log.events, 2) if e["type"] in ("choice", "undo", "resume", "end")]
        assert lines == wanted
        start = parse_instant(log.header["started_at"])
        assert start is not None
        for line, statement in first:
            assert problems(statement) == [], (line, problems(statement))
            assert statement["id"] == statement_id(session_id(log), line)
            t = log.events[line - 2].get("t", 0) if line > 1 else 0
            stamp = parse_instant(statement["timestamp"])
            assert stamp is not None and abs(stamp - (start + timedelta(seconds=t))) < timedelta(milliseconds=1)
        end = first[-1][1]
        assert end["result"]["completion"] is True  # type: ignore[index]
        assert end["result"]["extensions"][ext("outcome")] == log.ended["outcome"]  # type: ignore[index]


def test_a_reply_carries_the_authored_text_and_what_it_did(class_logs: list[SessionLog]) -> None:
    scenario = load_file(SCENARIO)
    log = class_logs[0]
    line, reply = next((n, s) for n, s in made(log) if str(s["verb"]["id"]).endswith("responded"))  # type: ignore[index]
    event = log.events[line - 2]
    before = next(e for e in reversed(log.events[: line - 2]) if e["type"] == "enter")["meters"]
    result = reply["result"]
    assert result["response"] == scenario.nodes[event["node"]].choice(event["choice"]).text  # type: ignore[index,union-attr]
    extensions = result["extensions"]  # type: ignore[index]
    assert extensions[ext("shown")] == event["shown"] and extensions[ext("quality")] == event["quality"]
    assert extensions[ext("deltas")] == {m: event["meters"][m] - before[m] for m in before}
    assert ext("typed") not in extensions


def test_pseudonyms_are_an_hmac_of_the_name_and_leave_out_the_file_name(class_logs: list[SessionLog]) -> None:
    log = next(log for log in class_logs if log.header["trainee"])
    anonymous = next(log for log in class_logs if log.header["trainee"] is None)
    salt = "salt of the programme"
    identity = Identity(salt=salt)
    named = made(log, identity)[0][1]
    expected = hmac.new(salt.encode(), log.header["trainee"].encode(), hashlib.sha256).hexdigest()
    assert named["actor"]["account"]["name"] == expected  # type: ignore[index]
    assert ext("log") not in named["context"]["extensions"]  # type: ignore[index]
    nobody = made(anonymous, identity)[0][1]["actor"]["account"]["name"]  # type: ignore[index]
    assert nobody == hmac.new(salt.encode(), b"anonymous", hashlib.sha256).hexdigest()
    assert made(anonymous)[0][1]["actor"]["account"]["name"] == "anonymous"  # type: ignore[index]


@given(st.floats(min_value=0, max_value=10**7, allow_nan=False))
def test_durations_are_iso_8601_to_the_hundredth(seconds: float) -> None:
    text = duration(seconds)
    assert DURATION.match(text), text
    parts = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", text)
    assert parts is not None
    hours, minutes, rest = (float(p) if p else 0.0 for p in parts.groups())
    assert abs(hours * 3600 + minutes * 60 + rest - seconds) <= 0.005 + 1e-9 * seconds


def rebuilt(logs: list[SessionLog], everything: list[dict[str, object]]) -> list[SessionLog]:
    scenario = load_file(SCENARIO)
    warnings: list[str] = []
    found = rebuild(everything, Window(), lambda header: scenario, warnings.append)
    assert warnings == []
    return found


def test_statements_rebuild_the_sessions_the_report_shows(class_logs: list[SessionLog]) -> None:
    everything = [s for log in class_logs for _, s in made(log)]
    logs = rebuilt(class_logs, everything[::-1])  # the LRS's order does not matter
    scenario = load_file(SCENARIO)
    assert [log.path.name for log in logs] == sorted(log.path.name for log in class_logs)
    for log in logs:
        assert replay(scenario, log)[1] is None
    originals = sorted(class_logs, key=lambda log: log.path.name)
    assert csv_rows([(scenario, log) for log in logs]) == csv_rows([(scenario, log) for log in originals])


def test_a_statement_altered_in_the_lrs_makes_its_session_diverge(class_logs: list[SessionLog]) -> None:
    everything = [copy.deepcopy(s) for _, s in made(class_logs[1])]
    reply = next(s for s in everything if str(s["verb"]["id"]).endswith("responded"))  # type: ignore[index]
    extensions = reply["result"]["extensions"]  # type: ignore[index]
    extensions[ext("quality")] = "good" if extensions[ext("quality")] != "good" else "poor"
    (log,) = rebuilt(class_logs, everything)
    divergence = replay(load_file(SCENARIO), log)[1]
    assert divergence is not None and "quality" in divergence.message


def test_a_session_without_its_end_or_start_is_not_rebuilt(class_logs: list[SessionLog]) -> None:
    everything = [s for _, s in made(class_logs[0])]
    warnings: list[str] = []
    scenario = load_file(SCENARIO)
    assert rebuild(everything[:-1], Window(), lambda h: scenario, warnings.append) == []
    assert rebuild(everything[1:], Window(), lambda h: scenario, warnings.append) == []
    assert len(warnings) == 2 and "no end" in warnings[0] and "line 1" in warnings[1]


@pytest.mark.parametrize(
    "given_url",
    ["http://lrs.example:8100/xAPI", "http://lrs.example:8100/xAPI/", "http://lrs.example:8100/xAPI/statements"],
)
def test_every_form_of_the_xapi_url_gives_one_base(given_url: str) -> None:
    assert xapi_base(given_url) == "http://lrs.example:8100/xAPI/"


def test_urls_with_credentials_and_malformed_auth_are_refused_without_echoing_the_secret() -> None:
    with pytest.raises(ValueError) as caught:
        xapi_base("https://user:s3cret-pw@lrs.example/xAPI/")
    assert "s3cret-pw" not in str(caught.value)
    with pytest.raises(ValueError) as caught:
        parse_auth("s3cret-pw-without-user")
    assert "s3cret" not in str(caught.value)
    assert parse_auth("ana:pa:ss") == ("ana", "pa:ss")


def test_the_ledger_merges_with_a_concurrent_writer_and_refuses_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    one, two = Ledger.load(path), Ledger.load(path)
    one.mark("http://a/", "s1", [1, 2], False, 4)
    one.save()
    two.mark("http://a/", "s1", [3], False, 4)
    two.mark("http://a/", "s2", [1], True, 1)
    two.save()
    again = Ledger.load(path)
    assert again.stored("http://a/", "s1") == {1, 2, 3} and again.done("http://a/", "s2")
    assert again.pseudonymised("http://a/", "s2") is True and again.pseudonymised("http://a/", "s3") is None
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.json"]  # no temporary file left behind
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(LedgerError, match="damaged"):
        Ledger.load(path)


def test_bad_usage_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.cli import main

    monkeypatch.delenv("RAPPORT_LRS_URL", raising=False)
    play_class(tmp_path / "class", "usage", 1)
    cases = [
        (["sync", str(tmp_path / "class")], "no LRS given"),
        (["sync", str(tmp_path / "class"), "--lrs", "ftp://lrs.example/xAPI"], "not an http(s) URL"),
        (["sync", str(tmp_path / "class"), "--lrs", "http://lrs.example/xAPI", "--auth", "s3cret"], "USER:PASSWORD"),
        (["report", "-o", str(tmp_path / "r.html")], "give logs or folders, or --lrs URL"),
        (["report", str(tmp_path / "class"), "--since", "2025-01-01", "-o", str(tmp_path / "r.html")], "--lrs"),
        (
            ["report", "--lrs", "http://lrs.example/xAPI", "--since", "March", "-o", str(tmp_path / "r.html")],
            "ISO date",
        ),
    ]
    for args, message in cases:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1 and "s3cret" not in err, (args, err)
