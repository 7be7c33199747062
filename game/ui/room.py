"""The consulting room behind the client, drawn once per size and light level, then cached."""

from __future__ import annotations

import pygame

from game.ui.theme import Palette, colour

LIGHT_STEPS = 40


class Room:
    def __init__(self) -> None:
        self._cache: dict[tuple[int, int, int, str], pygame.Surface] = {}

    def surface(self, size: tuple[int, int], light: float, palette: Palette) -> pygame.Surface:
        level = round(max(0.0, min(1.0, light)) * LIGHT_STEPS)
        key = (size[0], size[1], level, palette.wall)
        if key not in self._cache:
            if len(self._cache) > 2 * (LIGHT_STEPS + 1):
                self._cache.clear()
            self._cache[key] = self._paint(size, level / LIGHT_STEPS, palette)
        return self._cache[key]

    def _paint(self, size: tuple[int, int], light: float, palette: Palette) -> pygame.Surface:
        w, h = size
        room = pygame.Surface(size)
        room.fill(colour(palette.wall))
        floor_y = round(h * 0.78)
        pygame.draw.rect(room, colour(palette.floor), (0, floor_y, w, h - floor_y))
        pygame.draw.rect(room, colour(palette.wall_shade), (0, floor_y - max(2, h // 90), w, max(2, h // 90)))
        # the door, on the left: where a guarded client's eyes go
        door = pygame.Rect(round(w * 0.03), round(h * 0.14), round(w * 0.13), floor_y - round(h * 0.14))
        pygame.draw.rect(room, colour(palette.wall_shade), door.inflate(round(w * 0.012), round(w * 0.012)))
        pygame.draw.rect(room, colour("#B59C80"), door)
        pygame.draw.circle(room, colour("#6E5A45"), (door.right - round(w * 0.018), door.centery), max(2, w // 160))
        # a window on the right: grey daylight with low hope, bright with high
        window = pygame.Rect(round(w * 0.74), round(h * 0.12), round(w * 0.2), round(h * 0.36))
        pygame.draw.rect(room, colour("#F5F1EA"), window.inflate(round(w * 0.014), round(w * 0.014)))
        pygame.draw.rect(room, colour("#7F8C97").lerp(colour("#CFE3F0"), light), window)
        pygame.draw.line(room, colour("#F5F1EA"), window.midtop, window.midbottom, max(2, w // 200))
        pygame.draw.line(room, colour("#F5F1EA"), window.midleft, window.midright, max(2, w // 200))
        # a plant below the window
        pot = pygame.Rect(round(w * 0.82), floor_y - round(h * 0.12), round(w * 0.07), round(h * 0.12))
        pygame.draw.rect(room, colour("#A0694B"), pot, border_radius=max(2, w // 200))
        for dx, dy, r in ((0, -0.17, 0.05), (-0.03, -0.13, 0.04), (0.03, -0.14, 0.045), (0.0, -0.24, 0.035)):
            pygame.draw.circle(
                room, colour("#5E8C61"), (pot.centerx + round(w * dx), floor_y + round(h * dy)), round(w * r)
            )
        # a lamp on the left, giving the warm light
        lamp_x = round(w * 0.24)
        pygame.draw.line(room, colour("#5A4E44"), (lamp_x, floor_y), (lamp_x, round(h * 0.3)), max(2, w // 240))
        pygame.draw.polygon(
            room,
            colour("#EAD7A8"),
            [
                (lamp_x - round(w * 0.04), round(h * 0.3)),
                (lamp_x + round(w * 0.04), round(h * 0.3)),
                (lamp_x + round(w * 0.025), round(h * 0.2)),
                (lamp_x - round(w * 0.025), round(h * 0.2)),
            ],
        )
        # the lamp's glow grows with hope (the client's armchair is drawn with the client)
        glow = pygame.Surface(size, pygame.SRCALPHA)
        for i in range(4, 0, -1):
            radius = round(w * 0.05 * i * (0.4 + light))
            pygame.draw.circle(glow, (255, 214, 150, round(18 * light)), (lamp_x, round(h * 0.25)), radius)
        room.blit(glow, (0, 0))
        # light: dim and cool with low hope, warm with high hope, continuously
        tint = pygame.Surface(size, pygame.SRCALPHA)
        if light < 0.55:
            tint.fill((28, 38, 60, round((0.55 - light) / 0.55 * 130)))
        else:
            tint.fill((255, 196, 120, round((light - 0.55) / 0.45 * 46)))
        room.blit(tint, (0, 0))
        return room.convert() if pygame.display.get_surface() is not None else room
