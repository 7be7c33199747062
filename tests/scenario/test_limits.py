"""Hostile and huge input: every limit is an error at the place that breaks it, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.limits import (
    MAX_CHOICES,
    MAX_CONDITION_DEPTH,
    MAX_CONDITION_LENGTH,
    MAX_FILE_BYTES,
    MAX_INTEGER,
    MAX_NODES,
    MAX_RULES,
    MAX_TEXT,
)
from game.scenario.loader import load_bytes, load_file, load_path
from game.scenario.source import read_source
from tests.helpers import BASE, rapport

LIMITED = "limited to"


def errors(text: str) -> list[Diagnostic]:
    scenario, diagnostics = load_bytes(text.encode("utf-8"), "x.yaml")
    found = [d for d in diagnostics if d.severity == "error"]
    assert (scenario is None) == bool(found)
    return found


def only_error(text: str) -> Diagnostic:
    found = errors(text)
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


def where(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the nth `needle` in `text`, as an editor shows them."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


CHOICE_ONE = "effects: {trust: 10}, next: end}"


def with_when(condition: str) -> str:
    """BASE with `condition` (double-quoted) as the first reply's `when`."""
    return BASE.replace(CHOICE_ONE, f'effects: {{trust: 10}}, when: "{condition}", next: end}}')


# -- conditions ---------------------------------------------------------------------------


def test_196_nested_parentheses_are_an_error_at_the_first_paren_too_deep() -> None:
    text = with_when("(" * 196 + "trust > 1" + ")" * 196)
    error = only_error(text)
    line, quote = where(text, '"(')
    assert (error.line, error.column) == (line, quote + 1 + MAX_CONDITION_DEPTH)
    assert "nested more than 32 deep" in error.message


def test_parentheses_nested_32_deep_are_fine_and_33_are_not() -> None:
    assert errors(with_when("(" * MAX_CONDITION_DEPTH + "trust > 1" + ")" * MAX_CONDITION_DEPTH)) == []
    assert "nested" in only_error(with_when("(" * 33 + "trust > 1" + ")" * 33)).message
    # nesting, not the number of parentheses, is what counts
    flat = " and ".join(["(trust>1)"] * 35)
    assert len(flat) < MAX_CONDITION_LENGTH and errors(with_when(flat)) == []


def test_979_nots_are_an_error_not_a_recursion_error() -> None:
    text = with_when("not " * 979 + "trust > 1")
    error = only_error(text)
    assert (error.line, error.column) == where(text, '"not')
    assert "3,925 characters long" in error.message and LIMITED in error.message


def test_a_long_run_of_nots_within_the_length_limit_is_folded() -> None:
    from game.scenario.conditions import Names, compile_condition

    names = Names.of(["trust"], ["met"])
    for count in (100, 101, 120):
        condition = compile_condition("not " * count + "trust > 50", names)
        assert condition([60], [False], 0) is (count % 2 == 0)
        flag = compile_condition("not " * count + "met", names)
        assert flag([0], [True], 0) is (count % 2 == 0)


def test_an_or_chain_of_1000_terms_is_refused_at_validate_and_never_reaches_the_engine(tmp_path: Path) -> None:
    text = with_when(" or ".join(["trust > 1"] * 1000))
    error = only_error(text)
    assert (error.line, error.column) == where(text, '"trust')
    assert LIMITED in error.message
    path = tmp_path / "chain.yaml"
    path.write_text(text, encoding="utf-8")
    checked = rapport("validate", str(path))
    assert checked.returncode == 1
    assert f"{path}:{error.line}:{error.column}: error:" in checked.stdout
    for command in (["run", str(path), "--choices", "1"], ["explore", str(path)], ["graph", str(path)]):
        result = rapport(*command)
        assert result.returncode == 1, (command, result.stderr)
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert f"{path}:{error.line}:{error.column}: error:" in result.stderr


def test_the_longest_chain_that_fits_evaluates_without_deep_recursion() -> None:
    import sys

    from game.scenario.conditions import Names, compile_condition

    names = Names.of(["trust"], [])
    terms = MAX_CONDITION_LENGTH // len("trust<1 or ")
    chain = " or ".join(["trust<1"] * terms)
    nested = "(" * MAX_CONDITION_DEPTH + "not trust < 1 and trust > 5" + ")" * MAX_CONDITION_DEPTH
    compiled = [compile_condition(chain, names), compile_condition(nested, names)]
    depth = len(__import__("inspect").stack(0))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 25)  # a chain of 45 terms as nested closures would need 45 frames
    try:
        assert compiled[0]([0], [], 0) is True and compiled[0]([3], [], 0) is False
        assert compiled[1]([6], [], 0) is True and compiled[1]([0], [], 0) is False
    finally:
        sys.setrecursionlimit(limit)


def test_a_condition_of_500_characters_is_fine_and_501_is_not() -> None:
    base = "trust > 1"
    fits = base + " " * (MAX_CONDITION_LENGTH - len(base))
    assert errors(with_when(fits)) == []
    error = only_error(with_when(fits + " "))
    assert "501 characters long" in error.message


def test_numbers_in_conditions_are_limited_before_they_are_converted() -> None:
    assert errors(with_when(f"trust > {MAX_INTEGER} and trust > -{MAX_INTEGER}")) == []
    text = with_when(f"trust > 1 and trust < {MAX_INTEGER + 1}")
    error = only_error(text)
    assert (error.line, error.column) == where(text, str(MAX_INTEGER + 1))
    assert "1000000001 is too large" in error.message
    negative = with_when(f"trust > -{MAX_INTEGER + 1}")
    error = only_error(negative)
    assert (error.line, error.column) == where(negative, "-1000000001")
    assert "-1000000001 is too large" in error.message
    many = with_when("trust > " + "9" * 450)  # more digits than int() may be asked for is caught by length
    assert "a number of 450 digits" in only_error(many).message
    assert errors(with_when("trust > 0000000000000000001")) == []


# -- integers -----------------------------------------------------------------------------

HUGE = "9" * 4301  # one digit more than Python's int() converts from text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("trust: {start: 50}", f"trust: {{start: {HUGE}}}"),
        ("trust: {start: 50}", f"trust: {{start: 50, min: -{HUGE}}}"),
        ("trust: {start: 50}", f"trust: {{start: 50, max: +{HUGE}}}"),
        ("effects: {trust: 10}", f"effects: {{trust: {HUGE}}}"),
        ("client: {name: Ana}", f"client: {{name: Ana, age: {HUGE}}}"),
        ("title: Tiny", f"title: Tiny\nestimated_minutes: {HUGE}"),
        ("format: 1", f"format: {HUGE}"),
    ],
)
def test_a_4301_digit_integer_anywhere_is_an_error_at_its_place(before: str, after: str) -> None:
    text = BASE.replace(before, after, 1)
    found = [d for d in errors(text) if "too large" in d.message]
    assert len(found) == 1, [d.format() for d in errors(text)]
    (error,) = found
    sign = "-" if f"-{HUGE}" in text else "+" if f"+{HUGE}" in text else ""
    assert (error.line, error.column) == where(text, sign + HUGE)
    assert "a number of 4,30" in error.message and "1,000,000,000" in error.message


def test_a_huge_integer_in_a_check_is_an_error_at_its_place() -> None:
    for check in (f"{{choices: [1], seed: {HUGE}}}", f"{{choices: [1, {HUGE}]}}"):
        text = BASE + f"checks:\n  - {check}\n"
        error = only_error(text)
        assert (error.line, error.column) == where(text, HUGE)


def test_a_huge_meter_does_not_make_its_name_undeclared() -> None:
    text = BASE.replace("trust: {start: 50}", f"trust: {{start: {HUGE}}}")
    assert len(errors(text)) == 1


@given(st.integers(-(10**12), 10**12), st.sampled_from(["", "+", "0", "00"]))
def test_effects_are_whole_numbers_up_to_a_billion_either_way(value: int, prefix: str) -> None:
    written = (prefix if value >= 0 else "-" + prefix.lstrip("+")) + str(abs(value))
    text = BASE.replace("effects: {trust: 10}", f"effects: {{trust: {written}}}")
    found = errors(text)
    if abs(value) <= MAX_INTEGER:
        assert found == []
    else:
        (error,) = found
        line, column = where(text, "effects: {trust: ")
        assert (error.line, error.column) == (line, column + len("effects: {trust: "))
        assert "too large" in error.message


# -- text and counts ----------------------------------------------------------------------


def test_text_of_2000_characters_is_fine_and_2001_is_an_error_at_its_place() -> None:
    assert errors(BASE.replace("say: Hello.", "say: " + "x" * MAX_TEXT)) == []
    for key in ("say", "feedback", "text"):
        long = "y" * (MAX_TEXT + 1)
        if key == "say":
            text = BASE.replace("say: Hello.", f"say: {long}")
        elif key == "feedback":
            text = BASE.replace(CHOICE_ONE, f"effects: {{trust: 10}}, feedback: {long}, next: end}}")
        else:
            text = BASE.replace('text: "One"', f'text: "{long}"')
        error = only_error(text)
        at = where(text, long if key != "text" else f'"{long}')
        assert (error.line, error.column) == at, key
        assert "2,001 characters long" in error.message


def test_a_long_unknown_key_is_shortened_in_the_message() -> None:
    text = BASE.replace("title: Tiny", "title: Tiny\n? " + "k" * 100_000 + "\n: 1")  # an explicit key may be long
    error = only_error(text)
    assert (error.line, error.column) == (4, 3) and "unknown key 'kkk" in error.message
    assert len(error.message) < 200


def test_a_node_id_longer_than_a_name_may_be_is_refused() -> None:
    long = "n" * 201
    text = BASE.replace("  end:", f"  {long}:\n    ending: {{outcome: x}}\n  end:")
    assert any("at most 200" in d.message for d in errors(text))


def _many_nodes(count: int) -> str:
    lines = [*BASE.split("\n")[:8], "nodes:", "  a: {say: Hi., next: end}", "  end: {ending: {outcome: done}}"]
    lines += [f"  x{i}: {{next: end}}" for i in range(count - 2)]
    return "\n".join(lines) + "\n"


def test_ten_thousand_nodes_load_and_one_more_is_an_error_at_that_node() -> None:
    fits = _many_nodes(MAX_NODES)
    assert len(fits.encode()) < MAX_FILE_BYTES
    assert [d for d in errors(fits)] == []
    over = _many_nodes(MAX_NODES + 1)
    error = only_error(over)
    assert (error.line, error.column) == where(over, f"x{MAX_NODES - 2}:")
    assert "10,001 entries" in error.message and "10,000" in error.message


def test_too_many_choices_and_rules_are_errors_at_the_first_one_beyond() -> None:
    reply = '      - {text: "More", skill: empathy, quality: good, next: end}\n'
    text = BASE.replace("  end:\n", reply * (MAX_CHOICES - 1) + "  end:\n")
    error = only_error(text)
    assert (error.line, error.column) == (13 + MAX_CHOICES, 9)
    assert "101 entries" in error.message
    assert errors(BASE.replace("  end:\n", reply * (MAX_CHOICES - 2) + "  end:\n")) == []
    rules = "rules:\n" + "".join(f"  - {{id: r{i}, when: trust < 0, goto: end}}\n" for i in range(MAX_RULES + 1))
    text = BASE.replace("nodes:\n", rules + "nodes:\n")
    error = only_error(text)
    assert (error.line, error.column) == where(text, f"{{id: r{MAX_RULES},")
    assert "1,001 entries" in error.message


# -- the file's size ----------------------------------------------------------------------


def test_a_3_gib_file_is_never_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:
        stream.write(b"format: 1\n")
        stream.truncate(3 * 1024**3)  # sparse: no disk used, but read whole it would take 3 GiB
    assert len(read_source(path)) == MAX_FILE_BYTES + 1
    with pytest.raises(ScenarioError) as caught:
        load_file(path)
    scenario, diagnostics = load_path(path)
    assert scenario is None
    (line,) = caught.value.lines()
    assert line.startswith(f"{path}:1:1: error:") and "limited to 1 MiB" in line
    assert [d.format() for d in diagnostics] == [line]


def test_a_file_of_exactly_1_mib_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    padding = MAX_FILE_BYTES - len(BASE.encode()) - 2
    fits = tmp_path / "fits.yaml"
    fits.write_bytes(BASE.encode() + b"#" + b"x" * padding + b"\n")
    assert fits.stat().st_size == MAX_FILE_BYTES
    assert load_file(fits).id == "tiny"
    over = tmp_path / "over.yaml"
    over.write_bytes(BASE.encode() + b"#" + b"x" * (padding + 1) + b"\n")
    scenario, diagnostics = load_path(over)
    assert scenario is None and "limited to 1 MiB" in diagnostics[0].message


# -- conditions against Python's own reading of the same text -------------------------------

VALUES = {"trust": 50, "hope": 20, "turn": 3, "met": True, "asked": False, "true": True, "false": False}
COMPARISON = st.builds(
    lambda left, op, right: f"{left} {op} {right}",
    st.sampled_from(["trust", "hope", "turn", "-3", "50", "1000000000"]),
    st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
    st.sampled_from(["trust", "hope", "turn", "20", "-1000000000", "0049"]),
)
LEAF = st.one_of(COMPARISON, st.sampled_from(["met", "asked", "true", "false", "met == asked", "true != met"]))
BOOLEAN = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        inner.map(lambda e: f"not {e}"),
        inner.map(lambda e: f"({e})"),
        st.lists(inner, min_size=2, max_size=6).map(" and ".join),
        st.lists(inner, min_size=2, max_size=6).map(" or ".join),
        inner.map(lambda e: "(" * 12 + e + ")" * 12),
        inner.map(lambda e: " or ".join([e] * 25)),
        inner.map(lambda e: "not " * 40 + e),
    ),
    max_leaves=40,
)


def _paren_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


@given(BOOLEAN)
def test_a_condition_compiles_within_the_limits_and_means_what_python_reads(source: str) -> None:
    from game.scenario.conditions import ConditionError, Names, compile_condition

    names = Names.of(["trust", "hope"], ["met", "asked"])
    expected = eval(source.replace("0049", "49"), {"__builtins__": {}}, dict(VALUES))  # our own generated text only
    try:
        condition = compile_condition(source, names)
    except ConditionError as exc:
        assert len(source) > MAX_CONDITION_LENGTH or _paren_depth(source) > MAX_CONDITION_DEPTH, exc.message
        return
    assert len(source) <= MAX_CONDITION_LENGTH and _paren_depth(source) <= MAX_CONDITION_DEPTH
    assert condition([50, 20], [True, False], 3) is bool(expected)


@given(st.text(st.sampled_from(list("()<>=!-+0123456789 notandrustmehp.'\"\u2028")), max_size=600))
def test_any_text_is_a_condition_or_a_condition_error(source: str) -> None:
    from game.scenario.conditions import ConditionError, Names, compile_condition

    try:
        condition = compile_condition(source, Names.of(["trust", "hope"], ["met"]))
    except ConditionError as exc:
        assert 0 <= exc.offset <= len(source)
        return
    assert condition([1, 2], [True], 0) in (True, False)


def test_the_authoring_guide_states_the_limits_that_are_enforced() -> None:
    import re

    from game.scenario import limits

    guide = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    found = re.search(r"^## [0-9. ]*Limits\n(.*?)(?=^## |\Z)", guide, re.M | re.S)
    assert found is not None, "the guide has a Limits section"
    section = found.group(1)
    for name in dir(limits):
        if name.startswith("MAX_") and name not in ("MAX_FILE_BYTES",):
            value = getattr(limits, name)
            assert f"{value:,}" in section, f"{name} = {value:,} is not in the guide's Limits section"
    assert "1 MiB" in section
