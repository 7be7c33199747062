"""Any one-line slip in a real file: plain words, at a real line, a bounded number of messages, never a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.commands.new import template
from game.scenario.loader import load_bytes
from tests.test_beginner_corpus import LIBYAML_WORDING

TEMPLATE = template("x").split("\n")
CONTENT = [i for i, line in enumerate(TEMPLATE) if line.strip() and not line.lstrip().startswith("#")]


def slip(line: str, kind: str, at: int) -> str:
    """One beginner slip applied to one line."""
    body = line.lstrip(" ")
    lead = len(line) - len(body)
    if kind == "tab":
        return "\t" + body
    if kind == "more":
        return " " + line
    if kind == "less":
        return line[1:] if lead else line
    if kind == "no colon":
        return line.replace(": ", " ", 1) if ": " in line else line.rstrip(":")
    if kind == "no dash":
        return line.replace("- ", "  ", 1)
    if kind == "curly":
        return line.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    if kind == "nbsp":
        return "\u00a0" * lead + body
    if kind == "hash":
        return line + " #1 thing"
    if kind == "apostrophe":
        return line.replace('"', "'")
    if kind == "wrap":  # a long line broken at a space inside its value (after 'key: ')
        start = line.find(": ") + 2 if ": " in line else len(line)
        spaces = [i for i, c in enumerate(line) if c == " " and i > start]
        cut = spaces[at % len(spaces)] if spaces else len(line)
        return line[:cut] + "\n" + line[cut + 1 :]
    return line


@given(
    index=st.sampled_from(CONTENT),
    kind=st.sampled_from(["tab", "more", "less", "no colon", "no dash", "curly", "nbsp", "hash", "apostrophe", "wrap"]),
    at=st.integers(0, 80),
)
def test_one_slip_gets_plain_words_at_a_real_line_and_no_cascade(index: int, kind: str, at: int) -> None:
    lines = list(TEMPLATE)
    lines[index] = slip(lines[index], kind, at)
    text = "\n".join(lines)
    _, diagnostics = load_bytes(text.encode(), "x.yaml")
    count = text.count("\n") + 1
    for d in diagnostics:
        assert 1 <= d.line <= count, d
        assert not any(raw in d.message for raw in LIBYAML_WORDING), d.message
    errors = [d for d in diagnostics if d.severity == "error"]
    assert len(errors) <= 3, [d.format() for d in errors]
