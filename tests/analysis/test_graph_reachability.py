"""graph: static reachability by default (no walk), `--explore` to grey out by the walk within its budgets."""

from __future__ import annotations

from pathlib import Path

import pytest

import game.analysis.graph as graph
from game.analysis.graph import reachable, to_dot, to_mermaid, unreachable, unreachable_by_walk
from tests.analysis.exploding import exploding_scenario
from tests.helpers import rapport, scenario_of

SCENARIO = """
format: 1
id: g
title: G
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
rules:
  - {id: drop, when: trust < 20, goto: out}
nodes:
  a:
    next: b
  b:
    choices:
      - {text: one, skill: empathy, quality: good, next: win}
      - {text: hidden, skill: empathy, quality: good, when: trust > 90, next: secret}
  secret:
    next: win
  win:
    ending: {outcome: win, rating: good}
  out:
    ending: {outcome: out, rating: poor}
  island:
    choices:
      - {text: away, skill: empathy, quality: good, next: far}
  far:
    ending: {outcome: far}
"""


def test_static_reachability_follows_choices_continues_and_rules_ignoring_conditions() -> None:
    scenario = scenario_of(SCENARIO)
    assert reachable(scenario) == {"a", "b", "secret", "win", "out"}  # 'out' by the rule, after b's choices
    assert unreachable(scenario) == {"island", "far"}


def test_a_rule_leads_nowhere_until_some_reachable_node_offers_a_choice() -> None:
    text = SCENARIO.replace("start: a", "start: secret")  # secret -> win: no choice on the way
    assert unreachable(scenario_of(text)) == {"a", "b", "out", "island", "far"}


def test_graph_greys_out_statically_without_walking(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_walk(*_: object, **__: object) -> None:
        raise AssertionError("graph walked the scenario")

    monkeypatch.setattr(graph, "explore", no_walk)
    scenario = scenario_of(SCENARIO)
    text = to_mermaid(scenario)  # ids: a n0, b n1, secret n2, win n3, out n4, island n5, far n6
    assert "class n5 unreachable" in text and "class n6 unreachable" in text
    assert "class n2 unreachable" not in text and "class n4 unreachable" not in text
    assert to_dot(scenario).count('style="rounded,filled,dashed"') == 2
    big = scenario_of(exploding_scenario())  # far more states than any budget: a walk would show
    assert unreachable(big) == set() and to_mermaid(big).startswith("flowchart TD")


def test_graph_explore_greys_out_what_the_walk_never_reaches() -> None:
    scenario = scenario_of(SCENARIO)
    greyed, result = unreachable_by_walk(scenario)
    assert greyed == {"secret", "out", "island", "far"} and not result.truncated
    text = to_mermaid(scenario, greyed)
    assert all(f"class {n} unreachable" in text for n in ("n2", "n4", "n5", "n6"))


def test_graph_command_static_and_explore(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    static = rapport("graph", str(path))
    assert static.returncode == 0 and static.stderr == ""
    assert "class n2 unreachable" not in static.stdout and "class n5 unreachable" in static.stdout
    walked = rapport("graph", str(path), "--explore", "--format", "dot")
    assert walked.returncode == 0 and walked.stderr == ""
    assert walked.stdout.count('style="rounded,filled,dashed"') == 4


def test_graph_explore_stays_within_the_budgets_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "exploding.yaml"
    path.write_text(exploding_scenario(), encoding="utf-8")
    result = rapport("graph", str(path), "--explore", "--max-states", "500")
    assert result.returncode == 0 and result.stdout.startswith("flowchart TD")
    assert "graph: the walk was truncated: stopped at the state budget, 500 states" in result.stderr
    assert "some of them may be reachable" in result.stderr
    bad = rapport("graph", str(path), "--explore", "--max-seconds", "-1")
    assert bad.returncode == 2 and "--max-seconds must be" in bad.stderr and bad.stdout == ""
