"""`validate`, `new` and `schema` as an instructor runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.commands import validate
from game.commands.validate import check_file
from game.paths import scenario_files
from tests.conftest import SCENARIOS
from tests.helpers import BASE, rapport


@pytest.mark.parametrize("path", scenario_files(SCENARIOS), ids=lambda p: p.stem)
def test_every_shipped_scenario_validates_strictly(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --strict's reach warnings come from a walk of every session (explore, with a time budget); for the
    # shipped files tests/test_library.py asserts the same facts on its own walk, which has no time budget
    monkeypatch.setattr(validate, "reach_warnings", lambda scenario: [])
    assert check_file(path, strict=True)[1] == []


def test_validate_reports_every_error_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("title: Tiny", "titel: Tiny").replace("skill: empathy", "skill: empaty"))
    result = rapport("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"{bad}:3:1: error: unknown key 'titel'")
    assert lines[1].startswith(f"{bad}:13:30: error: choice 1 of node 'a': skill 'empaty'")
    assert lines[-1] == "1 file(s) checked: 2 error(s), 0 warning(s)"
    assert "Traceback" not in result.stderr


def test_validate_searches_folders_and_strict_fails_on_warnings(tmp_path: Path) -> None:
    clean = BASE.replace(", next: end}", ", next: end, feedback: Why it matters.}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yml").write_text(clean.replace("id: tiny", "id: a"))
    (tmp_path / "b.YAML").write_text(clean.replace("id: tiny", "id: b").replace("start: a", "flags: [spare]\nstart: a"))
    (tmp_path / "notes.txt").write_text("not a scenario")
    loose = rapport("validate", str(tmp_path))
    assert loose.returncode == 0
    assert loose.stdout.strip().splitlines()[-1] == "2 file(s) checked: 0 error(s), 1 warning(s)"
    strict = rapport("validate", "--strict", str(tmp_path))
    assert strict.returncode == 1


def test_validate_missing_path_is_usage_error(tmp_path: Path) -> None:
    result = rapport("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_failing_author_check_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(BASE + "checks:\n  - name: two ends well\n    choices: [2]\n    expect: trust > 45\n")
    result = rapport("validate", str(path))
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if ": error: " in x)
    assert line.startswith(f"{path}:18:5: error: check 'two ends well' failed: expected trust > 45")
    assert "trust 40" in line


def test_new_writes_a_valid_scenario_and_never_overwrites(tmp_path: Path) -> None:
    result = rapport("new", "my-client", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "my-client.yaml"
    assert str(written) in result.stdout
    assert rapport("validate", "--strict", str(written)).returncode == 0
    before = written.read_text()
    again = rapport("new", "my-client", cwd=tmp_path)
    assert again.returncode == 2 and "exists already" in again.stderr
    assert written.read_text() == before
    assert rapport("new", "Bad Id", cwd=tmp_path).returncode == 2


def test_schema_is_json_schema_2020_12() -> None:
    result = rapport("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "nodes" in schema["properties"]


def test_main_py_is_the_same_as_the_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, str(root / "main.py"), "schema"], capture_output=True, text=True)
    assert json.loads(result.stdout) == json.loads(rapport("schema").stdout)
