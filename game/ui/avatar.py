"""The client, drawn procedurally from a `Look` and an `Expression` (no image files).

`Avatar` eases its shown expression toward the target (0.45 s), breathes on a
slow cycle whose depth and pace follow the client's energy, blinks at seeded
random moments (so replays match), plays short reactions when a reply lands and
small idle gestures. Reduced motion turns all of that off; `still` (screenshots
and portraits) draws the rest pose. Rendering is cached by the quantised pose,
so a client at rest costs one blit.
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from dataclasses import fields

import pygame

from game.engine.expression import Expression
from game.scenario.appearance import Look

EASE_SECONDS = 0.45
BREATH_SECONDS = 4.5
DESIGN_W, DESIGN_H = 560, 448
SUPERSAMPLE = 2
SHARPEN_AFTER = 0.6  # seconds at rest before the (costlier) supersampled picture is drawn
CACHE_SIZE = 64
CACHE_PIXELS = 16_000_000  # about 64 MB of cached pictures, whatever the window's size (4K included)

# a reply landing: which channels move, how far, for how long, and the envelope's shape
MOMENTS: dict[str, tuple[dict[str, float], float, str]] = {
    "flinch": ({"lean": -0.7, "eye_contact": -0.6, "brow_worry": 0.5, "eye_open": 0.2, "turn_away": 0.3}, 0.9, "snap"),
    "look_away": ({"eye_contact": -0.8, "turn_away": 0.5, "gaze_down": 0.2}, 1.5, "pulse"),
    "sigh": ({"slump": 0.35, "eye_open": -0.25, "head_drop": 0.1, "smile": 0.25, "brow_worry": -0.3}, 1.8, "pulse"),
    "nod": ({"head_drop": 0.32}, 1.1, "nod"),
    "droop": ({"head_drop": 0.35, "gaze_down": 0.45, "slump": 0.2, "smile": -0.2}, 1.6, "pulse"),
}
# idle gestures, chosen from the state (each names a painter pose, or a moment)
GESTURES = ("hand_face", "rub_neck", "fidget", "nod")


def _shade(colour: str | pygame.Color, factor: float) -> pygame.Color:
    c = pygame.Color(colour)
    return pygame.Color(
        max(0, min(255, round(c.r * factor))),
        max(0, min(255, round(c.g * factor))),
        max(0, min(255, round(c.b * factor))),
    )


def _mix(a: str | pygame.Color, b: str | pygame.Color, t: float) -> pygame.Color:
    return pygame.Color(a).lerp(pygame.Color(b), max(0.0, min(1.0, t)))


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


def _envelope(shape: str, u: float) -> float:
    """0 at the start and end of a moment, up to 1 between."""
    if shape == "snap":  # fast in, slow out
        return math.sin(math.pi * min(1.0, u * 3)) if u < 1 / 6 else (1 - (u - 1 / 6) / (5 / 6)) ** 1.5
    if shape == "nod":  # two dips
        return 0.5 * (1 - math.cos(4 * math.pi * u)) * math.sin(math.pi * u)
    return math.sin(math.pi * u) ** 2


def _lerp2(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _path(points: list[tuple[float, float]], t: float) -> tuple[float, float]:
    """A point along key poses: t=0 the first, t=1 the last, eased between neighbours."""
    t = max(0.0, min(1.0, t)) * (len(points) - 1)
    i = min(len(points) - 2, int(t))
    return _lerp2(points[i], points[i + 1], _ease(t - i))


class Avatar:
    def __init__(self, look: Look, seed: int = 0, reduced_motion: bool = False) -> None:
        self.look = look
        self.reduced_motion = reduced_motion
        self.still = False  # screenshots and portraits: the rest pose
        self.shown: Expression | None = None
        self._from: Expression | None = None
        self._target: Expression | None = None
        self._t = 1.0
        self._clock = 0.0
        self._rest_since = 0.0  # when the client last came to rest
        self._breath_phase = 0.0
        self._random = random.Random(f"{seed}:blink")
        self._gestures = random.Random(f"{seed}:gesture")
        self._next_blink = self._random.uniform(3, 6)
        self._blink_until = -1.0
        self._moment: tuple[str, float] | None = None  # kind, start time
        self._gesture: tuple[str, float, float] | None = None  # kind, start, duration
        self._next_gesture = self._gestures.uniform(6, 10)
        self._cache: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()

    # -- time -------------------------------------------------------------------

    @property
    def moving(self) -> bool:
        return not (self.reduced_motion or self.still)

    def set_target(self, target: Expression) -> None:
        if self.shown is None or self.reduced_motion:
            self.shown = self._target = self._from = target
            self._t = 1.0
            return
        if self._target == target:
            return
        self._from = self.shown
        self._target = target
        self._t = 0.0

    def react(self, kind: str) -> None:
        """A short reaction to a reply that landed (a flinch, looking away, a sigh, a nod)."""
        if kind in MOMENTS and self.moving:
            self._moment = (kind, self._clock)
            self._gesture = None

    def update(self, dt: float) -> None:
        self._clock += dt
        energy = self.shown.energy if self.shown is not None else 0.5
        self._breath_phase += dt / (BREATH_SECONDS + 0.9 - 1.6 * energy)
        if self._target is not None and self._from is not None and self._t < 1.0:
            self._t = min(1.0, self._t + dt / EASE_SECONDS)
            self.shown = self._from.lerp(self._target, _ease(self._t))
        if self._clock >= self._next_blink:
            self._blink_until = self._clock + 0.14
            self._next_blink = self._clock + self._random.uniform(3, 6)
        if self._moment is not None and self._clock - self._moment[1] > MOMENTS[self._moment[0]][1]:
            self._moment = None
        if self._gesture is not None and self._clock - self._gesture[1] > self._gesture[2]:
            self._gesture = None
        if self._clock >= self._next_gesture:
            self._next_gesture = self._clock + self._gestures.uniform(7, 13) / (0.6 + energy * 0.8)
            if self._moment is None and self.shown is not None:
                self._gesture = (self._idle_gesture(self.shown), self._clock, self._gestures.uniform(1.8, 2.6))
        if not self.settled:
            self._rest_since = self._clock

    def _idle_gesture(self, e: Expression) -> str:
        if e.energy < 0.4 and self._gestures.random() < 0.7:
            return "hand_face"
        if e.eye_contact < 0.45:
            return "rub_neck" if self._gestures.random() < 0.5 else "fidget"
        return "nod" if self._gestures.random() < 0.6 else "hand_face"

    @property
    def target(self) -> Expression | None:
        return self._target

    @property
    def settled(self) -> bool:
        return self._t >= 1.0 and (not self.moving or (self._moment is None and self._gesture is None))

    @property
    def blinking(self) -> bool:
        return self.moving and self._clock < self._blink_until

    def breath(self) -> float:
        """-1..1 over a slow cycle (still under reduced motion and at rest)."""
        if not self.moving:
            return 0.0
        return math.sin(self._breath_phase * 2 * math.pi)

    def fidget_phase(self) -> int:
        if not self.moving or self.shown is None:
            return 0
        fidgeting = self.shown.fidget >= 0.3 or (self._gesture is not None and self._gesture[0] == "fidget")
        return int(self._clock * 3) % 4 if fidgeting else 0

    def posed(self) -> tuple[Expression | None, str, float]:
        """The expression with the current moment applied, and the gesture's pose and amount."""
        e = self.shown
        if e is None or not self.moving:
            return e, "", 0.0
        if self._moment is not None:
            deltas, duration, shape = MOMENTS[self._moment[0]]
            u = (self._clock - self._moment[1]) / duration
            e = e.nudged(deltas, _envelope(shape, u))
        gesture, amount = "", 0.0
        if self._gesture is not None:
            kind, start, duration = self._gesture
            u = (self._clock - start) / duration
            strength = 0.5 + e.energy * 0.5
            if kind == "nod":
                e = e.nudged({"head_drop": 0.25 * strength}, _envelope("nod", u))
            elif kind in ("hand_face", "rub_neck"):
                gesture, amount = kind, round(min(1.0, math.sin(math.pi * u) * 1.6) * 10) / 10
        return e, gesture, amount

    # -- drawing ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the client seated in `rect` (its bottom edge is the floor under the chair)."""
        e, gesture, amount = self.posed()
        if e is None:
            return
        scale = min(rect.width / DESIGN_W, rect.height / DESIGN_H)
        sharp = not self.moving or (self.settled and self._clock - self._rest_since >= SHARPEN_AFTER)
        sample = SUPERSAMPLE if self.settled and sharp else 1
        key = (self._quantised(e), self.blinking, self.fidget_phase(), gesture, amount, round(scale, 3), sample)
        image = self._cache.get(key)
        if image is None:
            image = self.render(e, scale, sample, self.blinking, self.fidget_phase(), gesture, amount)
            self._cache[key] = image
            pixels = sum(i.get_width() * i.get_height() for i in self._cache.values())
            while len(self._cache) > 1 and (len(self._cache) > CACHE_SIZE or pixels > CACHE_PIXELS):
                _, dropped = self._cache.popitem(last=False)
                pixels -= dropped.get_width() * dropped.get_height()
        else:
            self._cache.move_to_end(key)
        # breathing lifts the body from its rest pose, never below it (the caption band stays clear)
        lift = -round((self.breath() + 1) / 2 * (2.4 + 4.0 * e.energy) * scale)
        surface.blit(image, image.get_rect(midbottom=(rect.centerx, rect.bottom + lift)))

    @staticmethod
    def _quantised(e: Expression) -> tuple[float, ...]:
        return tuple(round(getattr(e, f.name), 2) for f in fields(Expression))

    def render(
        self,
        e: Expression,
        scale: float,
        sample: int = SUPERSAMPLE,
        blinking: bool = False,
        fidget: int = 0,
        gesture: str = "",
        amount: float = 0.0,
    ) -> pygame.Surface:
        k = scale * sample
        width, height = round(DESIGN_W * k), round(DESIGN_H * k)
        canvas = pygame.Surface((width, height), pygame.SRCALPHA)
        _Painter(canvas, k, self.look, e, blinking, fidget, gesture, amount).paint()
        # the room's light falls on the client too: dim and cool with low hope, warm with high
        light = max(0.0, min(1.0, e.light))
        cool, warm = (150, 160, 188), (255, 244, 222)
        canvas.fill(
            tuple(round(c + (w - c) * light) for c, w in zip(cool, warm, strict=True)),
            special_flags=pygame.BLEND_RGB_MULT,
        )
        if sample > 1:
            canvas = pygame.transform.smoothscale(canvas, (round(DESIGN_W * scale), round(DESIGN_H * scale)))
        return canvas


BUILD_WIDTH = {"slight": 100.0, "medium": 114.0, "broad": 128.0, "heavy": 134.0}
CHAIR, CHAIR_DARK = "#7d6a5a", "#665446"
EYE_WHITE, IRIS, PUPIL, LIP = "#f4efe8", "#4a3426", "#0e0b09", "#8a4038"


class _Painter:
    """Draws one frame of the client in design units (560×448, the floor at the bottom)."""

    def __init__(
        self,
        canvas: pygame.Surface,
        k: float,
        look: Look,
        e: Expression,
        blinking: bool,
        fidget_phase: int,
        gesture: str = "",
        amount: float = 0.0,
    ) -> None:
        self.c = canvas
        self.k = k
        self.look = look
        self.e = e
        self.blinking = blinking
        self.fidget = fidget_phase
        self.gesture = gesture
        self.amount = amount
        self.skin = pygame.Color(look.skin)
        self.hair = _mix(look.hair, "#c9c6c2", look.greying)
        self.shirt = pygame.Color(look.shirt)
        self.coat = pygame.Color(look.coat)
        self.width = BUILD_WIDTH.get(look.build, 114.0)
        self.heavy = look.build == "heavy"
        # distance: trust draws the chair in (larger), guardedness pushes it back; leaning adds to it
        self.zoom = 0.84 + 0.2 * e.distance + 0.05 * e.lean
        self.turn = max(0.0, min(1.0, e.turn_away))
        self.cx = 280 - 14 * self.turn
        age_sag = max(0.0, (look.age - 55) / 40) * 8
        self.shoulder_y = 236 + 26 * e.slump - 10 * e.lean + age_sag
        self.head_y = 136 + 24 * e.head_drop + 14 * e.slump - 12 * e.lean + age_sag * 1.3
        self.head_x = self.cx - 20 * self.turn
        # the mouth and brows keep their contrast on every skin: lighter lines on darker skin
        luminance = (0.2126 * self.skin.r + 0.7152 * self.skin.g + 0.0722 * self.skin.b) / 255
        self.lip = pygame.Color(LIP) if luminance > 0.42 else _mix(self.skin, "#f0b4a6", 0.6)
        self.face_rx = 56 + (6 if self.heavy else 0) - (3 if look.build == "slight" else 0)

    def p(self, x: float, y: float) -> tuple[int, int]:
        """Design point -> canvas pixel, zoomed about the floor's centre."""
        zx = 280 + (x - 280) * self.zoom
        zy = 448 + (y - 448) * self.zoom
        return round(zx * self.k), round(zy * self.k)

    def n(self, v: float) -> int:
        return max(1, round(v * self.k * self.zoom))

    def ellipse(self, color: pygame.Color | str, cx: float, cy: float, rx: float, ry: float, width: float = 0) -> None:
        x, y = self.p(cx - rx, cy - ry)
        rect = pygame.Rect(x, y, self.n(rx * 2), self.n(ry * 2))
        pygame.draw.ellipse(self.c, color, rect, self.n(width) if width else 0)

    def poly(self, color: pygame.Color | str, points: list[tuple[float, float]]) -> None:
        pygame.draw.polygon(self.c, color, [self.p(x, y) for x, y in points])

    def line(self, color: pygame.Color | str, a: tuple[float, float], b: tuple[float, float], width: float) -> None:
        pygame.draw.line(self.c, color, self.p(*a), self.p(*b), self.n(width))

    def lines(self, color: pygame.Color | str, points: list[tuple[float, float]], width: float) -> None:
        pygame.draw.lines(self.c, color, False, [self.p(x, y) for x, y in points], self.n(width))

    def limb(self, color: pygame.Color, points: list[tuple[float, float]], width: float) -> None:
        """A rounded, thick line through points (an arm)."""
        pts = [self.p(x, y) for x, y in points]
        w = self.n(width)
        pygame.draw.lines(self.c, color, False, pts, w)
        for pt in pts:
            pygame.draw.circle(self.c, color, pt, w // 2)

    def rect(self, color: pygame.Color | str, x: float, y: float, w: float, h: float, radius: float = 0) -> None:
        px, py = self.p(x, y)
        pygame.draw.rect(self.c, color, pygame.Rect(px, py, self.n(w), self.n(h)), border_radius=self.n(radius))

    # -- the whole figure -------------------------------------------------------------

    def paint(self) -> None:
        self.chair()
        self.coat_over_chair()
        self.hair_back()
        self.torso()
        self.coat_on_body()
        self.neck()
        self.head()
        self.prop_behind_hands()
        self.arms()
        self.prop_in_hand()

    def chair(self) -> None:
        cx = 280.0
        self.rect(CHAIR, cx - 190, 130, 380, 330, 46)
        self.rect(CHAIR_DARK, cx - 160, 160, 320, 300, 36)
        # the arms of the chair
        self.rect(CHAIR, cx - 214, 330, 70, 130, 26)
        self.rect(CHAIR, cx + 144, 330, 70, 130, 26)

    def coat_over_chair(self) -> None:
        """Off the shoulders, the coat lies over the chair's arm (growing in as it comes off)."""
        off = max(0.0, min(1.0, (0.45 - self.e.coat_on) / 0.45))
        if off <= 0.02:
            return
        x, y = 280 + 176, 318
        h = 120 * off
        self.poly(
            self.coat,
            [(x - 36, y), (x + 40, y - 4), (x + 46, y + h), (x + 10, y + h + 10), (x - 30, y + h * 0.9)],
        )
        self.line(_shade(self.coat, 0.75), (x - 30, y + 4), (x + 40, y), 3)

    # -- body ---------------------------------------------------------------------------

    def torso_points(self, grow: float = 0) -> list[tuple[float, float]]:
        top, cx = self.shoulder_y, self.cx
        half = self.width + grow - 8 * self.e.slump - 12 * self.turn
        belly = 20 if self.heavy else 8
        return [
            (cx - half, top + 24),
            (cx - half + 34, top - 2),
            (cx + half - 34, top - 2),
            (cx + half, top + 24),
            (cx + half + belly, 380),
            (cx + half + 4, 460),
            (cx - half - 4, 460),
            (cx - half - belly, 380),
        ]

    def torso(self) -> None:
        look, cx, top = self.look, self.cx, self.shoulder_y
        self.poly(self.shirt, self.torso_points())
        dark, light = _shade(self.shirt, 0.78), _shade(self.shirt, 1.18)
        if look.clothing == "hoodie":
            # the hood folded behind the neck, the strings and the pouch
            self.ellipse(dark, cx, top + 6, 58, 22)
            self.line(light, (cx - 14, top + 14), (cx - 16, top + 92), 3)
            self.line(light, (cx + 14, top + 14), (cx + 16, top + 92), 3)
            self.poly(dark, [(cx - 60, 372), (cx + 60, 372), (cx + 74, 430), (cx - 74, 430)])
        elif look.clothing == "sweater":
            self.ellipse(dark, cx, top + 4, 34, 16)
            for y in range(int(top + 40), 440, 22):
                self.line(_shade(self.shirt, 0.9), (cx - self.width + 20, y), (cx + self.width - 20, y), 1.5)
        elif look.clothing == "cardigan":
            inner = _mix(self.shirt, "#efe9df", 0.7)
            self.poly(inner, [(cx - 30, top - 2), (cx + 30, top - 2), (cx + 14, 450), (cx - 14, 450)])
            self.poly(_shade(self.skin, 0.95), [(cx - 22, top - 2), (cx + 22, top - 2), (cx, top + 26)])
            for step in (60, 100, 140):
                self.ellipse(dark, cx - 22, top + step, 4, 4)
        elif look.clothing == "blouse":
            self.poly(_shade(self.skin, 0.95), [(cx - 24, top - 2), (cx + 24, top - 2), (cx, top + 40)])
            self.poly(light, [(cx - 24, top - 2), (cx - 44, top + 8), (cx - 4, top + 44)])
            self.poly(light, [(cx + 24, top - 2), (cx + 44, top + 8), (cx + 4, top + 44)])
        elif look.clothing == "tshirt":
            self.ellipse(_shade(self.skin, 0.95), cx, top, 30, 16)
            self.ellipse(dark, cx, top, 30, 16, 3)
        elif look.clothing == "polo":
            self.poly(dark, [(cx - 8, top + 6), (cx + 8, top + 6), (cx + 8, top + 50), (cx - 8, top + 50)])
            self.poly(light, [(cx - 30, top - 4), (cx, top + 10), (cx - 12, top + 26)])
            self.poly(light, [(cx + 30, top - 4), (cx, top + 10), (cx + 12, top + 26)])
            self.ellipse(light, cx, top + 24, 2.5, 2.5)
            self.ellipse(light, cx, top + 40, 2.5, 2.5)
        else:  # a collared shirt with buttons
            self.poly(_shade(self.skin, 0.95), [(cx - 18, top - 2), (cx + 18, top - 2), (cx, top + 28)])
            self.poly(light, [(cx - 26, top - 6), (cx - 2, top + 30), (cx - 30, top + 22)])
            self.poly(light, [(cx + 26, top - 6), (cx + 2, top + 30), (cx + 30, top + 22)])
            for step in (56, 96, 136):
                self.ellipse(dark, cx, top + step, 3, 3)

    def coat_on_body(self) -> None:
        """Buttoned (1) .. open (0.5) .. slipped off behind (0): a continuous channel of trust."""
        on = max(0.0, min(1.0, self.e.coat_on))
        if on <= 0.02:
            return
        cx, top = self.cx, self.shoulder_y
        half = self.width + 10 - 8 * self.e.slump - 12 * self.turn
        gap = 4 + 56 * max(0.0, min(1.0, (1 - on) * 2))  # the front opens first
        keep = max(0.0, min(1.0, on * 2))  # then the coat slips back off the shoulders
        outer = half + 8
        inner_top = max(22.0, gap * 0.7)
        width_left = outer - gap
        reach = width_left * keep
        drop = (1 - keep) * 60
        lapel = _shade(self.coat, 0.78)
        for side in (-1, 1):
            edge = cx + side * outer
            inner = edge - side * max(18.0, reach)
            panel = [
                (edge, top + 22 + drop),
                (edge - side * 34, top - 6 + drop),
                (cx + side * inner_top, top + drop),
                (inner, 460),
                (edge + side * 12, 460),
            ]
            self.poly(self.coat, panel)
            self.line(_shade(self.coat, 0.62), (cx + side * inner_top, top + drop), (inner, 460), 2.5)
            if keep > 0.6:
                self.poly(
                    lapel, [(cx + side * inner_top, top + drop), (inner + side * 4, top + 90), (inner, top + 120)]
                )
        if on > 0.85:  # buttoned: the buttons show
            for y in (top + 120, top + 160, top + 200):
                self.ellipse(_shade(self.coat, 0.6), cx, y, 4, 4)
        if keep > 0.5:  # a collar turned up around the neck when it is tightly on
            self.poly(self.coat, [(cx - 40, top + 2), (cx - 30, top - 22 * on), (cx - 12, top + 8)])
            self.poly(self.coat, [(cx + 40, top + 2), (cx + 30, top - 22 * on), (cx + 12, top + 8)])

    def neck(self) -> None:
        cx = self.head_x + 8 * self.turn
        w = 22 + (6 if self.heavy else 0)
        self.poly(
            _shade(self.skin, 0.88),
            [
                (cx - w, self.head_y + 48),
                (cx + w, self.head_y + 48),
                (cx + w + 4, self.shoulder_y + 8),
                (cx - w - 4, self.shoulder_y + 8),
            ],
        )

    # -- head -------------------------------------------------------------------------------

    def hair_back(self) -> None:
        style, hx, hy, hair = self.look.hair_style, self.head_x, self.head_y, self.hair
        covering = self.look.head_covering
        if covering == "hijab" or style == "covered":
            scarf = _mix(self.shirt, "#d9cfc4", 0.35)
            self.ellipse(scarf, hx, hy - 4, 78, 90)
            self.poly(
                scarf,
                [
                    (hx - 72, hy + 20),
                    (hx + 72, hy + 20),
                    (hx + 96, self.shoulder_y + 46),
                    (hx - 96, self.shoulder_y + 46),
                ],
            )
            return
        if style == "long":
            self.poly(
                hair,
                [
                    (hx - 66, hy - 40),
                    (hx + 66, hy - 40),
                    (hx + 80, hy + 120),
                    (hx + 56, self.shoulder_y + 44),
                    (hx - 56, self.shoulder_y + 44),
                    (hx - 80, hy + 120),
                ],
            )
        elif style == "afro":
            self.ellipse(hair, hx, hy - 26, 92, 84)
        elif style == "bob":
            self.poly(
                hair,
                [
                    (hx - 70, hy - 30),
                    (hx + 70, hy - 30),
                    (hx + 74, hy + 52),
                    (hx + 44, hy + 58),
                    (hx - 44, hy + 58),
                    (hx - 74, hy + 52),
                ],
            )
        elif style == "ponytail":
            self.poly(
                hair,
                [
                    (hx + 40, hy - 30),
                    (hx + 70, hy - 10),
                    (hx + 78, hy + 60),
                    (hx + 66, self.shoulder_y + 50),
                    (hx + 50, self.shoulder_y + 30),
                    (hx + 52, hy + 10),
                ],
            )
        elif style == "curly":
            for angle in range(-180, 20, 20):
                r = math.radians(angle)
                self.ellipse(hair, hx + 62 * math.cos(r), hy - 12 + 66 * math.sin(r), 22, 22)

    def head(self) -> None:
        hx, hy = self.head_x, self.head_y
        rx = self.face_rx
        style = self.look.hair_style
        ear = _shade(self.skin, 0.9)
        if self.look.head_covering != "hijab" and style != "covered":
            self.ellipse(ear, hx - rx - 1 + 6 * self.turn, hy + 6, 9, 15)
            self.ellipse(ear, hx + rx + 1 - 4 * self.turn, hy + 6, 9, 15)
        self.ellipse(self.skin, hx, hy, rx, 72)
        # the jaw of a heavier or older face
        if self.heavy or self.look.age > 60:
            self.ellipse(_shade(self.skin, 0.96), hx, hy + 44, rx * 0.8, 26)
        self.hair_front(hx, hy)
        self.face(hx, hy)
        self.head_covering(hx, hy)

    def hair_front(self, hx: float, hy: float) -> None:
        style, hair, rx = self.look.hair_style, self.hair, self.face_rx
        if style in ("covered",) or self.look.head_covering in ("hijab",):
            return
        top = [
            (hx - rx - 2, hy - 6),
            (hx - rx + 4, hy - 50),
            (hx - 20, hy - 76),
            (hx + 24, hy - 76),
            (hx + rx, hy - 50),
            (hx + rx + 2, hy - 6),
        ]
        if style in ("short", "long", "bun", "bob", "ponytail"):
            fringe = [(hx + 40, hy - 44), (hx - 10, hy - 50), (hx - 42, hy - 36)]
            if style == "bob":
                fringe = [(hx + 50, hy - 30), (hx, hy - 38), (hx - 50, hy - 30)]
            self.poly(hair, top + fringe)
            if style == "bun":
                self.ellipse(hair, hx + 6, hy - 86, 28, 22)
        elif style == "swept":
            self.poly(
                hair,
                [
                    (hx - rx - 2, hy - 8),
                    (hx - rx + 2, hy - 56),
                    (hx - 30, hy - 88),
                    (hx + 30, hy - 90),
                    (hx + rx + 6, hy - 60),
                    (hx + rx + 2, hy - 8),
                    (hx + 46, hy - 46),
                    (hx + 20, hy - 60),
                    (hx - 36, hy - 52),
                ],
            )
        elif style == "cropped":
            self.poly(
                hair,
                [
                    (hx - rx + 2, hy - 14),
                    (hx - rx + 6, hy - 48),
                    (hx - 20, hy - 70),
                    (hx + 20, hy - 70),
                    (hx + rx - 6, hy - 48),
                    (hx + rx - 2, hy - 14),
                    (hx + 44, hy - 50),
                    (hx, hy - 56),
                    (hx - 44, hy - 50),
                ],
            )
        elif style == "receding":
            for side in (-1, 1):
                self.poly(
                    hair,
                    [
                        (hx + side * (rx + 2), hy - 4),
                        (hx + side * (rx + 2), hy - 44),
                        (hx + side * (rx - 18), hy - 62),
                        (hx + side * (rx - 14), hy - 30),
                    ],
                )
        elif style == "bald" and self.look.age > 50:
            for side in (-1, 1):
                self.poly(
                    hair,
                    [(hx + side * (rx + 2), hy + 4), (hx + side * (rx + 2), hy - 26), (hx + side * (rx - 8), hy - 18)],
                )
        elif style == "curly":
            for angle in range(-165, -10, 22):
                r = math.radians(angle)
                self.ellipse(hair, hx + 50 * math.cos(r), hy - 22 + 58 * math.sin(r), 18, 18)
        elif style == "afro":
            self.poly(
                hair,
                [
                    (hx - rx - 4, hy - 10),
                    (hx - rx, hy - 50),
                    (hx, hy - 70),
                    (hx + rx, hy - 50),
                    (hx + rx + 4, hy - 10),
                    (hx + 30, hy - 48),
                    (hx - 30, hy - 48),
                ],
            )

    def head_covering(self, hx: float, hy: float) -> None:
        covering, rx = self.look.head_covering, self.face_rx
        if covering in ("hijab",) or self.look.hair_style == "covered":
            scarf = _mix(self.shirt, "#d9cfc4", 0.35)
            edge = _shade(scarf, 0.85)
            self.poly(
                scarf,
                [
                    (hx - rx - 8, hy + 10),
                    (hx - rx + 2, hy - 56),
                    (hx, hy - 84),
                    (hx + rx - 2, hy - 56),
                    (hx + rx + 8, hy + 10),
                    (hx + rx - 6, hy - 40),
                    (hx, hy - 60),
                    (hx - rx + 6, hy - 40),
                ],
            )
            self.poly(
                scarf,
                [
                    (hx - rx - 8, hy + 10),
                    (hx - rx + 6, hy + 10),
                    (hx - 30, hy + 74),
                    (hx, hy + 80),
                    (hx + 30, hy + 74),
                    (hx + rx - 6, hy + 10),
                    (hx + rx + 8, hy + 10),
                    (hx + 40, hy + 96),
                    (hx - 40, hy + 96),
                ],
            )
            self.lines(edge, [(hx - rx + 6, hy - 40), (hx, hy - 60), (hx + rx - 6, hy - 40)], 3)
        elif covering == "headscarf":
            scarf = _mix(self.shirt, "#e7c9a0", 0.5)
            self.poly(
                scarf,
                [
                    (hx - rx - 4, hy - 6),
                    (hx - rx + 4, hy - 58),
                    (hx, hy - 84),
                    (hx + rx - 4, hy - 58),
                    (hx + rx + 4, hy - 6),
                    (hx + rx - 10, hy - 36),
                    (hx, hy - 46),
                    (hx - rx + 10, hy - 36),
                ],
            )
            self.poly(scarf, [(hx + rx - 4, hy - 4), (hx + rx + 16, hy + 40), (hx + rx - 4, hy + 44)])
        elif covering == "cap":
            cap = _mix(self.shirt, "#20252b", 0.5)
            self.poly(
                cap,
                [
                    (hx - rx - 2, hy - 30),
                    (hx - rx + 4, hy - 62),
                    (hx, hy - 82),
                    (hx + rx - 4, hy - 62),
                    (hx + rx + 2, hy - 30),
                ],
            )
            self.poly(
                _shade(cap, 0.8),
                [(hx - rx + 4, hy - 34), (hx + rx + 30, hy - 34), (hx + rx + 34, hy - 26), (hx - rx + 4, hy - 24)],
            )
        elif covering == "beanie":
            knit = _mix(self.shirt, "#8a3b2c", 0.55)
            self.poly(
                knit,
                [
                    (hx - rx - 4, hy - 28),
                    (hx - rx + 2, hy - 66),
                    (hx, hy - 90),
                    (hx + rx - 2, hy - 66),
                    (hx + rx + 4, hy - 28),
                ],
            )
            self.rect(_shade(knit, 0.8), hx - rx - 6, hy - 40, 2 * rx + 12, 16, 6)

    def face(self, hx: float, hy: float) -> None:
        e, look = self.e, self.look
        dark = _shade(self.hair, 0.7) if look.hair_style not in ("bald", "covered") else pygame.Color("#3a2a20")
        shift = -12 * self.turn  # three-quarter view toward the door
        # looking down: features slide down the face; the door is on the viewer's left
        feature_y = hy + 17 * e.head_drop + 2
        eye_y = feature_y - 4
        look_x = (1 - max(0.0, min(1.0, e.eye_contact))) * -8 - 3 * self.turn
        look_y = max(0.0, min(1.0, e.gaze_down)) * 5
        openness = max(0.35, min(1.3, e.eye_open - 0.25 * e.gaze_down))
        lid = _shade(self.skin, 0.86)
        # age: lines on the forehead, at the eyes and beside the mouth
        line = _shade(self.skin, 0.8)
        if look.age >= 38:
            for i in range(min(3, (look.age - 30) // 12)):
                y = hy - 36 - i * 9
                self.lines(
                    line,
                    [(hx - 24 + shift, y + 2), (hx + shift, y - 1 - 3 * e.brow_worry), (hx + 24 + shift, y + 2)],
                    1.4,
                )
        for side in (-1, 1):
            ex = hx + side * 23 + shift
            if look.age >= 50:
                for dy in (-4, 2):
                    self.line(line, (ex + side * 15, eye_y + dy), (ex + side * 21, eye_y + dy + side * 0 + 2), 1.2)
            if self.blinking:
                self.line(_shade(self.skin, 0.6), (ex - 10, eye_y + 1), (ex + 10, eye_y + 1), 2.4)
            else:
                self.ellipse(
                    EYE_WHITE if e.tears < 0.5 else _mix(EYE_WHITE, "#f2c4c0", 0.5), ex, eye_y, 11, 7 * openness
                )
                px, py = ex + look_x, eye_y + look_y * 0.6
                self.ellipse(IRIS, px, py, 5.2, 5.2 * min(1.0, openness))
                self.ellipse(PUPIL, px, py, 2.4, 2.4 * min(1.0, openness))
                self.ellipse("#ffffff", px + 1.6, py - 1.6, 1.1, 1.1)
                drop = (1 - min(1.0, openness)) * 8
                if drop > 0.5:
                    self.poly(
                        lid,
                        [
                            (ex - 12, eye_y - 8),
                            (ex + 12, eye_y - 8),
                            (ex + 12, eye_y - 7 + drop),
                            (ex - 12, eye_y - 7 + drop),
                        ],
                    )
                if e.tears > 0.05:  # red rims, wet lower lids, a tear running down each cheek
                    tear = _mix(self.skin, "#a9dcf5", 0.9 * e.tears)
                    self.lines(
                        _mix(self.skin, "#d0605a", 0.6 * e.tears),
                        [(ex - 12, eye_y + 2), (ex, eye_y + 8), (ex + 12, eye_y + 2)],
                        2.5,
                    )
                    self.line(tear, (ex + side * 7, eye_y + 8), (ex + side * 9, eye_y + 8 + 30 * e.tears), 3)
                    self.ellipse(tear, ex + side * 9, eye_y + 10 + 30 * e.tears, 3.5, 5)
            # brows: worry lifts the inner ends, anger draws them down; low hope lowers them
            inner = -e.brow_worry * 9 + e.brow_anger * 8
            outer = e.brow_worry * 3 - e.brow_anger * 2
            brow_y = eye_y - 17
            self.line(dark, (ex - side * 12, brow_y + inner), (ex + side * 13, brow_y + outer), 4)
        # nose
        nose = _shade(self.skin, 0.74)
        self.lines(
            nose,
            [
                (hx + shift * 1.3, feature_y + 2),
                (hx + 3 + shift * 1.3, feature_y + 20),
                (hx - 5 + shift * 1.3, feature_y + 23),
            ],
            2,
        )
        if look.age >= 45:  # folds beside the mouth
            for side in (-1, 1):
                self.line(line, (hx + side * 12 + shift, feature_y + 22), (hx + side * 22 + shift, feature_y + 40), 1.4)
        self.facial_hair(hx + shift, feature_y)
        self.mouth(hx + shift * 1.1, feature_y + 38)
        self.glasses(hx + shift, eye_y)

    def mouth(self, mx: float, my: float) -> None:
        e = self.e
        half = 17 + 3 * max(0.0, e.smile)
        lift = e.smile * 9  # the corners: up for a smile, down for despair
        corners = my - lift * 0.5
        middle = my + lift * 0.6
        upper = [
            (mx - half, corners),
            (mx - half * 0.4, middle - 1 - 0.3 * lift),
            (mx + half * 0.4, middle - 1 - 0.3 * lift),
            (mx + half, corners),
        ]
        lip = self.lip
        if e.smile > 0.35:  # an open smile: a lower lip below the teeth
            depth = (e.smile - 0.35) * 12
            lower = [
                (mx + half, corners),
                (mx + half * 0.4, middle + depth),
                (mx - half * 0.4, middle + depth),
                (mx - half, corners),
            ]
            self.poly("#f3eee6", upper + lower)
            self.lines(lip, upper, 2.6)
            self.lines(lip, lower, 2.6)
        else:
            self.lines(lip, upper, 3)
            if e.smile < -0.3:  # the lower lip pushed up a little
                self.line(_shade(self.skin, 0.82), (mx - 8, my + 10), (mx + 8, my + 10), 1.6)

    def facial_hair(self, fx: float, fy: float) -> None:
        style = self.look.facial_hair
        if style == "none":
            return
        colour = self.hair if style != "stubble" else _mix(self.skin, self.hair, 0.35)
        rx = self.face_rx
        if style in ("stubble", "beard"):
            grow = 12 if style == "beard" else 0
            self.poly(
                colour,
                [
                    (fx - rx + 2, fy + 8),
                    (fx - rx + 8, fy + 40 + grow * 0.6),
                    (fx - 26, fy + 62 + grow),
                    (fx, fy + 70 + grow * 1.4),
                    (fx + 26, fy + 62 + grow),
                    (fx + rx - 8, fy + 40 + grow * 0.6),
                    (fx + rx - 2, fy + 8),
                    (fx + rx - 14, fy + 30),
                    (fx + 20, fy + 28),
                    (fx - 20, fy + 28),
                    (fx - rx + 14, fy + 30),
                ],
            )
            self.ellipse(self.skin, fx, fy + 40, 19, 8)  # around the lips
        if style in ("moustache", "beard", "goatee"):
            self.poly(
                colour,
                [
                    (fx - 22, fy + 34),
                    (fx - 10, fy + 26),
                    (fx, fy + 28),
                    (fx + 10, fy + 26),
                    (fx + 22, fy + 34),
                    (fx, fy + 31),
                ],
            )
        if style == "goatee":
            self.poly(colour, [(fx - 12, fy + 48), (fx + 12, fy + 48), (fx + 8, fy + 66), (fx - 8, fy + 66)])

    def glasses(self, gx: float, eye_y: float) -> None:
        style = self.look.glasses
        if style == "none":
            return
        frame = pygame.Color("#2b2b2b") if style in ("square", "reading") else pygame.Color("#8a7a5a")
        width = {"square": 3.2, "round": 2.4, "wire": 1.4, "reading": 2.6}.get(style, 2.4)
        for side in (-1, 1):
            ex = gx + side * 23
            if style == "round":
                self.ellipse(frame, ex, eye_y, 15, 15, width)
            elif style == "reading":
                self.poly(
                    frame, [(ex - 16, eye_y + 2), (ex + 16, eye_y + 2), (ex + 13, eye_y + 13), (ex - 13, eye_y + 13)]
                )
                self.poly(
                    _mix(self.skin, "#dfe8ee", 0.5),
                    [(ex - 13, eye_y + 4), (ex + 13, eye_y + 4), (ex + 11, eye_y + 11), (ex - 11, eye_y + 11)],
                )
            else:
                x, y = self.p(ex - 17, eye_y - 12)
                pygame.draw.rect(
                    self.c,
                    frame,
                    pygame.Rect(x, y, self.n(34), self.n(24)),
                    self.n(width),
                    border_radius=self.n(4 if style == "square" else 8),
                )
        bridge_y = eye_y + (4 if style == "reading" else -2)
        self.line(frame, (gx - 7, bridge_y), (gx + 7, bridge_y), 2)

    # -- arms, hands and the prop -------------------------------------------------------------

    def hand_positions(self) -> list[tuple[tuple[float, float], tuple[float, float], tuple[float, float]]]:
        """Per side (-1, 1): shoulder, elbow and hand, along folded -> in the lap -> open on the knees."""
        e, cx, top = self.e, self.cx, self.shoulder_y
        open_ = max(0.0, min(1.0, e.arms_open))
        wiggle = (self.fidget - 1.5) * 3.0 * min(1.0, max(e.fidget, 0.5 if self.fidget else 0))
        half = self.width - 8 * e.slump - 12 * self.turn
        out = []
        for side in (-1, 1):
            shoulder = (cx + side * (half - 10), top + 28)
            elbows = [
                (cx + side * (half - 14), top + 118),
                (cx + side * (half - 2), top + 130),
                (cx + side * (half + 6), top + 118),
            ]
            hands = [
                (cx - side * 64, top + 96 + (10 if side > 0 else 0)),
                (cx + side * 20 + wiggle, 396),
                (cx + side * (half - 18) + wiggle, 388 - 6 * e.lean),
            ]
            elbow, hand = _path(elbows, open_), _path(hands, open_)
            raise_ = max(e.hand_face, self.amount if self.gesture == "hand_face" else 0.0)
            if side == 1 and raise_ > 0:
                elbow = _lerp2(elbow, (cx + half - 10, top + 110), raise_)
                hand = _lerp2(hand, (self.head_x + 34, self.head_y + 46), raise_)
            if side == -1 and self.gesture == "rub_neck" and self.amount > 0:
                elbow = _lerp2(elbow, (cx - half - 20, top - 10), self.amount)
                hand = _lerp2(hand, (self.head_x - 46, self.head_y + 58), self.amount)
            out.append((shoulder, elbow, hand))
        return out

    def arms(self) -> None:
        e = self.e
        on = max(0.0, min(1.0, e.coat_on))
        sleeve = _mix(self.shirt, self.coat, min(1.0, on * 2)) if on > 0.02 else _shade(self.shirt, 0.94)
        short = self.look.clothing == "tshirt" and on < 0.25
        open_ = max(0.0, min(1.0, e.arms_open))
        thick = 30 + (6 if self.heavy else 0) + (4 if self.look.build == "broad" else 0)
        for shoulder, elbow, hand in self.hand_positions():
            if short:
                mid = _lerp2(shoulder, elbow, 0.55)
                self.limb(self.skin, [mid, elbow, hand], thick - 8)
                self.limb(sleeve, [shoulder, mid], thick + 2)
            else:
                self.limb(sleeve, [shoulder, elbow, hand], thick)
            palm = _mix(self.skin, "#f3d9c6", 0.35 * open_)
            self.ellipse(self.skin, hand[0], hand[1] + 4, 15, 12)
            if open_ > 0.75 and e.hand_face < 0.5:  # open hands, palms up
                self.ellipse(palm, hand[0], hand[1] + 2, 11 * open_, 7 * open_)

    def prop_spot(self) -> tuple[float, float]:
        """Held close (guarded) .. set aside on the chair's arm or the floor (trusting)."""
        hold = max(0.0, min(1.0, self.e.prop_hold))
        hands = self.hand_positions()
        held = _lerp2(hands[0][2], hands[1][2], 0.5)
        if self.look.prop == "bag":
            return _lerp2((480, 420), (self.cx, 392), hold)
        if self.look.prop in ("phone", "keys"):
            return _lerp2((448, 350), hands[1][2], hold)
        return _lerp2((470, 352), (held[0], held[1] - 8), hold)

    def prop_behind_hands(self) -> None:
        prop = self.look.prop
        if prop == "none":
            return
        x, y = self.prop_spot()
        if prop == "bag":
            bag = pygame.Color("#6a4a32")
            self.lines(_shade(bag, 0.7), [(x - 30, y - 20), (x - 14, y - 58), (x + 14, y - 58), (x + 30, y - 20)], 5)
            self.rect(bag, x - 48, y - 22, 96, 62, 10)
            self.line(_shade(bag, 0.75), (x - 48, y - 4), (x + 48, y - 4), 3)
        elif prop == "tissues":
            self.rect("#dfe6ea", x - 30, y - 14, 60, 30, 4)
            self.rect("#9fb7c6", x - 30, y - 14, 60, 9, 3)
            self.poly("#ffffff", [(x - 10, y - 14), (x, y - 34), (x + 12, y - 14)])
        elif prop == "mug":
            self.ellipse("#c65d3b", x + 18, y + 2, 9, 10, 4)
            self.rect("#d06a46", x - 16, y - 14, 34, 34, 5)
            self.ellipse("#5a3a28", x + 1, y - 13, 16, 4)

    def prop_in_hand(self) -> None:
        prop = self.look.prop
        if prop not in ("phone", "keys"):
            return
        x, y = self.prop_spot()
        if prop == "phone":
            self.rect("#1e2226", x - 10, y - 22, 20, 36, 4)
            self.rect("#5b7c99", x - 8, y - 19, 16, 28, 2)
        else:
            self.ellipse("#b9b2a2", x, y - 10, 8, 8, 2)
            self.poly("#c9c2b2", [(x + 2, y - 4), (x + 8, y + 12), (x + 3, y + 14)])
            self.poly("#a7a090", [(x - 4, y - 4), (x - 10, y + 10), (x - 5, y + 12)])
