"""Command-line inputs that once crashed Rapport (issue 22), each now a one-line message."""

from __future__ import annotations

import pytest

from tests.conftest import STARTER
from tests.test_fuzz import assert_handled, rapport_here


@pytest.mark.parametrize("choices", ["²", "9" * 5000, "1,²", "٣", "0", "-1"])
def test_odd_choice_numbers_are_usage_errors(choices: str) -> None:
    result = rapport_here("run", str(STARTER), "--choices", choices)
    assert_handled(result)
    assert result.code == 2 and "is not a choice number" in result.err


@pytest.mark.parametrize("seed", ["²", "9" * 5000, "-3", "abc"])
def test_odd_seeds_are_usage_errors(seed: str) -> None:
    result = rapport_here("run", str(STARTER), "--seed", seed)
    assert_handled(result)
    assert result.code == 2 and "is not a seed" in result.err


def test_odd_answers_at_the_text_prompt_are_asked_again() -> None:
    result = rapport_here("play", str(STARTER), "--text", "--seed", "1", stdin="²\n" + "9" * 5000 + "\n٣\n3\n")
    assert_handled(result)
    assert result.code == 0 and result.out.count("Type a number from 1 to ") == 3


@pytest.mark.parametrize(
    "args",
    [
        ("run", "9" * 5000),
        ("validate", "9" * 5000),
        ("replay", "--check", "9" * 5000),
        ("play", "--resume", "9" * 5000, "--text"),
        ("explore", "x" * 300 + ".yaml"),
    ],
)
def test_names_the_system_refuses_are_missing_files(args: tuple[str, ...]) -> None:
    result = rapport_here(*args)
    assert_handled(result, *args)
    assert result.code == 2 and "no such" in result.err
