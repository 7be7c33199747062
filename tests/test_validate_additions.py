"""`validate` as issue 19 wants it: the library by default, ids, every file found, teaching warnings."""

from __future__ import annotations

from pathlib import Path

from game.commands.validate import check_file
from game.paths import scenario_files, scenarios_dir
from tests.helpers import BASE, rapport

CLEAN = BASE.replace(", next: end}", ", next: end, feedback: Why it matters.}")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_path_it_checks_the_shipped_library() -> None:
    result = rapport("validate")
    assert result.returncode == 0, result.stdout
    shipped = len(scenario_files(scenarios_dir()))
    assert result.stdout.strip().splitlines()[-1].startswith(f"{shipped} file(s) checked: 0 error(s)")


def test_an_id_is_accepted_where_a_path_is_and_messages_show_the_path() -> None:
    result = rapport("validate", "starter-first-meeting")
    assert result.returncode == 0
    assert result.stdout.strip() == "1 file(s) checked: 0 error(s), 0 warning(s)"
    missing = rapport("validate", "no-such-scenario")
    assert missing.returncode == 2 and "no such file, folder or scenario id" in missing.stderr


def test_capital_suffixes_are_found_and_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.YAML", CLEAN.replace("id: tiny", "id: a"))
    write(tmp_path, "b.Yml", CLEAN.replace("id: tiny", "id: b"))
    assert [p.name for p in scenario_files(tmp_path)] == ["a.YAML", "b.Yml"]
    (tmp_path / "empty").mkdir()
    result = rapport("validate", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert (
        result.stdout.splitlines()[0]
        == f"{tmp_path / 'empty'}:1:1: error: no scenario files (*.yaml, *.yml) in this folder"
    )


def test_an_id_that_differs_from_the_file_name_and_one_id_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", CLEAN)
    write(tmp_path, "lina.yaml", CLEAN)
    result = rapport("validate", str(tmp_path))
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'lina.yaml'}:2:5: warning: the id 'tiny' differs from the file name 'lina.yaml'" in "\n".join(
        lines
    )
    assert any(
        line.startswith(f"{tmp_path / 'tiny.yaml'}:2:5: warning: the id 'tiny' is also the id of") for line in lines
    ), lines
    assert lines[-1] == "2 file(s) checked: 0 error(s), 2 warning(s)"
    assert rapport("validate", "--strict", str(tmp_path)).returncode == 1


def test_strict_finds_an_ending_and_a_reply_no_session_reaches(tmp_path: Path) -> None:
    text = (
        CLEAN.replace(
            '{text: "Two", skill: safety, quality: poor, effects: {trust: -10}, next: end, feedback: Why it matters.}',
            '{text: "Two", skill: safety, quality: poor, when: trust > 100, next: secret, feedback: Why it matters.}',
        )
        + "  secret:\n    ending: {outcome: secret, rating: poor}\n"
    )
    path = write(tmp_path, "tiny.yaml", text)
    assert check_file(path, strict=False)[1] == []  # plain validate does not walk the sessions
    messages = [d.format(str(path)) for d in check_file(path, strict=True)[1]]
    assert messages == [
        f"{path}:14:9: warning: choice 2 of node 'a' is never shown: no session is here while its 'when' holds "
        "(see rapport explore)",
        f"{path}:17:3: warning: no session reaches the ending 'secret' (secret): the conditions on every way there "
        "never hold together (see rapport explore)",
    ]


def test_ids_with_accents_are_told_a_to_z(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", CLEAN.replace("id: tiny", "id: pequeño").replace("  end:", "  pequeño:", 1))
    messages = "\n".join(d.message for d in check_file(path)[1])
    assert "the scenario id 'pequeño' must use only a–z, 0–9 and '-'" in messages
    assert (
        "node id 'pequeño' must use only a–z, A–Z, 0–9, '_' and '-', no accents or spaces; 'ñ' is not one of them"
        in messages
    )
