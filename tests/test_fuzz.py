"""Fuzzing as an attacker or an unlucky user would: mutated scenarios, mutated logs, odd command lines.

Every command must end with exit 0, 1 or 2, never with "internal error", and every
message about a scenario must say where (FILE:LINE:COLUMN). Commands run in-process
(the same `main` as the console script) so that many examples fit in CI's time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from tests.conftest import SCENARIOS, STARTER

# bounded for CI; RAPPORT_FUZZ_EXAMPLES=2000 (with --hypothesis-seed=N) for a deep run
FUZZ = settings(max_examples=int(os.environ.get("RAPPORT_FUZZ_EXAMPLES", "40")))

# what a hostile or unlucky edit puts into a scenario file
HOSTILE = [
    "9" * 4400,
    "-" + "9" * 12,
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "2000-01-01",
    "yes",
    "~",
    "''",
    '"',
    "'",
    "{",
    "[",
    "]",
    "&anchor x",
    "*alias",
    "!!python/object/apply:os.system ['true']",
    "!custom x",
    "\t",
    "\u00a0\u00a0",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x00",
    "é" * 2500,
    "(" * 200 + "trust > 1" + ")" * 200,
    "not " * 1000 + "true",
    " or ".join(["trust > 1"] * 1000),
    "trust >" * 300,
    "{when: trust > 40, text: Hi}",
    "- {text: x, skill: empathy, quality: good, next: nowhere}",
    "next: " + "n" * 3000,
]


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def rapport_here(*args: str, stdin: str = "") -> Outcome:
    """Run the command line in this process, as the console script would."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_handled(result: Outcome, *args: str) -> None:
    assert result.code in (0, 1, 2), (args, result)
    assert "internal error" not in result.out + result.err, (args, result.err[-2000:])
    assert "Traceback" not in result.err, (args, result.err[-2000:])


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        index = data.draw(st.integers(0, len(lines) - 1), label="line")
        line = lines[index]
        kind = data.draw(st.sampled_from(["value", "insert", "delete", "duplicate", "indent", "cut"]), label="kind")
        token = data.draw(st.sampled_from(HOSTILE), label="token")
        if kind == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {token}"
        elif kind == "insert":
            lines.insert(index, line[: len(line) - len(line.lstrip())] + token)
        elif kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "indent":
            lines[index] = data.draw(st.sampled_from([" ", "  ", "\t", "   "])) + line
        else:
            cut = data.draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + token + line[cut:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


SOURCES = [STARTER, SCENARIOS / "feedback-rupture.yaml"]
POSITION = re.compile(r"^.+:\d+:\d+: (error|warning): ")


@FUZZ
@given(st.sampled_from(SOURCES), st.data())
def test_mutated_scenarios_get_diagnosed_never_crash(
    tmp_path_factory: pytest.TempPathFactory, source: Path, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "mutant.yaml"
    path.write_bytes(mutate(source.read_text(encoding="utf-8"), data).encode("utf-8", "surrogatepass"))

    checked = rapport_here("validate", str(path))
    assert_handled(checked, "validate")
    for line in checked.out.split("\n")[:-2]:  # each diagnostic on one line, the summary last
        assert POSITION.match(line), line
    if checked.code != 0:
        return
    numbers = ",".join(str(n) for n in data.draw(st.lists(st.integers(1, 4), max_size=8), label="choices"))
    for args in (
        ("run", str(path), "--choices", numbers),
        ("explore", str(path), "--json", "--max-states", "3000", "--max-seconds", "5"),
        ("graph", str(path)),
        ("play", str(path), "--text", "--log", str(folder / "t.jsonl")),
    ):
        assert_handled(rapport_here(*args, stdin="1\n2\n3\nu\n²\n99999\n\n"), *args)


def logged(folder: Path, seed: int, numbers: list[int]) -> Path:
    path = folder / f"s{seed}.jsonl"
    runner = SessionRunner.start(load_file(STARTER), seed=seed, trainee="Fuzz", log=path)
    with contextlib.suppress(Exception):
        runner.play_numbers(numbers)
    runner.close()
    return path


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["opening", "choice", "enter", "end", "trust", "practice", "assessment"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@FUZZ
@given(st.integers(0, 50), st.lists(st.integers(1, 3), max_size=8), st.data())
def test_mutated_logs_are_diagnosed_never_crash(
    tmp_path_factory: pytest.TempPathFactory, seed: int, numbers: list[int], data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("logs")
    path = logged(folder, seed, numbers)
    lines = path.read_text().splitlines()
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        index = data.draw(st.integers(0, len(lines) - 1), label="line")
        kind = data.draw(st.sampled_from(["field", "delete", "duplicate", "cut", "raw"]), label="kind")
        if kind == "field":
            try:
                record = json.loads(lines[index])
            except ValueError:
                continue  # an earlier edit broke this line already
            if not isinstance(record, dict):
                continue
            key = data.draw(st.sampled_from([*record.keys(), "extra"]), label="key")
            record[key] = data.draw(JSON_VALUES, label="value")
            lines[index] = json.dumps(record)
        elif kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "cut":
            lines[index] = lines[index][: data.draw(st.integers(0, 300), label="cut")]  # lines vary with time
        else:
            lines[index] = data.draw(st.sampled_from(["NaN", "[]", "1e400", '{"type":7}', "", "\x00", "{" * 5000]))
    ending = data.draw(st.sampled_from(["\n", ""]), label="ending")
    path.write_text("\n".join(lines) + ending)

    for args in (
        ("replay", "--check", str(path)),
        ("report", str(path), "-o", str(folder / "r.html"), "--csv", str(folder / "r.csv")),
        ("play", "--resume", str(path), "--text"),
    ):
        assert_handled(rapport_here(*args, stdin="1\n2\n"), *args)


WORDS = [
    "run",
    "validate",
    "explore",
    "graph",
    "replay",
    "report",
    "schema",
    "play",
    str(STARTER),
    "starter-first-meeting",
    "--choices",
    "--seed",
    "--set",
    "--from",
    "--mode",
    "--max-turns",
    "--max-states",
    "--max-seconds",
    "--json",
    "--strict",
    "--check",
    "--format",
    "--text",
    "²",
    "1,2,3",
    "0",
    "-1",
    "9" * 5000,
    "trust=999",
    "trust=²",
    "hope=",
    "=3",
    "nowhere",
    "the-car",
    "dot",
    "",
    "1e400",
    "nan",
]


@FUZZ
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7))
def test_odd_command_lines_end_with_a_message_never_a_crash(words: list[str]) -> None:
    if words[0] == "play" and "--text" not in words:
        words = [*words, "--text"]  # the window itself is tested elsewhere
    if words[0] == "replay" and "--check" not in words:
        words = [*words, "--check"]
    if words[0] in ("new",):
        return
    if words[0] == "validate":  # without a path it checks the whole library (with --strict, walks it): not fuzz
        words = [*words, str(STARTER)]
    assert_handled(rapport_here(*words, stdin="1\n²\n"), *words)
