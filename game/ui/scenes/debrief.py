"""The debrief: everything the session hid, shown once it is over.

The scene draws a `DebriefView` (game.analysis.presentation), the model the
terminal and the HTML report draw too; it computes no figure of its own.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.analysis.presentation import MITI_REFERENCE_TITLE, DebriefView, debrief_view
from game.scenario.model import Scenario
from game.ui.bidi import isolate
from game.ui.input import Activate, Back, Button, Click, Command, Focus, Move, Scroll
from game.ui.richtext import quality_tag
from game.ui.scene import AppLike, Scene
from game.ui.theme import quality_colour, quality_mark
from game.ui.widgets import ScrollArea, button_width, control_height, flow, focus_ring, meter_chart

ASSESSMENT_NOTE = "Assessment mode: this is the first time the numbers are shown."
RATING_WORDS = {"good": "A good ending", "neutral": "A mixed ending", "poor": "A difficult ending"}


def debrief_html(view: DebriefView, palette: Any) -> str:
    """Key moments, missed opportunities, teaching points and the transcript, as pygame_gui HTML."""
    esc = html.escape
    out: list[str] = []

    def quality(q: str | None) -> str:
        return quality_tag(q or "", palette)

    name = esc(view.client_name)
    muted = palette.page_muted
    if view.flags:
        shown = " · ".join(f"{esc(title)}: {'yes' if value else 'no'}" for title, value in view.flags)
        out.append(f"<b>What came up</b> — {shown}")
        out.append("")
    if view.miti is not None:
        out.append("<b>MITI 4 behaviour counts</b> — the replies that stand")
        for figure, value, reference in view.miti.rows():
            level = f" <font color='{muted}'>(reference level: {esc(reference)})</font>" if reference else ""
            out.append(f"{esc(figure)}: <b>{esc(value)}</b>{level}")
        out.append(f"<i><font color='{muted}'>{esc(MITI_REFERENCE_TITLE)}</font></i>")
        out.append("")
    if view.key_moments:
        out.append("<b>Key moments</b> — the replies that moved the client most")
        for reply in view.key_moments:
            out.append(f"Turn {reply.turn}: “{esc(reply.text)}” {quality(reply.quality)} <i>({esc(reply.change)})</i>")
            if reply.typed is not None:
                out.append(f"<font color='{muted}'>You typed: “{esc(reply.typed)}”</font>")
            if reply.react:
                out.append(f"<b>{name}:</b> {esc(reply.react)}")
            if reply.thought:
                out.append(f"<i><font color='{muted}'>({name} thinks: {esc(reply.thought)})</font></i>")
            if reply.feedback:
                out.append(f"<i>{esc(reply.feedback)}</i>")
        out.append("")
    if view.missed:
        out.append("<b>Missed opportunities</b>")
        for missed in view.missed:
            said, offered = missed.reply, missed.alternative
            out.append(f"Turn {said.turn}: you said “{esc(said.text)}” {quality(said.quality)}")
            if said.typed is not None:
                out.append(f"<font color='{muted}'>(you typed: “{esc(said.typed)}”)</font>")
            out.append(f"Also on offer: “{esc(offered.text)}” {quality(offered.quality)}")
            if offered.feedback:
                out.append(f"<i>{esc(offered.feedback)}</i>")
        out.append("")
    if view.points:
        out.append("<b>Points to take away</b>")
        out.extend(f"•  {esc(point)}" for point in view.points)
        out.append("")
    out.append("<b>Transcript</b>")
    for line in view.transcript:
        if line.speaker == "client":
            if line.narration:
                out.append(f"<i><font color='{muted}'>{esc(line.narration)}</font></i>")
            if line.text:
                out.append(f"<b>{name}:</b> {esc(line.text)}")
            if line.thought:
                out.append(f"<i><font color='{muted}'>({name} thinks: {esc(line.thought)})</font></i>")
        else:
            if line.typed is not None:
                out.append(f"<b>You typed:</b> {esc(line.typed)}")
                out.append(f"<font color='{muted}'>taken as:</font> {esc(line.text or '')} {quality(line.quality)}")
            else:
                out.append(f"<b>You:</b> {esc(line.text or '')} {quality(line.quality)}")
            if line.react:
                out.append(f"<b>{name}:</b> {esc(line.react)}")
            if line.thought:
                out.append(f"<i><font color='{muted}'>({name} thinks: {esc(line.thought)})</font></i>")
            if line.feedback:
                out.append(f"<i>{esc(line.feedback)}</i>")
    return "<br>".join(out)


class DebriefScene(Scene):
    def __init__(
        self,
        app: AppLike,
        scenario: Scenario,
        events: list[dict[str, Any]],
        log_path: str | None,
        mode: str = "practice",
        trainee: str | None = None,
    ) -> None:
        super().__init__(app)
        self.trainee = trainee  # named beside the scenario's title, in any script
        self.scenario = scenario  # only to open the replay and write the report
        self.debrief: DebriefView = debrief_view(scenario, events)
        self.log_path = log_path
        self.mode = mode
        self.text_box: pygame_gui.elements.UITextBox | None = None
        self.left = ScrollArea()  # the ending's summary, the meters' chart and the replies by skill
        self.focus: str | None = None  # a button reached with Tab; Enter acts on it

    BUTTONS = (("menu", "Back to the menu"), ("replay", "Replay this session"), ("report", "Export report"))

    def _label(self) -> str:
        who = f"  ·  {isolate(self.trainee)}" if self.trainee else ""
        return f"Debrief — {isolate(self.debrief.scenario_title)}{who}"

    def _heading(self) -> str:
        ending = self.debrief.ending
        if ending is not None:
            return f"{isolate(ending.title)}  ·  {RATING_WORDS.get(ending.rating or '', 'The ending')}"
        return "The session stopped before an ending" if self.debrief.error else "The session did not reach an ending"

    def _areas(self) -> dict[str, pygame.Rect]:
        """Header (what was played, the ending), the two columns (each scrolls), and the buttons with the log's path."""
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = theme.px(40)
        inner = w - margin * 2
        areas: dict[str, pygame.Rect] = {}
        y = theme.px(20)
        label_h = theme.text_height(self._label(), inner, "small")
        areas["label"] = pygame.Rect(margin, y, inner, label_h)
        y += label_h
        mark = theme.px(28) if self.debrief.ending is not None and self.debrief.ending.rating else 0
        heading_h = theme.text_height(self._heading(), inner - mark, "title", "bold")
        areas["heading"] = pygame.Rect(margin + mark, y, inner - mark, heading_h)
        top = y + heading_h + theme.px(12)
        saved_h = theme.text_height(self._saved(), inner, "small") if self.log_path else 0
        height = control_height(theme)
        widths = [button_width(theme, label, 160) for _, label in self.BUTTONS]
        boxes, buttons_h = flow(theme, widths, inner, height, theme.px(12))
        bottom = h - theme.px(12) - saved_h - theme.px(8) - buttons_h
        for (name, _), box in zip(self.BUTTONS, boxes, strict=True):
            areas[name] = box.move(margin, bottom)
        areas["saved"] = pygame.Rect(margin, bottom + buttons_h + theme.px(8), inner, saved_h)
        middle_h = max(theme.px(80), bottom - theme.px(16) - top)
        left_w = round(inner * 0.46)
        areas["left"] = pygame.Rect(margin, top, left_w, middle_h)
        areas["right"] = pygame.Rect(margin + left_w + theme.px(24), top, inner - left_w - theme.px(24), middle_h)
        return areas

    def _saved(self) -> str:
        return f"Saved: {self.log_path}"

    def build(self) -> None:
        theme = self.theme
        areas = self._areas()
        self.text_box = pygame_gui.elements.UITextBox(
            debrief_html(self.debrief, theme.palette), areas["right"], self.manager, object_id="#debrief"
        )
        self.keep(self.text_box)
        for name, label in self.BUTTONS:
            button = pygame_gui.elements.UIButton(
                areas[name], label, self.manager, object_id="#primary" if name == "menu" else f"#{name}"
            )
            if name != "menu" and not self.log_path:
                button.disable()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            self.keep(button)

    def _order(self) -> list[str]:
        return [name for name, _ in self.BUTTONS if name == "menu" or self.log_path]

    def handle(self, command: Command) -> None:
        if isinstance(command, Button):
            self.press("menu" if command.name == "primary" else command.name)
        elif isinstance(command, Focus):
            order = self._order()
            index = order.index(self.focus) if self.focus in order else -1 if command.delta > 0 else 0
            self.focus = order[(index + command.delta) % len(order)]
        elif isinstance(command, Activate) and self.focus is not None:
            self.press(self.focus)  # Enter acts only on a button the trainee moved the focus to (Tab)
        elif isinstance(command, Back):  # not Enter: a trainee still pressing on must not skip the debrief
            self.to_menu()
        elif isinstance(command, Move):
            self._scroll(Scroll(command.delta * 3, self.left.view.center))
        elif isinstance(command, Scroll):
            self._scroll(command)
        elif isinstance(command, Click):
            self.left.click(self.theme, command.pos)

    def _scroll(self, command: Scroll) -> None:
        if self.left.view.collidepoint(command.pos) or (self.left.overflows and command.pos == (0, 0)):
            self.left.scroll(command.lines * self.theme.px(16))
        elif self.text_box is not None and self.text_box.scroll_bar:
            bar = self.text_box.scroll_bar
            bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + command.lines * 0.02)))

    def press(self, name: str) -> None:
        if name == "menu":
            self.to_menu()
        elif name == "replay":
            self.open_replay()
        elif name == "report":
            self.export_report()

    def to_menu(self) -> None:
        self.app.reset("title")

    def open_replay(self) -> None:
        from game.record.log import read_log

        if self.log_path:
            self.app.push("replay", self.scenario, read_log(self.log_path))

    def export_report(self) -> None:
        from game.analysis.report import write_report
        from game.record.log import read_log

        if not self.log_path:
            return
        log = read_log(self.log_path)
        out = Path(self.log_path).with_suffix(".html")
        write_report([(self.scenario, log)], out)
        self.app.notify(f"Report written: {out}", 8)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        debrief = self.debrief
        areas = self._areas()
        label = areas["label"]
        theme.draw_text_block(surface, self._label(), label, "small", palette.page_muted)
        heading = areas["heading"]
        ending = debrief.ending
        if ending is not None and ending.rating:
            centre = (heading.left - theme.px(18), heading.top + theme.line_height("title") // 2)
            quality_mark(surface, theme, ending.rating, centre, theme.px(18))
        theme.draw_text_block(surface, self._heading(), heading, "title", palette.page_text, "bold")
        self._draw_left(surface, areas["left"])
        if self.log_path:
            theme.draw_text_block(surface, self._saved(), areas["saved"], "small", palette.page_muted)
        if self.focus is not None and self.focus in areas:
            focus_ring(surface, theme, areas[self.focus])

    def _left_blocks(self, width: int) -> list[tuple[str, int]]:
        """What the left column holds, top to bottom, with heights: (kind, height)."""
        theme = self.theme
        debrief = self.debrief
        blocks: list[tuple[str, int]] = []
        if debrief.ending is not None and debrief.ending.summary:
            blocks.append(("summary", theme.text_height(debrief.ending.summary, width, "body") + theme.px(12)))
        blocks.append(("chart", max(theme.px(200), theme.line_height("small") * 6)))
        blocks.append(("skills-heading", theme.px(16) + theme.line_height("body")))
        label_w = round(width * 0.45)
        for index, row in enumerate(debrief.skills):
            blocks.append(
                (
                    f"skill:{index}",
                    max(
                        theme.text_height(row.label, label_w - theme.px(8), "small"),
                        self._counts_height(width - label_w),
                    ),
                )
            )
        if not debrief.replies:
            blocks.append(("no-replies", theme.line_height("small")))
        if self.mode == "assessment":
            blocks.append(("assessment", theme.px(8) + theme.text_height(ASSESSMENT_NOTE, width, "small")))
        return blocks

    def _counts_height(self, width: int) -> int:
        theme = self.theme
        widths = [
            theme.px(24) + max(theme.text_width(f"99 {q}", "small"), theme.px(70)) for q in ("good", "neutral", "poor")
        ]
        _, height = flow(theme, widths, width, theme.line_height("small"), 0)
        return height

    def _draw_left(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        debrief = self.debrief
        width = area.width
        blocks = self._left_blocks(width)
        content = sum(height for _, height in blocks)
        if content > area.height:
            width -= theme.px(20)
            blocks = self._left_blocks(width)
            content = sum(height for _, height in blocks)
        self.left.set(area, content)
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.top - self.left.offset
        label_w = round(width * 0.45)
        for kind, height in blocks:
            if y + height < area.top or y > area.bottom:
                y += height
                continue
            if kind == "summary" and debrief.ending is not None and debrief.ending.summary:
                theme.draw_text_block(
                    surface, debrief.ending.summary, pygame.Rect(area.left, y, width, height), "body", palette.page_text
                )
            elif kind == "chart":
                labels = {m.name: f"{m.title} {m.start} to {m.end}" for m in debrief.meters}
                chart = pygame.Rect(area.left, y, width, height)
                meter_chart(surface, theme, chart, debrief.courses(), debrief.bounds(), labels, debrief.choice_marks)
            elif kind == "skills-heading":
                surface.blit(
                    theme.text("Your replies by skill", "body", palette.page_text, "bold"),
                    (area.left, y + theme.px(16)),
                )
            elif kind.startswith("skill:"):
                row = debrief.skills[int(kind.split(":")[1])]
                theme.draw_text_block(
                    surface,
                    row.label,
                    pygame.Rect(area.left, y, label_w - theme.px(8), height),
                    "small",
                    palette.page_text,
                )
                widths = [
                    theme.px(24) + max(theme.text_width(f"99 {q}", "small"), theme.px(70))
                    for q in ("good", "neutral", "poor")
                ]
                boxes, _ = flow(theme, widths, width - label_w, theme.line_height("small"), 0)
                for quality, box in zip(("good", "neutral", "poor"), boxes, strict=True):
                    box = box.move(area.left + label_w, y)
                    count = row.count(quality)
                    quality_mark(surface, theme, quality, (box.left + theme.px(6), box.centery), theme.px(11))
                    ink = quality_colour(theme, quality) if count else palette.page_muted
                    surface.blit(theme.text(f"{count} {quality}", "small", ink), (box.left + theme.px(16), box.top))
            elif kind == "no-replies":
                surface.blit(theme.text("No replies were made.", "small", palette.page_muted), (area.left, y))
            elif kind == "assessment":
                theme.draw_text_block(
                    surface,
                    ASSESSMENT_NOTE,
                    pygame.Rect(area.left, y + theme.px(8), width, height),
                    "small",
                    palette.page_muted,
                )
            y += height
        surface.set_clip(clip)
        self.left.draw_bar(surface, theme, palette.card_border, palette.page_muted)
