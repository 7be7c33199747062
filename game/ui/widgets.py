"""Hand-drawn pieces where pygame_gui does not serve: wrapped, numbered choice cards,
the typewriter, meter bars and the meter chart."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui.theme import METER_COLOURS, METER_DASHES, Theme, colour, quality_mark, rounded_rect


@dataclass
class Card:
    """A numbered, wrapped card the trainee can pick by number, arrows or mouse."""

    number: int | None
    text: str
    rect: pygame.Rect
    quality: str | None = None  # shown in replays and debriefs only
    role: str = "body"  # "small" where many cards must fit

    def height_for(self, theme: Theme, width: int) -> int:
        pad = theme.px(14)
        text_width = width - pad * 3 - self.badge_width(theme)
        return theme.text_height(self.text, text_width, self.role) + pad * 2

    @staticmethod
    def badge(theme: Theme) -> int:
        return theme.px(30)

    def badge_width(self, theme: Theme) -> int:
        """No number and no quality mark: the text takes the badge's place."""
        return self.badge(theme) if self.number is not None or self.quality else -theme.px(14)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, muted: bool = False) -> None:
        palette = theme.palette
        pad = theme.px(14)
        fill = palette.focus_fill if focused else palette.card
        border = palette.focus if focused else palette.card_border
        rounded_rect(surface, self.rect, fill, border, width=theme.px(3) if focused else 1, radius=theme.px(10))
        badge = self.badge(theme)
        badge_rect = pygame.Rect(self.rect.left + pad, self.rect.top + pad, badge, badge)
        if self.number is not None:
            rounded_rect(surface, badge_rect, palette.focus if focused else palette.panel, radius=theme.px(6))
            label = theme.text(str(self.number), "body", "#FFFFFF", "bold")
            surface.blit(label, label.get_rect(center=badge_rect.center))
        elif self.quality:
            quality_mark(surface, theme, self.quality, badge_rect.center, theme.px(18))
        badge = self.badge_width(theme)
        text_rect = pygame.Rect(
            self.rect.left + pad * 2 + badge,
            self.rect.top + pad,
            self.rect.width - badge - pad * 3,
            self.rect.height - pad * 2,
        )
        color = palette.card_muted if muted else palette.card_text
        theme.draw_text_block(surface, self.text, text_rect, self.role, color)


def layout_cards(theme: Theme, cards: Sequence[Card], area: pygame.Rect, gap: int) -> bool:
    """Stack cards from the top of `area`; False when they do not all fit."""
    y = area.top
    for card in cards:
        height = card.height_for(theme, area.width)
        card.rect = pygame.Rect(area.left, y, area.width, height)
        y += height + gap
    return y - gap <= area.bottom


class Typewriter:
    """Reveals a line at a steady pace; skippable; instant when the speed is 0."""

    def __init__(self, text: str, characters_per_second: int) -> None:
        self.text = text
        self.speed = characters_per_second
        self.shown = float(len(text)) if characters_per_second <= 0 else 0.0

    @property
    def done(self) -> bool:
        return self.shown >= len(self.text)

    @property
    def visible(self) -> int:
        return int(self.shown)

    def update(self, dt: float) -> None:
        if not self.done:
            self.shown = min(float(len(self.text)), self.shown + dt * self.speed)

    def skip(self) -> None:
        self.shown = float(len(self.text))


def meter_bar(
    surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str, fraction: float, index: int, text_colour: str
) -> None:
    """A labelled bar (practice mode), with a marker pattern as well as a colour."""
    name = theme.text(label, "small", text_colour)
    surface.blit(name, (rect.left, rect.centery - name.get_height() // 2))
    bar = pygame.Rect(
        rect.left + name.get_width() + theme.px(8),
        rect.centery - theme.px(5),
        rect.width - name.get_width() - theme.px(8),
        theme.px(10),
    )
    pygame.draw.rect(surface, colour("#5A6166"), bar, border_radius=theme.px(5))
    filled = bar.copy()
    filled.width = max(0, round(bar.width * max(0.0, min(1.0, fraction))))
    pygame.draw.rect(surface, colour(METER_COLOURS[index % len(METER_COLOURS)]), filled, border_radius=theme.px(5))


def dashed_line(
    surface: pygame.Surface,
    color: pygame.Color,
    points: Sequence[tuple[float, float]],
    width: int,
    dash: tuple[int, ...] | None,
) -> None:
    """A polyline, solid or with a dash pattern (so lines differ by more than colour)."""
    if dash is None or len(points) < 2:
        if len(points) >= 2:
            pygame.draw.lines(surface, color, False, points, width)
        return
    pattern = list(dash)
    index, remaining, drawing = 0, float(pattern[0]), True
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = max(1e-6, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
        travelled = 0.0
        while travelled < length:
            step = min(remaining, length - travelled)
            if drawing:
                a = (x1 + (x2 - x1) * travelled / length, y1 + (y2 - y1) * travelled / length)
                b = (x1 + (x2 - x1) * (travelled + step) / length, y1 + (y2 - y1) * (travelled + step) / length)
                pygame.draw.line(surface, color, a, b, width)
            travelled += step
            remaining -= step
            if remaining <= 0:
                index = (index + 1) % len(pattern)
                remaining = float(pattern[index])
                drawing = not drawing


def meter_chart(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    series: dict[str, list[int]],
    bounds: dict[str, tuple[int, int]],
    labels: dict[str, str],
    choice_marks: Sequence[tuple[int, str]] = (),
    cursor: int | None = None,
    length: int | None = None,
) -> None:
    """Meter timelines: one point per step, choices marked on the time axis by quality.

    `length` keeps the time axis of a whole session when only its first steps are drawn.

    Lines differ in colour (Okabe–Ito), dash and marker; a legend names them.
    """
    palette = theme.palette
    rounded_rect(surface, rect, palette.card, palette.card_border, radius=theme.px(8))
    pad = theme.px(12)
    names = [labels.get(name, name) for name in series]
    widths = [theme.px(34) + theme.text_width(name, "small") + theme.px(18) for name in names]
    gutter = max(theme.px(28), theme.text_width("100", "small") + theme.px(8))  # the ticks' labels, at any text size
    legend_boxes, legend_h = flow(theme, widths, rect.width - pad * 2 - gutter, theme.line_height("small"), 0)
    plot = pygame.Rect(
        rect.left + pad + gutter,
        rect.top + pad + legend_h,
        rect.width - pad * 2 - gutter,
        rect.height - pad * 2 - legend_h - theme.px(22),
    )
    tick_h = theme.line_height("small")
    ticks = (0, 50, 100) if plot.height >= tick_h * 2 + 4 else (0, 100) if plot.height >= tick_h + 4 else ()
    for value in ticks:
        y = plot.bottom - plot.height * value / 100
        pygame.draw.line(surface, colour(palette.card_border), (plot.left, y), (plot.right, y), 1)
        tick = theme.text(str(value), "small", palette.card_muted)
        surface.blit(tick, (plot.left - tick.get_width() - theme.px(6), y - tick.get_height() // 2))
    steps = max(1, (length or max((len(v) for v in series.values()), default=1)) - 1)

    def x_of(i: int) -> float:
        return plot.left + plot.width * i / steps

    for i, quality in choice_marks:
        x = x_of(i)
        quality_mark(surface, theme, quality, (round(x), plot.bottom + theme.px(12)), theme.px(11))
    if cursor is not None:
        x = x_of(cursor)
        pygame.draw.line(surface, colour(palette.focus), (x, plot.top), (x, plot.bottom), theme.px(2))
    for index, (name, values) in enumerate(series.items()):
        low, high = bounds[name]
        span = max(1, high - low)
        points = [(x_of(i), plot.bottom - plot.height * (v - low) / span) for i, v in enumerate(values)]
        line_colour = colour(METER_COLOURS[index % len(METER_COLOURS)])
        dashed_line(surface, line_colour, points, theme.px(3), METER_DASHES[index % len(METER_DASHES)])
        for point in points:
            _marker(surface, index, line_colour, point, theme.px(4))
        box = legend_boxes[index].move(plot.left, rect.top + pad)
        legend_x, sample_y = box.left, box.centery
        dashed_line(
            surface,
            line_colour,
            [(legend_x, sample_y), (legend_x + theme.px(28), sample_y)],
            theme.px(3),
            METER_DASHES[index % len(METER_DASHES)],
        )
        _marker(surface, index, line_colour, (legend_x + theme.px(14), sample_y), theme.px(4))
        label = theme.text(labels.get(name, name), "small", palette.card_text)
        surface.blit(label, (legend_x + theme.px(34), sample_y - label.get_height() // 2))


def _marker(surface: pygame.Surface, index: int, color: pygame.Color, point: tuple[float, float], r: int) -> None:
    x, y = round(point[0]), round(point[1])
    shape = index % 4
    if shape == 0:
        pygame.draw.circle(surface, color, (x, y), r)
    elif shape == 1:
        pygame.draw.rect(surface, color, (x - r, y - r, 2 * r, 2 * r))
    elif shape == 2:
        pygame.draw.polygon(surface, color, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)])
    else:
        pygame.draw.polygon(surface, color, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)])


class ScrollArea:
    """A region whose content may be taller than its view: an offset, a visible scrollbar, wheel and keys.

    Content is laid out from `view.top - offset`; whatever is drawn is clipped to the view.
    """

    def __init__(self) -> None:
        self.view = pygame.Rect(0, 0, 0, 0)
        self.content = 0
        self.offset = 0

    @property
    def overflows(self) -> bool:
        return self.content > self.view.height

    @property
    def limit(self) -> int:
        return max(0, self.content - self.view.height)

    def set(self, view: pygame.Rect, content: int) -> None:
        self.view = view
        self.content = content
        self.offset = max(0, min(self.offset, self.limit))

    def scroll(self, pixels: int) -> None:
        self.offset = max(0, min(self.limit, self.offset + pixels))

    def to_end(self) -> None:
        self.offset = self.limit

    def ensure_visible(self, top: int, bottom: int) -> None:
        """Scroll as little as needed so content rows top..bottom (content coordinates) are in view."""
        if bottom - self.offset > self.view.height:
            self.offset = bottom - self.view.height
        if top < self.offset:
            self.offset = top
        self.offset = max(0, min(self.limit, self.offset))

    def bar_rect(self, theme: Theme) -> pygame.Rect:
        width = theme.px(8)
        return pygame.Rect(self.view.right - width, self.view.top, width, self.view.height)

    def thumb_rect(self, theme: Theme) -> pygame.Rect:
        track = self.bar_rect(theme)
        if not self.overflows:
            return track
        height = max(theme.px(24), round(track.height * self.view.height / self.content))
        top = track.top + round((track.height - height) * self.offset / max(1, self.limit))
        return pygame.Rect(track.left, top, track.width, height)

    def click(self, theme: Theme, pos: tuple[int, int]) -> bool:
        """A click on the scrollbar's track moves the view there; True when it was on the track."""
        track = self.bar_rect(theme).inflate(theme.px(8), 0)
        if not self.overflows or not track.collidepoint(pos):
            return False
        fraction = (pos[1] - self.view.top) / max(1, self.view.height)
        self.offset = max(0, min(self.limit, round(fraction * self.content - self.view.height / 2)))
        return True

    def draw_bar(self, surface: pygame.Surface, theme: Theme, track_colour: str, thumb_colour: str) -> None:
        if not self.overflows:
            return
        radius = theme.px(4)
        pygame.draw.rect(surface, colour(track_colour), self.bar_rect(theme), border_radius=radius)
        pygame.draw.rect(surface, colour(thumb_colour), self.thumb_rect(theme), border_radius=radius)


def control_height(theme: Theme) -> int:
    """A button's or a field's height: its text (which grows with the text size) and padding."""
    return theme.line_height("body") + theme.px(16)


def button_width(theme: Theme, label: str, minimum: int = 0) -> int:
    """Wide enough for the label at the current text size (and at least `minimum` design pixels)."""
    return max(theme.px(minimum), theme.font("body").size(label)[0] + theme.px(40))


def flow(theme: Theme, widths: Sequence[int], width: int, height: int, gap: int) -> tuple[list[pygame.Rect], int]:
    """Boxes of these widths left to right, wrapping onto new rows; their rects from (0, 0) and the total height."""
    rects: list[pygame.Rect] = []
    x = y = 0
    for w in widths:
        w = min(w, width)
        if x > 0 and x + w > width:
            x, y = 0, y + height + gap
        rects.append(pygame.Rect(x, y, w, height))
        x += w + gap
    return rects, (y + height if rects else 0)


def focus_ring(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, on_dark: bool = False) -> None:
    """The keyboard focus, drawn the same way on every screen (light on the dark bars, so it shows there too)."""
    ring = rect.inflate(theme.px(8), theme.px(8))
    ink = theme.palette.panel_text if on_dark else theme.palette.focus
    rounded_rect(surface, ring, None, ink, width=max(2, theme.px(3)), radius=theme.px(8))
