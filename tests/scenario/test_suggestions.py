"""Did-you-mean and node references stay linear: a large file with many slips costs what one without does."""

from __future__ import annotations

import difflib
from types import SimpleNamespace
from typing import Any

import pytest

from game.scenario import diagnostics
from game.scenario.diagnostics import COMPARISONS, POOL, SMALL, Suggestions, did_you_mean
from game.scenario.loader import load_bytes


def many_nodes(nodes: int, misspelt: int) -> str:
    """`nodes` small nodes; `misspelt` of the `next` targets swap two letters (`ndoe12` for `node12`)."""
    lines = [
        "format: 1",
        "id: many",
        "title: Many",
        "client: {name: Sam}",
        "meters: {trust: {start: 30}, hope: {start: 30}}",
        "start: node0",
        "rules: [{id: rupture, when: trust < 5, goto: node1}]",
        "nodes:",
    ]
    step = (nodes - 1) // misspelt if misspelt else 0
    for i in range(nodes - 1):
        first = f"node{i + 1}"
        if step and i % step == 0 and i // step < misspelt:
            first = "ndoe" + first[4:]
        if i % 2:
            lines.append(f"  node{i}: {{say: Hm., next: {first}}}")
        else:
            lines.append(
                f"  node{i}: {{say: Hi., choices: [{{text: Go, skill: empathy, quality: good, next: {first}}}, "
                f"{{text: No, skill: safety, quality: poor, next: node{min(nodes - 1, i + 2)}}}]}}"
            )
    lines.append(f"  node{nodes - 1}: {{ending: {{outcome: done}}}}")
    return "\n".join(lines) + "\n"


class Counting:
    """Stands in for `difflib` in the diagnostics module and counts the comparisons asked of it."""

    def __init__(self) -> None:
        self.calls = 0
        self.compared = 0
        self.most = 0

    def get_close_matches(self, word: str, possibilities: Any, n: int = 3, cutoff: float = 0.6) -> list[str]:
        pool = list(possibilities)
        self.calls += 1
        self.compared += len(pool)
        self.most = max(self.most, len(pool))
        return difflib.get_close_matches(word, pool, n=n, cutoff=cutoff)


def load_counting(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[Counting, list[str]]:
    counting = Counting()
    monkeypatch.setattr(diagnostics, "difflib", SimpleNamespace(get_close_matches=counting.get_close_matches))
    scenario, found = load_bytes(text.encode(), "many.yaml")
    assert scenario is None
    return counting, [d.message for d in found if d.severity == "error"]


def test_every_misspelt_target_gets_its_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    counting, messages = load_counting(monkeypatch, many_nodes(2000, 100))
    assert counting.calls == 100
    assert len(messages) == 100
    for message in messages:
        wrong = message.split("unknown node '")[1].split("'")[0]
        assert message.endswith(f"(did you mean 'node{wrong[4:]}'?)"), message


def test_comparisons_per_slip_do_not_grow_with_the_number_of_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = load_counting(monkeypatch, many_nodes(1000, 50))
    large, _ = load_counting(monkeypatch, many_nodes(6000, 50))
    assert small.calls == large.calls == 50
    assert large.most <= POOL
    assert large.compared <= 2 * small.compared + 50


def test_a_slip_two_edits_away_is_still_looked_for_in_a_bounded_pool() -> None:
    names = [f"node{i}" for i in range(5000)] + ["history"]
    index = Suggestions(names)
    assert index.best("histroy") == "history"  # one swap: found by the deletion index
    assert index.best("hstory") == "history"  # one deletion
    assert index.best("hisstory") == "history"  # one insertion
    assert index.best("hystori") == "history"  # two substitutions: by length and first letter
    assert index.best("NODE12") == "node12"  # other capitals
    assert index.best("zzzzzzzz") is None
    assert index.best("x" * 5000) is None  # a long word costs nothing


def test_small_sets_suggest_exactly_as_difflib_does() -> None:
    keys = ["say", "narration", "thought", "facilitator", "mood", "phase", "on_enter", "choices", "next", "ending"]
    assert len(keys) <= SMALL
    for word in ("sya", "choises", "moood", "Next", "thougth", "xyz", "endign"):
        best = difflib.get_close_matches(word, keys, n=1, cutoff=0.6)
        expected = best[0] if best else next((k for k in keys if k.lower() == word.lower()), None)
        assert Suggestions(keys).best(word) == expected
        assert did_you_mean(word, keys) == (f" (did you mean '{expected}'?)" if expected else "")


def test_thousands_of_unknown_words_get_every_error_but_a_bounded_number_of_comparisons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.helpers import BASE

    text = BASE + "".join(f"nodez{i}: 1\n" for i in range(6000))
    counting, messages = load_counting(monkeypatch, text)
    assert len(messages) == 6000
    assert counting.compared <= COMPARISONS
    assert messages[0].endswith("(did you mean 'nodes'?)")
    # past the budget a word in other capitals is still recognised, without comparing
    late = BASE + "".join(f"nodez{i}: 1\n" for i in range(6000)) + "FLAGS: []\n"
    _, messages = load_counting(monkeypatch, late)
    assert messages[-1] == "unknown key 'FLAGS' in the scenario (did you mean 'flags'?)"


def test_a_loop_of_ten_thousand_continue_nodes_is_found_once_and_named_briefly() -> None:
    from tests.helpers import BASE

    chain = "".join(f"  c{i}: {{next: c{i + 1}}}\n" for i in range(9990)) + "  c9990: {next: c0}\n"
    _, found = load_bytes(BASE.replace("  end:\n", chain + "  end:\n").encode(), "loop.yaml")
    (error,) = found
    assert (error.line, error.column) == (15, 3)
    assert error.message.endswith("c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c6 -> c7 -> c8 -> c9 -> ... -> c0 (9,991 nodes)")
