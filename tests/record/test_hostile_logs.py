"""Logs from other people: read strictly, diagnosed in one line, and one bad log never sinks the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.record.log import LogError, read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import STARTER
from tests.helpers import rapport


def good_log(folder: Path, name: str = "good", seed: int = 1, numbers: tuple[int, ...] = (3, 2, 1)) -> Path:
    path = folder / f"{name}.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=seed, trainee=name, log=path)
    runner.play_numbers(numbers)
    runner.close()
    return path


def rewrite(path: Path, line: int, change: dict[str, Any]) -> None:
    """Replace fields of one line (1-based) of a log, as a hand edit would."""
    lines = path.read_text().splitlines()
    record = json.loads(lines[line - 1])
    record.update(change)
    lines[line - 1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")


HEADER_EDITS = [
    ({"seed": "abc"}, "'seed' must be a whole number"),
    ({"seed": {"a": 1}}, "'seed' must be a whole number"),
    ({"seed": -4}, "'seed' must be a whole number"),
    ({"mode": "bogus"}, "'mode' must be 'practice' or 'assessment'"),
    ({"set": {"trust": "high"}}, "'set' must be a mapping"),
    ({"set": [1, 2]}, "'set' must be a mapping"),
    ({"from": 7}, "'from' must be a node id"),
]


@pytest.mark.parametrize(("change", "message"), HEADER_EDITS)
def test_a_bad_header_is_diagnosed_not_crashed_on(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    log = good_log(tmp_path)
    rewrite(log, 1, change)
    with pytest.raises(LogError, match=message):
        read_log(log)
    for args in (("replay", "--check", str(log)), ("report", str(log), "-o", str(tmp_path / "r.html"))):
        result = rapport(*args)
        assert result.returncode == 1, result.stderr
        assert "internal error" not in result.stderr and str(log) in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"type":"session","format":1,"scenario_id":"x","seed":1e400,"mode":"practice"}', "'seed'"),
        ('{"type":"session","format":1,"scenario_id":"x","seed":NaN,"mode":"practice"}', "not a session log"),
    ],
)
def test_numbers_json_cannot_hold_are_refused(tmp_path: Path, raw: str, message: str) -> None:
    log = tmp_path / "n.jsonl"
    log.write_text(raw + "\n")
    with pytest.raises(LogError, match=message):
        read_log(log)


@pytest.mark.parametrize(
    ("line", "change", "message"),
    [
        (2, {"meters": {"trust": float("nan"), "hope": 50}}, "not a session log line"),
        (2, {"meters": {"trust": 10**12, "hope": 50}}, "'meters' must be"),
        (3, {"t": "abc"}, "'t' must be"),
        (3, {"choice": 7}, "'choice' must be a choice id"),
        (3, {"type": 7}, "unknown event type 7"),
        (3, {"type": "teleport"}, "unknown event type"),
    ],
)
def test_a_bad_event_is_diagnosed_at_its_line(tmp_path: Path, line: int, change: dict[str, Any], message: str) -> None:
    log = good_log(tmp_path)
    rewrite(log, line, change)
    with pytest.raises(LogError, match=rf"{log}:{line}: .*{message}"):
        read_log(log)


def test_only_a_last_line_without_its_newline_may_be_torn(tmp_path: Path) -> None:
    log = good_log(tmp_path)
    lines = log.read_text().splitlines()
    log.write_text("\n".join([*lines, '{"type": 7}']) + "\n")  # complete, terminated, invalid
    with pytest.raises(LogError, match="unknown event type"):
        read_log(log)
    assert rapport("replay", "--check", str(log)).returncode == 1
    log.write_text("\n".join([*lines, '{"type": "cho']))  # cut off by a crash
    assert read_log(log).warnings and rapport("replay", "--check", str(log)).returncode == 0


def test_a_log_naming_an_unknown_start_node_or_meter_is_a_divergence(tmp_path: Path) -> None:
    for change in ({"from": "no-such-node"}, {"set": {"courage": 3}}, {"set": {"trust": 500}}):
        log = good_log(tmp_path, name="odd")
        rewrite(log, 1, change)
        result = rapport("replay", "--check", str(log))
        assert result.returncode == 1 and "internal error" not in result.stderr
        assert f"{log}:1: replay differs" in result.stdout
        resumed = rapport("play", "--resume", str(log), "--text", stdin="")
        assert resumed.returncode == 1 and "cannot resume" in resumed.stderr
        log.unlink()


def test_replay_check_reports_each_log_and_goes_on(tmp_path: Path) -> None:
    good = [good_log(tmp_path, f"good{i}", seed=i) for i in range(3)]
    bad = good_log(tmp_path, "bad")
    rewrite(bad, 1, {"seed": "abc"})
    lost = good_log(tmp_path, "lost")
    rewrite(lost, 1, {"scenario_id": "nowhere", "scenario_sha256": "0", "scenario_path": "/nope.yaml"})
    result = rapport("replay", "--check", str(tmp_path))
    assert result.returncode == 1
    for path in good:
        assert f"{path}: " in result.stdout and "replayed identically" in result.stdout
    assert str(bad) in result.stderr and str(lost) in result.stdout
    assert "5 log(s): 3 verified, 2 not" in result.stdout


def test_report_marks_a_forged_log_leaves_it_out_and_still_writes_the_page(tmp_path: Path) -> None:
    for i in range(2):
        good_log(tmp_path, f"good{i}", seed=i)
    forged = good_log(tmp_path, "forged")
    lines = forged.read_text().splitlines()
    choice_line = next(i for i, line in enumerate(lines, start=1) if '"type":"choice"' in line)
    rewrite(forged, choice_line, {"quality": "good", "effects": {"trust": 99}})
    out = tmp_path / "r.html"
    result = rapport("report", str(tmp_path), "-o", str(out))
    assert result.returncode == 1
    assert f"{forged}:{choice_line}: diverged: the re-run differs" in result.stderr
    assert out.exists() and "(3 session(s): 2 yes, 1 diverged)" in result.stdout
    page = out.read_text()
    assert page.count('<section class="trainee"') == 2  # the forged session has no section to believe
    assert '<span class="badge v-diverged">diverged</span>' in page and "3 session(s), 2 in the class figures" in page


def test_validate_reports_a_file_that_surprises_it_and_checks_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.scenario.loader as loader
    from game.cli import main

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(STARTER.read_text().replace("starter-first-meeting", name))
    real = loader.load_bytes

    def surprising(data: bytes, path: str = "<scenario>") -> Any:
        if path.endswith("b.yaml"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, path)

    monkeypatch.setattr(loader, "load_bytes", surprising)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'b.yaml'}:1:1: error: internal error while checking this file: RecursionError" in out
    assert "3 file(s) checked: 1 error(s)" in out
