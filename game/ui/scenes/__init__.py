"""Every scene of the game, by name: the app's registry (scenes open one another by these names).

Importing this package imports each scene module once; no scene module imports another.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from game.ui.scene import SceneFactory, SceneName
from game.ui.scenes import briefing, debrief, overlays, replay, session, settings, title

SCENES: Mapping[SceneName, SceneFactory] = MappingProxyType(
    {
        "title": title.TitleScene,
        "briefing": briefing.BriefingScene,
        "session": session.SessionScene,
        "debrief": debrief.DebriefScene,
        "replay": replay.ReplayScene,
        "note": replay.NoteScene,
        "class": replay.ClassScene,
        "groups": replay.GroupScene,
        "class-picker": replay.ClassPicker,
        "logs": replay.scene_for,
        "help": overlays.HelpScene,
        "transcript": overlays.TranscriptScene,
        "message": overlays.MessageScene,
        "unsaved": overlays.UnsavedScene,
        "pause": overlays.PauseScene,
        "settings": settings.SettingsScene,
        "resume": title.ResumeScene,
    }
)
