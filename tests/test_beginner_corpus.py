"""The beginner-mistake corpus (tests/beginner/): each slip at its line, in plain words, one message each.

Every file is the `rapport new` template with one mistake a first-time author makes (one file has
three, in different places, to show that checking goes on past a syntax error). Its first lines say
what `validate --strict` must print: `# expect: SEVERITY LINE: FRAGMENT`, one line per message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.commands.validate import check_file
from game.scenario.loader import load_bytes

CORPUS = Path(__file__).resolve().parent / "beginner"
FILES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"# expect: (error|warning) (\d+): (.*)")
LIBYAML_WORDING = (
    "could not find expected",
    "did not find expected",
    "mapping values are not allowed",
    "found character",
    "while scanning",
    "while parsing",
    "YAML syntax:",
    "block end",
    "cannot start any token",
)


def expectations(path: Path) -> list[tuple[str, int, str]]:
    found = []
    for line in path.read_text("utf-8").splitlines():
        match = EXPECT.fullmatch(line)
        if match is None:
            break
        found.append((match.group(1), int(match.group(2)), match.group(3)))
    return found


def test_the_corpus_covers_every_slip_of_the_issue() -> None:
    names = {p.stem for p in FILES}
    for slip in (
        "tab-indent",
        "missing-colon-say",
        "missing-colon-next",
        "missing-colon-node",
        "indent-one-more",
        "indent-one-less",
        "indent-two-more",
        "key-at-dash-level",
        "forgot-dash",
        "curly-double-quotes",
        "nbsp-indent",
        "apostrophe-in-single-quotes",
        "hash-colour-flow",
        "hard-wrapped-line",
        "meter-start-quoted",
        "meter-start-too-high",
        "text-cut-by-hash",
        "reply-without-feedback",
        "two-slips-and-a-typo",
    ):
        assert slip in names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_slip_is_told_at_its_line_in_plain_words_once(path: Path) -> None:
    wanted = expectations(path)
    assert wanted, f"{path.name} states no expectation"
    _, diagnostics = check_file(path, strict=True)
    got = [(d.severity, d.line, d.message) for d in diagnostics]
    assert len(got) == len(wanted), got  # one mistake, one message: no cascade
    for severity, line, fragment in wanted:
        assert any(s == severity and n == line and fragment in m for s, n, m in got), (severity, line, fragment, got)
    for _, _, message in got:
        assert not any(raw in message for raw in LIBYAML_WORDING), message


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_file_as_corrected_by_its_message_is_clean(path: Path) -> None:
    """The corpus files are the template plus their slip: the template itself must be clean."""
    from game.commands.new import template

    scenario, diagnostics = load_bytes(template(path.stem).encode(), f"{path.stem}.yaml")
    assert scenario is not None and diagnostics == []
