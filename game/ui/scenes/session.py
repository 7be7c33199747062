"""The session: the client in the room, their words, and the trainee's replies.

Flow of one turn: the client's line types out; then the replies appear (or a
continue card); a reply goes to the session runner, which steps the engine and
has the step's events on disk before the client's answer is shown. In
practice mode a coach card says how the reply landed, and why. If the log
cannot be written the trainee is told where and why, and may save elsewhere.
"""

from __future__ import annotations

import pygame

from game.engine.expression import Expression, cue, expression
from game.engine.session import SessionError
from game.record.runner import SessionRunner
from game.scenario.model import Choice, Scenario
from game.ui.avatar import Avatar
from game.ui.input import (
    Activate,
    Back,
    Choose,
    Click,
    Command,
    Continue,
    Move,
    Point,
    Reload,
    Toggle,
    Undo,
)
from game.ui.reload import reload_session
from game.ui.room import Room
from game.ui.scene import AppLike, Scene
from game.ui.theme import colour, quality_mark, rounded_rect
from game.ui.widgets import Card, Typewriter, layout_cards, meter_bar

QUALITY_WORDS = {"good": "Good reply", "neutral": "Neutral reply", "poor": "Poor reply"}


class SessionScene(Scene):
    def __init__(self, app: AppLike, runner: SessionRunner) -> None:
        super().__init__(app)
        self.runner = runner
        session = self.session = runner.session
        self.scenario: Scenario = session.scenario
        self.told_failure: str | None = None
        self.avatar = Avatar(self.scenario.client.appearance, session.seed, app.settings.reduced_motion)
        self.room = Room()
        self.typewriter = Typewriter("", 0)
        self.cards: list[Card] = []
        self.focus = 0
        self.coach: tuple[Choice, str | None] | None = None  # the reply just made, and the new thought
        self.coach_first = False  # practice: the coach card stands alone until Space
        self.show_meters = app.settings.meters_in_practice and session.mode == "practice"
        self.rects: dict[str, pygame.Rect] = {}
        self._show_current()

    # -- lifecycle -------------------------------------------------------------------

    def build(self) -> None:
        """Settings may have changed under the pause menu: motion follows them at once."""
        self.avatar.reduced_motion = self.app.settings.reduced_motion
        if self.app.settings.characters_per_second == 0:
            self.typewriter.skip()

    def on_exit(self) -> None:
        super().on_exit()
        self.close_log()

    def close_log(self) -> None:
        self.runner.close()

    @property
    def log_path(self) -> str | None:
        return str(self.runner.path) if self.runner.path is not None else None

    # -- state --------------------------------------------------------------------------

    def _show_current(self) -> None:
        """Start showing the session's current node: its line types out, the face follows."""
        turn = self.session.current()
        line = f"“{turn.line}”" if turn.line else ""
        self.typewriter = Typewriter(line, self.app.settings.characters_per_second)
        self.avatar.set_target(self.target_expression())
        self.focus = 0
        self._build_cards()

    def target_expression(self) -> Expression:
        turn = self.session.current()
        bounds = {m.name: m for m in self.scenario.meters}
        return expression(turn.meters, bounds, turn.node.mood)

    @property
    def phase(self) -> str:
        turn = self.session.current()
        if not self.typewriter.done:
            return "typing"
        if self.coach_first:
            return "coach"
        if turn.finished:
            return "finished"
        if turn.choices:
            return "choosing"
        return "continue"

    def _build_cards(self) -> None:
        turn = self.session.current()
        if turn.finished:
            self.cards = [Card(None, "See the debrief", pygame.Rect(0, 0, 0, 0))]
        elif turn.choices:
            self.cards = [Card(c.number, c.choice.text, pygame.Rect(0, 0, 0, 0)) for c in turn.choices]
        else:
            self.cards = [Card(None, "Continue", pygame.Rect(0, 0, 0, 0))]

    # -- the trainee's actions ------------------------------------------------------------

    def choose_now(self, number: int) -> bool:
        """Make a choice right away (automation and tests): skip typing and coach steps."""
        self.typewriter.skip()
        self.coach_first = False
        turn = self.session.current()
        while turn.can_continue:
            self._continue()
            turn = self.session.current()
        if not 1 <= number <= len(turn.choices):
            return False
        self._choose(number)
        self.typewriter.skip()
        return True

    def _choose(self, number: int) -> None:
        turn = self.session.current()
        if not 1 <= number <= len(turn.choices):
            return
        choice = turn.choices[number - 1].choice
        try:
            self.runner.choose(choice.id)
        except SessionError as exc:
            self.app.notify(str(exc))
            return
        if self.session.mode == "practice":
            thought = self.session.current().node.thought
            self.coach = (choice, thought)
        self._after_action()

    def _continue(self) -> None:
        try:
            self.runner.continue_()
        except SessionError as exc:
            self.app.notify(str(exc))
            return
        self.coach = None
        self._after_action()

    def _after_action(self) -> None:
        """The step is on disk (the runner wrote it): show the client's answer, or say why it is not saved."""
        self._show_current()
        self.coach_first = self.coach is not None and not self._coach_fits()
        failure = self.runner.failure
        if failure is not None and failure != self.told_failure:
            self.told_failure = failure
            self.app.push("unsaved", self)

    def save_elsewhere(self) -> str:
        """Write the whole session to a new log in the sessions folder; say how it went, in one line."""
        from game.record.log import new_log_path

        path = new_log_path(self.scenario.id)
        try:
            self.runner.save_to(path)
        except OSError as exc:
            return f"It could not be saved to {path} either: {exc.strerror or exc}"
        self.told_failure = None
        return f"Saved to {path}; the session goes on logging there."

    def _undo(self) -> None:
        if not self.session.can_undo:
            if self.session.mode == "assessment":
                self.app.notify("Undo is only available in practice mode.")
            return
        self.runner.undo()
        self.coach = None
        self.coach_first = False
        self._after_action()
        self.typewriter.skip()

    def activate(self, index: int) -> None:
        phase = self.phase
        if phase == "typing":
            self.typewriter.skip()
        elif phase == "coach":
            self.coach_first = False
        elif phase == "choosing":
            self._choose(index + 1)
        elif phase == "continue":
            self._continue()
        elif phase == "finished":
            self.open_debrief()

    def open_debrief(self) -> None:
        self.close_log()
        self.app.replace("debrief", self.scenario, self.session.events, self.log_path, mode=self.session.mode)

    def handle(self, command: Command) -> None:
        phase = self.phase
        if isinstance(command, Choose):
            if phase == "typing":
                self.typewriter.skip()
            if self.phase == "coach":
                self.coach_first = False
            if self.phase == "choosing":
                self._choose(command.number)
        elif isinstance(command, Move):
            if self.cards:
                self.focus = (self.focus + command.delta) % len(self.cards)
        elif isinstance(command, Activate):
            self.activate(self.focus)
        elif isinstance(command, Continue):
            if phase in ("typing", "coach", "continue", "finished"):
                self.activate(self.focus)
        elif isinstance(command, Undo):
            self._undo()
        elif isinstance(command, Point):
            for index, card in enumerate(self._visible_cards()):
                if card.rect.collidepoint(command.pos):
                    self.focus = index
        elif isinstance(command, Click):
            self._click(command.pos)
        elif isinstance(command, Back):
            self.app.push("pause", self)
        elif isinstance(command, Toggle):
            self._toggle(command.what)
        elif isinstance(command, Reload):
            self.reload()

    def _click(self, pos: tuple[int, int]) -> None:
        for index, card in enumerate(self._visible_cards()):
            if card.rect.collidepoint(pos):
                self.focus = index
                self.activate(index)
                return
        on_text = any(self.rects.get(name, pygame.Rect(0, 0, 0, 0)).collidepoint(pos) for name in ("dialogue", "coach"))
        if on_text and self.phase in ("typing", "coach"):
            self.activate(self.focus)

    def _toggle(self, what: str) -> None:
        if what == "help":
            self.app.push("help")
        elif what == "transcript":
            self.app.push("transcript", self.scenario, self.session.events, self.session.mode)
        elif what == "meters":
            if self.session.mode == "practice":
                self.show_meters = not self.show_meters
            else:
                self.app.notify("In assessment mode the meters stay hidden until the debrief.")

    def reload(self) -> None:
        """F5: read the scenario again and replay this session's choices on it."""
        reload_session(self.app, self.runner)

    # -- time ---------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.typewriter.update(dt)
        self.avatar.update(dt)

    # -- drawing -------------------------------------------------------------------------------

    def _layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        theme = self.theme
        w, h = size
        bar_h = theme.px(40)
        dialogue_h = max(theme.px(200), round(h / 3))
        stage_w = round(w * 0.55)
        return {
            "bar": pygame.Rect(0, 0, w, bar_h),
            "stage": pygame.Rect(0, bar_h, stage_w, h - bar_h - dialogue_h),
            "column": pygame.Rect(stage_w, bar_h, w - stage_w, h - bar_h - dialogue_h),
            "dialogue": pygame.Rect(0, h - dialogue_h, w, dialogue_h),
        }

    def _coach_fits(self) -> bool:
        rects = self._layout(self.app.screen.get_size())
        column = rects["column"].inflate(-self.theme.px(32), -self.theme.px(32))
        heading = self.theme.line_height("small") + self.theme.px(8)
        top = column.top + self._coach_height(column.width) + self.theme.px(12) + heading
        area = pygame.Rect(column.left, top, column.width, column.bottom - top)
        return layout_cards(self.theme, self.cards, area, self.theme.px(10))

    def _coach_height(self, width: int) -> int:
        if self.coach is None:
            return 0
        theme = self.theme
        pad = theme.px(14)
        choice, thought = self.coach
        inner = width - pad * 2
        height = pad * 2 + theme.text_height(self._coach_title(choice), inner - theme.px(24), "body", "bold")
        if choice.feedback:
            height += theme.text_height(choice.feedback, inner, "body")
        if thought:
            height += theme.px(6) + theme.text_height(self._thought_text(thought), inner, "body", "italic")
        return height

    def _coach_title(self, choice: Choice) -> str:
        quality = QUALITY_WORDS.get(choice.quality, choice.quality)
        return f"Coach · {quality} · {self.scenario.skill_label(choice.skill)}"

    def _thought_text(self, thought: str) -> str:
        return f"{self.scenario.client.first_name} thinks: {thought}"

    def _visible_cards(self) -> list[Card]:
        return [] if self.phase in ("typing", "coach") else self.cards

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        self.rects = rects = self._layout(surface.get_size())
        turn = self.session.current()
        shown = self.avatar.shown or self.target_expression()
        stage = rects["stage"]
        surface.blit(self.room.surface(stage.size, shown.light, palette), stage.topleft)
        figure = pygame.Rect(0, 0, round(stage.width * 0.9), round(stage.height * 1.06))
        figure.midbottom = (stage.centerx, stage.bottom + round(stage.height * 0.1))
        self.avatar.draw(surface, figure)
        self._draw_cue(surface, stage, shown)
        column = rects["column"]
        pygame.draw.rect(surface, colour(palette.page), column)
        self._draw_bar(surface, rects["bar"], turn.turn)
        self._draw_dialogue(surface, rects["dialogue"])
        self._draw_column(surface, column.inflate(-theme.px(32), -theme.px(32)))

    def _draw_cue(self, surface: pygame.Surface, stage: pygame.Rect, shown: Expression) -> None:
        theme = self.theme
        text = cue(self.scenario.client.first_name, self.avatar.target or shown)
        label = theme.text(text, "small", theme.palette.panel_text, "italic")
        back = label.get_rect()
        back.inflate_ip(theme.px(20), theme.px(8))
        back.midbottom = (stage.centerx, stage.bottom - theme.px(8))
        if back.width > stage.width - theme.px(16):
            lines = theme.wrap(text, stage.width - theme.px(40), "small", "italic")
            height = len(lines) * theme.line_height("small") + theme.px(8)
            back = pygame.Rect(0, 0, stage.width - theme.px(16), height)
            back.midbottom = (stage.centerx, stage.bottom - theme.px(8))
            rounded_rect(surface, back, theme.palette.panel, radius=theme.px(8))
            theme.draw_text_block(
                surface, text, back.inflate(-theme.px(20), -theme.px(8)), "small", theme.palette.panel_text, "italic"
            )
            return
        rounded_rect(surface, back, theme.palette.panel, radius=theme.px(8))
        surface.blit(label, label.get_rect(center=back.center))

    def _draw_bar(self, surface: pygame.Surface, bar: pygame.Rect, turn_number: int) -> None:
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.panel), bar)
        mode = "Practice" if self.session.mode == "practice" else "Assessment"
        left = f"{self.scenario.title}  ·  {self.scenario.client.name}  ·  Turn {turn_number + 1}  ·  {mode}"
        label = theme.text(left, "small", palette.panel_text)
        surface.blit(label, (theme.px(16), bar.centery - label.get_height() // 2))
        hints = "F1 help  ·  H transcript  ·  Esc pause"
        if self.session.mode == "practice":
            hints = "M meters  ·  Backspace undo  ·  " + hints
        if self.show_meters:
            x = theme.px(24) + label.get_width() + theme.px(24)
            width = theme.px(150)
            for index, meter in enumerate(self.scenario.meters):
                if x + width > bar.right - theme.px(16):
                    break
                value = self.session.meters[meter.name]
                fraction = (value - meter.min) / max(1, meter.max - meter.min)
                meter_bar(
                    surface,
                    theme,
                    pygame.Rect(x, bar.top, width, bar.height),
                    meter.title,
                    fraction,
                    index,
                    palette.panel_text,
                )
                x += width + theme.px(16)
            return
        hint = theme.text(hints, "small", palette.panel_muted)
        if hint.get_width() + label.get_width() + theme.px(64) < bar.width:
            surface.blit(hint, (bar.right - hint.get_width() - theme.px(16), bar.centery - hint.get_height() // 2))

    def _draw_dialogue(self, surface: pygame.Surface, panel: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.panel), panel)
        turn = self.session.current()
        node = turn.node
        pad_x, pad_y = theme.px(40), theme.px(20)
        width = min(panel.width - pad_x * 2, theme.font("large").size("x" * 70)[0])
        left = panel.left + (panel.width - width) // 2
        y = panel.top + pad_y
        if node.narration:
            y += theme.draw_text_block(
                surface,
                node.narration,
                pygame.Rect(left, y, width, panel.height),
                "small",
                palette.panel_muted,
                "italic",
            ) + theme.px(8)
        if turn.line:
            name = theme.text(self.scenario.client.name, "small", palette.panel_muted, "bold")
            surface.blit(name, (left, y))
            y += name.get_height() + theme.px(4)
            theme.draw_text_block(
                surface,
                self.typewriter.text,
                pygame.Rect(left, y, width, panel.bottom - y),
                "large",
                palette.panel_text,
                visible_chars=self.typewriter.visible,
            )
        if turn.error:
            message = f"The scenario stopped here: {turn.error}"
            theme.draw_text_block(
                surface,
                message,
                pygame.Rect(left, panel.bottom - theme.px(60), width, 60),
                "small",
                palette.panel_muted,
            )
        if self.phase == "typing":
            hint = theme.text("Space to show it all", "small", palette.panel_muted)
            surface.blit(
                hint, (panel.right - hint.get_width() - theme.px(16), panel.bottom - hint.get_height() - theme.px(10))
            )

    def _draw_column(self, surface: pygame.Surface, column: pygame.Rect) -> None:
        theme = self.theme
        palette = theme.palette
        phase = self.phase
        top = column.top
        self.rects["coach"] = pygame.Rect(0, 0, 0, 0)
        if (self.coach is not None and phase != "typing") or phase == "coach":
            height = self._coach_height(column.width)
            rect = pygame.Rect(column.left, top, column.width, height)
            self._draw_coach(surface, rect)
            self.rects["coach"] = rect
            top = rect.bottom + theme.px(12)
        if phase == "typing":
            return
        if phase == "coach":
            hint = theme.text("Space or click: your replies", "small", palette.page_muted)
            surface.blit(hint, (column.left, top))
            return
        heading = {
            "choosing": "Your reply — press its number, or use the arrow keys and Enter",
            "continue": "Space or Enter to continue",
            "finished": "The session has ended",
        }[phase]
        label = theme.text(heading, "small", palette.page_muted)
        surface.blit(label, (column.left, top))
        top += label.get_height() + theme.px(8)
        area = pygame.Rect(column.left, top, column.width, column.bottom - top)
        layout_cards(theme, self.cards, area, theme.px(10))
        for index, card in enumerate(self.cards):
            card.draw(surface, theme, focused=index == self.focus)

    def _draw_coach(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        assert self.coach is not None
        theme = self.theme
        palette = theme.palette
        choice, thought = self.coach
        rounded_rect(surface, rect, palette.card, palette.card_border, radius=theme.px(10))
        pad = theme.px(14)
        y = rect.top + pad
        quality_mark(
            surface,
            theme,
            choice.quality,
            (rect.left + pad + theme.px(8), y + theme.line_height("body") // 2),
            theme.px(14),
        )
        title_rect = pygame.Rect(rect.left + pad + theme.px(24), y, rect.width - pad * 2 - theme.px(24), rect.height)
        y += theme.draw_text_block(surface, self._coach_title(choice), title_rect, "body", palette.card_text, "bold")
        inner = pygame.Rect(rect.left + pad, y, rect.width - pad * 2, rect.bottom - y)
        if choice.feedback:
            y += theme.draw_text_block(surface, choice.feedback, inner, "body", palette.card_text)
        if thought:
            y += theme.px(6)
            theme.draw_text_block(
                surface,
                self._thought_text(thought),
                pygame.Rect(inner.left, y, inner.width, rect.bottom - y),
                "body",
                palette.card_muted,
                "italic",
            )
