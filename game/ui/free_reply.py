"""The free-text reply on the session screen: a field to type in, then what the client heard.

A component of its own, so the session screen only asks it what to show and hands it what the
trainee does. Its states: `field` (typing the reply), `heard` (practice: the reply the text was
taken as, with "that is not what I meant"), `pick` (the match was unclear, or the trainee said so:
the typed text stays above the ordinary reply list). The model loads in a background thread as
the session opens, so the first Enter rarely waits and start-up pays nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Protocol

import pygame

from game.freetext import FreeTextUnavailable, unavailable_message
from game.scenario.model import Choice, Scenario
from game.ui.theme import Theme, colour, rounded_rect
from game.ui.widgets import Card

MAX_TYPED = 2_000
FIELD, HEARD, PICK = "field", "heard", "pick"


class MatchLike(Protocol):
    @property
    def choice(self) -> Choice | None: ...

    @property
    def accepted(self) -> bool: ...

    def logged(self, picked: bool) -> dict[str, Any]: ...


class MatcherLike(Protocol):
    def prepare(self, scenario: Scenario) -> None: ...

    def match(self, scenario: Scenario, shown: Sequence[Choice], typed: str) -> MatchLike: ...


def default_matcher() -> MatcherLike:
    """The real matcher (raises FreeTextUnavailable, or ImportError without numpy)."""
    from game.freetext.matcher import Matcher

    return Matcher()


class FreeReply:
    """What the trainee typed and where the reply stands; drawing helpers for the session screen's column."""

    def __init__(self, scenario: Scenario, matcher: MatcherLike | None = None, *, background: bool = True) -> None:
        self.scenario = scenario
        self.state = FIELD
        self.text = ""
        self.found: MatchLike | None = None
        self.error: str | None = None
        self._matcher = matcher
        self._ready = threading.Event()
        if background:
            threading.Thread(target=self._prepare, name="free-text model", daemon=True).start()
        else:
            self._prepare()

    def _prepare(self) -> None:
        try:
            if self._matcher is None:
                self._matcher = default_matcher()
            self._matcher.prepare(self.scenario)
        except FreeTextUnavailable as exc:
            self.error = str(exc)
        except ImportError:
            self.error = unavailable_message()
        finally:
            self._ready.set()

    # -- what the trainee does -----------------------------------------------------------

    def type(self, text: str) -> None:
        if self.state == FIELD:
            self.text = (self.text + text.replace("\n", " "))[:MAX_TYPED]

    def erase(self) -> None:
        if self.state == FIELD:
            self.text = self.text[:-1]

    def submit(self, shown: Sequence[Choice], practice: bool) -> Choice | None:
        """Enter in the field: the reply to make at once (assessment, accepted), else None and a new state.

        Raises FreeTextUnavailable when the model could not be loaded (the screen shows the list).
        """
        self._ready.wait()
        if self.error is not None or self._matcher is None:
            raise FreeTextUnavailable(self.error or unavailable_message())
        self.found = self._matcher.match(self.scenario, shown, self.text)
        heard = self.found.choice
        if heard is None:
            self.state = PICK
        elif practice:
            self.state = HEARD
        else:
            return heard
        return None

    def not_what_i_meant(self) -> None:
        self.state = PICK

    def logged(self) -> dict[str, Any] | None:
        """The choice event's `match`, for the reply now being made."""
        return None if self.found is None else self.found.logged(picked=self.state == PICK)

    def reset(self) -> None:
        self.state, self.text, self.found = FIELD, "", None

    # -- what the screen shows -------------------------------------------------------------

    def heading(self) -> str:
        return {
            FIELD: "Your reply — type what you would say, then Enter",
            HEARD: "Is that what you meant? 1 or Enter: yes, go on · 2: pick the reply you meant",
            PICK: "Which reply did you mean? Press its number, or use the arrow keys and Enter",
        }[self.state]

    def cards(self, shown: Sequence[tuple[int, Choice]]) -> list[Card]:
        rect = pygame.Rect(0, 0, 0, 0)
        if self.state == HEARD:
            return [Card(1, "Yes, that is what I meant", rect), Card(2, "That is not what I meant", rect)]
        if self.state == PICK:
            return [Card(number, choice.text, rect) for number, choice in shown]
        return []

    def block_text(self) -> tuple[str, str]:
        """The line above the cards: (label, text)."""
        if self.state == HEARD and self.found is not None and self.found.choice is not None:
            return "The client heard:", f"“{self.found.choice.text}”"
        if self.state == PICK:
            return "You said:", f"“{self.text}”" if self.text else "(nothing yet)"
        return "", self.text

    def block_height(self, theme: Theme, width: int) -> int:
        pad = theme.px(14)
        label, text = self.block_text()
        inner = width - pad * 2
        height = theme.text_height(text or " ", inner, "body") + pad * 2
        if label:
            height += theme.line_height("small")
        if self.state == FIELD:
            height += theme.line_height("small")
        return height

    def draw_block(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, blink_on: bool) -> None:
        """The field (with its caret) or the line naming what was heard or said."""
        palette = theme.palette
        pad = theme.px(14)
        editing = self.state == FIELD
        border = palette.focus if editing else palette.card_border
        rounded_rect(surface, rect, palette.card, border, width=theme.px(3) if editing else 1, radius=theme.px(10))
        inner = rect.inflate(-pad * 2, -pad * 2)
        label, text = self.block_text()
        y = inner.top
        if label:
            y += theme.draw_text_block(
                surface, label, pygame.Rect(inner.left, y, inner.width, 0), "small", palette.card_muted
            )
        if editing and not text:
            theme.draw_text_block(
                surface, "Type here…", pygame.Rect(inner.left, y, inner.width, 0), "body", palette.card_muted, "italic"
            )
        else:
            used = theme.draw_text_block(
                surface, text, pygame.Rect(inner.left, y, inner.width, 0), "body", palette.card_text
            )
            if editing and blink_on:
                lines = theme.layout(text, inner.width, "body", "regular")
                last = lines[-1].text if lines else ""
                x = inner.left + theme.text(last, "body", palette.card_text).get_width() + theme.px(1)
                top = y + used - theme.line_height("body")
                bottom = top + theme.line_height("body") - 4
                pygame.draw.line(surface, colour(palette.card_text), (x, top + 2), (x, bottom), 2)
        if editing:
            hint = "Enter: say it · Esc: pause"
            theme.draw_text_block(
                surface,
                hint,
                pygame.Rect(inner.left, inner.bottom - theme.line_height("small"), inner.width, 0),
                "small",
                palette.card_muted,
            )
