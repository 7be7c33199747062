"""Every script a client or a trainee may write is drawn with a font that has its glyphs (issue 14).

A client speaks a line in Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari, Chinese, Japanese,
Korean and emoji (tests/fixtures/every-script.yaml); trainees are called 李雷 and ليلى حسن. The
session, the transcript, the debrief, the replay viewer and the class view are drawn at 100 % and
200 % text, and every run of text drawn is checked: its font has a glyph for each character (no
.notdef boxes), and every character of the lines on screen was drawn.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.engine.autoplay import play_numbers
from game.engine.session import Session
from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.scenario.scripts import font_table, invisible
from game.settings import Settings
from game.ui import text
from game.ui.bidi import FSI, PDI, isolate, levels, paragraph_level, visual_order
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "every-script.yaml"
NAMES = ("李雷", "ليلى حسن")
PATH = [1] * 10


def _visual(line: str) -> str:
    order = visual_order(levels(line))
    return "".join(line[i] for i in order)


def test_bidi_orders_mixed_lines() -> None:
    assert paragraph_level("abc אבג") == 0 and paragraph_level("אבג abc") == 1 and paragraph_level("123") == 0
    assert _visual("abc אבג def") == "abc גבא def"
    assert _visual("אבג 123 דהו") == "והד 123 גבא"  # numbers keep their order inside right-to-left text
    assert _visual("car means מכונית.") == "car means תינוכמ."
    assert _visual("מכונית means car.") == ".means car תינוכמ"
    assert _visual("Amira said: אבג (דהו) today.") == "Amira said: )והד( גבא today."  # HarfBuzz mirrors brackets
    assert levels("مرحبا 12 abc") == [1, 1, 1, 1, 1, 1, 2, 2, 1, 2, 2, 2]  # Arabic digits after Arabic letters
    assert levels("abc   ", 1)[-3:] == [1, 1, 1]  # trailing spaces take the paragraph's level


def test_an_isolated_name_keeps_its_place_beside_right_to_left_text() -> None:
    assert _visual("Amira אבג: “דהו זח.”") == "Amira חז והד“ :גבא.”"  # the name joins the line: UAX #9 without help
    shown = _visual(f"Amira {isolate('אבג')}: “דהו זח.”")
    assert shown.replace(FSI, "").replace(PDI, "") == "Amira גבא: “חז והד.”"
    assert paragraph_level(f"{isolate('אבג')} abc") == 0  # the first strong letter outside isolates
    assert [run.text for run in text.runs(f"1. {isolate('ليلى')} — good")] == ["1. ", "ليلى", " — ", "good"]


def test_runs_pick_a_font_per_script_and_order_them() -> None:
    runs = [(run.text, font_table()[run.font].name) for run in text.runs("Hi مرحبا 你好 😀")]
    assert runs == [
        ("Hi ", "noto-sans"),
        ("مرحبا", "noto-sans-arabic"),
        (" ", "noto-sans-arabic"),  # a space between right-to-left and left-to-right text: a run of its own level
        ("你好 ", "noto-sans-cjk"),
        ("😀", "noto-color-emoji"),
    ]
    rtl = text.runs("مرحبا Amira")
    assert [run.text for run in rtl] == ["Amira", "مرحبا "] and rtl[1].rtl and rtl[1].script == "Arab"
    assert text.substitute("🚀 ok") == "[rocket] ok"  # an emoji no font has: its name
    assert text.substitute("👍🏽") == "👍"  # a skin tone no font has goes, the hand stays


def test_shaping_a_right_to_left_run_leaves_the_shared_font_as_it_was() -> None:
    pygame.font.init()
    shaper = text.Shaper(20)
    before = pygame.image.tobytes(shaper.primary.render("Hello world", True, "black"), "RGBA")
    shaper.render("مرحبا . (שלום) 12", pygame.Color("black"))  # runs of Noto Sans at odd levels
    after = pygame.image.tobytes(shaper.primary.render("Hello world", True, "black"), "RGBA")
    assert before == after


def test_the_coverage_table_matches_the_fonts() -> None:
    """Every code point the table promises has a glyph in the font (sampled in the big CJK font)."""
    pygame.font.init()
    for index, entry in enumerate(font_table()):
        points = [cp for low, high in zip(entry.starts, entry.ends, strict=True) for cp in range(low, high + 1)]
        sample = points[:: max(1, len(points) // 800)]
        loaded = text.font(index, 20)
        chars = "".join(chr(cp) for cp in sample if not invisible(chr(cp)))
        missing = [ch for ch, m in zip(chars, loaded.metrics(chars), strict=True) if m is None]
        assert missing == [], (entry.name, missing[:10])


def test_the_fonts_and_their_licence_are_installed_with_the_package() -> None:
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = patterns["game.shipped.assets"]
    folder = ROOT / "assets" / "fonts"
    files = [path.relative_to(folder.parent).as_posix() for path in folder.iterdir()]
    assert "fonts/OFL.txt" in files and "fonts/coverage.json" in files
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in shipped) for name in files), files
    for entry in font_table():
        for style in entry.files:
            assert text.font_file(font_table().index(entry), style).is_file()
    assert sum(path.stat().st_size for path in folder.iterdir()) < 5_000_000  # the CJK font is a subset


def test_start_up_opens_no_font_it_does_not_use(tmp_path: Path) -> None:
    """The title screen of the shipped scenarios opens Noto Sans alone; the CJK font waits for CJK text."""
    import os
    import subprocess
    import sys

    program = (
        "from game.settings import Settings\n"
        "from game.ui.app import App\n"
        "from game.ui.scenes.title import TitleScene\n"
        "from game.ui import text\n"
        "app = App(settings=Settings(), save_settings=False)\n"
        "app.reset(TitleScene(app))\n"
        "app.settle(0.1)\n"
        "print(','.join(text.opened))\n"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "RAPPORT_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "noto-sans"


def test_common_names_in_traditional_and_simplified_chinese_have_glyphs() -> None:
    for name in ("李雷", "陳志明", "張淑芬", "林怡君", "王秀英", "佐藤花子", "김민준"):
        assert text.missing_glyphs(name) == [] and "noto-sans-cjk" in text.fonts_used(name), name


def test_chinese_and_japanese_break_between_characters() -> None:
    pieces = text.break_pieces("你好，李雷。 hello world")
    assert pieces == [("你", True), ("好，", False), ("李", False), ("雷。", False), ("hello", True), ("world", True)]


def test_validate_warns_about_text_no_font_covers(tmp_path: Path) -> None:
    from game.commands.validate import validate_file

    assert validate_file(FIXTURE) == []
    thai = tmp_path / "every-script.yaml"  # the id is the file name: no warning about that
    thai.write_text(FIXTURE.read_text(encoding="utf-8").replace("Latin: I speak", "Thai: ภาษาไทย I speak"))
    warnings = [d for d in validate_file(thai) if d.severity == "warning"]
    assert len(warnings) == 1 and "U+0E20" in warnings[0].message and warnings[0].line > 1


@pytest.fixture
def listening() -> Iterator[list[tuple[str, str, str]]]:
    text.drawn = []
    yield text.drawn
    text.drawn = None


def _needed(line: str) -> set[str]:
    shown = text.substitute(line)
    return {ch for ch in shown if not ch.isspace() and not invisible(ch) and unicodedata.category(ch) != "Mn"}


def _check(drawn: list[tuple[str, str, str]], lines: list[str], where: str) -> None:
    boxes = [(run, name, missing) for run, name, missing in drawn if missing]
    assert boxes == [], f"{where}: characters drawn as boxes: {boxes[:5]}"
    seen = {ch for run, _, _ in drawn for ch in run}
    for line in lines:
        assert _needed(line) <= seen, f"{where}: not drawn from {line!r}: {sorted(_needed(line) - seen)}"


@pytest.mark.parametrize("size", [100, 200])
def test_every_script_is_drawn_in_the_session_debrief_and_class_view(
    size: int, tmp_path: Path, listening: list[tuple[str, str, str]]
) -> None:
    from game.ui.app import App
    from game.ui.request import PlayRequest
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.overlays import TranscriptScene
    from game.ui.scenes.replay import ClassScene, ReplayScene
    from game.ui.scenes.session import SessionScene
    from game.ui.scenes.title import TitleScene

    scenario = load_file(FIXTURE)
    app = App(settings=Settings(text_size=size, typewriter="instant"), size=(1280, 720), save_settings=False)
    try:
        # the name field takes Chinese and Arabic typed in
        title = TitleScene(app)
        app.reset(title)
        app.settle(0.1)
        assert title.name_entry is not None
        title.name_entry.focus()  # type: ignore[no-untyped-call]
        typed = f"{NAMES[0]} {NAMES[1]}"
        for ch in typed:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        app.settle(0.2)
        assert title.name_entry.get_text() == typed
        _check(listening, [*NAMES], "title")
        listening.clear()
        app.push(BriefingScene(app, PlayRequest(scenario, trainee=NAMES[0])))
        app.settle(0.1)
        _check(listening, [scenario.title, scenario.client.presenting_concern or ""], "briefing")
        listening.clear()

        # the session: each node's line, the reply, the coach
        logs = []
        for name, seed in zip(NAMES, (1, 2), strict=True):
            runner = SessionRunner.start(scenario, seed=seed, trainee=name, log=tmp_path / f"{seed}.jsonl")
            if seed == 2:
                runner.play_numbers(PATH)
                runner.close()
                logs.append(runner.path)
                continue
            listening.clear()
            scene = SessionScene(app, runner)
            app.reset(scene)
            for node_id in [*list(scenario.nodes)[:-1]]:
                app.settle(0.2)
                node = scenario.nodes[node_id]
                _check(listening, [*node.say, scenario.client.name, name], f"session at {node_id}")
                choice = node.choices[0]
                scene.choose_now(1)
                app.settle(0.2)
                for area in (scene.exchange, scene.column):  # lines out of a view are not drawn: scroll through
                    for offset in range(0, area.limit + area.view.height, max(1, area.view.height // 2)):
                        area.offset = min(offset, area.limit)
                        app.draw()
                _check(listening, [choice.text, choice.feedback or ""], f"reply at {node_id}")
            app.push(TranscriptScene(app, scenario, runner.session.events, "practice"))
            app.settle(0.1)
            _check(listening, [line for node in scenario.nodes.values() for line in node.say][:-1], "transcript")
            listening.clear()
            runner.close()
            logs.append(runner.path)

        finished = Session(scenario, seed=1)
        play_numbers(finished, PATH)
        app.reset(DebriefScene(app, scenario, finished.events, str(logs[0]), trainee=NAMES[1]))
        app.settle(0.2)
        said = [line for node in scenario.nodes.values() for line in node.say]
        summary = scenario.nodes["end"].ending.summary or ""  # type: ignore[union-attr]
        _check(listening, [summary, *said, NAMES[1]], "debrief")  # the transcript, every line
        listening.clear()

        records = [read_log(p) for p in logs if p is not None]
        app.reset(ReplayScene(app, scenario, records[1], step=4))
        app.settle(0.2)
        _check(listening, [NAMES[1]], "replay")
        listening.clear()
        app.reset(ClassScene(app, scenario, records))
        app.settle(0.2)
        _check(listening, [*NAMES, scenario.title], "class view")
    finally:
        app.close()
