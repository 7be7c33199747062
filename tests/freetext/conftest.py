"""The real model is loaded once per test session (about a second), and only by tests that ask for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.freetext.evaluation import Trial, read_set, run_set
from game.freetext.matcher import Matcher
from game.freetext.model import Embedder, shared_embedder
from game.scenario.loader import load_file
from tests.conftest import SCENARIOS

HERE = Path(__file__).resolve().parent
TUNING = "collaboration-goals"
HELD_OUT = "transference-critical-parent"


@pytest.fixture(scope="session")
def model() -> Embedder:
    return shared_embedder()


@pytest.fixture(scope="session")
def reply_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session, so each scenario's replies are embedded once."""
    return tmp_path_factory.mktemp("freetext-cache")


@pytest.fixture(scope="session")
def real_matcher(model: Embedder, reply_cache: Path) -> Matcher:
    return Matcher(model, cache_folder=reply_cache)


@pytest.fixture(scope="session")
def measured(real_matcher: Matcher) -> dict[str, list[Trial]]:
    """Every paraphrase set matched once (the costly part: some 600 texts through the model)."""
    return {
        name: run_set(real_matcher, load_file(SCENARIOS / f"{name}.yaml"), read_set(HERE / f"paraphrases-{name}.yaml"))
        for name in (TUNING, HELD_OUT)
    }
