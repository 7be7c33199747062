"""graph: mermaid and dot with the marks the issue asks for."""

from __future__ import annotations

from pathlib import Path

from game.analysis.graph import to_dot, to_mermaid
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
    say: "A rather long first line that will certainly be cut short in the label"
    choices:
      - {text: one, skill: empathy, quality: good, next: b}
      - {text: two, skill: safety, quality: poor, effects: {trust: -40}, next: b}
  b:
    next: win
  win:
    ending: {outcome: win, title: "It \\"works\\"", rating: good}
  out:
    ending: {outcome: out, rating: poor}
  island:
    ending: {outcome: island, rating: neutral}
"""


def test_mermaid_marks_endings_rules_and_unreachable_nodes() -> None:
    text = to_mermaid(scenario_of(SCENARIO))
    assert text.startswith("flowchart TD")
    assert 'n0 -->|"1 · empathy · good"| n1' in text and 'n0 -->|"2 · safety · poor"| n1' in text
    assert 'n1 -->|"continue"| n2' in text
    assert 'r0 -.->|"after any choice"| n3' in text
    assert "class n2 ending_good" in text and "class n3 ending_poor" in text
    assert "class n4 unreachable" in text
    assert "#quot;works#quot;" in text and "…" in text


def test_dot_has_the_same_graph() -> None:
    text = to_dot(scenario_of(SCENARIO))
    assert text.startswith('digraph "g" {') and text.rstrip().endswith("}")
    assert '"a" -> "b" [label="1 · empathy · good"];' in text
    assert '"rule:drop" -> "out" [style=dashed' in text
    assert 'fillcolor="#E6E6E6"' in text  # the unreachable island
    assert '\\"works\\"' in text


def test_graph_command_writes_a_file(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SCENARIO)
    out = tmp_path / "g.mmd"
    result = rapport("graph", str(path), "-o", str(out))
    assert result.returncode == 0 and str(out) in result.stderr
    assert out.read_text().startswith("flowchart TD")
    assert rapport("graph", str(path), "--format", "dot").stdout.startswith("digraph")
