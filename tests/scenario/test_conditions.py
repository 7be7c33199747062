"""The condition language: grammar, types, names, and refusal of everything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.scenario.conditions import Condition, ConditionError, Names, compile_condition

NAMES = Names.of(["trust", "hope"], ["met", "asked"])


def evaluate(
    source: str, trust: int = 40, hope: int = 20, met: bool = False, asked: bool = True, turn: int = 3
) -> bool:
    return compile_condition(source, NAMES)((trust, hope), (met, asked), turn)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("trust > 30", True),
        ("trust >= 40 and hope <= 20", True),
        ("20 <= trust < 60", True),
        ("20 <= trust < 40", False),
        ("1 < 2 < 3 < 4", True),
        ("3 > 2 > 2", False),
        ("not met", True),
        ("met or asked", True),
        ("met == false", True),
        ("asked != met", True),
        ("not (trust > 10 and hope > 10)", False),
        ("turn == 3", True),
        ("hope > -5", True),
        ("true", True),
        ("false or trust == 40", True),
        ("trust > 30 or met and false", True),  # and binds tighter than or
        ("not not asked", True),
        ("(((trust)) == 40)", True),
    ],
)
def test_evaluation(source: str, expected: bool) -> None:
    assert evaluate(source) is expected


@pytest.mark.parametrize(
    ("source", "offset", "fragment"),
    [
        ("trust", 0, "must be true or false"),
        ("5", 0, "must be true or false"),
        ("trust and hope > 1", 0, "'and' takes true/false"),
        ("not trust", 4, "'not' takes true/false"),
        ("met < 3", 0, "'<' compares numbers"),
        ("trust == met", 9, "compares two values of one kind"),
        ("energy > 3", 0, "'energy' is not a declared meter or flag"),
        ("trst > 3", 0, "did you mean 'trust'"),
        ("__import__('os')", 0, "calls are not part"),
        ("len(x) > 1", 0, "calls are not part"),
        ("trust.real > 1", 5, "attributes"),
        ("trust[0] > 1", 5, "indexing"),
        ("'a' == 'a'", 0, "text in quotes"),
        ('"x"', 0, "text in quotes"),
        ("lambda: 1", 0, "'lambda' is not part"),
        ("trust > 1 if met else false", 10, "'if' is not part"),
        ("[x for x in y]", 0, "indexing"),
        ("(trust := 5) > 1", 7, "assignment"),
        ("trust = 5", 6, "use '=='"),
        ("trust + 1 > 2", 6, "arithmetic"),
        ("trust > 1.5", 8, "whole decimal numbers"),
        ("trust > 0x10", 8, "whole decimal numbers"),
        ("trust > 1_000", 8, "whole decimal numbers"),
        ("trust > -hope", 8, "'-' may only come before a number"),
        ("trust >", 7, "ends too early"),
        ("(trust > 3", 0, "never closed"),
        ("trust > 3)", 9, "unexpected ')'"),
        ("", 0, "empty condition"),
        ("trust && hope", 6, "use 'and'"),
        ("!met", 0, "use 'not'"),
        ("trust > 3 and", 13, "ends too early"),
        ("met is true", 4, "'is' is not part"),
    ],
)
def test_refusals_name_the_offending_token(source: str, offset: int, fragment: str) -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(source, NAMES)
    assert caught.value.offset == offset
    assert fragment in caught.value.message


def test_reads_are_recorded() -> None:
    condition = compile_condition("trust > 3 and not met or turn > 2", NAMES)
    assert condition.reads == frozenset({"trust", "met", "turn"})
    assert condition.reads_turn


def test_conditions_compare_by_text() -> None:
    assert compile_condition("met", NAMES) == Condition("met", lambda m, f, t: True)


# -- properties ---------------------------------------------------------------------


def numeric() -> st.SearchStrategy[tuple[str, object]]:
    """(source, evaluator) pairs of numeric operands."""
    literal = st.integers(-200, 200).map(lambda n: (str(n), lambda env, n=n: n))
    name = st.sampled_from(["trust", "hope", "turn"]).map(lambda v: (v, lambda env, v=v: env[v]))
    return st.one_of(literal, name)


@st.composite
def boolean(draw: st.DrawFn, depth: int = 0) -> tuple[str, object]:
    options = ["compare", "flag", "literal"]
    if depth < 3:
        options += ["and", "or", "not", "paren"]
    kind = draw(st.sampled_from(options))
    if kind == "flag":
        name = draw(st.sampled_from(["met", "asked"]))
        return name, lambda env, name=name: env[name]
    if kind == "literal":
        value = draw(st.booleans())
        return ("true" if value else "false"), lambda env, value=value: value
    if kind == "compare":
        count = draw(st.integers(1, 3))
        operands = [draw(numeric()) for _ in range(count + 1)]
        ops = [draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="])) for _ in range(count)]
        source = operands[0][0] + "".join(f" {op} {o[0]}" for op, o in zip(ops, operands[1:], strict=True))
        table = {
            "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b,
            "==": lambda a, b: a == b,
            "!=": lambda a, b: a != b,
        }

        def chain(env: dict[str, object], operands=operands, ops=ops) -> bool:
            values = [o[1](env) for o in operands]  # type: ignore[operator]
            return all(table[op](a, b) for op, a, b in zip(ops, values, values[1:], strict=False))

        return source, chain
    if kind == "not":
        source, inner = draw(boolean(depth + 1))
        return f"not ({source})", lambda env, inner=inner: not inner(env)  # type: ignore[operator]
    if kind == "paren":
        source, inner = draw(boolean(depth + 1))
        return f"({source})", inner
    (a_source, a), (b_source, b) = draw(boolean(depth + 1)), draw(boolean(depth + 1))
    if kind == "and":
        return f"({a_source}) and ({b_source})", lambda env, a=a, b=b: a(env) and b(env)  # type: ignore[operator]
    return f"({a_source}) or ({b_source})", lambda env, a=a, b=b: a(env) or b(env)  # type: ignore[operator]


@given(boolean(), st.integers(0, 100), st.integers(0, 100), st.booleans(), st.booleans(), st.integers(0, 30))
def test_compiled_conditions_agree_with_a_reference(expr, trust, hope, met, asked, turn) -> None:  # type: ignore[no-untyped-def]
    source, reference = expr
    env = {"trust": trust, "hope": hope, "met": met, "asked": asked, "turn": turn}
    compiled = compile_condition(source, NAMES)
    assert compiled((trust, hope), (met, asked), turn) == bool(reference(env))


@given(st.text(max_size=40))
def test_any_text_compiles_or_is_refused_with_an_offset(source: str) -> None:
    try:
        compile_condition(source, NAMES)
    except ConditionError as exc:
        assert 0 <= exc.offset <= len(source)


FORBIDDEN = st.sampled_from(
    [
        "__import__('os').system('x')",
        "open('f')",
        "trust.__class__",
        "trust[0]",
        "lambda: 1",
        "[1 for _ in ()]",
        "{1: 2}",
        "(t := 1)",
        "'s'",
        "exec('1')",
        "globals()",
        "trust if met else hope",
        "1 + 1 == 2",
        "trust ** 2 > 1",
        "x.y.z",
        "f'{trust}'",
        "b'x'",
        "...",
        "None",
        "True",
    ]
)


@given(FORBIDDEN, st.sampled_from(["", "met and ", "not ", "trust > 1 or "]))
def test_everything_outside_the_grammar_is_refused(forbidden: str, prefix: str) -> None:
    with pytest.raises(ConditionError):
        compile_condition(prefix + forbidden, NAMES)
