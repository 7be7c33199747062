"""How the client looks: a pure function of the meters and the node's mood.

The face carries the moment (mood, when a node names one); the body carries the
relationship underneath (trust, hope, engagement). The same numbers always give
the same picture, so the renderer can be tested by its inputs alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from game.scenario.model import Meter

MOODS = ("guarded", "anxious", "sad", "angry", "neutral", "warm", "hopeful")


@dataclass(frozen=True, slots=True)
class Expression:
    """Every value is 0..1 unless it says otherwise; the avatar eases between them."""

    eye_contact: float  # 0 looks away toward the door, 1 meets your eyes
    gaze_down: float  # 0 level, 1 looking at the floor
    arms_open: float  # 0 arms crossed, 1 open hands resting
    lean: float  # -1 leaning back, +1 leaning in
    coat_on: float  # 1 coat still on (low trust), 0 off
    head_drop: float  # 1 head lowered
    slump: float  # 1 shoulders slumped
    smile: float  # -1 corners down, +1 a small smile
    light: float  # 0 dim and cool, 1 warm
    turn_away: float  # 1 body turned toward the door
    fidget: float  # 1 restless hands
    brow_worry: float  # inner brows raised
    brow_anger: float  # brows drawn down
    eye_open: float  # 0.6 narrowed .. 1.2 wide

    def lerp(self, other: Expression, t: float) -> Expression:
        """The expression a fraction `t` of the way to `other`."""
        return Expression(
            **{
                f.name: getattr(self, f.name) + (getattr(other, f.name) - getattr(self, f.name)) * t
                for f in fields(Expression)
            }
        )


def _level(meters: Mapping[str, int], bounds: Mapping[str, Meter], name: str, default: float) -> float:
    meter = bounds.get(name)
    if meter is None or name not in meters:
        return default
    return max(0.0, min(1.0, (meters[name] - meter.min) / (meter.max - meter.min)))


def derived_mood(trust: float, hope: float) -> str:
    """The mood the meters suggest when a node does not name one."""
    if trust < 0.25:
        return "guarded"
    if hope < 0.25:
        return "sad"
    if trust > 0.65 and hope > 0.6:
        return "hopeful"
    if trust > 0.55:
        return "warm"
    return "neutral"


# the face each mood gives: smile, brow_worry, brow_anger, eye_open, gaze_down nudge
_FACES: dict[str, tuple[float, float, float, float, float]] = {
    "guarded": (-0.15, 0.1, 0.25, 0.85, 0.1),
    "anxious": (-0.2, 0.8, 0.0, 1.15, 0.05),
    "sad": (-0.7, 0.7, 0.0, 0.8, 0.35),
    "angry": (-0.5, 0.0, 0.9, 0.8, -0.05),
    "neutral": (0.0, 0.1, 0.0, 1.0, 0.0),
    "warm": (0.45, 0.05, 0.0, 1.0, 0.0),
    "hopeful": (0.65, 0.15, 0.0, 1.05, -0.05),
}


def expression(meters: Mapping[str, int], bounds: Mapping[str, Meter], mood: str | None = None) -> Expression:
    """The client's expression for these meter values and this node's mood (if any)."""
    trust = _level(meters, bounds, "trust", 0.5)
    hope = _level(meters, bounds, "hope", 0.5)
    engagement = _level(meters, bounds, "engagement", (trust + hope) / 2)
    face = mood if mood in _FACES else derived_mood(trust, hope)
    smile, worry, anger, eye_open, down = _FACES[face]
    # hope tints the mouth underneath the mood: a hopeful client smiles a little more
    smile = max(-1.0, min(1.0, smile + (hope - 0.5) * 0.5))
    return Expression(
        eye_contact=round(min(1.0, max(0.0, 0.15 + trust * 0.85 - (0.2 if face == "guarded" else 0))), 3),
        gaze_down=round(min(1.0, max(0.0, (1 - hope) * 0.45 + (1 - trust) * 0.2 + down)), 3),
        arms_open=round(min(1.0, max(0.0, (trust - 0.3) / 0.4)), 3),
        lean=round(max(-1.0, min(1.0, (trust - 0.45) * 1.6 + (engagement - 0.5) * 0.6)), 3),
        coat_on=1.0 if trust < 0.32 else 0.0,
        head_drop=round(max(0.0, min(1.0, (0.55 - hope) * 1.6)), 3),
        slump=round(max(0.0, min(1.0, (0.6 - hope) * 1.5)), 3),
        smile=round(smile, 3),
        light=round(0.25 + hope * 0.75, 3),
        turn_away=round(max(0.0, min(1.0, (0.45 - engagement) * 2.2)), 3),
        fidget=round(max(0.0, min(1.0, (0.5 - engagement) * 2 + (0.4 if face == "anxious" else 0))), 3),
        brow_worry=worry,
        brow_anger=anger,
        eye_open=eye_open,
    )


def cue(name: str, e: Expression) -> str:
    """One line that says in words what the face and body show (a text alternative)."""
    if e.turn_away > 0.5:
        look = f"{name} glances toward the door"
    elif e.eye_contact > 0.75:
        look = f"{name} meets your eyes"
    elif e.gaze_down > 0.55:
        look = f"{name} looks down at the floor"
    elif e.eye_contact < 0.35:
        look = f"{name} looks past you"
    else:
        look = f"{name} looks at you now and then"
    if e.coat_on:
        body = "coat still on, arms folded"
    elif e.arms_open < 0.3:
        body = "arms folded"
    elif e.arms_open > 0.75:
        body = "hands open on the knees"
    else:
        body = "hands in the lap"
    if e.lean > 0.4:
        body += ", leaning in"
    elif e.lean < -0.4:
        body += ", leaning back"
    face = ""
    if e.brow_anger > 0.6:
        face = "jaw set"
    elif e.smile > 0.45:
        face = "a small smile"
    elif e.smile < -0.45:
        face = "the corners of the mouth pulled down"
    elif e.brow_worry > 0.6:
        face = "brow creased with worry"
    if e.slump > 0.6:
        face = (face + ", shoulders slumped") if face else "shoulders slumped"
    if e.fidget > 0.6:
        face = (face + ", fidgeting") if face else "fidgeting"
    return f"{look}, {body}" + (f"; {face}." if face else ".")
