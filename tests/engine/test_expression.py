"""The client's expression is a pure function of the meters and the mood."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.engine.expression import Expression, cue, derived_mood, expression
from game.scenario.model import Meter

BOUNDS = {"trust": Meter("trust", 30), "hope": Meter("hope", 20), "engagement": Meter("engagement", 50)}


def look(trust: int, hope: int, engagement: int | None = None, mood: str | None = None) -> Expression:
    meters = {"trust": trust, "hope": hope}
    if engagement is not None:
        meters["engagement"] = engagement
    bounds = {k: v for k, v in BOUNDS.items() if k in meters}
    return expression(meters, bounds, mood)


def test_trust_opens_the_body_and_meets_the_eyes() -> None:
    low, high = look(5, 50), look(90, 50)
    assert high.eye_contact > low.eye_contact + 0.5
    assert low.arms_open < 0.1 and high.arms_open == 1
    assert low.coat_on > 0.9 and high.coat_on == 0
    assert look(0, 50).arms_open == 0 and look(0, 50).coat_on == 1
    assert high.lean > 0 > low.lean


def test_every_channel_moves_with_ten_points_of_its_meter() -> None:
    for value in range(0, 81, 10):
        a, b = look(value, value), look(value + 10, value + 10)
        assert b.eye_contact > a.eye_contact or a.eye_contact == 0
        assert b.distance > a.distance and b.light > a.light
        assert b.smile > a.smile and b.energy > a.energy
        assert b.arms_open > a.arms_open or a.arms_open == 1


def test_hope_lifts_the_head_the_mouth_and_the_light() -> None:
    low, high = look(50, 5), look(50, 95)
    assert low.head_drop > high.head_drop
    assert low.slump > high.slump
    assert high.smile > low.smile
    assert high.light > low.light


def test_engagement_turns_the_client_toward_the_trainee() -> None:
    assert look(50, 50, engagement=5).turn_away > look(50, 50, engagement=95).turn_away
    assert look(50, 50, engagement=95).turn_away == 0
    assert look(5, 50, engagement=5).turn_away > 0.5
    assert look(50, 50, engagement=5).fidget > look(50, 50, engagement=95).fidget


def test_mood_sets_the_face_and_meters_the_posture() -> None:
    angry, warm = look(60, 60, mood="angry"), look(60, 60, mood="warm")
    assert angry.brow_anger > warm.brow_anger
    assert warm.smile > angry.smile
    assert angry.arms_open == warm.arms_open  # the posture underneath is the meters'


def test_derived_mood_when_the_node_has_none() -> None:
    assert derived_mood(0.1, 0.9) == "guarded"
    assert derived_mood(0.5, 0.1) == "sad"
    assert derived_mood(0.9, 0.9) == "hopeful"


def test_the_cue_says_what_the_face_shows() -> None:
    assert "door" in cue("Maya", look(5, 10)) and "coat" in cue("Maya", look(5, 10))
    assert "meets your eyes" in cue("Maya", look(95, 80))


@given(
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(0, 100),
    st.sampled_from([None, "guarded", "anxious", "sad", "angry", "neutral", "warm", "hopeful"]),
)
def test_more_trust_never_means_less_eye_contact(trust: int, hope: int, delta: int, mood: str | None) -> None:
    lower = look(trust, hope, mood=mood)
    higher = look(min(100, trust + delta), hope, mood=mood)
    assert higher.eye_contact >= lower.eye_contact
    assert higher.arms_open >= lower.arms_open
    for value in (lower.eye_contact, lower.arms_open, lower.light, lower.turn_away):
        assert 0 <= value <= 1


def test_lerp_reaches_its_target() -> None:
    a, b = look(5, 5), look(95, 95)
    assert a.lerp(b, 1.0) == b and a.lerp(b, 0.0) == a
    assert a.lerp(b, 0.5).eye_contact == (a.eye_contact + b.eye_contact) / 2
