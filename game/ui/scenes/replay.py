"""Debrief replays for classes: one trainee's session step by step, or a whole class at once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pygame
import pygame_gui

from game import paths
from game.analysis.presentation import DebriefView, debrief_view, mean_course
from game.analysis.steps import ReplayStep, replay_steps
from game.engine.expression import cue, expression
from game.record.locate import pair_with_scenarios
from game.record.log import SessionLog, read_log
from game.record.notes import add_note, read_notes
from game.scenario.model import Node, Scenario
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
from game.ui.theme import blit_line, colour, quality_mark, rounded_rect
from game.ui.widgets import Card, ScrollArea, button_width, control_height, flow, focus_ring, layout_cards, meter_chart


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
            self.app.settings.text_size = max(150, self._saved_scale) if self.presenter else self._saved_scale
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
        stage = pygame.Rect(0, bar.bottom, round(w * 0.42), round((h - bar.height - scrub_h) * 0.58))
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

    def _draw_right(self, surface: pygame.Surface, area: pygame.Rect, step: ReplayStep) -> None:
        theme = self.theme
        palette = theme.palette
        chart_h = round(area.height * 0.36)
        top = area.top
        chart_h = max(chart_h, theme.line_height("small") * 5)
        if step.offered:
            heading = "Replies that were on offer" + ("" if self.revealed else " — what would you say? (Space reveals)")
            top += theme.draw_text_block(
                surface, heading, pygame.Rect(area.left, top, area.width, 0), "small", palette.page_muted
            )
            top += theme.px(4)
            cards = []
            for offered in step.offered:
                text = offered.text
                chosen = self.revealed and offered.choice_id == step.chosen
                choice = offered.choice
                if self.revealed and choice is not None:
                    effect = ", ".join(
                        f"{k} {v:+d}" if isinstance(v, int) and not isinstance(v, bool) else f"{k}={v}"
                        for k, v in choice.effects
                    )
                    details = f"{choice.quality} · {self.scenario.skill_label(choice.skill)}"
                    details += f" · {effect}" if effect else ""
                    text = f"{text}\n{details}"
                    if chosen and step.typed is not None:  # free text: what the trainee typed, taken as this reply
                        text += f"\nTyped: “{step.typed}”"
                    if chosen and choice.feedback:
                        text += f"\n{choice.feedback}"
                    if chosen and choice.react:
                        text += f"\n{self.scenario.client.name}: “{choice.react}”"
                    if chosen and choice.thought:
                        text += f"\n{self.scenario.client.first_name} thinks: {choice.thought}"
                cards.append(
                    (
                        Card(offered.number, text, pygame.Rect(0, 0, 0, 0), quality=choice.quality if choice else None),
                        chosen,
                    )
                )
            gap = theme.px(8)
            only_cards = [c for c, _ in cards]
            area_cards = pygame.Rect(area.left, top, area.width, area.bottom - chart_h - top - theme.px(12))
            if not layout_cards(
                theme, only_cards, area_cards, gap
            ):  # make room: a smaller chart, then the cards scroll
                chart_h = max(round(area.height * 0.22), theme.line_height("small") * 4)
                area_cards.height = area.bottom - chart_h - top - theme.px(12)
            width = area_cards.width
            content = sum(card.height_for(theme, width) + gap for card in only_cards) - gap
            if content > area_cards.height:
                width -= theme.px(20)
                content = sum(card.height_for(theme, width) + gap for card in only_cards) - gap
            self.cards_scroll.set(area_cards, content)
            shifted = pygame.Rect(area_cards.left, area_cards.top - self.cards_scroll.offset, width, content)
            layout_cards(theme, only_cards, shifted, gap)
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
        view, index = self.view, self.index
        series, marks = view.courses(), list(view.choice_marks)
        if not self.revealed:  # predicting: nothing after this step may show, not even the meters' course
            series = {name: values[: index + 1] for name, values in series.items()}
            marks = [m for m in marks if m[0] <= index]
        chart = pygame.Rect(area.left, area.bottom - chart_h, area.width, chart_h)
        bounds = view.bounds()
        labels = {m.name: f"{m.title} {m.values[index] if index < len(m.values) else ''}" for m in view.meters}
        length = view.length
        meter_chart(
            surface,
            theme,
            chart,
            series,
            bounds,
            labels,
            marks,
            cursor=self.index,
            length=length,
        )

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

    def title_text(self) -> str:
        return f"Note for step {self.replay.index + 1}"

    def build(self) -> None:
        theme = self.theme
        body = self.body(self.button_row())
        rect = pygame.Rect(body.left, body.top, body.width, control_height(theme))
        self.entry = pygame_gui.elements.UITextEntryLine(rect, self.manager, object_id="#note")
        self.entry.length_limit = 500
        if self.tab_focus is None:
            self.entry.focus()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
        self.keep(self.entry)
        cancel = self.add_close("Cancel")
        save = pygame.Rect(0, 0, button_width(theme, "Save note", 160), control_height(theme))
        save.bottomright = (cancel.left - theme.px(16), cancel.bottom)
        self.keep(pygame_gui.elements.UIButton(save, "Save note", self.manager, object_id="#save"))

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


NODES_HEADING = "Nodes (Up/Down)"
PATHS_CAPTION = "Trust: a thin line per trainee; the thick line is the mean"


class ClassScene(Scene):
    """Many trainees, one scenario: who reached each node, what they chose, how it ended."""

    def __init__(self, app: AppLike, scenario: Scenario, logs: list[SessionLog], selected: int = 0) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.logs = logs
        self.all_steps = [replay_steps(scenario, log.events) for log in logs]
        self.views: list[DebriefView] = [debrief_view(scenario, log.events) for log in logs]
        self.reached: Counter[str] = Counter()
        self.chosen: dict[str, Counter[str]] = {}
        for steps in self.all_steps:
            for node_id in {s.node.id for s in steps}:
                self.reached[node_id] += 1
            for step in steps:
                if step.chosen:
                    self.chosen.setdefault(step.node.id, Counter())[step.chosen] += 1
        # free text: what each trainee typed, under the reply it was taken as
        self.typed: dict[tuple[str, str], list[str]] = {}
        for log, steps in zip(logs, self.all_steps, strict=True):
            for step in steps:
                if step.chosen and step.typed is not None:
                    said = f"{log.trainee} typed: “{step.typed}”"
                    self.typed.setdefault((step.node.id, step.chosen), []).append(said)
        self.nodes = [n for n in scenario.nodes.values() if n.id in self.reached and n.choices] or [
            n for n in scenario.nodes.values() if n.id in self.reached
        ]
        self.selected = max(0, min(selected, len(self.nodes) - 1))
        self.endings: Counter[str] = Counter()
        for log in logs:
            end = log.ended
            self.endings[str(end["outcome"]) if end else "(no ending)"] += 1
        self.trainee_list: pygame_gui.elements.UISelectionList | None = None
        self.detail = ScrollArea()  # what the class chose at the node
        self.focus = "nodes"  # Tab: "nodes", "trainees", "back"
        self.trainee = 0  # the trainee the keyboard is on

    def _header(self) -> tuple[str, str]:
        ends = " · ".join(f"{outcome}: {count}" for outcome, count in self.endings.most_common())
        return f"Class view · {isolate(self.scenario.title)}", f"{len(self.logs)} session(s) · endings — {ends}"

    def _top(self) -> int:
        """Below the header (title and the endings, wrapped)."""
        theme = self.theme
        width = self.app.screen.get_width() - theme.px(48)
        title, summary = self._header()
        return (
            theme.px(16)
            + theme.text_height(title, width, "title", "bold")
            + theme.text_height(summary, width, "small")
            + theme.px(16)
        )

    def build(self) -> None:
        theme = self.theme
        _, _, rect = self._layout()
        labels: list[str | tuple[str, str]] = [self._trainee_label(i) for i in range(len(self.logs))]
        self.trainee_list = pygame_gui.elements.UISelectionList(rect, labels, self.manager, object_id="#trainees")
        self.keep(self.trainee_list)
        button = pygame.Rect(rect.left, rect.bottom + theme.px(12), rect.width, control_height(theme))
        self.keep(pygame_gui.elements.UIButton(button, "Back", self.manager, object_id="#back"))

    def _trainee_label(self, index: int) -> str:
        log = self.logs[index]
        end = log.ended
        return f"{index + 1}. {log.trainee} — {end['outcome'] if end else 'unfinished'}"

    def handle(self, command: Command) -> None:
        """Up/Down: the nodes; Tab: to the trainees (Up/Down, Enter replays one) and Back, and round again."""
        if isinstance(command, Focus):
            order = ["nodes", "trainees", "back"]
            self.focus = order[(order.index(self.focus) + command.delta) % len(order)]
        elif isinstance(command, Move) and self.focus == "trainees" and self.logs:
            self.trainee = (self.trainee + command.delta) % len(self.logs)
        elif isinstance(command, Activate) and self.focus == "trainees" and self.logs:
            self.app.push(ReplayScene(self.app, self.scenario, self.logs[self.trainee]))
        elif isinstance(command, Activate) and self.focus == "back":
            self.app.pop()
        elif isinstance(command, Move) and self.nodes:
            self.selected = (self.selected + command.delta) % len(self.nodes)
        elif isinstance(command, Step) and self.nodes:
            if command.to:
                self.selected = 0 if command.to == "first" else len(self.nodes) - 1
            else:
                self.selected = (self.selected + command.delta) % len(self.nodes)
        elif isinstance(command, Selected) and command.name == "trainees":
            labels = [self._trainee_label(i) for i in range(len(self.logs))]
            if command.value in labels:
                index = labels.index(command.value)
                self.app.push(ReplayScene(self.app, self.scenario, self.logs[index]))
        elif isinstance(command, Scroll):
            self.detail.scroll(command.lines * self.theme.px(16))
        elif isinstance(command, Click):
            for index, rect in self._node_rows():
                if rect.collidepoint(command.pos):
                    self.selected = index
        elif isinstance(command, Back) or (isinstance(command, Button) and command.name == "back"):
            self.app.pop()
        elif isinstance(command, Toggle) and command.what == "help":
            self.app.push("help")

    def _layout(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The nodes (left), the chosen node (middle) and the trainees' list (right, under its label)."""
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = self._top()
        label_h = theme.text_height("Choose a trainee to replay", theme.px(300), "small") + theme.px(4)
        longest = max((theme.text_width(self._trainee_label(i), "body") for i in range(len(self.logs))), default=0)
        trainees_w = max(theme.px(300), min(round(w * 0.3), longest + theme.px(48)))
        nodes = pygame.Rect(theme.px(24), top, round(w * 0.24), h - top - theme.px(24))
        detail = pygame.Rect(
            nodes.right + theme.px(24), top, w - nodes.right - theme.px(24) * 3 - trainees_w, h - top - theme.px(24)
        )
        bottom = h - theme.px(24) - control_height(theme) - theme.px(12)
        trainees = pygame.Rect(detail.right + theme.px(24), top + label_h, trainees_w, bottom - top - label_h)
        return nodes, detail, trainees

    def _node_rows(self) -> list[tuple[int, pygame.Rect]]:
        theme = self.theme
        nodes_area, _, _ = self._layout()
        row_h = theme.line_height("small") + theme.px(6)
        first = max(0, self.selected - (nodes_area.height // row_h) + 3)
        rows = []
        y = nodes_area.top + theme.text_height(NODES_HEADING, nodes_area.width, "body", "bold")
        for index in range(first, len(self.nodes)):
            height = theme.text_height(self._node_label(index), nodes_area.width - theme.px(16), "small") + theme.px(6)
            if y + height > nodes_area.bottom and index > self.selected:
                break
            rows.append((index, pygame.Rect(nodes_area.left, y, nodes_area.width, height)))
            y += height
        return rows

    def _node_label(self, index: int) -> str:
        node = self.nodes[index]
        return f"{node.id} — {self.reached[node.id]}/{len(self.logs)}"

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        width = surface.get_width() - theme.px(48)
        title, summary = self._header()
        y = theme.px(16)
        y += theme.draw_text_block(
            surface, title, pygame.Rect(theme.px(24), y, width, 0), "title", palette.page_text, "bold"
        )
        theme.draw_text_block(surface, summary, pygame.Rect(theme.px(24), y, width, 0), "small", palette.page_muted)
        nodes_area, detail, trainees = self._layout()
        theme.draw_text_block(surface, NODES_HEADING, nodes_area, "body", palette.page_text, "bold")
        clip = surface.get_clip()
        surface.set_clip(nodes_area)
        for index, rect in self._node_rows():
            if index == self.selected:
                rounded_rect(surface, rect, palette.focus_fill, palette.focus, radius=theme.px(6))
            text_rect = pygame.Rect(
                rect.left + theme.px(8), rect.top + theme.px(3), rect.width - theme.px(16), rect.height
            )
            theme.draw_text_block(surface, self._node_label(index), text_rect, "small", palette.page_text)
        surface.set_clip(clip)
        label = pygame.Rect(trainees.left, self._top(), trainees.width, trainees.top - self._top())
        theme.draw_text_block(surface, "Choose a trainee to replay", label, "small", palette.page_muted)
        if self.nodes:
            self._draw_node(surface, detail, self.nodes[self.selected])
        if self.focus == "trainees" and self.trainee_list is not None:
            row = theme.line_height("body") + theme.px(8)
            item = pygame.Rect(trainees.left, trainees.top + self.trainee * row, trainees.width, row)
            focus_ring(surface, theme, item.clip(trainees) if item.colliderect(trainees) else trainees)
        elif self.focus == "back" and len(self.widgets) > 1:
            focus_ring(surface, theme, pygame.Rect(self.widgets[1].rect))

    def _draw_node(self, surface: pygame.Surface, area: pygame.Rect, node: Node) -> None:
        """The node's line, who reached it, what each chose (it scrolls), and the class's trust below."""
        theme = self.theme
        palette = theme.palette
        caption_h = theme.text_height(PATHS_CAPTION, area.width - theme.px(24), "small")
        chart_h = max(round(area.height * 0.32), caption_h + theme.px(80))
        chart = pygame.Rect(area.left, area.bottom - chart_h, area.width, chart_h)
        self._draw_paths(surface, chart)
        view = pygame.Rect(area.left, area.top, area.width, chart.top - theme.px(12) - area.top)
        self.detail.view = view
        clip = surface.get_clip()
        surface.set_clip(view)
        area = pygame.Rect(view.left, view.top - self.detail.offset, view.width - theme.px(16), view.height)
        y = area.top
        line = node.say[0] if node.say else (node.narration or "")
        y += theme.draw_text_block(
            surface,
            f"{isolate(self.scenario.client.name)}: “{line}”" if node.say else line,
            pygame.Rect(area.left, y, area.width, 200),
            "body",
            palette.page_text,
        )
        y += theme.px(6)
        counts = self.chosen.get(node.id, Counter())
        most = max(counts.values(), default=1)
        reached = self.reached[node.id]
        blit_line(
            surface,
            theme.text(f"Reached by {reached} of {len(self.logs)}", "small", palette.page_muted),
            (area.left, y),
        )
        y += theme.line_height("small") + theme.px(6)
        bar_w = round(area.width * 0.35)
        for choice in node.choices:
            count = counts[choice.id]
            text_rect = pygame.Rect(area.left + theme.px(24), y, area.width - bar_w - theme.px(40), 200)
            height = theme.text_height(choice.text, text_rect.width, "small")
            quality_mark(
                surface,
                theme,
                choice.quality,
                (area.left + theme.px(8), y + theme.line_height("small") // 2),
                theme.px(12),
            )
            theme.draw_text_block(surface, choice.text, text_rect, "small", palette.page_text)
            bar = pygame.Rect(area.right - bar_w, y + theme.px(2), round(bar_w * count / max(1, most)), theme.px(14))
            pygame.draw.rect(surface, colour(palette.focus), bar, border_radius=theme.px(3))
            blit_line(surface, theme.text(str(count), "small", palette.page_text), (bar.right + theme.px(6), y))
            y += max(height, theme.line_height("small")) + theme.px(8)
            for said in self.typed.get((node.id, choice.id), []):
                at = pygame.Rect(text_rect.left, y, text_rect.width, 200)
                y += theme.draw_text_block(surface, said, at, "small", palette.page_muted, "italic") + theme.px(4)
        surface.set_clip(clip)
        self.detail.set(view, y - area.top)
        self.detail.draw_bar(surface, theme, palette.card_border, palette.page_muted)

    def _draw_paths(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Every trainee's trust over the session, overlaid (thin), and the class mean (thick)."""
        theme = self.theme
        palette = theme.palette
        rounded_rect(surface, rect, palette.card, palette.card_border, radius=theme.px(8))
        caption_h = theme.draw_text_block(
            surface,
            PATHS_CAPTION,
            pygame.Rect(rect.left + theme.px(12), rect.top + theme.px(6), rect.width - theme.px(24), 0),
            "small",
            palette.card_muted,
        )
        plot = pygame.Rect(
            rect.left + theme.px(12),
            rect.top + theme.px(12) + caption_h,
            rect.width - theme.px(24),
            rect.height - theme.px(24) - caption_h,
        )
        courses = [course for view in self.views if (course := view.meter("trust")) is not None and course.points]
        paths = [course.values for course in courses]
        means = mean_course(paths)
        longest = max(1, len(means))
        low, high = (courses[0].low, courses[0].high) if courses else (0, 100)

        def point(i: int, value: float) -> tuple[float, float]:
            x = plot.left + plot.width * i / max(1, longest - 1)
            y = plot.bottom - plot.height * (value - low) / max(1, high - low)
            return x, y

        line = colour(palette.focus)
        faint = pygame.Color(line.r, line.g, line.b, 90)
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        for values in paths:
            if len(values) > 1:
                pts = [(x - rect.left, y - rect.top) for x, y in (point(i, v) for i, v in enumerate(values))]
                pygame.draw.lines(layer, faint, False, pts, max(1, theme.px(2)))
        surface.blit(layer, rect.topleft)
        if len(means) > 1:
            pygame.draw.lines(surface, line, False, [point(i, v) for i, v in enumerate(means)], theme.px(4))


class GroupScene(ListScene):
    """Logs of several scenarios: pick one, then the class view for it."""

    heading = "Class debrief: choose a scenario"

    def __init__(self, app: AppLike, groups: list[tuple[Scenario, list[SessionLog]]]) -> None:
        super().__init__(app)
        self.groups = groups

    def note(self) -> str:
        return "These logs are of several scenarios. Up/Down and Enter, or a click, open one; Esc goes back."

    def labels(self) -> list[str]:
        return [f"{s.title} — {len(logs)} session(s)" for s, logs in self.groups]

    def choose(self, index: int) -> None:
        scenario, logs = self.groups[index]
        self.app.push(open_group(self.app, scenario, logs))


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
                (p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
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
    logs = []
    problems: list[str] = []
    for path in sorted(folder.rglob("*.jsonl")):
        try:
            log = read_log(path)
        except Exception as exc:
            problems.append(str(exc))
            continue
        problems.extend(log.warnings)
        logs.append(log)
    pairs = pair_with_scenarios(logs, app.folders, warn=problems.append)
    if not pairs:
        app.push("message", "No sessions to show", [f"No usable session logs in {folder}.", *problems])
        return
    app.push(scene_for(app, pairs))
    if problems:
        app.notify(f"{len(problems)} log(s) skipped or cut short; see the terminal", 6)
        for problem in problems:
            print(f"warning: {problem}")


def open_group(app: AppLike, scenario: Scenario, logs: list[SessionLog]) -> Scene:
    return ReplayScene(app, scenario, logs[0]) if len(logs) == 1 else ClassScene(app, scenario, logs)


def scene_for(app: AppLike, pairs: list[tuple[Scenario, SessionLog]], step: int = 0) -> Scene:
    """One log: its replay; one scenario: the class view; several: a choice of scenario first."""
    groups: dict[str, tuple[Scenario, list[SessionLog]]] = {}
    for scenario, log in pairs:
        groups.setdefault(scenario.id, (scenario, []))[1].append(log)
    if len(groups) > 1:
        return GroupScene(app, list(groups.values()))
    scenario, logs = next(iter(groups.values()))
    if len(logs) == 1:
        return ReplayScene(app, scenario, logs[0], step)
    return ClassScene(app, scenario, logs, step)
