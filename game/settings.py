"""The trainee's settings, kept as JSON in the data folder (no pygame here)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game import paths

log = logging.getLogger(__name__)

TEXT_SIZES = (90, 100, 115, 130, 150, 175, 200)
"""Text size steps, in percent of the default (WCAG 2.2, 1.4.4 Resize Text: up to 200 %)."""
LEGACY_TEXT_SIZES = {"small": 90, "medium": 100, "large": 115, "extra large": 130}
"""Names saved by earlier versions, read as these percentages."""
TEXT_SIZE_MIN, TEXT_SIZE_MAX = 90, 200
TYPEWRITER_SPEEDS = {"slow": 30, "normal": 50, "fast": 80, "instant": 0}


@dataclass
class Settings:
    text_size: int = 100  # percent of the default
    typewriter: str = "normal"
    high_contrast: bool = False
    reduced_motion: bool = False
    meters_in_practice: bool = False
    fullscreen: bool = False
    free_text: bool = False  # type replies in your own words (needs the free-text extra)
    reload_on_save: bool = True  # authors: a scenario played from its file is reloaded when the file is saved
    trainee: str = ""  # the name last given on the title screen, offered again next time
    # xAPI (docs/xapi.md): where finished sessions go, and how trainees are named there; credentials
    # never live here, only in RAPPORT_LRS_AUTH
    lrs_url: str = ""  # empty: sessions stay on this computer
    lrs_home_page: str = ""  # the actor account's homePage; empty: game.lrs.profile.DEFAULT_HOME_PAGE
    lrs_pseudonymise: bool = False
    lrs_salt: str = ""  # for pseudonyms; RAPPORT_LRS_SALT wins when set
    lrs_send_typed: bool = False  # what a trainee typed (free text) goes to the LRS only when this is on

    @property
    def text_scale(self) -> float:
        return max(TEXT_SIZE_MIN, min(TEXT_SIZE_MAX, self.text_size)) / 100

    @property
    def characters_per_second(self) -> int:
        """0 means the whole line at once (also under reduced motion)."""
        if self.reduced_motion:
            return 0
        return TYPEWRITER_SPEEDS.get(self.typewriter, 50)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings; defaults for anything missing, unknown or unreadable."""
        path = path or paths.settings_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        if isinstance(data.get("text_size"), str):
            data["text_size"] = LEGACY_TEXT_SIZES.get(data["text_size"], 100)
        for f in fields(cls):
            value = data.get(f.name)
            if isinstance(value, type(getattr(settings, f.name))):
                setattr(settings, f.name, value)
        if isinstance(settings.text_size, bool) or not TEXT_SIZE_MIN <= settings.text_size <= TEXT_SIZE_MAX:
            settings.text_size = 100
        if settings.typewriter not in TYPEWRITER_SPEEDS:
            settings.typewriter = "normal"
        return settings

    def save(self, path: Path | None = None) -> Path | None:
        """Write atomically; returns the path, or None when it could not be written."""
        path = path or paths.settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
            os.replace(temporary, path)
        except OSError as exc:
            log.warning("could not save settings to %s: %s", path, exc)
            return None
        return path
