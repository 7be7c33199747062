"""How the client looks: a pure function of the meters, the node's mood and its hints.

Each meter drives its own channels, continuously (no steps, so 10 points always
show and changes ease without pops):

- trust: where the eyes go (the door ... you), the arms (folded ... open hands),
  the lean, the coat (buttoned ... off), the prop (clutched ... set aside) and
  the distance (the chair drawn back ... drawn in);
- hope: the head (lowered ... up), the shoulders (slumped ... upright), the mouth
  corners and brows, the eyelids, the energy of movement and the light in the room.

A node's `mood` nudges the face for that moment; its `expression` hints (and the
gestures its narration names) are drawn and named by the caption. The same
inputs always give the same picture, so the renderer is tested by its inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from game.scenario.model import EXPRESSIONS, Meter

MOODS = ("guarded", "anxious", "sad", "angry", "neutral", "warm", "hopeful")
HINTS = EXPRESSIONS


@dataclass(frozen=True, slots=True)
class Expression:
    """Every value is 0..1 unless it says otherwise; the avatar eases between them."""

    eye_contact: float  # 0 looks toward the door, 1 meets your eyes
    gaze_down: float  # 0 level, 1 looking at the floor
    arms_open: float  # 0 arms folded tight, 0.5 hands in the lap, 1 open hands on the knees
    lean: float  # -1 leaning back, +1 leaning in
    coat_on: float  # 1 coat on and closed, 0.5 open, 0 off (over the chair)
    prop_hold: float  # 1 the bag/phone/mug held close, 0 set aside
    distance: float  # 0 the chair drawn back (far), 1 drawn in (near)
    head_drop: float  # 1 head lowered
    slump: float  # 1 shoulders slumped
    smile: float  # -1 corners down, +1 a smile
    light: float  # 0 dim and cool, 1 warm
    turn_away: float  # 1 head and body turned toward the door
    fidget: float  # 1 restless hands
    brow_worry: float  # inner brows raised
    brow_anger: float  # brows drawn down
    eye_open: float  # 0.6 heavy lids .. 1.2 wide
    energy: float = 0.5  # amplitude and pace of movement
    tears: float = 0.0  # wet eyes, a tear on the cheek
    hand_face: float = 0.0  # a hand raised to the face

    def lerp(self, other: Expression, t: float) -> Expression:
        """The expression a fraction `t` of the way to `other`."""
        return Expression(
            **{
                f.name: getattr(self, f.name) + (getattr(other, f.name) - getattr(self, f.name)) * t
                for f in fields(Expression)
            }
        )

    def nudged(self, deltas: Mapping[str, float], amount: float) -> Expression:
        """This expression with `deltas` added, scaled by `amount` (a moment's passing pose)."""
        values = {f.name: getattr(self, f.name) for f in fields(Expression)}
        for name, delta in deltas.items():
            values[name] = values[name] + delta * amount
        return Expression(**values)


def _level(meters: Mapping[str, int], bounds: Mapping[str, Meter], name: str, default: float) -> float:
    meter = bounds.get(name)
    if meter is None or name not in meters:
        return default
    return max(0.0, min(1.0, (meters[name] - meter.min) / (meter.max - meter.min)))


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return round(max(low, min(high, value)), 3)


def derived_mood(trust: float, hope: float) -> str:
    """The mood the meters suggest (a word for people; the face itself follows the meters)."""
    if trust < 0.25:
        return "guarded"
    if hope < 0.25:
        return "sad"
    if trust > 0.65 and hope > 0.6:
        return "hopeful"
    if trust > 0.55:
        return "warm"
    return "neutral"


# what a node's mood adds to the face: smile, brow_worry, brow_anger, eye_open, gaze_down
_FACES: dict[str, tuple[float, float, float, float, float]] = {
    "guarded": (-0.1, 0.0, 0.25, -0.08, 0.05),
    "anxious": (-0.1, 0.45, 0.0, 0.15, 0.0),
    "sad": (-0.3, 0.35, 0.0, -0.1, 0.2),
    "angry": (-0.35, -0.2, 0.8, -0.1, -0.1),
    "neutral": (0.0, 0.0, 0.0, 0.0, 0.0),
    "warm": (0.25, -0.1, 0.0, 0.0, 0.0),
    "hopeful": (0.3, -0.1, 0.0, 0.05, -0.05),
}


def expression(
    meters: Mapping[str, int],
    bounds: Mapping[str, Meter],
    mood: str | None = None,
    hints: Iterable[str] = (),
) -> Expression:
    """The client's expression for these meter values, this node's mood and its hints (if any)."""
    trust = _level(meters, bounds, "trust", 0.5)
    hope = _level(meters, bounds, "hope", 0.5)
    engagement = _level(meters, bounds, "engagement", (trust + hope) / 2)
    smile_n, worry_n, anger_n, open_n, down_n = _FACES.get(mood or "neutral", _FACES["neutral"])
    e = {
        # trust
        "eye_contact": _clamp(trust * 1.1 - 0.05),
        "arms_open": _clamp(trust / 0.85),
        "lean": _clamp((trust - 0.5) * 2.0 + (engagement - 0.5) * 0.3, -1, 1),
        "coat_on": _clamp(1 - trust * 1.15),
        "prop_hold": _clamp(1 - trust * 1.15),
        "distance": _clamp(trust),
        "turn_away": _clamp((0.45 - trust) * 1.6 + (0.45 - engagement) * 0.8),
        "fidget": _clamp((0.5 - engagement) * 1.6 + (0.35 if mood == "anxious" else 0)),
        # hope
        "gaze_down": _clamp((1 - hope) * 0.8 - 0.05 + down_n),
        "head_drop": _clamp((0.9 - hope) / 0.85),
        "slump": _clamp((0.95 - hope) / 0.9),
        "smile": _clamp((hope - 0.45) * 1.7 + smile_n, -1, 1),
        "light": _clamp(hope),
        "brow_worry": _clamp((0.75 - hope) * 1.2 + worry_n),
        "brow_anger": _clamp(anger_n),
        "eye_open": _clamp(0.72 + hope * 0.36 + open_n, 0.6, 1.2),
        "energy": _clamp(0.15 + hope * 0.85),
        "tears": 0.0,
        "hand_face": 0.0,
    }
    for hint in hints:
        if hint == "tearful":
            e["tears"] = 1.0
            e["brow_worry"] = max(e["brow_worry"], 0.8)
            e["smile"] = min(e["smile"], -0.3)
        elif hint == "smiles":
            e["smile"] = max(e["smile"], 0.7)
            e["brow_worry"] = min(e["brow_worry"], 0.3)
        elif hint == "looks at the door":
            e["eye_contact"] = 0.0
            e["turn_away"] = max(e["turn_away"], 0.8)
        elif hint == "looks down":
            e["gaze_down"] = 1.0
            e["head_drop"] = max(e["head_drop"], 0.6)
        elif hint == "hand to face":
            e["hand_face"] = 1.0
        elif hint == "arms folded":
            e["arms_open"] = 0.0
        elif hint == "frowns":
            e["brow_anger"] = max(e["brow_anger"], 0.7)
            e["smile"] = min(e["smile"], -0.3)
        elif hint == "leans in":
            e["lean"] = 1.0
        elif hint == "coat on":
            e["coat_on"] = 1.0
        elif hint == "coat off":
            e["coat_on"] = 0.0
    return Expression(**e)


def cue(name: str, e: Expression) -> str:
    """One line that says in words what the face and body show (a text alternative)."""
    if e.turn_away > 0.5:
        look = f"{name} looks toward the door"
    elif e.gaze_down > 0.7:
        look = f"{name} looks down at the floor"
    elif e.eye_contact > 0.75:
        look = f"{name} meets your eyes"
    elif e.eye_contact < 0.35:
        look = f"{name} looks past you"
    else:
        look = f"{name} looks at you now and then"
    if e.coat_on > 0.75:
        body = "coat buttoned, arms folded" if e.arms_open < 0.3 else "coat buttoned"
    elif e.arms_open < 0.3:
        body = "coat open, arms folded" if e.coat_on > 0.3 else "arms folded"
    elif e.arms_open > 0.75:
        body = "hands open on the knees"
    else:
        body = "hands in the lap"
    if e.lean > 0.4:
        body += ", leaning in"
    elif e.lean < -0.4:
        body += ", leaning back"
    face: list[str] = []
    if e.tears > 0.5:
        face.append("eyes wet with tears")
    if e.hand_face > 0.5:
        face.append("a hand to the face")
    if e.brow_anger > 0.6:
        face.append("a frown")
    elif e.smile > 0.45:
        face.append("a smile")
    elif e.smile < -0.45:
        face.append("the corners of the mouth pulled down")
    elif e.brow_worry > 0.7:
        face.append("brow creased with worry")
    if e.slump > 0.6:
        face.append("shoulders slumped")
    elif e.slump < 0.2:
        face.append("sitting up")
    if e.fidget > 0.6:
        face.append("fidgeting")
    return f"{look}, {body}" + (f"; {', '.join(face)}." if face else ".")
