"""The client you can read (issue 15): portraits, channels, moments and the caption's place."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from game.engine.expression import expression
from game.scenario.appearance import EXPRESSIONS
from game.scenario.loader import load_file
from game.scenario.model import Scenario
from game.ui.avatar import MOMENTS, Avatar
from game.ui.stage import look_of, portrait, reaction
from tests.helpers import rapport

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SIZE = (256, 256)


def load(name: str) -> Scenario:
    return load_file(ROOT / "scenarios" / f"{name}.yaml")


def difference(a: pygame.Surface, b: pygame.Surface) -> float:
    """Mean absolute difference per channel, 0..255, on a 64x64 thumbnail (what a glance sees)."""
    small_a = pygame.transform.smoothscale(a, (64, 64))
    small_b = pygame.transform.smoothscale(b, (64, 64))
    total = 0
    for x in range(64):
        for y in range(64):
            ca, cb = small_a.get_at((x, y)), small_b.get_at((x, y))
            total += abs(ca.r - cb.r) + abs(ca.g - cb.g) + abs(ca.b - cb.b)
    return total / (64 * 64 * 3)


def changed_pixels(a: pygame.Surface, b: pygame.Surface) -> int:
    """How many pixels differ clearly (by more than 24 in some channel) at full size."""
    data_a, data_b = pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB")
    return sum(1 for i in range(0, len(data_a), 3) if max(abs(data_a[i + c] - data_b[i + c]) for c in range(3)) > 24)


def test_distinct_shipped_clients_at_the_same_meters_differ_pairwise() -> None:
    clients = {load_file(p).client.name: p for p in SCENARIOS}  # one picture per client: a returning one looks the same
    pictures = {p.stem: portrait(load_file(p), {"trust": 50, "hope": 50}, size=SIZE) for p in clients.values()}
    for a, b in itertools.combinations(pictures, 2):
        assert difference(pictures[a], pictures[b]) > 3.0, (a, b)


@pytest.mark.parametrize("meter", ["trust", "hope"])
def test_one_client_at_ten_thirty_fifty_seventy_ninety_all_differ(meter: str) -> None:
    scenario = load("starter-first-meeting")
    other = "hope" if meter == "trust" else "trust"
    pictures = [portrait(scenario, {meter: v, other: 50}, size=SIZE) for v in (10, 30, 50, 70, 90)]
    for a, b in itertools.combinations(pictures, 2):
        assert difference(a, b) > 1.5


@pytest.mark.parametrize("meter", ["trust", "hope"])
def test_ten_points_show_side_by_side(meter: str) -> None:
    scenario = load("hope-nothing-changes")
    other = "hope" if meter == "trust" else "trust"
    for value in (20, 45, 70):
        a = portrait(scenario, {meter: value, other: 50}, size=SIZE)
        b = portrait(scenario, {meter: value + 10, other: 50}, size=SIZE)
        assert difference(a, b) > 0.8, value


def test_every_expression_hint_changes_the_picture() -> None:
    scenario = load("empathy-grief")
    plain = portrait(scenario, {"trust": 50, "hope": 50}, size=SIZE)
    for hint in EXPRESSIONS:
        assert changed_pixels(plain, portrait(scenario, {"trust": 50, "hope": 50}, (hint,), size=SIZE)) > 50, hint


def test_the_portrait_command_writes_the_same_bytes_for_the_same_inputs(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    for out in (first, second):
        done = rapport(
            "portrait", "starter-first-meeting", "--set", "trust=20", "--expression", "tearful", "-o", str(out)
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("wrote ") and done.stderr == ""
    assert first.read_bytes() == second.read_bytes()
    assert pygame.image.load(str(first)).get_size() == (512, 512)
    done = rapport("portrait", "starter-first-meeting", "--size", "320x200", "-o", str(other))
    assert done.returncode == 0 and pygame.image.load(str(other)).get_size() == (320, 200)


def test_the_portrait_command_refuses_bad_usage(tmp_path: Path) -> None:
    out = str(tmp_path / "x.png")
    done = rapport("portrait", "starter-first-meeting", "--expression", "weeps", "-o", out)
    assert done.returncode == 2
    assert "'tearful'" in done.stderr and "'looks at the door'" in done.stderr and "Traceback" not in done.stderr
    assert rapport("portrait", "starter-first-meeting", "--size", "big", "-o", out).returncode == 2
    assert rapport("portrait", "starter-first-meeting", "--set", "trust=400", "-o", out).returncode == 2
    assert rapport("portrait", "no-such-client", "-o", out).returncode == 2


def _avatar(reduced_motion: bool = False) -> tuple[Avatar, Scenario]:
    scenario = load("starter-first-meeting")
    avatar = Avatar(look_of(scenario.client), seed=3, reduced_motion=reduced_motion)
    bounds = {m.name: m for m in scenario.meters}
    avatar.set_target(expression({"trust": 40, "hope": 40}, bounds))
    return avatar, scenario


def test_a_reply_landing_plays_a_short_eased_moment_then_rests() -> None:
    avatar, _ = _avatar()
    rest = avatar.posed()[0]
    avatar.react("flinch")
    avatar.update(0.15)
    mid = avatar.posed()[0]
    assert mid is not None and rest is not None and mid.lean < rest.lean
    for _ in range(60):
        avatar.update(1 / 30)
    assert avatar.posed()[0] == avatar.shown


def test_reduced_motion_and_still_pictures_have_no_moments_breath_or_blinks() -> None:
    avatar, _ = _avatar(reduced_motion=True)
    avatar.react("nod")
    for _ in range(400):
        avatar.update(1 / 30)
        assert avatar.breath() == 0 and not avatar.blinking and avatar.posed()[1:] == ("", 0.0)
    still, _ = _avatar()
    still.still = True
    for _ in range(400):
        still.update(1 / 30)
        assert still.breath() == 0 and not still.blinking


def test_breathing_blinking_and_gestures_run_in_a_live_session() -> None:
    avatar, _ = _avatar()
    breaths, blinks, gestures = set(), 0, set()
    for _ in range(30 * 30):
        avatar.update(1 / 30)
        breaths.add(round(avatar.breath(), 1))
        blinks += avatar.blinking
        gestures.add(avatar.posed()[1])
    assert len(breaths) > 5 and blinks > 0 and gestures - {""}


def test_how_a_reply_lands_names_the_moment() -> None:
    meters = load("starter-first-meeting").meters
    assert reaction({"trust": 50, "hope": 50}, {"trust": 35, "hope": 50}, meters) == "flinch"
    assert reaction({"trust": 50, "hope": 50}, {"trust": 55, "hope": 50}, meters) == "nod"
    assert reaction({"trust": 50, "hope": 50}, {"trust": 50, "hope": 60}, meters) == "sigh"
    assert reaction({"trust": 50, "hope": 50}, {"trust": 50, "hope": 44}, meters) == "droop"
    assert reaction({"trust": 50, "hope": 50}, {"trust": 51, "hope": 50}, meters) == ""
    assert set(MOMENTS) >= {"flinch", "look_away", "sigh", "nod", "droop"}


def test_the_caption_sits_under_the_client_and_names_the_hint(app) -> None:  # type: ignore[no-untyped-def]
    from game.record.runner import SessionRunner
    from game.ui.scenes.session import SessionScene
    from game.ui.stage import caption_band, figure_rect

    scenario = load("starter-first-meeting")
    scene = SessionScene(app, SessionRunner.start(scenario, seed=1, logged=False))
    app.push(scene)
    app.settle(0.5)
    stage = scene.rects["stage"]
    band = caption_band(scene.theme, scene._cue_text(), stage)
    figure = figure_rect(pygame.Rect(stage.left, stage.top, stage.width, band.top - stage.top))
    assert band.top >= figure.bottom and band.bottom == stage.bottom
    assert figure.height > stage.height // 2
    bounds = {m.name: m for m in scenario.meters}
    from game.engine.expression import cue

    tearful = expression({"trust": 50, "hope": 50}, bounds, None, ("tearful",))
    assert tearful.tears == 1 and "tears" in cue("Tomás", tearful)
    assert "door" in cue("Tomás", expression({"trust": 50, "hope": 50}, bounds, None, ("looks at the door",)))
    assert "smile" in cue("Tomás", expression({"trust": 50, "hope": 20}, bounds, None, ("smiles",)))


def test_breathing_never_lowers_the_client_into_the_caption_band() -> None:
    avatar, _ = _avatar()
    surface = pygame.Surface((600, 500), pygame.SRCALPHA)
    rect = pygame.Rect(0, 0, 600, 400)
    for _ in range(200):
        avatar.update(1 / 30)
        surface.fill((0, 0, 0, 0))
        avatar.draw(surface, rect)
        assert surface.get_bounding_rect().bottom <= rect.bottom


def test_a_node_shows_its_hint_and_what_its_narration_names() -> None:
    from game.scenario.model import Node
    from game.ui.stage import node_hints

    node = Node("a", narration="He smiles at his hands, glancing at the door.", expression="tearful")
    assert node_hints(node) == ("tearful", "smiles", "looks at the door")
    assert node_hints(Node("b")) == () and node_hints(None) == ()
