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
from game.ui.input import Back, Button, Command, Scroll
from game.ui.richtext import quality_tag
from game.ui.scene import AppLike, Scene
from game.ui.theme import quality_colour, quality_mark
from game.ui.widgets import meter_chart

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
    ) -> None:
        super().__init__(app)
        self.scenario = scenario  # only to open the replay and write the report
        self.debrief: DebriefView = debrief_view(scenario, events)
        self.log_path = log_path
        self.mode = mode
        self.text_box: pygame_gui.elements.UITextBox | None = None

    def _areas(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        theme = self.theme
        w, h = self.app.screen.get_size()
        margin = theme.px(40)
        top = theme.px(150)
        bottom = h - theme.px(84)
        left = pygame.Rect(margin, top, round(w * 0.46) - margin, bottom - top)
        right = pygame.Rect(left.right + theme.px(24), top, w - left.right - theme.px(24) - margin, bottom - top)
        buttons = pygame.Rect(margin, bottom + theme.px(20), w - margin * 2, theme.px(46))
        return left, right, buttons

    def build(self) -> None:
        theme = self.theme
        _, right, buttons = self._areas()
        self.text_box = pygame_gui.elements.UITextBox(
            debrief_html(self.debrief, theme.palette), right, self.manager, object_id="#debrief"
        )
        self.keep(self.text_box)
        x = buttons.left
        for name, label, width in (
            ("menu", "Back to the menu", 200),
            ("replay", "Replay this session", 220),
            ("report", "Export report", 180),
        ):
            rect = pygame.Rect(x, buttons.top, theme.px(width), buttons.height)
            button = pygame_gui.elements.UIButton(
                rect, label, self.manager, object_id="#primary" if name == "menu" else f"#{name}"
            )
            if name != "menu" and not self.log_path:
                button.disable()  # type: ignore[no-untyped-call]  # unannotated in pygame_gui
            self.keep(button)
            x += rect.width + theme.px(12)

    def handle(self, command: Command) -> None:
        if isinstance(command, Button):
            if command.name == "primary":
                self.to_menu()
            elif command.name == "replay":
                self.open_replay()
            elif command.name == "report":
                self.export_report()
        elif isinstance(command, Back):  # not Enter: a trainee still pressing on must not skip the debrief
            self.to_menu()
        elif isinstance(command, Scroll) and self.text_box is not None and self.text_box.scroll_bar:
            bar = self.text_box.scroll_bar
            bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + command.lines * 0.02)))

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
        margin = theme.px(40)
        y = theme.px(28)
        surface.blit(theme.text(f"Debrief — {debrief.scenario_title}", "small", palette.page_muted), (margin, y))
        y += theme.line_height("small")
        ending = debrief.ending
        if ending is not None:
            title = ending.title
            x = margin
            if ending.rating:
                quality_mark(
                    surface, theme, ending.rating, (x + theme.px(10), y + theme.line_height("title") // 2), theme.px(18)
                )
                x += theme.px(28)
            heading = f"{title}  ·  {RATING_WORDS.get(ending.rating or '', 'The ending')}"
            surface.blit(theme.text(heading, "title", palette.page_text, "bold"), (x, y))
            y += theme.line_height("title")
            if ending.summary:
                theme.draw_text_block(
                    surface,
                    ending.summary,
                    pygame.Rect(margin, y, surface.get_width() - 2 * margin, theme.px(50)),
                    "body",
                    palette.page_text,
                )
        else:
            heading = "The session stopped before an ending" if debrief.error else "The session did not reach an ending"
            surface.blit(theme.text(heading, "title", palette.page_text, "bold"), (margin, y))
        left, _, buttons = self._areas()
        self._draw_left(surface, left)
        if self.log_path:
            room = buttons.right - (buttons.left + theme.px(200 + 220 + 180 + 36 + 16))
            text = f"Saved: {self.log_path}"
            while theme.text_width(text, "small") > room and len(text) > 12:
                text = "Saved: …" + text[len("Saved: …") + 4 :]
            note = theme.text(text, "small", palette.page_muted)
            surface.blit(note, (buttons.right - note.get_width(), buttons.centery - note.get_height() // 2))

    def _draw_left(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        debrief = self.debrief
        chart = pygame.Rect(area.left, area.top, area.width, round(area.height * 0.5))
        labels = {m.name: f"{m.title} {m.start} to {m.end}" for m in debrief.meters}
        meter_chart(surface, theme, chart, debrief.courses(), debrief.bounds(), labels, debrief.choice_marks)
        y = chart.bottom + theme.px(16)
        surface.blit(theme.text("Your replies by skill", "body", palette.page_text, "bold"), (area.left, y))
        y += theme.line_height("body")
        label_w = round(area.width * 0.45)
        for row in debrief.skills:
            if y + theme.line_height("small") > area.bottom:
                break
            surface.blit(theme.text(row.label, "small", palette.page_text), (area.left, y))
            x = area.left + label_w
            for quality in ("good", "neutral", "poor"):
                count = row.count(quality)
                quality_mark(
                    surface, theme, quality, (x + theme.px(6), y + theme.line_height("small") // 2), theme.px(11)
                )
                text = theme.text(
                    f"{count} {quality}", "small", quality_colour(theme, quality) if count else palette.page_muted
                )
                surface.blit(text, (x + theme.px(16), y))
                x += theme.px(16) + max(text.get_width(), theme.px(70)) + theme.px(8)
            y += theme.line_height("small")
        if not debrief.replies:
            surface.blit(theme.text("No replies were made.", "small", palette.page_muted), (area.left, y))
        if self.mode == "assessment":
            y = area.bottom - theme.line_height("small")
            surface.blit(
                theme.text(
                    "Assessment mode: this is the first time the numbers are shown.", "small", palette.page_muted
                ),
                (area.left, y),
            )
