"""The replay viewer and the class view as a facilitator uses them in front of a class (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from tests.ui.conftest import press

LONG = "and I want to say this carefully, because it matters that you hear all of it"
"""Replies of about 120 characters, as long as the shipped library's longest at a four-reply moment."""
SCENARIO = f"""\
format: 1
id: four-replies
title: Four replies
client: {{name: فاطمة الزهراء}}
meters:
  trust: {{start: 50}}
  hope: {{start: 50}}
flags:
  risk_asked: {{label: Asked about risk directly}}
start: a
nodes:
  a:
    say: "Nothing is going to change, is it."
    facilitator: "Pause here. {LONG}. Ask the room what they heard underneath the words, {LONG}."
    choices:
      - {{id: ask, text: "Are you thinking of ending your life? {LONG}.", skill: safety, quality: good,
          effects: {{trust: 5, risk_asked: true}}, feedback: "Direct and calm. {LONG}.", next: b}}
      - {{id: reassure, text: "It will get better, {LONG}.", skill: empathy, quality: poor,
          effects: {{trust: -5}}, next: b}}
      - {{id: reflect, text: "Part of you has stopped hoping, {LONG}.", skill: empathy, quality: good,
          effects: {{trust: 3}}, next: b}}
      - {{id: wait, text: "Mm. {LONG}.", skill: empathy, quality: neutral, next: b}}
  b:
    say: "Maybe."
    choices:
      - {{id: stay, text: "Stay.", skill: empathy, quality: good, next: end}}
  end:
    ending: {{outcome: done, rating: good}}
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Scenario:
    path = tmp_path / "four.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return load_file(path)


def play(scenario: Scenario, folder: Path, name: str, first: str, seed: int = 0, **start: Any) -> Path:
    runner = SessionRunner.start(scenario, seed=seed, trainee=name, log=folder / f"{name}-{seed}.jsonl", **start)
    runner.choose(first)
    runner.choose("stay")
    runner.close()
    assert runner.path is not None
    return runner.path


def test_n_opens_an_empty_note(app: Any, scenario: Scenario, tmp_path: Path) -> None:
    from game.ui.scenes.replay import NoteScene, ReplayScene

    scene = ReplayScene(app, scenario, read_log(play(scenario, tmp_path, "Ana", "ask")))
    app.push(scene)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="n"))  # the same key press, as text
    app.settle(1 / 30)
    overlay = app.stack.top
    assert isinstance(overlay, NoteScene) and overlay.entry is not None
    app.settle(0.2)
    assert overlay.entry.get_text() == ""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))  # what is typed next is the note's
    app.settle(0.1)
    assert overlay.entry.get_text() == "x"


@pytest.mark.parametrize("presenter", [False, True])
def test_every_reply_offered_is_in_view_with_flags_by_their_label(
    app: Any, scenario: Scenario, tmp_path: Path, presenter: bool
) -> None:
    from game.ui.scenes.replay import ReplayScene

    scene = ReplayScene(app, scenario, read_log(play(scenario, tmp_path, "Ana", "ask")))
    app.push(scene)
    if presenter:
        press(app, pygame.K_p)
        assert scene.presenter and app.settings.text_size >= 130
    texts: list[str] = []
    original = app.theme.draw_text_block

    def listen(surface: Any, text: str, *args: Any, **kwargs: Any) -> int:
        texts.append(text)
        return int(original(surface, text, *args, **kwargs))

    app.theme.draw_text_block = listen
    app.draw()
    assert len(scene.card_rects) == 4  # 4 of 4
    for card, view in scene.card_rects:
        assert view.contains(card), (card, view)
    drawn = "\n".join(texts)
    assert "Asked about risk directly: yes" in drawn and "risk_asked" not in drawn
    assert "Pause here." in drawn  # the facilitator's note, wrapped inside the panel (draw_text_block)


def test_the_facilitator_text_wraps_inside_its_panel(app: Any, scenario: Scenario, tmp_path: Path) -> None:
    from game.ui.scenes.replay import ReplayScene

    scene = ReplayScene(app, scenario, read_log(play(scenario, tmp_path, "Ana", "ask")))
    app.push(scene)
    press(app, pygame.K_p)
    blocks: list[tuple[str, pygame.Rect, str, str]] = []
    original = app.theme.draw_text_block

    def listen(
        surface: Any,
        text: str,
        rect: pygame.Rect,
        role: str = "body",
        colour: str = "",
        style: str = "regular",
        *a: Any,
    ) -> int:
        blocks.append((text, pygame.Rect(rect), role, style))
        return int(original(surface, text, rect, role, colour, style, *a))

    app.theme.draw_text_block = listen
    app.draw()
    panel = scene.line_scroll.view
    ((text, rect, role, style),) = [b for b in blocks if b[0].startswith("Facilitator:")]
    assert panel.left <= rect.left and rect.right <= panel.right
    for line in app.theme.wrap(text, rect.width, role, style):
        assert app.theme.text_width(line, role, style) <= rect.width
    assert scene.line_scroll.content > panel.height or rect.bottom <= panel.bottom  # all of it, or it scrolls


def test_the_class_view_lists_every_reply_and_leaves_marked_sessions_out(
    app: Any, scenario: Scenario, tmp_path: Path
) -> None:
    from game.ui.scenes.replay import ClassScene

    logs = [play(scenario, tmp_path, f"T{i}", "reflect", seed=i) for i in range(5)]
    logs.append(play(scenario, tmp_path, "王小明", "reassure"))
    playtest = play(scenario, tmp_path, "Tester", "ask", set_values={"trust": 10})
    records = [read_log(p) for p in [*logs, playtest]]
    scene = ClassScene(app, scenario, records, 0, {playtest: "playtest"})
    app.push(scene)
    app.draw()
    rows = {text.split(",")[0]: (quality, chose) for quality, text, chose, _ in scene.reply_rows(scenario.nodes["a"])}
    assert rows == {
        "Are you thinking of ending your life? and I want to say this carefully": ("good", 0),
        "It will get better": ("poor", 1),
        "Part of you has stopped hoping": ("good", 5),
        "Mm. and I want to say this carefully": ("neutral", 0),
    }
    assert scene.reached["a"] == 6 and len(scene.counted) == 6
    assert scene.bands[0].n == 6 and scene.bands[-1].n == 6
    assert "playtest, not in the figures" in scene._trainee_label(6)


def test_class_view_lists_and_the_scenario_picker_work_by_keyboard(
    app: Any, scenario: Scenario, tmp_path: Path
) -> None:
    from game.ui.scenes.replay import ClassScene, GroupScene, ReplayScene, scene_for
    from tests.conftest import STARTER

    starter = load_file(STARTER)
    other = SessionRunner.start(starter, seed=0, trainee="Ben", log=tmp_path / "ben.jsonl")
    other.play_numbers([2, 1, 2, 2])
    other.close()
    pairs = [(scenario, read_log(play(scenario, tmp_path, n, "ask"))) for n in ("Ana", "Chi")]
    pairs.append((starter, read_log(tmp_path / "ben.jsonl")))
    picker = scene_for(app, pairs)
    assert isinstance(picker, GroupScene)
    app.push(picker)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)
    view = app.stack.top
    assert isinstance(view, ClassScene) and view.scenario is scenario
    for _ in range(2):
        press(app, pygame.K_TAB)
    assert view.focus == "trainees"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.stack.top, ReplayScene) and app.stack.top.log.trainee == "Chi"


def test_hostile_names_are_drawn_as_text_in_the_class_view(app: Any, scenario: Scenario, tmp_path: Path) -> None:
    from game.ui.scenes.replay import ClassScene
    from tests.analysis.test_report_verify import HOSTILE

    records = [read_log(play(scenario, tmp_path, name, "reflect", seed)) for seed, name in enumerate(HOSTILE)]
    records.append(read_log(play(scenario, tmp_path, "王小明", "ask", len(HOSTILE))))
    scene = ClassScene(app, scenario, records)
    app.push(scene)
    texts: list[str] = []
    original = app.theme.text

    def listen(text: str, *args: Any, **kwargs: Any) -> Any:
        texts.append(text)
        return original(text, *args, **kwargs)

    app.theme.text = listen
    for index in range(len(records)):
        scene.trainee_list.selected = index
        app.draw()
    drawn = " ".join(texts)  # a long label wraps at its spaces
    for name in [*HOSTILE, "王小明"]:
        assert name in drawn, name
