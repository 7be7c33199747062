"""Every scene of the game, by name: the app's registry (scenes open one another by these names).

A scene's module is imported the first time the scene is made, so starting straight into
a session (`play --screenshot`) never pays for the debrief, the replay viewer or the class
view. No scene module imports another.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from game.ui.scene import SceneFactory, SceneName

WHERE: dict[SceneName, tuple[str, str]] = {
    "title": ("title", "TitleScene"),
    "briefing": ("briefing", "BriefingScene"),
    "session": ("session", "SessionScene"),
    "debrief": ("debrief", "DebriefScene"),
    "replay": ("replay", "ReplayScene"),
    "note": ("replay", "NoteScene"),
    "class": ("replay", "ClassScene"),
    "groups": ("replay", "GroupScene"),
    "class-picker": ("replay", "ClassPicker"),
    "logs": ("replay", "scene_for"),
    "help": ("overlays", "HelpScene"),
    "transcript": ("overlays", "TranscriptScene"),
    "message": ("overlays", "MessageScene"),
    "unsaved": ("overlays", "UnsavedScene"),
    "pause": ("overlays", "PauseScene"),
    "settings": ("settings", "SettingsScene"),
    "resume": ("title", "ResumeScene"),
}
"""Each name's module (under game.ui.scenes) and the factory in it."""


class Registry(Mapping[SceneName, SceneFactory]):
    """Name → factory, importing a scene's module when it is first asked for."""

    def __getitem__(self, name: SceneName) -> SceneFactory:
        module, attribute = WHERE[name]
        factory: SceneFactory = getattr(importlib.import_module(f"game.ui.scenes.{module}"), attribute)
        return factory

    def __iter__(self) -> Iterator[SceneName]:
        return iter(WHERE)

    def __len__(self) -> int:
        return len(WHERE)


SCENES: Mapping[SceneName, SceneFactory] = Registry()
