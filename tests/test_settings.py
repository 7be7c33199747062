"""Settings: text size as a percentage, names saved by earlier versions read as percentages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.settings import TEXT_SIZES, Settings


def test_text_size_steps_run_from_90_to_200_percent() -> None:
    assert TEXT_SIZES == (90, 100, 115, 130, 150, 175, 200)
    assert Settings().text_size == 100
    assert Settings(text_size=200).text_scale == 2.0


@pytest.mark.parametrize(
    ("saved", "percent"),
    [("small", 90), ("medium", 100), ("large", 115), ("extra large", 130), ("enormous", 100), (175, 175), (120, 120)],
)
def test_saved_text_sizes_load_as_percentages(tmp_path: Path, saved: object, percent: int) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_size": saved, "high_contrast": True}), encoding="utf-8")
    settings = Settings.load(path)
    assert settings.text_size == percent and settings.high_contrast


@pytest.mark.parametrize("saved", [500, 10, True, None, "150"])
def test_a_text_size_out_of_range_falls_back_to_100(tmp_path: Path, saved: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_size": saved}), encoding="utf-8")
    assert Settings.load(path).text_size == 100


def test_a_percentage_is_saved_as_a_number(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(text_size=175).save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["text_size"] == 175
