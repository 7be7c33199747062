"""The session: the client in the room, their words, and the trainee's replies.

Flow of one turn: the client's line types out; then the replies appear (or a
continue card); a reply goes to the session runner, which steps the engine and
has the step's events on disk before the client's answer is shown. In
practice mode a coach card says how the reply landed, and why. If the log
cannot be written the trainee is told where and why, and may save elsewhere.
For authors, saving the scenario file reloads it as F5 does (game.ui.watch); a
save with errors lists them in a band under the top bar and play goes on.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine.expression import Expression, cue, expression
from game.engine.session import SessionError
from game.freetext import FreeTextUnavailable
from game.record.played import is_played_copy
from game.record.runner import SessionRunner
from game.scenario.model import Choice, Scenario
from game.ui.avatar import Avatar
from game.ui.bidi import isolate
from game.ui.free_reply import FIELD, HEARD, FreeReply, MatcherLike
from game.ui.input import (
    Activate,
    Back,
    Choose,
    Click,
    Command,
    Continue,
    Erase,
    Focus,
    Move,
    Point,
    Reload,
    Scroll,
    Toggle,
    TypeText,
    Undo,
)
from game.ui.reload import reload_session, reload_with
from game.ui.room import Room
from game.ui.scene import AppLike, Scene
from game.ui.stage import caption_band, draw_caption, draw_client, look_of, node_hints, reaction
from game.ui.theme import colour, quality_mark, rounded_rect
from game.ui.watch import FileWatch
from game.ui.widgets import Card, ScrollArea, Typewriter, focus_ring, layout_cards, meter_bar

QUALITY_WORDS = {"good": "Good reply", "neutral": "Neutral reply", "poor": "Poor reply"}


class SessionScene(Scene):
    def __init__(self, app: AppLike, runner: SessionRunner, matcher: MatcherLike | None = None) -> None:
        super().__init__(app)
        self.runner = runner
        session = self.session = runner.session
        self.scenario: Scenario = session.scenario
        self.told_failure: str | None = None
        self.queued_for_lrs = False  # the ended session went to the LRS queue (game.lrs.background)
        self.avatar = Avatar(look_of(self.scenario.client), session.seed, app.settings.reduced_motion)
        self.room = Room()
        self.typewriter = Typewriter("", 0)
        self.react_writer = Typewriter("", 0)  # the client's reaction to the reply, typed before the new line
        self.reply: Choice | None = None  # the trainee's last reply: stays on screen until the next one
        self.column = ScrollArea()  # the coach card and the replies
        self.exchange = ScrollArea()  # the reply, the reaction and the client's line
        self.exchange_fresh = True
        self.actions: dict[str, pygame.Rect] = {}  # the top bar's clickable actions
        self.cards: list[Card] = []
        self.focus = 0
        self.action_focus: str | None = None  # Tab: a top-bar action has the keyboard focus, not a card
        self.reveal_pending = False  # the focused card is to be scrolled into view at the next draw
        self.coach: tuple[Choice, str | None] | None = None  # the reply just made, and the new thought
        self.coach_first = False  # practice: the coach card stands alone until Space
        self.show_meters = app.settings.meters_in_practice and session.mode == "practice"
        self.rects: dict[str, pygame.Rect] = {}
        self.cue_in_exchange = False  # set by the layout: no room under the client for the cue line
        self.line_role = "large"  # set by the layout: "body" where the client's line would not fit whole
        self.elapsed = 0.0  # seconds on this screen: the caret blinks by it
        self.free: FreeReply | None = None  # free text: replies typed in the trainee's own words (a setting)
        if app.settings.free_text:
            self.free = FreeReply(self.scenario, matcher, background=matcher is None)
        self.watch = watch_for(self.scenario)  # reload on save (a setting): the file this session was loaded from
        self.file_errors: list[str] = []  # the saved file does not load: its errors, shown under the top bar
        self._show_current()
        for warning in runner.warnings:  # e.g. the played scenario could not be kept; the session goes on
            app.notify(warning, 8)

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
        speed = self.app.settings.characters_per_second
        self.typewriter = Typewriter(line, speed)
        react = self._react_text()
        self.react_writer = Typewriter(react, speed if react else 0)
        self.column.offset = 0
        self.exchange_fresh = True  # the view opens on the client's current line (see _draw_exchange)
        self.avatar.set_target(self.target_expression())
        self.focus = 0
        self._build_cards()

    def target_expression(self) -> Expression:
        turn = self.session.current()
        bounds = {m.name: m for m in self.scenario.meters}
        return expression(turn.meters, bounds, turn.node.mood, node_hints(turn.node))

    @property
    def phase(self) -> str:
        turn = self.session.current()
        if not self.typewriter.done or not self.react_writer.done:
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
        elif turn.choices and self.free is not None:
            self.cards = self.free.cards([(c.number, c.choice) for c in turn.choices])
        elif turn.choices:
            self.cards = [Card(c.number, c.choice.text, pygame.Rect(0, 0, 0, 0)) for c in turn.choices]
        else:
            self.cards = [Card(None, "Continue", pygame.Rect(0, 0, 0, 0))]

    # -- the trainee's actions ------------------------------------------------------------

    def choose_now(self, number: int) -> bool:
        """Make a choice right away (automation and tests): skip typing and coach steps."""
        self.skip_typing()
        self.coach_first = False
        turn = self.session.current()
        while turn.can_continue:
            self._continue()
            turn = self.session.current()
        if not 1 <= number <= len(turn.choices):
            return False
        self._choose(number)
        self.skip_typing()
        return True

    def skip_typing(self) -> None:
        self.react_writer.skip()
        self.typewriter.skip()

    def _choose(self, number: int, typed: str | None = None, match: dict[str, object] | None = None) -> None:
        turn = self.session.current()
        if not 1 <= number <= len(turn.choices):
            return
        choice = turn.choices[number - 1].choice
        try:
            self.runner.choose(choice.id, typed, match)
        except SessionError as exc:
            self.app.notify(str(exc))
            return
        if self.free is not None:
            self.free.reset()
        self.avatar.react(reaction(turn.meters, self.session.current().meters, self.scenario.meters))
        self.reply = choice
        if self.session.mode == "practice":  # the reply's own thought first, then the new moment's
            thoughts = [t for t in (choice.thought, self.session.current().node.thought) if t]
            self.coach = (choice, " ".join(thoughts) or None)
        self._after_action()

    def _free_activate(self, index: int) -> None:
        """Free text: Enter in the field matches the text; then a card says yes, not what I meant, or which."""
        free = self.free
        assert free is not None
        shown = [c.choice for c in self.session.current().choices]
        if free.state == FIELD:
            try:
                heard = free.submit(shown, practice=self.session.mode == "practice")
            except FreeTextUnavailable as exc:
                self.app.notify(f"{exc}. Choose from the replies instead.")
                self.free = None
                self._build_cards()
                return
            if heard is not None:  # assessment: accepted, so the client simply heard it
                self._choose(shown.index(heard) + 1, free.text, free.logged())
                return
        elif free.state == HEARD:
            heard = free.found.choice if free.found is not None else None
            if index == 0 and heard is not None:
                self._choose(shown.index(heard) + 1, free.text, free.logged())
                return
            free.not_what_i_meant()
        else:
            self._choose(index + 1, free.text, free.logged())
            return
        self._build_cards()
        self.focus = 0

    @property
    def typing(self) -> bool:
        """The free-text field has the keyboard: letters and digits are text, not commands."""
        return self.free is not None and self.free.state == FIELD and self.phase == "choosing"

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
        self.coach_first = False  # the coach card and the replies share the column, which scrolls
        failure = self.runner.failure
        if self.session.current().ended and failure is None and not self.queued_for_lrs:
            from game.lrs.background import session_ended

            self.queued_for_lrs = session_ended(self.runner.path, self.app.settings)  # sent in the background
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
        if self.free is not None:
            self.free.reset()
        self.reply = None
        self.coach = None
        self.coach_first = False
        self._after_action()
        self.skip_typing()

    def activate(self, index: int) -> None:
        phase = self.phase
        if phase == "typing":
            self.skip_typing()
        elif phase == "coach":
            self.coach_first = False
        elif phase == "choosing" and self.free is not None:
            self._free_activate(index)
        elif phase == "choosing":
            self._choose(index + 1)
        elif phase == "continue":
            self._continue()
        elif phase == "finished":
            self.open_debrief()

    def open_debrief(self) -> None:
        self.close_log()
        trainee = self.runner.header.get("trainee")
        self.app.replace(
            "debrief",
            self.scenario,
            self.session.events,
            self.log_path,
            mode=self.session.mode,
            trainee=trainee if isinstance(trainee, str) else None,
        )

    def handle(self, command: Command) -> None:
        phase = self.phase
        if isinstance(command, Choose):
            if phase == "typing":
                self.skip_typing()
            if self.phase == "coach":
                self.coach_first = False
            if self.phase == "choosing":
                shown = len(self.cards)
                if command.number > shown:
                    self.app.notify(f"There is no reply {command.number}: the replies are numbered 1 to {shown}.")
                else:
                    self.activate(command.number - 1)
            elif self.phase in ("continue", "finished"):
                what = "continue" if self.phase == "continue" else "see the debrief"
                self.app.notify(f"There are no replies to choose here: press Space or Enter to {what}.")
        elif isinstance(command, Move):
            self.action_focus = None
            if self.cards:
                self.focus = (self.focus + command.delta) % len(self.cards)
                self._reveal_focus()
        elif isinstance(command, Focus):
            self._tab(command.delta)
        elif isinstance(command, Scroll):
            self._scroll(command)
        elif isinstance(command, Activate):
            if self.action_focus is not None:
                self._action(self.action_focus)
            else:
                self.activate(self.focus)
        elif isinstance(command, Continue):
            if phase in ("typing", "coach", "continue", "finished"):
                self.activate(self.focus)
        elif isinstance(command, TypeText) and self.typing and self.free is not None:
            self.free.type(command.text)
        elif isinstance(command, Erase) and self.typing and self.free is not None:
            self.free.erase()
        elif isinstance(command, Undo):
            self._undo()
        elif isinstance(command, Point):
            for index, card in enumerate(self._visible_cards()):
                if card.rect.collidepoint(command.pos):
                    self.focus = index
                    self.action_focus = None
        elif isinstance(command, Click):
            self._click(command.pos)
        elif isinstance(command, Back):
            self.app.push("pause", self)
        elif isinstance(command, Toggle):
            self._toggle(command.what)
        elif isinstance(command, Reload):
            self.reload()

    def _click(self, pos: tuple[int, int]) -> None:
        for name, rect in self.actions.items():
            if rect.collidepoint(pos):
                self._action(name)
                return
        if self.column.click(self.theme, pos) or self.exchange.click(self.theme, pos):
            return
        for index, card in enumerate(self._visible_cards()):
            if card.rect.collidepoint(pos):
                self.focus = index
                self.activate(index)
                return
        on_text = any(self.rects.get(name, pygame.Rect(0, 0, 0, 0)).collidepoint(pos) for name in ("dialogue", "coach"))
        if on_text and self.phase in ("typing", "coach"):
            self.activate(self.focus)

    def _tab(self, delta: int) -> None:
        """Tab and Shift+Tab: through the replies (or the continue card), then the top bar's actions, and round."""
        stops: list[int | str] = [] if self.phase in ("typing", "coach") else list(range(len(self.cards)))
        stops += [name for name, _ in self._actions()]
        here: int | str | None = self.action_focus if self.action_focus is not None else self.focus
        index = stops.index(here) if here in stops else (-1 if delta > 0 else 0)
        stop = stops[(index + delta) % len(stops)]
        if isinstance(stop, str):
            self.action_focus = stop
        else:
            self.action_focus = None
            self.focus = stop
            self._reveal_focus()

    def _action(self, name: str) -> None:
        """A click on the top bar's actions: the same as their keys."""
        if name == "pause":
            self.app.push("pause", self)
        elif name == "undo":
            self._undo()
        else:
            self._toggle(name)

    def _scroll(self, command: Scroll) -> None:
        pixels = command.lines * self.theme.px(16)
        if self.exchange.view.collidepoint(command.pos):
            self.exchange.scroll(pixels)
        elif self.column.overflows or not self.exchange.overflows:
            self.column.scroll(pixels)
        else:
            self.exchange.scroll(pixels)

    def _reveal_focus(self) -> None:
        """Keyboard focus never lands on a card out of sight: the column scrolls to it when next drawn."""
        self.reveal_pending = True

    def _card_span(self, index: int, width: int, phase: str) -> tuple[int, int]:
        """Where card `index` lies in the column's content (top, bottom), at this width."""
        theme = self.theme
        top = self._column_content(width, phase) - sum(
            card.height_for(theme, width) + theme.px(10) for card in self.cards[index:]
        )
        top += theme.px(10)
        return top, top + self.cards[index].height_for(theme, width)

    def toast_area(self) -> pygame.Rect | None:
        """Messages go over the room, under the top bar: never over the client's words or the replies."""
        stage = self.rects.get("stage")
        return stage.inflate(-self.theme.px(16), -self.theme.px(16)) if stage is not None and stage.height > 0 else None

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

    def watch_file(self) -> None:
        """Reload on save: a saved file that loads replaces this scene (as F5 does); one that does not shows
        its errors under the top bar, once per content, and the session goes on with the version it has."""
        if self.watch is None or not self.app.settings.reload_on_save:
            return
        data = self.watch.poll(self.elapsed)
        if data is None:
            return
        name = Path(self.scenario.path).name
        if self.watch.known_sha256 == self.scenario.sha256:  # saved back as it was loaded: nothing to reload
            if self.file_errors:
                self.file_errors = []
                self.app.notify(f"{name} is back to the version being played")
            return
        self.file_errors = [d.format(name) for d in reload_with(self.app, self.runner, data)]

    # -- time ---------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.elapsed += dt
        self.watch_file()
        if self.react_writer.done:
            self.typewriter.update(dt)
        else:
            self.react_writer.update(dt)
        self.avatar.update(dt)

    # -- drawing -------------------------------------------------------------------------------

    def _react_text(self) -> str:
        react = getattr(self.reply, "react", None) if self.reply is not None else None
        return f"“{react}”" if isinstance(react, str) and react else ""

    def _actions(self) -> list[tuple[str, str]]:
        """The top bar's actions, each also a key: (name, label)."""
        items = [("help", "F1 Help"), ("transcript", "H Transcript"), ("pause", "Esc Pause")]
        if self.session.mode == "practice":
            items = [("meters", "M Meters"), ("undo", "Undo"), *items]
        return items

    def _bar_text(self) -> str:
        turn = self.session.current()
        mode = "Practice" if self.session.mode == "practice" else "Assessment"
        where = "Ended" if turn.finished else f"Turn {turn.turn + 1}"
        trainee = self.runner.header.get("trainee")
        who = f"  ·  {isolate(trainee)}" if isinstance(trainee, str) and trainee else ""
        return f"{isolate(self.scenario.title)}  ·  {isolate(self.scenario.client.name)}  ·  {where}  ·  {mode}{who}"

    def _bar_layout(self, width: int) -> tuple[int, list[tuple[str, str, pygame.Rect]]]:
        """The top bar: its title (wrapped if need be), then meters and actions flowing right; rows as needed.

        Returns the bar's height and (kind, name or text, rect) for each item: kind is
        'text', 'meter' (name is the meter's index) or 'action'.
        """
        theme = self.theme
        pad = theme.px(16)
        gap = theme.px(10)
        row_h = theme.line_height("small") + theme.px(12)
        inner = width - pad * 2
        font = theme.font("small")
        chips: list[tuple[str, str, int]] = []
        if self.show_meters:
            for index, meter in enumerate(self.scenario.meters):
                chips.append(("meter", str(index), font.size(meter.title)[0] + theme.px(110)))
        for name, label in self._actions():
            chips.append(("action", name, font.size(label)[0] + theme.px(20)))
        items: list[tuple[str, str, pygame.Rect]] = []
        lines = theme.wrap(self._bar_text(), inner, "small")
        chips_w = sum(w for _, _, w in chips) + gap * max(0, len(chips) - 1)
        y = 0
        for line in lines[:-1]:
            items.append(("text", line, pygame.Rect(pad, y, theme.text_width(line, "small"), row_h)))
            y += row_h
        last = theme.text_width(lines[-1], "small")
        items.append(("text", lines[-1], pygame.Rect(pad, y, last, row_h)))
        if last + theme.px(32) + chips_w <= inner:  # the actions fit beside the title's last line
            x = width - pad - chips_w
        else:
            y += row_h
            x = pad
        for kind, name, w in chips:
            if x + w > width - pad and x > pad:
                x, y = pad, y + row_h
            items.append((kind, name, pygame.Rect(x, y + theme.px(4), w, row_h - theme.px(8))))
            x += w + gap
        return y + row_h, items

    def _exchange_blocks(self) -> list[tuple[str, str, str, str, Typewriter | None, int]]:
        """The reply, the reaction and the client's line: (text, role, colour, style, typed by, gap after)."""
        theme = self.theme
        palette = theme.palette
        turn = self.session.current()
        name = self.scenario.client.name
        blocks: list[tuple[str, str, str, str, Typewriter | None, int]] = []
        if self.reply is not None:
            blocks.append(("You said", "small", palette.panel_muted, "bold", None, theme.px(2)))
            blocks.append((f"“{self.reply.text}”", "body", palette.panel_muted, "italic", None, theme.px(12)))
        react = self.react_writer.text
        if react:
            blocks.append((name, "small", palette.panel_muted, "bold", None, theme.px(2)))
            blocks.append((react, "body", palette.panel_text, "regular", self.react_writer, theme.px(12)))
        if self.cue_in_exchange:  # what the face shows, read just before the words
            blocks.append((self._cue_text(), "small", palette.panel_muted, "italic", None, theme.px(8)))
        if turn.node.narration:
            blocks.append((turn.node.narration, "small", palette.panel_muted, "italic", None, theme.px(8)))
        if turn.line:
            blocks.append((name, "small", palette.panel_muted, "bold", None, theme.px(4)))
            blocks.append((self.typewriter.text, self.line_role, palette.panel_text, "regular", self.typewriter, 0))
        if turn.error:
            blocks.append(
                (f"The scenario stopped here: {turn.error}", "small", palette.panel_muted, "regular", None, 0)
            )
        return blocks

    def _exchange_width(self, panel_width: int) -> int:
        theme = self.theme
        return min(panel_width - theme.px(80), theme.font(self.line_role).size("x" * 70)[0])

    def _exchange_heights(self, width: int) -> tuple[list[int], int]:
        """The height of each block of the exchange (with its gap), and how many make the client's current line."""
        theme = self.theme
        heights = [
            theme.text_height(text, width, role, style) + gap
            for text, role, _, style, _, gap in self._exchange_blocks()
        ]
        turn = self.session.current()
        tail = (2 if turn.line else 0) + (1 if turn.error else 0)
        return heights, tail

    def _figure_min(self, height: int) -> int:
        """The least height the client is drawn at: the face carries the hidden meters, so it stays readable."""
        return max(self.theme.px(150), round(height * 0.3))

    def _layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        """Bar on top; the client (stage) left; replies right; the exchange across the bottom.

        The exchange grows to show the client's whole current line, but never takes the
        client below `_figure_min`: past that it scrolls instead. When the caption under
        the chair would leave the client less than that, the caption is read with the words.
        """
        rects: dict[str, pygame.Rect] = {}
        # in order of preference: the line in large type, then the cue read with the words (it scrolls
        # with them), then the line in body type (a small window with large text)
        for role, cue_with_words in (("large", False), ("large", True), ("body", False), ("body", True)):
            self.line_role, self.cue_in_exchange = role, cue_with_words
            rects = self._arrange(size)
            stage = rects["stage"]
            caption = 0 if cue_with_words else caption_band(self.theme, self._cue_text(), stage).height
            if stage.height - caption < self._figure_min(size[1]):
                continue  # the caption would take the client's room
            dialogue = rects["dialogue"]
            if self._current_height(dialogue.width) + self.theme.px(40) <= dialogue.height:
                break
        return rects

    def _arrange(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        bar_h, _ = self._bar_layout(w)
        errors_h = self._errors_height(w, h)
        top = bar_h + errors_h
        room = h - top
        stage_w = round(w * 0.55)
        least = self._figure_min(h)
        if not self.cue_in_exchange:
            least += caption_band(self.theme, self._cue_text(), pygame.Rect(0, 0, stage_w, 0)).height
        dialogue_h = self._dialogue_height(w, room, least)
        stage_h = room - dialogue_h
        if stage_h < round(h * 0.35):
            side_h = self._dialogue_height(stage_w, room, least)
            if self._current_height(stage_w) + self.theme.px(40) <= side_h:
                return {  # the replies take the whole right side; the words sit under the client
                    "bar": pygame.Rect(0, 0, w, bar_h),
                    "file_errors": pygame.Rect(0, bar_h, w, errors_h),
                    "stage": pygame.Rect(0, top, stage_w, room - side_h),
                    "column": pygame.Rect(stage_w, top, w - stage_w, room),
                    "dialogue": pygame.Rect(0, h - side_h, stage_w, side_h),
                }
            # a short stage needs less width: the replies get the rest
            stage_w = min(stage_w, max(round(w * 0.36), round(stage_h * 1.5)))
        return {
            "bar": pygame.Rect(0, 0, w, bar_h),
            "file_errors": pygame.Rect(0, bar_h, w, errors_h),
            "stage": pygame.Rect(0, top, stage_w, stage_h),
            "column": pygame.Rect(stage_w, top, w - stage_w, stage_h),
            "dialogue": pygame.Rect(0, h - dialogue_h, w, dialogue_h),
        }

    def _current_height(self, panel_width: int) -> int:
        heights, tail = self._exchange_heights(self._exchange_width(panel_width))
        return sum(heights[len(heights) - tail :]) if tail else 0

    def _dialogue_height(self, width: int, room: int, stage_least: int) -> int:
        """The exchange's height at this width: all of it if it fits, else whole blocks from the end.

        The client's current line (with their name) is among them unless even that would take
        the stage below `stage_least`; what is left is reached by scrolling.
        """
        theme = self.theme
        pad_y = theme.px(20)
        heights, tail = self._exchange_heights(self._exchange_width(width))
        content = sum(heights)
        current = sum(heights[len(heights) - tail :]) if tail else 0
        base = max(theme.px(200), round(room * 0.36))
        most = max(theme.px(120), room - stage_least)
        cap = min(max(round(room * 0.6), current + pad_y * 2), most)
        if content + pad_y * 2 <= cap:
            return max(min(base, cap), content + pad_y * 2)
        shown = 0
        for height in reversed(heights):
            if shown + height + pad_y * 2 > cap:
                break
            shown += height
        return max(shown, current) + pad_y * 2 if max(shown, current) + pad_y * 2 <= cap else cap

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
        if self.phase in ("typing", "coach"):
            return []
        return [card for card in self.cards if card.rect.colliderect(self.column.view)]

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        palette = theme.palette
        self.rects = rects = self._layout(surface.get_size())
        stage = rects["stage"]
        # the caption has its own band under the chair: it covers nothing of the client
        caption = "" if self.cue_in_exchange else self._cue_text()
        band = caption_band(theme, caption, stage) if caption else pygame.Rect(stage.left, stage.bottom, stage.width, 0)
        above = pygame.Rect(stage.left, stage.top, stage.width, band.top - stage.top)
        draw_client(surface, above, self.room, self.avatar, palette)
        if caption:
            draw_caption(surface, theme, caption, band)
        column = rects["column"]
        pygame.draw.rect(surface, colour(palette.page), column)
        self._draw_bar(surface, rects["bar"])
        if self.file_errors:
            self._draw_file_errors(surface, rects["file_errors"])
        self._draw_exchange(surface, rects["dialogue"])
        self._draw_column(surface, column.inflate(-theme.px(32), -theme.px(32)))
        if self.action_focus in self.actions:
            focus_ring(surface, theme, self.actions[self.action_focus], on_dark=True)

    def _cue_text(self) -> str:
        shown = self.avatar.target or self.avatar.shown or self.target_expression()
        return cue(self.scenario.client.first_name, shown)

    def _draw_cue(self, surface: pygame.Surface, stage: pygame.Rect) -> None:
        if self.cue_in_exchange:
            return
        theme = self.theme
        text = self._cue_text()
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

    def _draw_bar(self, surface: pygame.Surface, bar: pygame.Rect) -> None:
        """Title, client, turn and mode; the meter bars when shown; the actions, each clickable."""
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.panel), bar)
        _, items = self._bar_layout(bar.width)
        self.actions = {}
        mouse = pygame.mouse.get_pos() if pygame.mouse.get_focused() else (-1, -1)
        labels = dict(self._actions())
        for kind, name, rect in items:
            rect = rect.move(bar.left, bar.top)
            if kind == "text":
                label = theme.text(name, "small", palette.panel_text)
                surface.blit(label, (rect.left, rect.centery - label.get_height() // 2))
            elif kind == "meter":
                meter = self.scenario.meters[int(name)]
                value = self.session.meters[meter.name]
                fraction = (value - meter.min) / max(1, meter.max - meter.min)
                meter_bar(surface, theme, rect, meter.title, fraction, int(name), palette.panel_text)
            else:
                self.actions[name] = rect
                hovered = rect.collidepoint(mouse)
                border = palette.panel_text if hovered else palette.panel_muted
                rounded_rect(surface, rect, None, border, width=theme.px(2) if hovered else 1, radius=theme.px(6))
                label = theme.text(labels[name], "small", palette.panel_text)
                surface.blit(label, label.get_rect(center=rect.center))

    def _draw_exchange(self, surface: pygame.Surface, panel: pygame.Rect) -> None:
        """The reply/react/next-line area: the trainee's reply, the client's reaction, then the client's line.

        All three stay until the next reply. When they do not fit, the panel scrolls (wheel,
        scrollbar) and starts at its end, so the client's current line is always in full view.
        """
        theme = self.theme
        palette = theme.palette
        pygame.draw.rect(surface, colour(palette.panel), panel)
        pad_y = theme.px(20)
        width = self._exchange_width(panel.width)
        left = panel.left + (panel.width - width) // 2
        view = pygame.Rect(panel.left, panel.top + pad_y, panel.width, panel.height - pad_y * 2)
        heights, tail = self._exchange_heights(width)
        self.exchange.set(view, sum(heights))
        if self.exchange_fresh:  # the newest words: the end, or the start of a current line taller than the view
            self.exchange_fresh = False
            self.exchange.offset = min(self.exchange.limit, sum(heights[: len(heights) - tail]))
        clip = surface.get_clip()
        surface.set_clip(view)
        y = view.top - self.exchange.offset
        for text, role, color, style, writer, gap in self._exchange_blocks():
            height = theme.text_height(text, width, role, style)
            if y + height > view.top and y < view.bottom:
                visible = None if writer is None else writer.visible
                theme.draw_text_block(surface, text, pygame.Rect(left, y, width, height), role, color, style, visible)
            y += height + gap
        surface.set_clip(clip)
        self.exchange.draw_bar(surface, theme, palette.panel, palette.panel_muted)

    def _column_content(self, width: int, phase: str) -> int:
        """The height of the column's content (coach card, heading, replies) at this width."""
        theme = self.theme
        height = 0
        if (self.coach is not None and phase != "typing") or phase == "coach":
            height += self._coach_height(width) + theme.px(12)
        height += theme.text_height(self._column_heading(phase), width, "small") + theme.px(8)
        if phase in ("typing", "coach"):
            return height
        gap = theme.px(10)
        if phase == "choosing" and self.free is not None:
            height += self.free.block_height(theme, width) + (gap if self.cards else 0)
        height += sum(card.height_for(theme, width) + gap for card in self.cards) - gap
        return height

    def _column_heading(self, phase: str) -> str:
        if phase == "choosing" and self.free is not None:
            return self.free.heading()
        return {
            "typing": "Space, Enter or a click: show the whole line",
            "coach": "Space, Enter or a click: your replies",
            "choosing": "Your reply — press its number, or use the arrow keys and Enter",
            "continue": "Space or Enter to continue",
            "finished": "The session has ended",
        }[phase]

    def _draw_column(self, surface: pygame.Surface, column: pygame.Rect) -> None:
        """The coach card, a heading saying what to do, and the replies; the column scrolls when they do not fit."""
        theme = self.theme
        palette = theme.palette
        phase = self.phase
        width = column.width
        content = self._column_content(width, phase)
        if content > column.height:
            width = column.width - theme.px(20)
            content = self._column_content(width, phase)
        self.column.set(column, content)
        if self.reveal_pending and phase not in ("typing", "coach") and 0 <= self.focus < len(self.cards):
            self.column.ensure_visible(*self._card_span(self.focus, width, phase))
        self.reveal_pending = False
        clip = surface.get_clip()
        surface.set_clip(column.inflate(theme.px(8), theme.px(8)))
        top = column.top - self.column.offset
        self.rects["coach"] = pygame.Rect(0, 0, 0, 0)
        if (self.coach is not None and phase != "typing") or phase == "coach":
            rect = pygame.Rect(column.left, top, width, self._coach_height(width))
            self._draw_coach(surface, rect)
            self.rects["coach"] = rect.clip(column)
            top = rect.bottom + theme.px(12)
        heading = self._column_heading(phase)
        top += theme.draw_text_block(
            surface, heading, pygame.Rect(column.left, top, width, column.height), "small", palette.page_muted
        ) + theme.px(8)
        if phase == "choosing" and self.free is not None:
            block = pygame.Rect(column.left, top, width, self.free.block_height(theme, width))
            self.free.draw_block(surface, theme, block, blink_on=self.elapsed % 1.0 < 0.6)
            top = block.bottom + theme.px(10)
        if phase not in ("typing", "coach"):
            area = pygame.Rect(column.left, top, width, column.bottom - top)
            layout_cards(theme, self.cards, area, theme.px(10))
            for index, card in enumerate(self.cards):
                if card.rect.colliderect(column.inflate(theme.px(8), theme.px(8))):
                    card.draw(surface, theme, focused=index == self.focus and self.action_focus is None)
        surface.set_clip(clip)
        self.column.draw_bar(surface, theme, palette.card_border, palette.page_muted)

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

    def _error_blocks(self, width: int, room: int) -> list[tuple[str, str]]:
        """The saved file's errors as (text, style): a heading, then as many errors as fit in `room` pixels
        (the first at least), then a line saying how many more and how to see them all."""
        theme = self.theme
        name = Path(self.scenario.path).name
        blocks = [(f"{name} was not reloaded: fix these errors and save again.", "bold")]
        blocks += [(line, "regular") for line in self.file_errors]
        heights = [theme.text_height(text, width, "small", style) for text, style in blocks]

        def more(shown: int) -> str:
            return f"… and {len(blocks) - shown} more: rapport validate {self.scenario.path}"

        def needs(shown: int) -> int:  # the first `shown` blocks, and the line for the rest if any
            rest = theme.text_height(more(shown), width, "small", "italic") if shown < len(blocks) else 0
            return sum(heights[:shown]) + rest

        shown = len(blocks)
        while shown > 2 and needs(shown) > room:
            shown -= 1
        return blocks if shown == len(blocks) else [*blocks[:shown], (more(shown), "italic")]

    def _errors_height(self, w: int, h: int) -> int:
        """The band of the saved file's errors, under the top bar: at most a quarter of the window; 0 without."""
        if not self.file_errors:
            return 0
        theme = self.theme
        pad = theme.px(10)
        width = w - theme.px(32)
        blocks = self._error_blocks(width, h // 4 - pad * 2)
        used = sum(theme.text_height(text, width, "small", style) for text, style in blocks)
        return min(h // 4, used + pad * 2)

    def _draw_file_errors(self, surface: pygame.Surface, band: pygame.Rect) -> None:
        """The band under the top bar: the saved file's errors (cut at the bottom in a very small window)."""
        theme = self.theme
        palette = theme.palette
        pad = theme.px(10)
        width = band.width - theme.px(32)
        pygame.draw.rect(surface, colour(palette.card), band)
        pygame.draw.rect(surface, colour(palette.poor), band, width=theme.px(2))
        clip = surface.get_clip()
        surface.set_clip(band.inflate(0, -pad))
        y = band.top + pad
        for text, style in self._error_blocks(width, band.height - pad * 2):
            rect = pygame.Rect(band.left + theme.px(16), y, width, band.bottom - pad - y)
            y += theme.draw_text_block(surface, text, rect, "small", palette.card_text, style)
        surface.set_clip(clip)


def watch_for(scenario: Scenario) -> FileWatch | None:
    """A watch on the file a scenario was loaded from; None for kept copies (played/), which never change."""
    if not scenario.path or scenario.path.startswith("<") or not scenario.sha256:
        return None
    path = Path(scenario.path)
    return None if is_played_copy(path) else FileWatch(path, scenario.sha256)
