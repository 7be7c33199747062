"""The client's area of the screen: the room, the client in the chair, and the caption below.

The session, the replay viewer and `rapport portrait` all draw it here, so a
portrait is exactly the client's area of the session screen without its caption.
The caption gets a band of its own under the chair, so it covers nothing of the
client; the figure is fitted to the space above it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pygame

from game.engine.expression import expression
from game.scenario.appearance import Look, narrated_hints, resolve
from game.scenario.model import Client, Meter, Node, Scenario
from game.ui.avatar import Avatar
from game.ui.room import Room
from game.ui.theme import Palette, Theme, rounded_rect


def look_of(client: Client) -> Look:
    """The client's appearance with every gap filled from their age and pronouns."""
    return resolve(client.appearance, client.age, client.pronouns)


def node_hints(node: Node | None) -> tuple[str, ...]:
    """What a node asks the picture to show: its `expression`, then what its narration names."""
    if node is None:
        return ()
    named = narrated_hints(node.narration)
    return tuple(dict.fromkeys(((node.expression,) if node.expression else ()) + named))


def figure_rect(area: pygame.Rect) -> pygame.Rect:
    """Where the client and the chair go inside `area` (the chair stands on its bottom edge)."""
    figure = pygame.Rect(0, 0, round(area.width * 1.12), area.height - round(area.height * 0.02))
    figure.midbottom = (area.centerx, area.bottom)
    return figure


def draw_client(surface: pygame.Surface, area: pygame.Rect, room: Room, avatar: Avatar, palette: Palette) -> None:
    """The room lit for the client's hope, and the client in the chair, inside `area`."""
    shown = avatar.shown
    light = shown.light if shown is not None else 0.5
    surface.blit(room.surface(area.size, light, palette), area.topleft)
    clip = surface.get_clip()
    surface.set_clip(area.clip(clip) if clip else area)
    avatar.draw(surface, figure_rect(area))
    surface.set_clip(clip)


def caption_band(theme: Theme, text: str, stage: pygame.Rect) -> pygame.Rect:
    """The band under the client that the caption needs (its lines at this width)."""
    lines = theme.wrap(text, stage.width - theme.px(40), "small", "italic")
    height = len(lines) * theme.line_height("small") + theme.px(16)
    return pygame.Rect(stage.left, stage.bottom - height, stage.width, height)


def draw_caption(surface: pygame.Surface, theme: Theme, text: str, band: pygame.Rect) -> None:
    """The cue line in its own band, under the chair."""
    pygame.draw.rect(surface, theme.palette.floor, band)
    back = band.inflate(-theme.px(16), -theme.px(8))
    rounded_rect(surface, back, theme.palette.panel, radius=theme.px(8))
    theme.draw_text_block(
        surface, text, back.inflate(-theme.px(20), -theme.px(4)), "small", theme.palette.panel_text, "italic"
    )


def portrait(
    scenario: Scenario,
    meters: Mapping[str, int] | None = None,
    hints: Iterable[str] = (),
    size: tuple[int, int] = (512, 512),
    palette: Palette | None = None,
) -> pygame.Surface:
    """The client in the chair, the room lit for those meters; no node, no caption, no text; at rest."""
    from game.ui.theme import CALM

    values = {m.name: m.start for m in scenario.meters}
    values.update(meters or {})
    bounds = {m.name: m for m in scenario.meters}
    avatar = Avatar(look_of(scenario.client), seed=0, reduced_motion=True)
    avatar.still = True
    avatar.set_target(expression(values, bounds, None, tuple(hints)))
    surface = pygame.Surface(size)
    draw_client(surface, surface.get_rect(), Room(), avatar, palette or CALM)
    return surface


def reaction(before: Mapping[str, int], after: Mapping[str, int], meters: Iterable[Meter]) -> str:
    """How a reply lands, as a moment: a flinch or looking away (trust falls), a nod (it rises),
    a sigh of relief (hope rises) or a droop (hope falls); "" when nothing much moved."""
    change: dict[str, float] = {}
    for meter in meters:
        if meter.name in ("trust", "hope") and meter.name in before and meter.name in after:
            change[meter.name] = (after[meter.name] - before[meter.name]) / (meter.max - meter.min)
    trust, hope = change.get("trust", 0.0), change.get("hope", 0.0)
    if max(abs(trust), abs(hope)) < 0.03:
        return ""
    if abs(trust) >= abs(hope):
        if trust <= -0.1:
            return "flinch"
        return "look_away" if trust < 0 else "nod"
    return "sigh" if hope > 0 else "droop"


def write_portrait(
    scenario: Scenario, meters: Mapping[str, int], hints: Iterable[str], size: tuple[int, int], out: Path
) -> None:
    """`rapport portrait`: choose a display driver (none is needed), draw, save as PNG."""
    from game.ui.display import ensure_display

    ensure_display()
    picture = portrait(scenario, meters, hints, size)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        pygame.image.save(picture, str(out))
    except pygame.error as exc:
        raise OSError(str(exc)) from None
