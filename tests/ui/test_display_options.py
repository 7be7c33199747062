"""Screens rendered from the command line: --window, --text-size, --high-contrast, --scene; typed out, at rest."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.display import Display, parse_text_size, parse_window
from tests.helpers import RUPTURE_BEST, numbers_for, rapport


def _best() -> str:
    """feedback-rupture's best path as the shown numbers `--choices` takes at the screenshot's seed (0)."""
    from game.scenario.catalog import library
    from game.scenario.loader import load_file

    entry = next(e for e in library([]) if str(e.path).endswith("feedback-rupture.yaml"))
    return ",".join(str(n) for n in numbers_for(load_file(entry.path), RUPTURE_BEST))


@pytest.mark.parametrize(
    ("text", "size"), [("1024x600", (1024, 600)), ("800x600", (800, 600)), ("7680X4320", (7680, 4320))]
)
def test_window_sizes(text: str, size: tuple[int, int]) -> None:
    assert parse_window(text) == size


@pytest.mark.parametrize(
    "text", ["799x600", "1280x599", "7681x4320", "1280", "1280x720x2", "wide", "-1x600", "１２８０x720"]
)
def test_window_sizes_out_of_range_or_malformed_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"width|window size"):
        parse_window(text)


@pytest.mark.parametrize(("text", "percent"), [("90", 90), ("150%", 150), ("200", 200), ("115 %", 115)])
def test_text_sizes(text: str, percent: int) -> None:
    assert parse_text_size(text.replace(" ", "")) == percent


@pytest.mark.parametrize("text", ["89", "201", "1.5", "150%%", "", "big", "-100"])
def test_text_sizes_out_of_range_or_malformed_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="text size"):
        parse_text_size(text)


def test_display_overrides_are_for_this_run_only() -> None:
    assert not Display(window=(1024, 600)).overrides
    assert Display(text_size=150).overrides and Display(high_contrast=False).overrides


def test_play_screenshot_with_display_options_and_a_scene(tmp_path: Path, rapport_home: Path) -> None:
    out = tmp_path / "pause.png"
    args = ["--window", "1024x600", "--text-size", "150%", "--high-contrast", "--scene", "pause"]
    result = rapport("play", "feedback-rupture", "--choices", "2,1", "--screenshot", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert pygame.image.load(str(out)).get_size() == (1024, 600)
    assert not (rapport_home / "settings.json").exists()  # options are never saved
    debrief = tmp_path / "debrief.png"
    best = _best()
    result = rapport("play", "feedback-rupture", "--choices", best, "--screenshot", str(debrief), "--scene", "debrief")
    assert result.returncode == 0, result.stderr
    assert pygame.image.load(str(debrief)).get_size() == (1280, 720)
    early = rapport(
        "play", "feedback-rupture", "--choices", "2", "--screenshot", str(tmp_path / "x.png"), "--scene", "debrief"
    )
    assert early.returncode == 2 and "do not end the session" in early.stderr


@pytest.mark.parametrize(
    "option",
    [["--text-size", "250"], ["--window", "640x480"], ["--scene", "title"], ["--high-contrast", "--no-high-contrast"]],
)
def test_bad_display_options_exit_2(tmp_path: Path, option: list[str]) -> None:
    result = rapport("play", "feedback-rupture", "--choices", "2", "--screenshot", str(tmp_path / "x.png"), *option)
    assert result.returncode == 2 and result.stderr and not (tmp_path / "x.png").exists()


def test_a_screenshot_finishes_typing_and_rests_the_client(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.record.runner import SessionRunner
    from game.scenario.catalog import library
    from game.scenario.loader import load_file
    from game.ui.scenes.session import SessionScene

    entry = next(e for e in library([]) if str(e.path).endswith("feedback-rupture.yaml"))
    app.settings.typewriter = "slow"
    runner = SessionRunner.start(load_file(entry.path), seed=0, mode="practice", logged=False)
    scene = SessionScene(app, runner)
    app.push(scene)
    assert scene.choose_now(2) and scene.typewriter.done
    scene._show_current()  # the line types again, slowly
    assert not scene.typewriter.done
    app.screenshot(tmp_path / "shot.png")
    assert scene.typewriter.done and scene.react_writer.done
    if hasattr(scene.avatar, "still"):
        assert scene.avatar.still
