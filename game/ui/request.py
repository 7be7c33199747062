"""What `rapport play SCENARIO` asked for: the briefing's input, shared by the commands and the title screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.scenario.model import Scenario


@dataclass
class PlayRequest:
    """What `rapport play SCENARIO` asked for, before the trainee has seen the briefing."""

    scenario: Scenario
    mode: str = "practice"
    trainee: str | None = None
    seed: int | None = None
    log: Path | None = None
    start_at: str | None = None
    set_values: Mapping[str, int] = field(default_factory=dict)
