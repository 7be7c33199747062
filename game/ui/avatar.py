"""The client, drawn procedurally from an `Expression` (no image files).

`Avatar` eases its shown expression toward the target (0.45 s), breathes on a
slow cycle and blinks at seeded random moments, so replays match. Rendering is
cached by the (quantised) expression, so a client at rest costs one blit.
"""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from dataclasses import fields

import pygame

from game.engine.expression import Expression
from game.scenario.model import Appearance

EASE_SECONDS = 0.45
BREATH_SECONDS = 4.5
DESIGN_W, DESIGN_H = 560, 448
SUPERSAMPLE = 2

DEFAULT_SKIN, DEFAULT_HAIR, DEFAULT_SHIRT = "#C68E62", "#3A2A1E", "#5A7D9A"


def _shade(hex_colour: str, factor: float) -> pygame.Color:
    c = pygame.Color(hex_colour)
    return pygame.Color(
        max(0, min(255, round(c.r * factor))),
        max(0, min(255, round(c.g * factor))),
        max(0, min(255, round(c.b * factor))),
    )


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


class Avatar:
    def __init__(self, appearance: Appearance, seed: int = 0, reduced_motion: bool = False) -> None:
        self.appearance = appearance
        self.reduced_motion = reduced_motion
        self.shown: Expression | None = None
        self._from: Expression | None = None
        self._target: Expression | None = None
        self._t = 1.0
        self._clock = 0.0
        self._random = random.Random(f"{seed}:blink")
        self._next_blink = self._random.uniform(3, 6)
        self._blink_until = -1.0
        self._cache: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()

    # -- time -------------------------------------------------------------------

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

    def update(self, dt: float) -> None:
        self._clock += dt
        if self._target is not None and self._from is not None and self._t < 1.0:
            self._t = min(1.0, self._t + dt / EASE_SECONDS)
            self.shown = self._from.lerp(self._target, _ease(self._t))
        if self._clock >= self._next_blink:
            self._blink_until = self._clock + 0.14
            self._next_blink = self._clock + self._random.uniform(3, 6)

    @property
    def target(self) -> Expression | None:
        return self._target

    @property
    def settled(self) -> bool:
        return self._t >= 1.0

    @property
    def blinking(self) -> bool:
        return self._clock < self._blink_until

    def breath(self) -> float:
        """-1..1 over a slow cycle (still under reduced motion)."""
        if self.reduced_motion:
            return 0.0
        return math.sin(self._clock * 2 * math.pi / BREATH_SECONDS)

    def fidget_phase(self) -> int:
        if self.reduced_motion or self.shown is None or self.shown.fidget < 0.3:
            return 0
        return int(self._clock * 3) % 4

    # -- drawing ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the client seated in `rect` (its bottom edge is the lap)."""
        if self.shown is None:
            return
        scale = min(rect.width / DESIGN_W, rect.height / DESIGN_H)
        sample = SUPERSAMPLE if self.settled else 1
        key = (self._quantised(self.shown), self.blinking, self.fidget_phase(), round(scale, 3), sample)
        image = self._cache.get(key)
        if image is None:
            image = self._render(self.shown, scale, sample)
            self._cache[key] = image
            if len(self._cache) > 48:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        lift = round(self.breath() * 2.2 * scale)
        surface.blit(image, image.get_rect(midbottom=(rect.centerx, rect.bottom + lift)))

    @staticmethod
    def _quantised(e: Expression) -> tuple[float, ...]:
        return tuple(round(getattr(e, f.name), 2) for f in fields(Expression))

    def _render(self, e: Expression, scale: float, sample: int) -> pygame.Surface:
        k = scale * sample
        width, height = round(DESIGN_W * k), round(DESIGN_H * k)
        canvas = pygame.Surface((width, height), pygame.SRCALPHA)
        _Painter(canvas, k, self.appearance, e, self.blinking, self.fidget_phase()).paint()
        if sample > 1:
            canvas = pygame.transform.smoothscale(canvas, (round(DESIGN_W * scale), round(DESIGN_H * scale)))
        return canvas


class _Painter:
    """Draws one frame of the client in design units (560×448, lap at the bottom)."""

    def __init__(
        self, canvas: pygame.Surface, k: float, look: Appearance, e: Expression, blinking: bool, fidget_phase: int
    ) -> None:
        self.c = canvas
        self.k = k
        self.look = look
        self.e = e
        self.blinking = blinking
        self.fidget = fidget_phase
        self.skin = look.skin or DEFAULT_SKIN
        self.hair = look.hair or DEFAULT_HAIR
        self.shirt = look.shirt or DEFAULT_SHIRT
        # posture: leaning in brings the client closer (larger, lower); back, smaller
        self.zoom = 1.0 + 0.06 * e.lean
        self.turn = e.turn_away  # toward the door, on the viewer's left
        self.cx = 280 - 26 * self.turn
        self.shoulder_y = 250 + 18 * e.slump - 10 * e.lean
        self.head_y = 148 + 30 * e.head_drop + 14 * e.slump - 8 * e.lean

    def p(self, x: float, y: float) -> tuple[int, int]:
        """Design point -> canvas pixel, zoomed about the lap centre."""
        zx = 280 + (x - 280) * self.zoom
        zy = 448 + (y - 448) * self.zoom
        return round(zx * self.k), round(zy * self.k)

    def n(self, v: float) -> int:
        return max(1, round(v * self.k * self.zoom))

    def ellipse(self, color: pygame.Color | str, cx: float, cy: float, rx: float, ry: float, width: int = 0) -> None:
        x, y = self.p(cx - rx, cy - ry)
        rect = pygame.Rect(x, y, self.n(rx * 2), self.n(ry * 2))
        pygame.draw.ellipse(self.c, color, rect, width)

    def poly(self, color: pygame.Color | str, points: list[tuple[float, float]]) -> None:
        pygame.draw.polygon(self.c, color, [self.p(x, y) for x, y in points])

    def limb(self, color: pygame.Color, points: list[tuple[float, float]], width: float) -> None:
        """A rounded, thick line through points (an arm)."""
        pts = [self.p(x, y) for x, y in points]
        w = self.n(width)
        pygame.draw.lines(self.c, color, False, pts, w)
        for pt in pts:
            pygame.draw.circle(self.c, color, pt, w // 2)

    # -- parts --------------------------------------------------------------------

    def paint(self) -> None:
        self.hair_back()
        self.torso()
        self.neck()
        self.head()
        self.arms()

    def torso(self) -> None:
        e = self.e
        top = self.shoulder_y
        half = 118 - 10 * e.slump - 24 * self.turn
        near = half + 8 * self.turn  # the shoulder away from the door looks wider when turned
        cx = self.cx
        shirt = pygame.Color(self.shirt)
        body = [
            (cx - half, top + 22),
            (cx - half + 30, top),
            (cx + near - 30, top),
            (cx + near, top + 22),
            (cx + near + 14, 470),
            (cx - half - 14, 470),
        ]
        self.poly(shirt, body)
        self.poly(_shade(self.shirt, 0.82), [(cx - 22, top), (cx + 22, top), (cx, top + 30)])  # collar shade
        if e.coat_on > 0.5:
            coat = _shade(self.shirt, 0.55) if self.look.shirt else pygame.Color("#4B4238")
            left = [
                (cx - half - 6, top + 18),
                (cx - half + 26, top - 4),
                (cx - 16, top + 4),
                (cx - 30, 470),
                (cx - half - 20, 470),
            ]
            right = [
                (cx + near + 6, top + 18),
                (cx + near - 26, top - 4),
                (cx + 16, top + 4),
                (cx + 30, 470),
                (cx + near + 20, 470),
            ]
            self.poly(coat, left)
            self.poly(coat, right)
            lapel = _shade(self.shirt, 0.45) if self.look.shirt else pygame.Color("#3A332B")
            self.poly(lapel, [(cx - 16, top + 4), (cx - 40, top + 70), (cx - 30, top + 110)])
            self.poly(lapel, [(cx + 16, top + 4), (cx + 40, top + 70), (cx + 30, top + 110)])

    def neck(self) -> None:
        cx = self.cx + 4 * self.turn
        skin = _shade(self.skin, 0.9)
        self.poly(
            skin,
            [
                (cx - 22, self.head_y + 50),
                (cx + 22, self.head_y + 50),
                (cx + 26, self.shoulder_y + 6),
                (cx - 26, self.shoulder_y + 6),
            ],
        )

    def hair_back(self) -> None:
        style = self.look.hair_style or "short"
        hx, hy = self.head_x, self.head_y
        if style == "long":
            self.poly(
                pygame.Color(self.hair),
                [
                    (hx - 66, hy - 40),
                    (hx + 66, hy - 40),
                    (hx + 78, hy + 120),
                    (hx + 50, self.shoulder_y + 40),
                    (hx - 50, self.shoulder_y + 40),
                    (hx - 78, hy + 120),
                ],
            )
        elif style == "covered":
            scarf = _shade(self.shirt, 0.7)
            self.ellipse(scarf, hx, hy - 6, 76, 88)
            self.poly(
                scarf,
                [
                    (hx - 70, hy + 10),
                    (hx + 70, hy + 10),
                    (hx + 84, self.shoulder_y + 30),
                    (hx - 84, self.shoulder_y + 30),
                ],
            )

    @property
    def head_x(self) -> float:
        return self.cx - 18 * self.turn

    def head(self) -> None:
        hx, hy = self.head_x, self.head_y
        skin = pygame.Color(self.skin)
        style = self.look.hair_style or "short"
        hair = pygame.Color(self.hair)
        self.ellipse(_shade(self.skin, 0.92), hx - 58, hy + 6, 9, 15)  # ears
        self.ellipse(_shade(self.skin, 0.92), hx + 58, hy + 6, 9, 15)
        self.ellipse(skin, hx, hy, 58, 72)
        if style in ("short", "long", "bun"):
            self.poly(
                hair,
                [
                    (hx - 60, hy - 8),
                    (hx - 54, hy - 52),
                    (hx - 20, hy - 76),
                    (hx + 24, hy - 76),
                    (hx + 56, hy - 50),
                    (hx + 60, hy - 8),
                    (hx + 40, hy - 44),
                    (hx - 10, hy - 50),
                    (hx - 42, hy - 36),
                ],
            )
            if style == "bun":
                self.ellipse(hair, hx + 10, hy - 84, 26, 22)
        elif style == "curly":
            for angle in range(-170, 0, 17):
                r = math.radians(angle)
                self.ellipse(hair, hx + 56 * math.cos(r), hy - 14 + 64 * math.sin(r), 20, 20)
        elif style == "covered":
            scarf = _shade(self.shirt, 0.7)
            self.poly(
                scarf,
                [
                    (hx - 62, hy - 4),
                    (hx - 50, hy - 58),
                    (hx, hy - 80),
                    (hx + 50, hy - 58),
                    (hx + 62, hy - 4),
                    (hx + 44, hy - 46),
                    (hx, hy - 58),
                    (hx - 44, hy - 46),
                ],
            )
        self.face(hx, hy)

    def face(self, hx: float, hy: float) -> None:
        e = self.e
        dark = pygame.Color("#2A201A")
        look_x = (1 - e.eye_contact) * -7 - 4 * self.turn
        look_y = e.gaze_down * 6 + e.head_drop * 4
        feature_y = hy + 8 * e.head_drop
        eye_y = feature_y - 4
        openness = max(0.15, min(1.3, e.eye_open))
        for side in (-1, 1):
            ex = hx + side * 23 + look_x * 0.35
            if self.blinking:
                pygame.draw.line(self.c, dark, self.p(ex - 10, eye_y + 1), self.p(ex + 10, eye_y + 1), self.n(2.4))
            else:
                self.ellipse(pygame.Color("#F7F3EE"), ex, eye_y, 11, 7 * openness)
                self.ellipse(pygame.Color("#3B2A20"), ex + look_x, eye_y + look_y * 0.5, 5, 5 * min(1, openness))
                self.ellipse(pygame.Color("#0E0B09"), ex + look_x, eye_y + look_y * 0.5, 2.3, 2.3 * min(1, openness))
                lid = _shade(self.skin, 0.85)
                lid_drop = (1 - min(1.0, openness)) * 7 + e.gaze_down * 2
                if lid_drop > 0.5:
                    self.poly(
                        lid,
                        [
                            (ex - 12, eye_y - 8),
                            (ex + 12, eye_y - 8),
                            (ex + 12, eye_y - 7 + lid_drop),
                            (ex - 12, eye_y - 7 + lid_drop),
                        ],
                    )
            # brows: worry lifts the inner ends, anger draws them down
            inner = -e.brow_worry * 7 + e.brow_anger * 7
            outer = e.brow_worry * 2 - e.brow_anger * 2
            brow_y = eye_y - 17
            start = self.p(ex - side * 12, brow_y + inner)
            end = self.p(ex + side * 12, brow_y + outer)
            pygame.draw.line(self.c, _shade(self.hair, 0.9), start, end, self.n(4))
        # nose
        pygame.draw.line(
            self.c,
            _shade(self.skin, 0.75),
            self.p(hx + look_x * 0.2, feature_y + 4),
            self.p(hx + 4 + look_x * 0.2, feature_y + 22),
            self.n(2),
        )
        # mouth: a curve whose middle rises for a smile and falls for sadness
        mouth_y = feature_y + 38
        half = 17
        lift = e.smile * 7
        points = []
        for i in range(9):
            t = i / 8
            x = hx - half + 2 * half * t
            y = mouth_y + lift * (1 - (2 * t - 1) ** 2) - lift * 0.5
            points.append(self.p(x + look_x * 0.15, y))
        pygame.draw.lines(self.c, pygame.Color("#7A3B33"), False, points, self.n(3))
        if self.look.glasses:
            frame = pygame.Color("#2B2B2B")
            for side in (-1, 1):
                ex = hx + side * 23
                x, y = self.p(ex - 17, eye_y - 12)
                pygame.draw.rect(
                    self.c, frame, pygame.Rect(x, y, self.n(34), self.n(24)), self.n(2.2), border_radius=self.n(7)
                )
            pygame.draw.line(self.c, frame, self.p(hx - 6, eye_y - 2), self.p(hx + 6, eye_y - 2), self.n(2))

    def arms(self) -> None:
        e = self.e
        skin = pygame.Color(self.skin)
        sleeve = (
            _shade(self.shirt, 0.92)
            if not e.coat_on
            else (_shade(self.shirt, 0.55) if self.look.shirt else pygame.Color("#4B4238"))
        )
        cx, top = self.cx, self.shoulder_y
        open_ = e.arms_open
        wiggle = (self.fidget - 1.5) * 2.5 * e.fidget
        for side in (-1, 1):
            shoulder = (cx + side * (106 - 10 * e.slump), top + 26)
            # crossed: elbows tucked, forearms across the chest, hands at the other elbow
            crossed_elbow = (cx + side * 96, top + 120)
            crossed_hand = (cx - side * 70, top + 96 + (8 if side > 0 else 0))
            # open: elbows by the sides, hands resting palm-up on the knees
            open_elbow = (cx + side * 114, top + 118)
            open_hand = (cx + side * 70 + wiggle, 384 - 4 * e.lean)
            elbow = (
                crossed_elbow[0] + (open_elbow[0] - crossed_elbow[0]) * open_,
                crossed_elbow[1] + (open_elbow[1] - crossed_elbow[1]) * open_,
            )
            hand = (
                crossed_hand[0] + (open_hand[0] - crossed_hand[0]) * open_,
                crossed_hand[1] + (open_hand[1] - crossed_hand[1]) * open_,
            )
            self.limb(sleeve, [shoulder, elbow, hand], 34)
            self.ellipse(skin, hand[0], hand[1] + 4, 15, 12)
