"""The reference for cold start: a bare pygame program that opens the same window, draws text, flips and saves."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

pygame.display.init()
pygame.font.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
font = pygame.font.Font(None, 32)
screen.fill((243, 238, 231))
screen.blit(font.render("Rapport", True, (30, 34, 37)), (48, 40))
pygame.display.flip()
pygame.image.save(screen, sys.argv[1] if len(sys.argv) > 1 else "bare.png")
