"""Properties of the loader over open-ended input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.scenario.loader import load_bytes
from game.scenario.model import Scenario
from tests.strategies import dump, scenarios, to_data


@given(scenarios())
def test_a_valid_model_dumped_to_yaml_loads_back_equal(scenario: Scenario) -> None:
    text = dump(to_data(scenario))
    loaded, diagnostics = load_bytes(text.encode("utf-8"), "gen.yaml")
    errors = [d.format() for d in diagnostics if d.severity == "error"]
    assert loaded is not None, (errors, text)
    assert loaded == scenario


MUTATIONS = [
    "",
    ":",
    "- ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!x ",
    "{",
    "[",
    "]",
    "}",
    "\t",
    "'",
    '"',
    "\n",
    "\n  ",
    "#",
    "? ",
    "|",
    ">",
    "%YAML 1.1\n",
    "---\n",
    "\x00",
    "\ufeff",
    "10",
    "true",
    "~",
    "  - text: x\n",
    "nodes: {}\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = dump(to_data(draw(scenarios())))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "truncate", "dup-line"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(MUTATIONS) | st.text(max_size=4)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(i, lines[i])
            text = "".join(lines)
    return text.encode("utf-8", "surrogatepass")


def check_diagnostics(data: bytes) -> None:
    scenario, diagnostics = load_bytes(data, "m.yaml")
    if scenario is None:
        assert any(d.severity == "error" for d in diagnostics)
    lines = data.count(b"\n") + 2
    for d in diagnostics:
        assert 1 <= d.line <= lines and d.column >= 1, d


@given(mutated())
def test_mutated_files_give_diagnostics_with_lines_never_exceptions(data: bytes) -> None:
    check_diagnostics(data)


@given(st.binary(max_size=300))
def test_garbage_bytes_give_diagnostics_never_exceptions(data: bytes) -> None:
    check_diagnostics(data)


@given(st.text(max_size=300))
def test_garbage_text_gives_diagnostics_never_exceptions(text: str) -> None:
    check_diagnostics(text.encode("utf-8", "surrogatepass"))
