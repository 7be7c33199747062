"""Every action by keyboard too: overlays' buttons take Tab and Enter, lists to choose from take the arrow
keys; and a scrolling view never shows a line of text cut in half."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from tests.ui.conftest import press


def test_a_clipped_view_draws_whole_lines_only(app) -> None:  # type: ignore[no-untyped-def]
    theme = app.theme
    line = theme.line_height("body")
    text = " ".join(["Every line of this paragraph is either drawn whole or not drawn at all."] * 6)
    rect = pygame.Rect(10, 10, 300, 1000)
    full = pygame.Surface((320, 1020))
    theme.draw_text_block(full, text, rect)
    blits: list[pygame.Rect] = []

    class Watching(pygame.Surface):
        def blit(self, source: Any, dest: Any, area: Any = None, special_flags: int = 0) -> pygame.Rect:  # type: ignore[override]
            blits.append(pygame.Rect(dest, source.get_size()))
            return super().blit(source, dest, area, special_flags)

    surface = Watching((320, 1020))
    view = pygame.Rect(0, 10 + line * 2 + line // 2, 320, line * 3)  # starts and ends mid-line
    surface.set_clip(view)
    theme.draw_text_block(surface, text, rect)
    assert blits and all(view.contains(b) for b in blits)
    assert len(blits) == 2  # three lines' height, cut mid-line at both ends: two whole lines
    surface.set_clip(None)  # unclipped, text is drawn even where it leaves the surface (tests see it)
    blits.clear()
    theme.draw_text_block(surface, text, pygame.Rect(10, 990, 300, 100))
    assert blits and blits[-1].bottom > 1020


def test_an_overlay_button_by_tab_and_enter(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.overlays import HelpScene

    app.push("title")
    help_scene = app.push("help")
    assert isinstance(help_scene, HelpScene)
    app.draw()
    press(app, pygame.K_TAB)
    assert help_scene.tab_focus == 0
    app.draw()  # the ring: in the focus colour just outside the Close button
    close = help_scene.buttons()[0].rect
    ring = close.inflate(app.theme.px(8), app.theme.px(8))
    assert app.screen.get_at((ring.centerx, ring.top + 1)) == pygame.Color(app.theme.palette.focus)
    press(app, pygame.K_RETURN)
    assert app.stack.top is not help_scene


def test_the_scenario_list_of_a_class_by_keyboard(app, rapport_home: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.scenes.replay import ClassScene, GroupScene, ReplayScene
    from tests.ui.conftest import starter_class

    scenario, logs = starter_class()
    groups = GroupScene(app, [(scenario, logs), (scenario, logs[:1])])
    app.push(groups)
    app.draw()
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ReplayScene)  # the second row: one session, its replay
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ClassScene)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_TAB)
    assert groups.on_button == 0
    press(app, pygame.K_RETURN)  # Back
    assert app.stack.top is not groups


def test_every_folder_of_the_class_picker_by_mouse(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.ui.input import Click
    from game.ui.scenes.replay import ClassPicker

    for index in range(40):
        (tmp_path / f"week {index:02d}").mkdir()
    picker = ClassPicker(app, tmp_path)
    app.push(picker)
    app.draw()
    assert picker.list.overflows  # more folders than fit: the wheel and the scrollbar reach the last
    picker.handle(Click(picker.list.bar_rect(app.theme).move(0, -2).midbottom))
    app.draw()
    last = picker.cards[-1]
    assert picker.list.view.contains(last.rect)
    picker.handle(Click(last.rect.center))
    assert picker.folder == (tmp_path / "week 39").resolve()
    app.draw()
    picker.handle(Click(picker.cards[0].rect.center))  # up again
    assert picker.folder == tmp_path.resolve()


def test_the_briefing_by_tab(app) -> None:  # type: ignore[no-untyped-def]
    from game.scenario.loader import load_file
    from game.ui.request import PlayRequest
    from game.ui.scenes.briefing import BriefingScene
    from tests.conftest import STARTER

    app.push("title")
    briefing = app.push(BriefingScene(app, PlayRequest(load_file(STARTER))))
    press(app, pygame.K_DOWN)
    assert briefing.mode == "assessment" and briefing.focus == "mode"
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    assert briefing.focus == "back"
    app.draw()
    ring = briefing.buttons["back"].inflate(app.theme.px(8), app.theme.px(8))
    assert app.screen.get_at((ring.centerx, ring.top + 1)) == pygame.Color(app.theme.palette.focus)
    press(app, pygame.K_RETURN)
    assert app.stack.top is not briefing
