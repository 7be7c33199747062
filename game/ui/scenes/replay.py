"""Debrief replays for classes: one trainee's session step by step, or a whole class at once."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pygame
import pygame_gui

from game import paths
from game.analysis.presentation import DebriefView, course_bands, debrief_view, effect_words
from game.analysis.steps import ReplayStep, replay_steps
from game.engine.expression import cue, expression
from game.record.log import SessionLog
from game.record.notes import add_note, read_notes
from game.record.played import PLAYED
from game.record.verify import check_logs, viewable
from game.scenario.model import Choice, Node, Scenario
from game.ui.avatar import Avatar
from game.ui.bidi import isolate
from game.ui.input import (
    Activate,
    Back,
    Button,
    Click,
    Command,
    Continue,
    Focus,
    Move,
    Point,
    Scroll,
    Selected,
    Step,
    Toggle,
    Undo,
)
from game.ui.listing import ListScene
from game.ui.overlay import Overlay
from game.ui.room import Room
from game.ui.scene import AppLike, Scene
from game.ui.stage import caption_band, draw_caption, draw_client, look_of, node_hints
from game.ui.theme import Theme, blit_line, colour, quality_mark, rounded_rect
from game.ui.widgets import Card, ScrollArea, button_width, control_height, flow, focus_ring, layout_cards, meter_chart

PRESENTER_TEXT = 130
"""The text size (per cent) presenter mode (P) uses at least: body text is then 25 px at 1280×720 and 37 px
at 1920×1080, readable from the back of a room, with the replies offered at a step still in view."""


class ReplayScene(Scene):
    """Step through one recorded session: ←/→, Home/End, the scrubber; P presenter, V predict, N note."""

    def __init__(self, app: AppLike, scenario: Scenario, log: SessionLog, step: int = 0) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.log = log
        self.steps: list[ReplayStep] = replay_steps(scenario, log.events)
        self.view: DebriefView = debrief_view(scenario, log.events)  # the meters' course, one point per step
        self.index = max(0, min(step, len(self.steps) - 1))
        self.presenter = False
        self.predict = False
        self.revealed = True
        self.avatar = Avatar(look_of(scenario.client), int(log.header.get("seed") or 0), app.settings.reduced_motion)
        self.room = Room()
        self.notes = read_notes(log.path)
        self.rects: dict[str, pygame.Rect] = {}
        self.line_scroll = ScrollArea()  # the client's line and notes, under the client
        self.cards_scroll = ScrollArea()  # the replies on offer
        self.card_rects: list[tuple[pygame.Rect, pygame.Rect]] = []  # each card drawn, and the view it is in
        self._saved_scale = app.settings.text_size
        self.action_focus: str | None = None  # Tab: the bar's action with the focus ring
        self._aim()

    # -- navigation ------------------------------------------------------------------

    @property
    def step(self) -> ReplayStep | None:
        return self.steps[self.index] if self.steps else None

    def go(self, index: int) -> None:
        if not self.steps:
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        self.revealed = not self.predict
        self._aim()

    def _aim(self) -> None:
        step = self.step
        if step is not None:
            bounds = {m.name: m for m in self.scenario.meters}
            self.avatar.set_target(expression(step.meters, bounds, step.node.mood, node_hints(step.node)))

    def handle(self, command: Command) -> None:
        if isinstance(command, Step):
            if command.to == "first":
                self.go(0)
            elif command.to == "last":
                self.go(len(self.steps) - 1)
            else:
                self.go(self.index + command.delta)
        elif isinstance(command, Activate) and self.action_focus is not None:
            self.act(self.action_focus)
        elif isinstance(command, Continue | Activate):
            if self.predict and not self.revealed:
                self.revealed = True
            else:
                self.go(self.index + 1)
        elif isinstance(command, Toggle) and command.what in ("presenter", "predict", "note", "help"):
            self.act(command.what)
        elif isinstance(command, Focus):
            names = [name for name, _ in self.ACTIONS]
            here = names.index(self.action_focus) if self.action_focus in names else (-1 if command.delta > 0 else 0)
            self.action_focus = names[(here + command.delta) % len(names)]
        elif isinstance(command, Click) or (isinstance(command, Point) and pygame.mouse.get_pressed()[0]):
            self._click(command.pos)
        elif isinstance(command, Scroll):
            area = self.line_scroll if self.line_scroll.view.collidepoint(command.pos) else self.cards_scroll
            area.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Back):
            self.leave()

    def _click(self, pos: tuple[int, int]) -> None:
        for name, _ in self.ACTIONS:
            if self.rects.get(name, pygame.Rect(0, 0, 0, 0)).collidepoint(pos):
                self.act(name)
                return
        scrubber = self.rects.get("scrubber")
        if scrubber is not None and scrubber.inflate(0, 20).collidepoint(pos) and self.steps:
            fraction = (pos[0] - scrubber.left) / max(1, scrubber.width)
            self.go(round(fraction * (len(self.steps) - 1)))

    def act(self, name: str) -> None:
        """One of the bar's actions, by its key, its button, or Tab and Enter."""
        if name == "back":
            self.leave()
        elif name in ("previous", "next"):
            self.go(self.index + (1 if name == "next" else -1))
        elif name == "presenter":
            self.presenter = not self.presenter
            self.app.settings.text_size = (
                max(PRESENTER_TEXT, self._saved_scale) if self.presenter else self._saved_scale
            )
            self.app.restyle()
        elif name == "predict":
            self.predict = not self.predict
            self.revealed = not self.predict
            self.app.notify(
                "Predict mode: the trainee's reply stays hidden until Space" if self.predict else "Predict mode off"
            )
        elif name == "note":
            self.app.push(NoteScene(self.app, self))
        elif name == "help":
            self.app.push("help")

    ACTIONS = (
        ("back", "Back (Esc)"),
        ("previous", "Previous (Left)"),
        ("next", "Next (Right)"),
        ("presenter", "Presenter (P)"),
        ("predict", "Predict (V)"),
        ("note", "Note (N)"),
        ("help", "Help (F1)"),
    )

    def _draw_bar(self, surface: pygame.Surface, width: int) -> int:
        """The top bar: what is replayed (wrapped), then Back, Previous and Next (clickable) and the other keys.

        Returns its height; the actions' rects go to `self.rects` for clicks.
        """
        theme = self.theme
        palette = theme.palette
        pad = theme.px(16)
        row_h = theme.line_height("small") + theme.px(12)
        step = self.step
        title = f"Replay · {isolate(self.log.trainee)} · {isolate(self.scenario.title)}"
        if step is not None:
            title += f" · Step {self.index + 1} of {len(self.steps)} · Turn {step.turn}"
        flags = [name for name, on in (("Presenter view", self.presenter), ("Predict mode", self.predict)) if on]
        title = " · ".join([title, *flags])  # the keys are on the buttons and in Help (F1)
        lines = theme.wrap(title, width - pad * 2, "small")
        widths = [theme.text_width(label, "small") + theme.px(20) for _, label in self.ACTIONS]
        boxes, chips_h = flow(theme, widths, width - pad * 2, row_h - theme.px(8), theme.px(10))
        height = len(lines) * row_h + chips_h + theme.px(8)
        pygame.draw.rect(surface, colour(palette.panel), pygame.Rect(0, 0, width, height))
        y = 0
        for line in lines:
            label = theme.text(line, "small", palette.panel_text)
            surface.blit(label, (pad, y + (row_h - label.get_height()) // 2))
            y += row_h
        self.rects = {}
        for (name, caption), box in zip(self.ACTIONS, boxes, strict=True):
            rect = box.move(pad, y)
            self.rects[name] = rect
            on = (name == "presenter" and self.presenter) or (name == "predict" and self.predict)
            rounded_rect(surface, rect, palette.panel_muted if on else None, palette.panel_muted, radius=theme.px(6))
            text = theme.text(caption, "small", palette.panel if on else palette.panel_text)
            surface.blit(text, text.get_rect(center=rect.center))
        return height

    def leave(self) -> None:
        if self.presenter:
            self.app.settings.text_size = self._saved_scale
            self.app.restyle()
        self.app.pop()

    def save_note(self, text: str) -> None:
        path = add_note(self.log.path, self.index, text)
        self.notes = read_notes(self.log.path)
        self.app.notify(f"Note saved: {path}", 6)

    def update(self, dt: float) -> None:
        self.avatar.update(dt)

    # -- drawing -----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        w, h = surface.get_size()
        bar = pygame.Rect(0, 0, w, self._draw_bar(surface, w))
        scrub_h = theme.px(44)
        picture = 0.42 if self.presenter else 0.58  # presenter: the words get the room, the picture less
        left = 0.36 if self.presenter else 0.42
        stage = pygame.Rect(0, bar.bottom, round(w * left), round((h - bar.height - scrub_h) * picture))
        line_panel = pygame.Rect(0, stage.bottom, stage.width, h - scrub_h - stage.bottom)
        right = pygame.Rect(stage.right, bar.bottom, w - stage.right, h - bar.height - scrub_h)
        scrubber = pygame.Rect(theme.px(24), h - scrub_h + theme.px(18), w - theme.px(48), theme.px(8))
        self.rects["scrubber"] = scrubber
        step = self.step
        if step is None:
            surface.blit(theme.text("This log has no steps to show.", "body", palette.page_text), (40, 80))
            return
        shown = self.avatar.shown or expression(step.meters, {m.name: m for m in self.scenario.meters}, step.node.mood)
        caption = cue(self.scenario.client.first_name, self.avatar.target or shown)
        band = caption_band(theme, caption, stage)
        if band.height > stage.height // 3:  # no room under the client: the picture alone
            band = pygame.Rect(stage.left, stage.bottom, stage.width, 0)
        above = pygame.Rect(stage.left, stage.top, stage.width, band.top - stage.top)
        draw_client(surface, above, self.room, self.avatar, palette)
        if band.height:
            draw_caption(surface, theme, caption, band)
        self._draw_line_panel(surface, line_panel, step)
        self._draw_right(surface, right.inflate(-theme.px(24), -theme.px(20)), step)
        self._draw_scrubber(surface, scrubber)
        if self.action_focus in self.rects:
            focus_ring(surface, theme, self.rects[self.action_focus], on_dark=True)

    def _draw_line_panel(self, surface: pygame.Surface, panel: pygame.Rect, step: ReplayStep) -> None:
        """Narration, the client's line, the thought and notes; it scrolls when they do not fit."""
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.panel), panel)
        inner = panel.inflate(-theme.px(32), -theme.px(24))
        blocks: list[tuple[str, str, str, str, int]] = []
        if step.node.narration:
            blocks.append((step.node.narration, "small", palette.panel_muted, "italic", theme.px(4)))
        if step.line:
            blocks.append(
                (f"{isolate(self.scenario.client.name)}: “{step.line}”", "body", palette.panel_text, "regular", 0)
            )
        extras = [(f"Thought: {step.node.thought}", palette.panel_muted, "italic")] if step.node.thought else []
        if step.node.facilitator:
            extras.append((f"Facilitator: {step.node.facilitator}", palette.panel_muted, "italic"))
        extras += [(f"Note: {note.text}", palette.panel_text, "bold") for note in self.notes if note.step == self.index]
        blocks += [(text, "small", ink, style, 0) for text, ink, style in extras]
        if self.presenter:  # what followed the reply: here, so that every reply offered fits on the right
            blocks += [(text, "small", palette.panel_text, "regular", 0) for text in self._presented(step)]
        width = inner.width - theme.px(12)
        heights = [
            theme.text_height(text, width, role, style) + gap + theme.px(6) for text, role, _, style, gap in blocks
        ]
        self.line_scroll.set(inner, sum(heights))
        clip = surface.get_clip()
        surface.set_clip(inner)
        y = inner.top - self.line_scroll.offset
        for (text, role, ink, style, _), height in zip(blocks, heights, strict=True):
            theme.draw_text_block(surface, text, pygame.Rect(inner.left, y, width, height), role, ink, style)
            y += height
        surface.set_clip(clip)
        self.line_scroll.draw_bar(surface, theme, palette.panel, palette.panel_muted)

    def _details(self, number: int, choice: Choice) -> str:
        """A reply's quality, skill and effects (flags by the author's labels, never `risk_asked=True`)."""
        effect = effect_words(choice.effects, self.scenario)
        details = f"{choice.quality} · {self.scenario.skill_label(choice.skill)}"
        return details + (f" · {effect}" if effect else "")

    def _followed(self, step: ReplayStep) -> list[str]:
        """What followed the chosen reply (once revealed): what was typed (free text), its feedback, the
        client's reaction and thought."""
        choice = step.chosen_choice if self.revealed else None
        if choice is None:
            return []
        out = [f"Typed: “{step.typed}”"] if step.typed is not None else []
        if choice.feedback:
            out.append(f"Feedback: {choice.feedback}")
        if choice.react:
            out.append(f"{isolate(self.scenario.client.name)}: “{choice.react}”")
        if choice.thought:
            out.append(f"{isolate(self.scenario.client.first_name)} thinks: {choice.thought}")
        return out

    def _presented(self, step: ReplayStep) -> list[str]:
        """Presenter mode: the chosen reply's details and what followed, shown under the client's line."""
        choice = step.chosen_choice if self.revealed else None
        if choice is None:
            return []
        number = next((o.number for o in step.offered if o.choice_id == step.chosen), 0)
        return [f"Chosen: reply {number} · {self._details(number, choice)}", *self._followed(step)]

    def _cards(self, step: ReplayStep, compact: bool) -> list[tuple[Card, bool]]:
        """A card for every reply offered at this step (in the order shown), and whether it was the one chosen.

        Revealed, each card adds its quality, skill and effects, and the chosen one what followed (in
        presenter mode that goes under the client's line instead). `compact`: the words alone, but for
        the chosen card outside presenter mode.
        """
        cards = []
        for offered in step.offered:
            text = offered.text
            chosen = self.revealed and offered.choice_id == step.chosen
            choice = offered.choice
            if self.revealed and choice is not None and (not compact or (chosen and not self.presenter)):
                text = f"{text}\n{self._details(offered.number, choice)}"
                if chosen and not self.presenter:
                    text = "\n".join([text, *self._followed(step)])
            quality = choice.quality if choice else None
            cards.append((Card(offered.number, text, pygame.Rect(0, 0, 0, 0), quality=quality), chosen))
        return cards

    def _draw_right(self, surface: pygame.Surface, area: pygame.Rect, step: ReplayStep) -> None:
        """Every reply offered at this step, then the meters' course below them.

        The replies come first: the chart gives up room down to its smallest; then the cards not chosen
        drop their details (their mark still says their quality); then the chart goes; only then do the
        cards scroll (with a visible bar).
        """
        theme = self.theme
        palette = theme.palette
        top = area.top
        gap = theme.px(8)
        chart_h = max(round(area.height * 0.36), theme.line_height("small") * 5)
        self.card_rects = []
        if step.offered:
            heading = "Replies that were on offer" + ("" if self.revealed else " — what would you say? (Space reveals)")
            heading += f" ({len(step.offered)})"
            top += theme.draw_text_block(
                surface, heading, pygame.Rect(area.left, top, area.width, 0), "small", palette.page_muted
            )
            top += theme.px(4)
            room = area.bottom - top
            smallest_chart = theme.line_height("small") * 4
            for compact, with_chart in ((False, True), (True, True), (False, False), (True, False)):
                cards = self._cards(step, compact)
                content = sum(card.height_for(theme, area.width) + gap for card, _ in cards) - gap
                if with_chart and content + theme.px(12) + smallest_chart <= room:
                    chart_h = max(smallest_chart, min(chart_h, room - content - theme.px(12)))
                    break
                if not with_chart and content <= room:
                    chart_h = 0
                    break
            else:
                chart_h = 0
            area_cards = pygame.Rect(
                area.left, top, area.width, area.bottom - top - (chart_h + theme.px(12) if chart_h else 0)
            )
            only_cards = [card for card, _ in cards]
            width = area_cards.width
            content = sum(card.height_for(theme, width) + gap for card in only_cards) - gap
            if content > area_cards.height:
                width -= theme.px(20)
                content = sum(card.height_for(theme, width) + gap for card in only_cards) - gap
            self.cards_scroll.set(area_cards, content)
            shifted = pygame.Rect(area_cards.left, area_cards.top - self.cards_scroll.offset, width, content)
            layout_cards(theme, only_cards, shifted, gap)
            self.card_rects = [(card.rect.copy(), area_cards) for card in only_cards]  # for tests: what is in view
            clip = surface.get_clip()
            surface.set_clip(area_cards.inflate(theme.px(8), theme.px(8)))
            for card, chosen in cards:
                if not card.rect.colliderect(area_cards):
                    continue
                card.draw(surface, theme, focused=chosen)
                if self.revealed and card.quality:
                    quality_mark(
                        surface,
                        theme,
                        card.quality,
                        (card.rect.right - theme.px(16), card.rect.top + theme.px(16)),
                        theme.px(12),
                    )
            surface.set_clip(clip)
            self.cards_scroll.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        else:
            what = "The session ended here." if step.ended else (step.error or "The client goes on (no reply needed).")
            surface.blit(theme.text(what, "body", palette.page_text), (area.left, top))
        if chart_h:
            self._draw_chart(surface, pygame.Rect(area.left, area.bottom - chart_h, area.width, chart_h))

    def _draw_chart(self, surface: pygame.Surface, chart: pygame.Rect) -> None:
        view, index = self.view, self.index
        series, marks = view.courses(), list(view.choice_marks)
        if not self.revealed:  # predicting: nothing after this step may show, not even the meters' course
            series = {name: values[: index + 1] for name, values in series.items()}
            marks = [m for m in marks if m[0] <= index]
        bounds = view.bounds()
        labels = {m.name: f"{m.title} {m.values[index] if index < len(m.values) else ''}" for m in view.meters}
        meter_chart(surface, self.theme, chart, series, bounds, labels, marks, cursor=index, length=view.length)

    def _draw_scrubber(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.card_border), rect, border_radius=rect.height // 2)
        count = max(1, len(self.steps) - 1)
        done = rect.copy()
        done.width = round(rect.width * self.index / count)
        pygame.draw.rect(surface, colour(palette.focus), done, border_radius=rect.height // 2)
        for i in range(len(self.steps)):
            x = rect.left + rect.width * i / count
            pygame.draw.line(surface, colour(palette.page_muted), (x, rect.top - theme.px(4)), (x, rect.top), 1)
        knob = (rect.left + done.width, rect.centery)
        pygame.draw.circle(surface, colour(palette.focus), knob, theme.px(9))


class NoteScene(Overlay):
    """N in the replay: a note for this step, saved beside the log.

    Tab goes from the field to Save and Cancel and back; Enter saves (or presses the focused button).
    """

    width_fraction = 0.6
    height_fraction = 0.4
    HINT = "Enter saves the note beside the log; Esc cancels."

    def __init__(self, app: AppLike, replay: ReplayScene) -> None:
        super().__init__(app)
        self.replay = replay
        self.entry: pygame_gui.elements.UITextEntryLine | None = None
        self._focused = False

    def title_text(self) -> str:
        return f"Note for step {self.replay.index + 1}"

    def build(self) -> None:
        theme = self.theme
        body = self.body(self.button_row())
        rect = pygame.Rect(body.left, body.top, body.width, control_height(theme))
        self.entry = pygame_gui.elements.UITextEntryLine(rect, self.manager, object_id="#note")
        self.entry.length_limit = 500
        self.keep(self.entry)
        self._focused = False
        cancel = self.add_close("Cancel")
        save = pygame.Rect(0, 0, button_width(theme, "Save note", 160), control_height(theme))
        save.bottomright = (cancel.left - theme.px(16), cancel.bottom)
        self.keep(pygame_gui.elements.UIButton(save, "Save note", self.manager, object_id="#save"))

    def update(self, dt: float) -> None:
        """Take the keyboard from the next frame on: the N that opened the note arrives as text in the same
        batch of events as its key press, and must not be typed into the note."""
        super().update(dt)
        if not self._focused and self.entry is not None:
            if self.tab_focus is None:
                self.entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            self._focused = True

    @property
    def typing(self) -> bool:
        return bool(self.entry is not None and self.entry.is_focused)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.title(surface, self.title_text())
        theme = self.theme
        body = self.body(self.button_row())
        top = body.top + control_height(theme) + theme.px(12)
        theme.draw_text_block(
            surface, self.HINT, pygame.Rect(body.left, top, body.width, 0), "small", theme.palette.page_muted
        )

    def handle(self, command: Command) -> None:
        if isinstance(command, Focus) and self.entry is not None:  # the field, Save, Cancel, and round
            stops: list[int | None] = [None, *range(len(self.buttons()))]
            here = stops.index(self.tab_focus) if self.tab_focus in stops else 0
            self.tab_focus = stops[(here + command.delta) % len(stops)]
            if self.tab_focus is None:
                self.entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            else:
                self.entry.unfocus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
        elif self.tab_key(command):
            return
        elif (isinstance(command, Activate) or (isinstance(command, Button) and command.name == "save")) and (
            self.entry is not None
        ):
            text = self.entry.get_text().strip()
            self.app.pop()
            if text:
                self.replay.save_note(text)
        else:
            super().handle(command)


class PickList:
    """A list drawn with the game's own text (every script), usable by keyboard and mouse.

    Up/Down move the selection when the list has the focus; a click selects a row. Rows wrap, and the
    list scrolls to keep the selected row in view.
    """

    def __init__(self, labels: list[str], selected: int = 0) -> None:
        self.labels = labels
        self.selected = max(0, min(selected, len(labels) - 1)) if labels else 0
        self.scroll = ScrollArea()
        self.rows: list[tuple[int, pygame.Rect]] = []  # what was drawn, for clicks

    def move(self, delta: int) -> None:
        if self.labels:
            self.selected = max(0, min(len(self.labels) - 1, self.selected + delta))

    def jump(self, to: str) -> None:
        if self.labels:
            self.selected = 0 if to == "first" else len(self.labels) - 1

    def at(self, pos: tuple[int, int]) -> int | None:
        return next((index for index, rect in self.rows if rect.collidepoint(pos)), None)

    def draw(self, surface: pygame.Surface, theme: Theme, area: pygame.Rect, focused: bool, role: str = "body") -> None:
        palette = theme.palette
        pad = theme.px(8)
        width = area.width - pad * 2 - theme.px(12)
        line = theme.line_height(role)
        heights = [  # most labels fit on one line: one measure each, no wrapping
            (line if theme.text_width(label, role) <= width else theme.text_height(label, width, role)) + pad
            for label in self.labels
        ]
        tops = [sum(heights[:i]) for i in range(len(heights))]
        self.scroll.set(area, sum(heights))
        if self.labels:
            self.scroll.ensure_visible(tops[self.selected], tops[self.selected] + heights[self.selected])
        clip = surface.get_clip()
        surface.set_clip(area)
        self.rows = []
        for index, (label, top, height) in enumerate(zip(self.labels, tops, heights, strict=True)):
            rect = pygame.Rect(area.left, area.top + top - self.scroll.offset, area.width - theme.px(12), height)
            if rect.bottom < area.top or rect.top > area.bottom:
                continue
            self.rows.append((index, rect.clip(area)))
            if index == self.selected:
                rounded_rect(surface, rect, palette.focus_fill, palette.focus if focused else None, radius=theme.px(6))
            inner = pygame.Rect(rect.left + pad, rect.top + pad // 2, width, height)
            theme.draw_text_block(surface, label, inner, role, palette.page_text)
        surface.set_clip(clip)
        self.scroll.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        if focused and self.rows:
            focus_ring(surface, theme, area.inflate(-theme.px(4), -theme.px(4)))


class ClassScene(Scene):
    """Many trainees, one scenario: who reached each moment, every reply offered there and how many chose
    it, the class's course on a meter as a median and bands (with how many sessions stand behind each
    step), and the trainees to replay. Tab moves between the moments, the replies, the trainees and
    Back; Up/Down within; Enter replays a trainee; P presenter mode.

    Sessions marked in `marks` (playtests) are listed and can be replayed, but are left out of every figure.
    """

    FOCUS = ("nodes", "replies", "trainees", "back")

    def __init__(
        self,
        app: AppLike,
        scenario: Scenario,
        logs: list[SessionLog],
        selected: int = 0,
        marks: Mapping[Path, str] | None = None,
    ) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.logs = logs
        self.marks = dict(marks or {})
        self.all_steps = [replay_steps(scenario, log.events) for log in logs]
        counted = [i for i, log in enumerate(logs) if log.path not in self.marks]
        self.counted = counted
        self.reached: Counter[str] = Counter()
        self.chosen: dict[str, Counter[str]] = {}
        self.offered: dict[str, Counter[str]] = {}
        for i in counted:
            steps = self.all_steps[i]
            for node_id in {s.node.id for s in steps}:
                self.reached[node_id] += 1
            for step in steps:
                if step.chosen:
                    self.chosen.setdefault(step.node.id, Counter())[step.chosen] += 1
                    self.offered.setdefault(step.node.id, Counter()).update(o.choice_id for o in step.offered)
        # free text: what each trainee typed, under the reply it was taken as
        self.typed: dict[tuple[str, str], list[str]] = {}
        for i in counted:
            for step in self.all_steps[i]:
                if step.chosen and step.typed is not None:
                    said = f"{logs[i].trainee} typed: “{step.typed}”"
                    self.typed.setdefault((step.node.id, step.chosen), []).append(said)
        seen = {s.node.id for steps in self.all_steps for s in steps}
        self.nodes = [n for n in scenario.nodes.values() if n.id in seen and n.choices] or [
            n for n in scenario.nodes.values() if n.id in seen
        ]
        self.endings: Counter[str] = Counter()
        for i in counted:
            end = logs[i].ended
            self.endings[str(end["outcome"]) if end else "(no ending)"] += 1
        self.meter = "trust" if "trust" in scenario.meter_names else (scenario.meter_names or ("",))[0]
        courses = [[s.meters.get(self.meter, 0) for s in self.all_steps[i]] for i in counted if self.all_steps[i]]
        self.bands = course_bands(courses)
        self.node_list = PickList([self._node_label(i) for i in range(len(self.nodes))], selected)
        self.trainee_list = PickList([self._trainee_label(i) for i in range(len(logs))])
        self.detail = ScrollArea()  # every reply at the chosen moment
        self.focus = "nodes"
        self.presenter = False
        self._saved_scale = app.settings.text_size
        self.rects: dict[str, pygame.Rect] = {}

    # -- what it shows ----------------------------------------------------------------

    @functools.cached_property
    def views(self) -> list[DebriefView]:
        """Each session's debrief (made when first asked for: the first frame does not need them)."""
        return [debrief_view(self.scenario, log.events) for log in self.logs]

    @property
    def selected(self) -> int:
        return self.node_list.selected

    @property
    def trainee(self) -> int:
        return self.trainee_list.selected

    def _header(self) -> tuple[str, str]:
        ends = " · ".join(f"{outcome}: {count}" for outcome, count in self.endings.most_common())
        counted = len(self.counted)
        summary = f"{len(self.logs)} session(s)"
        if counted != len(self.logs):
            summary += f", {counted} in the figures ({len(self.logs) - counted} playtest(s) marked, left out)"
        return f"Class view · {isolate(self.scenario.title)}", f"{summary} · endings — {ends or 'none'}"

    def _node_label(self, index: int) -> str:
        node = self.nodes[index]
        return f"{node.id} — {self.reached[node.id]}/{len(self.counted)}"

    def _trainee_label(self, index: int) -> str:
        log = self.logs[index]
        end = log.ended
        mark = self.marks.get(log.path)
        label = f"{index + 1}. {isolate(log.trainee)} — {end['outcome'] if end else 'unfinished'}"
        return f"{label} · {mark}, not in the figures" if mark else label

    def reply_rows(self, node: Node) -> list[tuple[str | None, str, int, int]]:
        """Every reply at a moment: (quality, text, how many chose it, how many were offered it).

        Replies nobody chose are listed too, and so is a logged reply the scenario no longer has. Under a
        reply, what trainees typed that was taken as it (free text).
        """
        chosen = self.chosen.get(node.id, Counter())
        offered = self.offered.get(node.id, Counter())
        rows: list[tuple[str | None, str, int, int]] = [
            (
                choice.quality,
                "\n".join([choice.text, *self.typed.get((node.id, choice.id), [])]),
                chosen[choice.id],
                offered[choice.id],
            )
            for choice in node.choices
        ]
        known = {choice.id for choice in node.choices}
        for choice_id, count in chosen.items():
            if choice_id not in known:
                rows.append((None, f"(reply '{choice_id}', not in this scenario)", count, offered[choice_id]))
        return rows

    # -- input ------------------------------------------------------------------------

    def build(self) -> None:
        back = self._layout()[3]
        self.keep(pygame_gui.elements.UIButton(back, "Back (Esc)", self.manager, object_id="#back"))

    def open_trainee(self, index: int) -> None:
        self.app.push(ReplayScene(self.app, self.scenario, self.logs[index]))

    def toggle_presenter(self) -> None:
        self.presenter = not self.presenter
        self.app.settings.text_size = max(PRESENTER_TEXT, self._saved_scale) if self.presenter else self._saved_scale
        self.app.restyle()

    def leave(self) -> None:
        if self.presenter:
            self.toggle_presenter()
        self.app.pop()

    def handle(self, command: Command) -> None:
        if isinstance(command, Focus):
            self.focus = self.FOCUS[(self.FOCUS.index(self.focus) + command.delta) % len(self.FOCUS)]
        elif isinstance(command, Move) and self.focus == "trainees":
            self.trainee_list.move(command.delta)
        elif isinstance(command, Move) and self.focus == "replies":
            self.detail.scroll(command.delta * self.theme.line_height("body"))
        elif isinstance(command, Move):
            self.node_list.move(command.delta)
            self.detail.offset = 0
        elif isinstance(command, Step) and self.focus != "trainees":
            if command.to:
                self.node_list.jump(command.to)
            else:
                self.node_list.move(command.delta)
            self.detail.offset = 0
        elif isinstance(command, Step):
            if command.to:
                self.trainee_list.jump(command.to)
        elif isinstance(command, Activate | Continue) and self.focus == "trainees" and self.logs:
            self.open_trainee(self.trainee)
        elif isinstance(command, Activate) and self.focus == "back":
            self.leave()
        elif isinstance(command, Selected) and command.name == "trainees":
            labels = [self._trainee_label(i) for i in range(len(self.logs))]
            if command.value in labels:
                self.open_trainee(labels.index(command.value))
        elif isinstance(command, Scroll):
            self.detail.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Click):
            self._click(command.pos)
        elif isinstance(command, Toggle) and command.what == "presenter":
            self.toggle_presenter()
        elif isinstance(command, Back) or (isinstance(command, Button) and command.name == "back"):
            self.leave()
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")

    def _click(self, pos: tuple[int, int]) -> None:
        if (index := self.node_list.at(pos)) is not None:
            self.node_list.selected, self.focus = index, "nodes"
            self.detail.offset = 0
        elif (index := self.trainee_list.at(pos)) is not None:
            self.trainee_list.selected, self.focus = index, "trainees"
            self.open_trainee(index)
        else:
            self.detail.click(self.theme, pos)

    # -- layout and drawing -----------------------------------------------------------

    def _top(self) -> int:
        """Below the header (title and the summary, wrapped)."""
        theme = self.theme
        width = self.app.screen.get_width() - theme.px(48)
        title, summary = self._header()
        return (
            theme.px(12)
            + theme.text_height(title, width, "title", "bold")
            + theme.text_height(summary, width, "body")
            + theme.px(12)
        )

    def _layout(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect]:
        """The moments (left) over the class's course, the chosen moment (middle, all its height for the
        replies), the trainees (right) and the Back button under them."""
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = self._top()
        gap = theme.px(20)
        left_w = round(w * (0.2 if self.presenter else 0.25))  # presenter: the moment gets the room
        trainees_w = round(w * (0.2 if self.presenter else 0.23))
        label_h = max(
            theme.text_height(heading, width, "body", "bold")
            for heading, width in (("Moments (reached by)", left_w), ("Trainees (Enter replays)", trainees_w))
        )
        label_h += theme.px(4)
        smallest = theme.line_height("small") * 3 + theme.px(90)
        room = h - gap - top - label_h - (theme.line_height("body") + theme.px(8)) * 3 - theme.px(12)
        chart_h = min(max(smallest, round((h - top) * 0.4)), room)  # the moments keep three rows
        chart_h = chart_h if chart_h >= smallest else 0  # no room for a readable chart: none
        chart = pygame.Rect(gap, h - gap - chart_h, left_w, chart_h)
        nodes_bottom = chart.top - theme.px(12) if chart_h else h - gap
        nodes = pygame.Rect(gap, top + label_h, left_w, nodes_bottom - top - label_h)
        trainees_x = w - gap - trainees_w
        detail = pygame.Rect(nodes.right + gap, top, trainees_x - gap - nodes.right - gap, h - top - gap)
        back_h = control_height(theme)
        back = pygame.Rect(trainees_x, h - gap - back_h, trainees_w, back_h)
        trainees = pygame.Rect(trainees_x, top + label_h, trainees_w, back.top - theme.px(12) - top - label_h)
        return nodes, detail, trainees, back, chart

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        width = surface.get_width() - theme.px(48)
        title, summary = self._header()
        y = theme.px(12)
        y += theme.draw_text_block(
            surface, title, pygame.Rect(theme.px(24), y, width, 0), "title", palette.page_text, "bold"
        )
        theme.draw_text_block(surface, summary, pygame.Rect(theme.px(24), y, width, 0), "body", palette.page_muted)
        nodes_area, detail, trainees, back, chart = self._layout()
        top = self._top()
        for heading, area in (("Moments (reached by)", nodes_area), ("Trainees (Enter replays)", trainees)):
            theme.draw_text_block(
                surface, heading, pygame.Rect(area.left, top, area.width, 0), "body", palette.page_text, "bold"
            )
        self.node_list.draw(surface, theme, nodes_area, self.focus == "nodes")
        self.trainee_list.draw(surface, theme, trainees, self.focus == "trainees")
        if chart.height:
            self._draw_course(surface, chart)
        if self.nodes:
            self._draw_node(surface, detail, self.nodes[self.selected])
        if self.focus == "back":
            focus_ring(surface, theme, back)

    def _node_blocks(self, node: Node, width: int) -> tuple[str, str, list[tuple[str | None, str, int, str, int]], int]:
        """What the middle column shows of a moment, measured: the line, the heading, the reply rows
        (quality, text, how many chose it, the count as shown, height) and the height of it all at `width`."""
        theme = self.theme
        line = node.say[0] if node.say else (node.narration or "")
        said = f"{isolate(self.scenario.client.name)}: “{line}”" if node.say else line
        heading = (
            f"Reached by {self.reached[node.id]} of {len(self.counted)} · every reply offered here, "
            "and how many chose it of those offered it"
        )
        text_w = width - self._reply_margin()
        rows = []
        total = theme.text_height(said, width, "body") + theme.text_height(heading, width, "body", "italic")
        total += theme.px(12)
        for quality, reply, chose, offered in self.reply_rows(node):
            body = f"{reply} ({quality or 'not rated'})"
            height = max(theme.text_height(body, text_w, "body"), theme.line_height("body"))
            rows.append((quality, body, chose, f"{chose} of {offered}" if offered else str(chose), height))
            total += height + theme.px(10)
        return said, heading, rows, total

    def _reply_margin(self) -> int:
        """The room a reply row keeps beside its text: the mark, the bar and the count."""
        theme = self.theme
        return theme.px(18) + theme.px(12) + self._bar_width() + theme.text_width("000 of 000", "body") + theme.px(20)

    def _bar_width(self) -> int:
        return self.theme.px(60 if self.presenter else 100)

    def _draw_node(self, surface: pygame.Surface, area: pygame.Rect, node: Node) -> None:
        """The client's line and every reply with its quality and count; what does not fit scrolls, with a bar."""
        theme = self.theme
        palette = theme.palette
        width = area.width - theme.px(16)
        said, heading, rows, content = self._node_blocks(node, width)
        view = area
        self.detail.set(view, content)
        clip = surface.get_clip()
        surface.set_clip(view)
        inner = pygame.Rect(view.left, view.top - self.detail.offset, width, view.height)
        y = inner.top
        y += theme.draw_text_block(surface, said, pygame.Rect(inner.left, y, width, 0), "body", palette.page_text)
        y += theme.px(6)
        y += theme.draw_text_block(
            surface, heading, pygame.Rect(inner.left, y, width, 0), "body", palette.page_muted, "italic"
        )
        y += theme.px(6)
        most = max((chose for _, _, chose, _, _ in rows), default=1) or 1
        mark = theme.px(18)
        bar_w = self._bar_width()
        text_w = width - self._reply_margin()
        left = inner.left + mark + theme.px(12)
        for quality, body, chose, count, height in rows:
            centre = (inner.left + mark // 2, y + theme.line_height("body") // 2)
            if quality is not None:
                quality_mark(surface, theme, quality, centre, mark)
            else:  # a reply without a quality still gets a mark: an open circle
                pygame.draw.circle(surface, colour(palette.page_muted), centre, mark // 2, max(1, theme.px(2)))
            theme.draw_text_block(surface, body, pygame.Rect(left, y, text_w, height), "body")
            track = pygame.Rect(
                left + text_w + theme.px(8),
                y + theme.px(4),
                bar_w,
                theme.line_height("body") - theme.px(8),
            )
            pygame.draw.rect(surface, colour(palette.card_border), track, border_radius=theme.px(3))
            fill = track.copy()
            fill.width = round(bar_w * chose / most)
            if fill.width:
                pygame.draw.rect(surface, colour(palette.focus), fill, border_radius=theme.px(3))
            blit_line(surface, theme.text(count, "body", palette.page_text), (track.right + theme.px(8), y))
            y += height + theme.px(10)
        surface.set_clip(clip)
        self.detail.draw_bar(surface, theme, palette.card_border, palette.page_muted)
        if self.focus == "replies":
            focus_ring(surface, theme, view.inflate(-theme.px(4), -theme.px(4)))

    def _draw_course(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The class's course on one meter: the range (faint), the middle half (band), the median (line), and
        under the axis how many sessions each step stands on, so no mean of a few survivors passes for the class's.
        """
        theme = self.theme
        palette = theme.palette
        rounded_rect(surface, rect, palette.card, palette.card_border, radius=theme.px(8))
        title = self.scenario.meter(self.meter).title if self.meter else "Meter"
        caption = f"{title}: median, middle half, range; n below"
        caption_h = theme.draw_text_block(
            surface,
            caption,
            pygame.Rect(rect.left + theme.px(12), rect.top + theme.px(6), rect.width - theme.px(24), 0),
            "small",
            palette.card_muted,
        )
        counts_h = theme.line_height("small")
        plot = pygame.Rect(
            rect.left + theme.px(16),
            rect.top + theme.px(12) + caption_h,
            rect.width - theme.px(32),
            rect.height - theme.px(24) - caption_h - counts_h,
        )
        bands = self.bands
        if not bands or plot.height <= 0:
            return
        meter = self.scenario.meter(self.meter)
        low, high = meter.min, meter.max

        def point(i: int, value: float) -> tuple[float, float]:
            x = plot.left + plot.width * i / max(1, len(bands) - 1)
            return x, plot.bottom - plot.height * (value - low) / max(1, high - low)

        line = colour(palette.focus)
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        for lower, upper, alpha in (("low", "high", 45), ("q1", "q3", 110)):
            top_edge = [point(i, getattr(b, upper)) for i, b in enumerate(bands)]
            bottom_edge = [point(i, getattr(b, lower)) for i, b in reversed(list(enumerate(bands)))]
            shape = [(x - rect.left, y - rect.top) for x, y in top_edge + bottom_edge]
            if len(shape) >= 3:
                pygame.draw.polygon(layer, pygame.Color(line.r, line.g, line.b, alpha), shape)
        surface.blit(layer, rect.topleft)
        median = [point(i, b.median) for i, b in enumerate(bands)]
        if len(median) > 1:
            pygame.draw.lines(surface, line, False, median, theme.px(4))
        else:
            pygame.draw.circle(surface, line, median[0], theme.px(5))
        label_w = theme.text_width("000", "small")
        every = max(1, -(-len(bands) * label_w // max(1, plot.width)) + 1)
        for i in range(0, len(bands), every):
            x, _ = point(i, low)
            image = theme.text(str(bands[i].n), "small", palette.card_muted)
            surface.blit(image, (round(x - image.get_width() / 2), plot.bottom + theme.px(2)))


class GroupScene(ListScene):
    """Logs of several scenarios (or versions of one): pick one, then the class view for it."""

    heading = "Class debrief: choose a scenario"

    def __init__(
        self,
        app: AppLike,
        groups: list[tuple[Scenario, list[SessionLog]]],
        marks: Mapping[Path, str] | None = None,
    ) -> None:
        super().__init__(app)
        self.groups = groups
        self.marks = dict(marks or {})

    def note(self) -> str:
        return "These logs are of several scenarios. Up/Down and Enter, or a click, open one; Esc goes back."

    def labels(self) -> list[str]:
        versions = Counter(s.id for s, _ in self.groups)
        return [
            f"{isolate(s.title)} — {len(logs)} session(s)"
            + (f" · version {s.sha256[:8]}" if versions[s.id] > 1 else "")
            for s, logs in self.groups
        ]

    def choose(self, index: int) -> None:
        scenario, logs = self.groups[index]
        self.app.push(open_group(self.app, scenario, logs, self.marks))


FOLDERS_SHOWN = 500  # a folder with more subfolders than this shows the first ones (sorted)


class ClassPicker(ListScene):
    """From the title screen: choose a folder of session logs for a class debrief.

    Rows are the folder above and the folders inside; Enter or a click goes into one,
    Backspace goes up, "Open this folder" reads every log in it and the folders inside.
    """

    heading = "Class debrief: choose a folder of session logs"
    BUTTONS = (("open", "Open this folder"), ("back", "Back"))

    def __init__(self, app: AppLike, folder: Path | None = None) -> None:
        super().__init__(app)
        start = folder or paths.sessions_dir()
        self.folder = (start if start.is_dir() else Path.home()).resolve()
        self._scan()

    def _scan(self) -> None:
        try:
            inside = sorted(
                (p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != PLAYED),
                key=lambda p: p.name.lower(),
            )
            self.logs_here = sum(1 for p in self.folder.glob("*.jsonl"))
        except OSError as exc:
            inside, self.logs_here = [], 0
            self.app.notify(f"{self.folder} cannot be read: {exc.strerror or exc}", 6)
        self.rows: list[Path] = ([self.folder.parent] if self.folder.parent != self.folder else []) + inside[
            :FOLDERS_SHOWN
        ]

    def note(self) -> str:
        logs = f"{self.logs_here} session log(s) here" if self.logs_here else "No session logs directly in this folder"
        return (
            f"{self.folder} — {logs}. Up/Down and Enter (or a click) go into a folder, Backspace goes up; "
            "“Open this folder” also reads the folders inside it."
        )

    def labels(self) -> list[str]:
        up = self.folder.parent != self.folder
        return [f"Up to {row.name or row}" if up and i == 0 else f"{row.name}" for i, row in enumerate(self.rows)]

    def go(self, folder: Path) -> None:
        self.folder = folder
        self._scan()
        self.refresh()

    def choose(self, index: int) -> None:
        self.go(self.rows[index])

    def press(self, name: str) -> None:
        if name == "open":
            self.app.pop()
            open_folder(self.app, self.folder)
        else:
            super().press(name)

    def handle(self, command: Command) -> None:
        if isinstance(command, Undo) and self.folder.parent != self.folder:
            self.go(self.folder.parent)
        else:
            super().handle(command)


def open_folder(app: AppLike, folder: Path) -> None:
    """Open the class debrief for every log in a folder (the title screen's entry)."""
    problems: list[str] = []
    pairs, marks = viewable(check_logs(sorted(folder.rglob("*.jsonl")), app.folders), problems.append)
    if not pairs:
        app.push("message", "No sessions to show", [f"No usable session logs in {folder}.", *problems])
        return
    app.push(scene_for(app, pairs, 0, marks))
    if problems:
        app.notify(f"{len(problems)} log(s) skipped or cut short; see the terminal", 6)
        for problem in problems:
            print(f"warning: {problem}")


def open_group(
    app: AppLike, scenario: Scenario, logs: list[SessionLog], marks: Mapping[Path, str] | None = None
) -> Scene:
    return ReplayScene(app, scenario, logs[0]) if len(logs) == 1 else ClassScene(app, scenario, logs, 0, marks)


def scene_for(
    app: AppLike, pairs: list[tuple[Scenario, SessionLog]], step: int = 0, marks: Mapping[Path, str] | None = None
) -> Scene:
    """One log: its replay; one scenario: the class view; several: a choice of scenario first.

    `marks`: the class of each session that is shown but not plainly verified (a playtest), by log path.
    Each version of a scenario (its sha256) is a group of its own: one layout never stands for another.
    """
    groups: dict[tuple[str, str], tuple[Scenario, list[SessionLog]]] = {}
    for scenario, log in pairs:
        groups.setdefault((scenario.id, scenario.sha256), (scenario, []))[1].append(log)
    if len(groups) > 1:
        return GroupScene(app, list(groups.values()), marks)
    scenario, logs = next(iter(groups.values()))
    if len(logs) == 1:
        return ReplayScene(app, scenario, logs[0], step)
    return ClassScene(app, scenario, logs, step, marks)
