"""The paraphrase sets, matched once per test session (the model itself: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.freetext.evaluation import Trial, read_set, run_set
from game.freetext.matcher import Matcher
from game.scenario.loader import load_file
from tests.conftest import SCENARIOS

HERE = Path(__file__).resolve().parent
TUNING = "collaboration-goals"
HELD_OUT = "transference-critical-parent"


@pytest.fixture(scope="session")
def measured(real_matcher: Matcher) -> dict[str, list[Trial]]:
    """Every paraphrase set matched once (the costly part: some 600 texts through the model)."""
    return {
        name: run_set(real_matcher, load_file(SCENARIOS / f"{name}.yaml"), read_set(HERE / f"paraphrases-{name}.yaml"))
        for name in (TUNING, HELD_OUT)
    }
