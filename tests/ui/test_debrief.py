"""The game's debrief and replay chart draw the one model (`DebriefView`): the terminal's and report's figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.analysis.presentation import DebriefView, debrief_view
from game.analysis.report import render_html
from game.record.log import read_log
from game.scenario.loader import load_file
from game.text_play import debrief_lines
from tests.analysis.test_presentation import model_figures, report_figures, section, terminal_figures, turns
from tests.analysis.test_report import make_logs
from tests.conftest import STARTER
from tests.ui.conftest import press


class Untouchable:
    """Stands in for the scenario: the debrief scene must draw from its model alone."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the debrief scene read scenario.{name} instead of its model")


def record_charts(monkeypatch: pytest.MonkeyPatch, module: str) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake(surface, theme, rect, series, bounds, labels, marks=(), cursor=None, length=None) -> None:  # type: ignore[no-untyped-def]
        calls.append({"series": series, "bounds": bounds, "labels": labels, "marks": list(marks), "length": length})

    monkeypatch.setattr(f"game.ui.scenes.{module}.meter_chart", fake)
    return calls


def record_text(monkeypatch: pytest.MonkeyPatch, app: Any) -> list[str]:
    seen: list[str] = []
    real = app.theme.text

    def text(value: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        seen.append(value)
        surface: pygame.Surface = real(value, *args, **kwargs)
        return surface

    monkeypatch.setattr(app.theme, "text", text)
    return seen


def pygame_figures(chart: dict[str, Any], box: str) -> dict[str, object]:
    """What the debrief scene put on screen: the chart's legend and the text box."""
    meters = {}
    for name, label in chart["labels"].items():
        title, start, end = re.fullmatch(r"(\w+) (\d+) to (\d+)", label).groups()  # type: ignore[union-attr]
        assert chart["series"][name][-1] == int(end)
        meters[title] = (int(start), int(end))
    return {
        # a section ends at its blank line: a reply's react and the client's name inside it are bold too
        "moments": turns(section(box, "<b>Key moments</b>", "<br><br>")),
        "missed": turns(section(box, "<b>Missed opportunities</b>", "<br><br>")),
        "meters": meters,
    }


@pytest.mark.parametrize("path", ["good", "left", "maybe"])
def test_debrief_scene_terminal_and_report_show_the_same_figures(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    from game.ui.scenes.debrief import DebriefScene

    (log_path,) = make_logs(tmp_path, [("Ana", path)])
    scenario, log = load_file(STARTER), read_log(log_path)
    charts = record_charts(monkeypatch, "debrief")
    texts = record_text(monkeypatch, app)
    scene = DebriefScene(app, scenario, log.events, None)
    scene.scenario = Untouchable()  # type: ignore[assignment]
    app.push(scene)
    app.draw()
    view = scene.debrief
    assert isinstance(view, DebriefView) and view == debrief_view(scenario, log.events)
    chart = charts[-1]
    assert chart["series"] == view.courses() and chart["marks"] == list(view.choice_marks)
    assert chart["bounds"] == view.bounds()
    assert scene.text_box is not None
    shown = pygame_figures(chart, scene.text_box.html_text)
    expected = model_figures(view)
    terminal = terminal_figures(debrief_lines(view))
    report = report_figures(render_html([(scenario, log)]))
    for key in ("moments", "missed", "meters"):
        assert shown[key] == terminal[key] == report[key] == expected[key], key
    for row in view.skills:
        assert row.label in texts
    counts = [t for t in texts if re.fullmatch(r"\d+ (good|neutral|poor)", t)]
    assert counts == [f"{row.count(q)} {q}" for row in view.skills for q in ("good", "neutral", "poor")]


def test_debrief_scene_says_when_no_reply_was_made(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.scenes.debrief import DebriefScene

    texts = record_text(monkeypatch, app)
    scene = DebriefScene(app, load_file(STARTER), [], None)
    scene.scenario = Untouchable()  # type: ignore[assignment]
    app.push(scene)
    app.draw()
    assert "No replies were made." in texts and "The session did not reach an ending" in texts


def test_the_replay_chart_is_the_models_course(app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.scenes.replay import ReplayScene

    (log_path,) = make_logs(tmp_path, [("Ana", "good")])
    scenario, log = load_file(STARTER), read_log(log_path)
    view = debrief_view(scenario, log.events)
    charts = record_charts(monkeypatch, "replay")
    step = 2  # a screen with three replies ("day-to-day"): with four long ones the cards leave no room for the chart
    scene = ReplayScene(app, scenario, log, step=step)
    app.push(scene)
    app.draw()
    chart = charts[-1]
    assert view.length == len(scene.steps) == chart["length"]
    assert chart["series"] == view.courses() and chart["marks"] == list(view.choice_marks)
    assert chart["labels"] == {m.name: f"{m.title} {scene.steps[step].meters[m.name]}" for m in view.meters}
    press(app, pygame.K_v)  # predict: the course stops at this step
    app.draw()
    chart = charts[-1]
    assert chart["series"] == {name: values[: step + 1] for name, values in view.courses().items()}
    assert all(index <= step for index, _ in chart["marks"]) and chart["length"] == view.length


def test_the_class_view_draws_each_trainees_trust_course(app: Any, tmp_path: Path) -> None:
    from game.ui.scenes.replay import ClassScene

    paths = make_logs(tmp_path, [("Ana", "good"), ("Ben", "left")])
    scenario = load_file(STARTER)
    logs = [read_log(p) for p in paths]
    scene = ClassScene(app, scenario, logs)
    app.push(scene)
    app.draw()
    assert scene.views == [debrief_view(scenario, log.events) for log in logs]
