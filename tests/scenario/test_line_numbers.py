"""Lines as editors and `grep -n` count them: only LF, CR LF and CR end a line.

YAML 1.1 readers also break lines at NEL, LS and PS, and `str.splitlines` at VT, FF and
the C0 separators too; none of them may move a reported position.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scenario.loader import load_bytes
from tests.helpers import BASE

FOREIGN = ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
NAMES = {"\x85": "NEL", "\u2028": "LS", "\u2029": "PS", "\x0b": "VT", "\x0c": "FF"}

# a later mistake whose position we know: the mood on the line after `say`
WITH_MISTAKE = BASE.replace("say: Hello.", "say: Hello.\n    mood: hapy")


def editor_position(data: bytes, needle: bytes) -> tuple[int, int]:
    """Line and column of `needle` as an editor shows them: LF, CR LF and CR end lines; columns count characters."""
    offset = data.index(needle)
    before = data[:offset]
    ends = list(re.finditer(rb"\r\n|\r|\n", before))
    line_start = ends[-1].end() if ends else 0
    return len(ends) + 1, len(before[line_start:].decode("utf-8")) + 1


def grep_n(data: bytes, needle: bytes) -> int:
    """The line number `grep -n` gives (LF-terminated lines)."""
    return data[: data.index(needle)].count(b"\n") + 1


def mood_error(data: bytes) -> tuple[int, int]:
    scenario, diagnostics = load_bytes(data, "x.yaml")
    assert scenario is None
    (error,) = [d for d in diagnostics if d.severity == "error"]
    assert "'mood'" in error.message, error.format()
    return error.line, error.column


@pytest.mark.parametrize("char", FOREIGN, ids=lambda c: NAMES.get(c, f"U+{ord(c):04X}"))
@pytest.mark.parametrize(
    "title",
    ['"Ti{c}ny"', "'Ti{c}ny'", "Ti{c}ny", '"{c}"', "Tiny  # a comment with {c} in it", '"a{c}{c}b{c}"'],
    ids=["double", "single", "plain", "alone", "comment", "several"],
)
def test_a_foreign_line_break_moves_no_later_position(char: str, title: str) -> None:
    data = WITH_MISTAKE.replace("title: Tiny", "title: " + title.format(c=char)).encode()
    expected = editor_position(data, b"hapy")
    assert expected[0] == grep_n(data, b"hapy") == 12
    assert mood_error(data) == expected


@pytest.mark.parametrize("char", FOREIGN, ids=lambda c: NAMES.get(c, f"U+{ord(c):04X}"))
def test_the_character_is_kept_in_the_text_as_written(char: str) -> None:
    for written in (f'"Ti{char}ny"', f"'Ti{char}ny'", f"Ti{char}ny"):
        data = BASE.replace("title: Tiny", f"title: {written}").encode()
        scenario, diagnostics = load_bytes(data, "x.yaml")
        assert scenario is not None, [d.format() for d in diagnostics]
        assert scenario.title == f"Ti{char}ny"


def test_a_key_after_a_line_separator_keeps_its_column() -> None:
    data = WITH_MISTAKE.replace("say: Hello.", "say: 'Hel\u2028lo.'").encode()
    assert mood_error(data) == editor_position(data, b"hapy")
    typo = BASE.replace("say: Hello.", 'say: "\u2028\u2029\x85"\n    moood: sad').encode()
    _, diagnostics = load_bytes(typo, "x.yaml")
    (error,) = [d for d in diagnostics if d.severity == "error"]
    assert (error.line, error.column) == editor_position(typo, b"moood")


def test_a_condition_column_after_a_foreign_break_is_exact() -> None:
    text = BASE.replace("title: Tiny", 'title: "a\u2028b\x85c"').replace(
        "effects: {trust: 10}, next: end}", "effects: {trust: 10}, when: trust > 5 and trusst < 3, next: end}"
    )
    data = text.encode()
    _, diagnostics = load_bytes(data, "x.yaml")
    (error,) = [d for d in diagnostics if d.severity == "error"]
    assert (error.line, error.column) == editor_position(data, b"trusst")
    assert "did you mean 'trust'" in error.message


def test_an_escape_is_never_confused_with_a_raw_break() -> None:
    # the raw LS is stood in for by a private-use character; one written as an escape stays itself
    text = BASE.replace("title: Tiny", 'title: "\\ue000\u2028\\uE001\\U0000e002"')
    scenario, diagnostics = load_bytes(text.encode(), "x.yaml")
    assert scenario is not None, diagnostics
    assert scenario.title == "\ue000\u2028\ue001\ue002"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_crlf_and_cr_files_count_lines_like_editors(newline: str) -> None:
    data = WITH_MISTAKE.replace("title: Tiny", 'title: "a\u2028b"').replace("\n", newline).encode()
    assert mood_error(data) == editor_position(data, b"hapy") == (12, 11)


def test_a_control_character_is_an_error_at_its_own_place() -> None:
    data = BASE.replace("title: Tiny", 'title: "a\u2028b"\nsummary: "x\x01y"').encode()
    _, diagnostics = load_bytes(data, "x.yaml")
    (error,) = diagnostics
    assert (error.line, error.column) == editor_position(data, b"\x01") == (4, 12)
    assert "U+0001" in error.message


def test_not_utf8_names_the_line_an_editor_shows_even_with_cr_line_ends() -> None:
    data = b"format: 1\rid: x\r\ntitle: caf\xe9\n"
    _, diagnostics = load_bytes(data, "x.yaml")
    assert diagnostics[0].message == "not UTF-8 text (byte 0xe9 on line 3)"


@given(
    st.lists(
        st.tuples(st.sampled_from(["title", "say", "text"]), st.text(st.sampled_from(FOREIGN + list("ab ")))),
        max_size=4,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_positions_never_move_whatever_breaks_the_text_holds(edits: list[tuple[str, str]], newline: str) -> None:
    text = WITH_MISTAKE
    for field, inserted in edits:
        escaped = inserted.replace("\\", "\\\\")
        if field == "title":
            text = text.replace("title: Tiny", f'title: "Tiny{escaped}"', 1)
        elif field == "say":
            text = text.replace("say: Hello.", f"say: 'Hello.{escaped}'", 1)
        else:
            text = text.replace('text: "One"', f'text: "One{escaped}"', 1)
    data = text.replace("\n", newline).encode()
    assert mood_error(data) == editor_position(data, b"hapy")


@pytest.mark.parametrize("written", ['"a\\nb"', '"a\\rb"', '"a\\eb"', "a\u2028b", "'a\x85b'", '"a\\x0cb"'])
def test_a_message_quoting_a_break_or_an_escape_stays_on_one_line(written: str) -> None:
    data = BASE.replace("title: Tiny", f"title: Tiny\n{written}: 1").encode()
    _, diagnostics = load_bytes(data, "x.yaml")
    (error,) = diagnostics
    assert (error.line, error.column) == (4, 1)
    line = error.format()
    assert line.splitlines() == [line] and "\x1b" not in line
    assert "unknown key 'a\\" in line
