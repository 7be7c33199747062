"""Test set-up: a private data folder, SDL's dummy drivers, and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

if TYPE_CHECKING:
    from game.freetext.matcher import Matcher

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=60,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
STARTER = SCENARIOS / "starter-first-meeting.yaml"
# The starter's attuned path to its good ending, as shown numbers (the starter is not shuffled).
STARTER_GOOD = [4, 2, 1, 2, 3, 1, 2, 1, 2]


@pytest.fixture(autouse=True)
def rapport_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("rapport-home")
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def real_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    """Free text's real model, loaded once per test session (about a second), with one reply cache."""
    from game.freetext.matcher import Matcher
    from game.freetext.model import shared_embedder

    return Matcher(shared_embedder(), cache_folder=tmp_path_factory.mktemp("freetext-cache"))
